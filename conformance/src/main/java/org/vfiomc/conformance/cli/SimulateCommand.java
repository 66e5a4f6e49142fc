package org.vfiomc.conformance.cli;

import com.google.common.collect.ImmutableMap;
import com.google.common.collect.ImmutableSet;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Collections;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import org.vfiomc.conformance.orchestrator.ChunkFault;
import org.vfiomc.conformance.orchestrator.DevicePair;
import org.vfiomc.conformance.orchestrator.FaultPlan;
import org.vfiomc.conformance.orchestrator.HostModel;
import org.vfiomc.conformance.orchestrator.MigrationReport;
import org.vfiomc.conformance.orchestrator.MultifdFault;
import org.vfiomc.conformance.orchestrator.MultifdTransfer;
import org.vfiomc.conformance.orchestrator.OrchestratorOptions;
import org.vfiomc.conformance.orchestrator.ProtocolDefect;
import org.vfiomc.conformance.orchestrator.ProtocolHooks;
import org.vfiomc.conformance.orchestrator.ProtocolObserver;
import org.vfiomc.conformance.orchestrator.StreamFault;
import org.vfiomc.conformance.record.RxDmaRecorder;
import org.vfiomc.conformance.record.VfioMigrationRecorder;
import org.vfiomc.conformance.scenario.BadFrames;
import org.vfiomc.conformance.scenario.EthernetSwitch;
import org.vfiomc.conformance.scenario.RxStrategy;
import org.vfiomc.conformance.scenario.SyntheticVm;
import org.vfiomc.conformance.scenario.VfRunReport;
import org.vfiomc.conformance.scenario.VfVm;
import org.vfiomc.conformance.vfio.ArcFault;
import org.vfiomc.conformance.vfio.MigrationFeatures;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code simulate}: one whole live migration of a VM with an 82599 VF under Rx traffic, in
 * simulated time ({@link VfVm}): every frame is judged by the packet ledger. {@code --synthetic N}
 * instead migrates N synthetic P2P devices ({@link SyntheticVm}) to study the multi-device stop
 * ordering, which the single VF cannot show. {@code --record FILE} writes the VF migration as an
 * ITF run of {@code specs/VfioMigration/VfioMigration.tla} ({@code conformance.record}) for {@code
 * checker validate}.
 */
@Command(
    name = "simulate",
    mixinStandardHelpOptions = true,
    description = {
      "Run one live migration of a VM with an 82599 VF under Rx traffic, in simulated time, and"
          + " print what happened to every frame: sent, delivered, droppedByDevice, lostOnWire,"
          + " droppedByDriver (what hardware does too), lostAfterAcceptance, corrupted, duplicated"
          + " (always a bug). Exit 0 if the three bug classes are 0 and the migration completed,"
          + " 1 otherwise.",
      "Downtime: 'vCPU downtime' runs from the vCPU stop to the destination device reaching"
          + " RUNNING and is made of SET arcs (50 us each, an assumption) plus the final copy at"
          + " 10 Gbit/s; 'service downtime' is the longest gap between two frames reaching the"
          + " guest stack once migration began (resolution: --interval-us)."
    })
final class SimulateCommand implements Callable<Integer> {
  private static final Map<String, List<String>> STRATEGIES = strategies();

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Option(
      names = "--strategy",
      paramLabel = "KEY=VALUE",
      description = {
        "repeatable: dirty-tracking=iommu-log|dummy-after-check|dummy-before-check|none"
            + " (default iommu-log); ring-restore=shift|reinit|head-reset (default shift);"
            + " stop-mode=qemu|guest-drain (default qemu);"
            + " p2p-ordering=prepare-then-main|naive (default prepare-then-main)."
            + " A bare VALUE is accepted when unambiguous."
      })
  List<String> strategies = List.of();

  @Option(
      names = "--host",
      paramLabel = "MODEL",
      description =
          "host model: qemu-10 (QEMU 10.x: device DMA logging, else IOMMU tracking, else all"
              + " guest RAM dirty at each sync) or rfc-2015 (the 2015 RFC host: no device DMA"
              + " tracking; needs dirty-tracking=dummy-after-check|dummy-before-check|none)."
              + " Default ${DEFAULT-VALUE}")
  String host = HostModel.QEMU_10.cli();

  @Option(
      names = "--packets",
      paramLabel = "N",
      description = "frames the wire offers (default ${DEFAULT-VALUE})")
  long packets = 1000;

  @Option(
      names = "--interval-us",
      paramLabel = "US",
      description = "microseconds between two frames (default ${DEFAULT-VALUE}; 1000 = ping)")
  long intervalMicros = 20;

  @Option(
      names = "--ring",
      paramLabel = "N",
      description = "Rx descriptors, multiple of 8, >= 32 (default ${DEFAULT-VALUE})")
  int ring = 512;

  @Option(
      names = "--ram-mib",
      paramLabel = "MIB",
      description = "guest RAM in MiB, >= 4 (default ${DEFAULT-VALUE})")
  int ramMib = 4;

  @Option(
      names = "--bad-frame-ratio",
      paramLabel = "R",
      description =
          "fraction of frames, 0..1, a bit error breaks on the wire (a CRC error; which ones is"
              + " drawn from --seed). Default 0")
  String badFrameRatio;

  @Option(
      names = "--pf-rx-all",
      description =
          "the PFs store bad packets (FCTRL.SBP, ethtool -K PF rx-all on): a broken frame is"
              + " placed with CE and the VF driver drops it (droppedByDriver); without it the MAC"
              + " discards it, counted (droppedByDevice)")
  boolean pfRxAll;

  @Option(
      names = "--synthetic",
      paramLabel = "N",
      description = "migrate N synthetic P2P devices instead of the VF (P2P ordering studies)")
  Integer synthetic;

  @Option(
      names = "--seed",
      paramLabel = "S",
      description = "workload seed (default ${DEFAULT-VALUE})")
  long seed = 1;

  @Option(names = "--json", paramLabel = "FILE", description = "also write the report as JSON")
  Path jsonFile;

  @Option(
      names = "--features",
      paramLabel = "LIST",
      converter = Inputs.FeaturesConverter.class,
      description = "device migration features (default P2P,PRE_COPY)")
  MigrationFeatures features = MigrationFeatures.ALL;

  @Option(
      names = "--announce-delay-us",
      paramLabel = "US",
      description =
          "VF only: microseconds from the destination VM running to its announce (default 0:"
              + " QEMU's first qemu_announce_self round goes out at once)")
  long announceDelayMicros = EthernetSwitch.QEMU_FIRST_ANNOUNCE_NANOS / 1000;

  @Option(
      names = "--relearn-us",
      paramLabel = "US",
      description =
          "VF only: microseconds from the announce to the switch forwarding to the destination"
              + " (default 1: a switch that learns in hardware)")
  long relearnMicros = EthernetSwitch.ASIC_RELEARN_NANOS / 1000;

  @Option(
      names = "--pages",
      paramLabel = "N",
      description = "--synthetic only: 4 KiB guest pages (default ${DEFAULT-VALUE})")
  int pages = 16384;

  @Option(
      names = "--dirty-pages-per-ms",
      paramLabel = "N",
      description = "--synthetic only: guest page writes per ms (default ${DEFAULT-VALUE})")
  int dirtyPagesPerMs = 200;

  @Option(names = "--fault-at-arc", paramLabel = "K", description = "fail the K-th arc (0-based)")
  Integer faultAtArc;

  @Option(
      names = "--fault",
      paramLabel = "KIND",
      description = "stay (device stays on the path) or error (device enters ERROR); default stay")
  String faultKind = "stay";

  @Option(names = "--cancel-after-arc", paramLabel = "K", description = "cancel after K arcs")
  Integer cancelAfterArc;

  @Option(
      names = "--record",
      paramLabel = "FILE",
      description =
          "also write the migration as an ITF run of specs/VfioMigration/VfioMigration.tla (one"
              + " state per spec action; check it with: checker validate"
              + " specs/VfioMigration/MC_VfioMigration_Qemu.tla --trace FILE, or with"
              + " MC_VfioMigration_FindingQemuNetFaults.tla after --net-fault). Pre-copy is limited"
              + " to "
              + RECORD_MAX_ROUNDS
              + " iterations (then cancelled) so that the run fits the model's MaxVersion = 2.")
  Path recordFile;

  @Option(
      names = "--record-rx",
      paramLabel = "FILE",
      description =
          "instead of the VM migration, record an emulator-driven RxDma run (82599 VF on an"
              + " 8-descriptor ring at head 7, 2 frames, 2 pre-copy rounds; a seeded scheduler"
              + " picks each next event) as an ITF run of specs/RxDma/RxDma.tla, with the"
              + " --strategy given; check it with: checker validate "
              + RxDmaRecorder.MODEL
              + " --trace FILE. Takes only --strategy and --seed. Exit 0 if the packet ledger"
              + " is clean, 1 if it found a lost, duplicated or corrupted frame (the file is"
              + " written either way)")
  Path recordRxFile;

  @Option(
      names = "--defect",
      paramLabel = "NAME",
      description =
          "repeatable: inject an orchestrator bug named as in VfioMigration's Defects:"
              + " NoResumeOnFailure, RecoverByReset, WaitForEnomsgInStopCopy")
  List<String> defects = List.of();

  @Option(
      names = "--net-fault",
      paramLabel = "KIND:K",
      description =
          "a fault between the source's and the destination's data fd (VfioMigration's NetFaults):"
              + " LOSS:K loses the K-th chunk (a pre-copy image, or the final state; from 1),"
              + " REORDER:K delivers it after the next one. This is the spec's un-framed wire,"
              + " which QEMU's transport cannot produce; QEMU's own faults are --stream-fault and"
              + " --multifd-fault")
  String netFault;

  @Option(
      names = "--stream-fault",
      paramLabel = "KIND@SECTION",
      description =
          "a fault of QEMU's migration channel at the SECTION-th VFIO section sent (from 1, over"
              + " all devices: setup, pre-copy iterations, stop-copy, config): BREAK closes the"
              + " channel halfway through it, UNKNOWN_TAG opens it with a tag the destination does"
              + " not know. Either fails the destination's load: it exits, the source runs on")
  String streamFault;

  @Option(
      names = "--multifd-channels",
      paramLabel = "N",
      description =
          "send the stop-copy state as QEMU's multifd device-state packets over N channels"
              + " (1.."
              + MultifdTransfer.MAX_CHANNELS
              + "; QEMU's default "
              + MultifdTransfer.DEFAULT_CHANNELS
              + "), written in index order by the destination's reorder buffer"
              + " (hw/vfio/migration-multifd.c); default: off, all over the main channel")
  Integer multifdChannels;

  @Option(
      names = "--multifd-max-queued",
      paramLabel = "BYTES",
      description =
          "with --multifd-channels: the destination's bound on bytes queued but not yet written,"
              + " per device (QEMU's x-migration-max-queued-buffers-size; default: none, as"
              + " QEMU's UINT64_MAX)")
  Long multifdMaxQueued;

  @Option(
      names = "--multifd-fault",
      paramLabel = "KIND@PACKET",
      description =
          "with --multifd-channels: a fault at the stop-copy packet with index PACKET (from 0;"
              + " the config packet is the last): REORDER (arrives after the next one; needs 2"
              + " channels), STALL (its channel's packets from it on arrive after all the others;"
              + " needs 2 channels), DUPLICATE (arrives twice), BREAK (its channel closes inside"
              + " it), VERSION (carries an unknown version)")
  String multifdFault;

  /** Simulated traffic before the migration begins. */
  private static final long MIGRATE_AFTER_NANOS = 1_000_000L;

  /**
   * Pre-copy iterations when recording: at most 2 new images after the first (MaxVersion = 2); a
   * migration not converged by then is cancelled by the management layer (QEMU has no cap).
   */
  static final int RECORD_MAX_ROUNDS = 3;

  private static Map<String, List<String>> strategies() {
    Map<String, List<String>> m = new LinkedHashMap<>();
    m.put("p2p-ordering", List.of("prepare-then-main", "naive"));
    // the RxDma strategies the simulated VM implements, by their RxStrategy names
    m.put("dirty-tracking", cliNames(RxStrategy.Tracking.values(), RxStrategy.Tracking::cli));
    m.put("ring-restore", cliNames(RxStrategy.RingRestore.values(), RxStrategy.RingRestore::cli));
    m.put("stop-mode", cliNames(RxStrategy.StopMode.values(), RxStrategy.StopMode::cli));
    return Collections.unmodifiableMap(m);
  }

  private static <E> List<String> cliNames(
      E[] values, java.util.function.Function<E, Optional<String>> cli) {
    return Arrays.stream(values).flatMap(e -> cli.apply(e).stream()).toList();
  }

  private Map<String, String> parseStrategies(CommandLine cl) {
    Map<String, String> chosen = new LinkedHashMap<>();
    for (String s : strategies) {
      String item = s.trim().toLowerCase(Locale.ROOT);
      String key;
      String value;
      int eq = item.indexOf('=');
      if (eq >= 0) {
        key = item.substring(0, eq);
        value = item.substring(eq + 1);
        if (!STRATEGIES.containsKey(key)) {
          throw new CommandLine.ParameterException(
              cl,
              "unknown strategy key '"
                  + key
                  + "' in --strategy "
                  + s
                  + "; keys: "
                  + String.join(", ", STRATEGIES.keySet()));
        }
      } else {
        value = item;
        key =
            STRATEGIES.entrySet().stream()
                .filter(e -> e.getValue().contains(value))
                .map(Map.Entry::getKey)
                .findFirst()
                .orElseThrow(
                    () ->
                        new CommandLine.ParameterException(
                            cl, "unknown strategy '" + s + "'; use KEY=VALUE, see --help"));
      }
      if (!STRATEGIES.get(key).contains(value)) {
        throw new CommandLine.ParameterException(
            cl,
            "unknown value '"
                + value
                + "' for strategy "
                + key
                + "; expected one of "
                + String.join(", ", STRATEGIES.get(key)));
      }
      if (chosen.containsKey(key) && !chosen.get(key).equals(value)) {
        throw new CommandLine.ParameterException(cl, "strategy " + key + " given twice");
      }
      chosen.put(key, value);
    }
    return chosen;
  }

  private Set<ProtocolDefect> parseDefects(CommandLine cl) {
    Set<ProtocolDefect> out = EnumSet.noneOf(ProtocolDefect.class);
    for (String name : defects) {
      out.add(
          Arrays.stream(ProtocolDefect.values())
              .filter(d -> d.specName().equalsIgnoreCase(name.trim()))
              .findFirst()
              .orElseThrow(
                  () ->
                      new CommandLine.ParameterException(
                          cl,
                          "unknown --defect '"
                              + name
                              + "'; expected one of "
                              + Arrays.stream(ProtocolDefect.values())
                                  .map(ProtocolDefect::specName)
                                  .collect(Collectors.joining(", ")))));
    }
    return out;
  }

  private Optional<ChunkFault> parseNetFault(CommandLine cl) {
    if (netFault == null) {
      return Optional.empty();
    }
    String[] parts = netFault.trim().toUpperCase(Locale.ROOT).split(":", -1);
    try {
      if (parts.length == 2) {
        return Optional.of(
            new ChunkFault(ChunkFault.Kind.valueOf(parts[0]), Integer.parseInt(parts[1])));
      }
    } catch (IllegalArgumentException e) {
      // falls through to the message below (unknown kind, not a number, chunk < 1)
    }
    throw new CommandLine.ParameterException(
        cl, "--net-fault must be LOSS:K or REORDER:K with K >= 1, got '" + netFault + "'");
  }

  /**
   * {@code KIND@N} of {@code option}: the kind's name (any case) among {@code kinds}, and N an
   * integer of at least {@code min}; anything else is a usage error naming the option and the text.
   */
  private static <E extends Enum<E>> Map.Entry<E, Integer> kindAt(
      CommandLine cl, String option, String text, Class<E> kinds, int min, String what) {
    String[] parts = text.trim().split("@", -1);
    String usage =
        option
            + " must be KIND@"
            + what
            + " with KIND one of "
            + Arrays.stream(kinds.getEnumConstants())
                .map(Enum::name)
                .collect(Collectors.joining(", "))
            + " and "
            + what
            + " >= "
            + min
            + ", got '"
            + text
            + "'";
    if (parts.length != 2) {
      throw new CommandLine.ParameterException(cl, usage);
    }
    E kind = null;
    for (E e : kinds.getEnumConstants()) {
      if (e.name().equalsIgnoreCase(parts[0].trim())) {
        kind = e;
      }
    }
    int n;
    try {
      n = Integer.parseInt(parts[1].trim());
    } catch (NumberFormatException e) {
      throw new CommandLine.ParameterException(cl, usage);
    }
    if (kind == null || n < min) {
      throw new CommandLine.ParameterException(cl, usage);
    }
    return Map.entry(kind, n);
  }

  private Optional<StreamFault> parseStreamFault(CommandLine cl) {
    if (streamFault == null) {
      return Optional.empty();
    }
    Map.Entry<StreamFault.Kind, Integer> f =
        kindAt(cl, "--stream-fault", streamFault, StreamFault.Kind.class, 1, "SECTION");
    return Optional.of(new StreamFault(f.getKey(), f.getValue()));
  }

  private Optional<MultifdTransfer> parseMultifd(CommandLine cl) {
    if (multifdChannels == null) {
      if (multifdFault != null || multifdMaxQueued != null) {
        throw new CommandLine.ParameterException(
            cl,
            (multifdFault != null ? "--multifd-fault" : "--multifd-max-queued")
                + " needs --multifd-channels N (multifd is off without it)");
      }
      return Optional.empty();
    }
    if (multifdChannels < 1 || multifdChannels > MultifdTransfer.MAX_CHANNELS) {
      throw new CommandLine.ParameterException(
          cl,
          "--multifd-channels must be in 1.."
              + MultifdTransfer.MAX_CHANNELS
              + ", got "
              + multifdChannels);
    }
    MultifdTransfer m = MultifdTransfer.of(multifdChannels);
    if (multifdMaxQueued != null) {
      if (multifdMaxQueued < 1) {
        throw new CommandLine.ParameterException(
            cl, "--multifd-max-queued must be >= 1 byte, got " + multifdMaxQueued);
      }
      m = m.withMaxQueuedBufferBytes(multifdMaxQueued);
    }
    if (multifdFault != null) {
      Map.Entry<MultifdFault.Kind, Integer> f =
          kindAt(cl, "--multifd-fault", multifdFault, MultifdFault.Kind.class, 0, "PACKET");
      MultifdFault fault = new MultifdFault(f.getKey(), f.getValue());
      if (fault.needsTwoChannels() && multifdChannels < 2) {
        throw new CommandLine.ParameterException(
            cl,
            "--multifd-fault "
                + multifdFault
                + " needs --multifd-channels 2 or more: one channel is one TCP stream, which"
                + " keeps its packets in order");
      }
      m = m.withFault(fault);
    }
    return Optional.of(m);
  }

  private HostModel parseHost(CommandLine cl) {
    return HostModel.ofCli(host.trim().toLowerCase(Locale.ROOT))
        .orElseThrow(
            () ->
                new CommandLine.ParameterException(
                    cl, "--host must be qemu-10 or rfc-2015, got '" + host + "'"));
  }

  /**
   * QEMU 10.x tracks device DMA itself ({@code iommu-log}); the RFC host has no default: its
   * guest-side strategies are what a run on it studies.
   */
  private static String defaultTracking(CommandLine cl, HostModel host) {
    if (host == HostModel.QEMU_10) {
      return "iommu-log";
    }
    throw new CommandLine.ParameterException(
        cl,
        "--host rfc-2015 has no device DMA tracking: choose the guest's with --strategy"
            + " dirty-tracking=dummy-after-check|dummy-before-check|none");
  }

  /** A VF run's dirty tracking belongs to one host model ({@link RxStrategy.Tracking#host()}). */
  private static void checkHost(CommandLine cl, HostModel chosen, String tracking) {
    RxStrategy.Tracking t =
        Arrays.stream(RxStrategy.Tracking.values())
            .filter(x -> x.cli().filter(tracking::equals).isPresent())
            .findFirst()
            .orElseThrow();
    if (t.host() != chosen) {
      throw new CommandLine.ParameterException(
          cl,
          "--strategy dirty-tracking="
              + tracking
              + " needs --host "
              + t.host().cli()
              + ", not --host "
              + chosen.cli()
              + (chosen == HostModel.QEMU_10
                  ? ": QEMU 10.x never ignores device DMA (it reads a device or IOMMU log, or"
                      + " marks all guest RAM dirty); that host is the 2015 RFC's"
                  : ": the 2015 RFC host has no device or IOMMU dirty tracking"));
    }
  }

  private ArcFault parseFault(CommandLine cl) {
    return switch (faultKind.toLowerCase(Locale.ROOT)) {
      case "stay" -> ArcFault.FAIL_STAY;
      case "error" -> ArcFault.FAIL_TO_ERROR;
      default ->
          throw new CommandLine.ParameterException(
              cl, "--fault must be stay or error, got '" + faultKind + "'");
    };
  }

  @Override
  public Integer call() throws IOException {
    CommandLine cl = spec.commandLine();
    if (recordRxFile != null) {
      return recordRx(cl);
    }
    SimulateOptions o = options(cl);
    OrchestratorOptions base = orchestratorOptions(o);
    OrchestratorOptions options =
        o.faultAtArc().isPresent()
            ? base.withFault(new FaultPlan(o.faultAtArc().getAsInt(), o.fault()))
            : base;
    SimulateResult result;
    if (o.synthetic().isPresent()) {
      result = synthetic(cl, o, base, options);
    } else {
      VfioMigrationRecorder recorder = new VfioMigrationRecorder();
      SimulateResult.Vf vf = vf(cl, o, base, options, recorder);
      if (o.recordFile().isPresent()) {
        if (recorder.problem().isPresent()) {
          cl.getErr().println("error: --record: " + recorder.problem().get());
          return Main.EXIT_INTERNAL;
        }
        Optional<String> failed =
            write("--record", o.recordFile().get(), recorder.itf(recordMeta(vf)));
        if (failed.isPresent()) {
          cl.getErr().println("error: " + failed.get());
          return Main.EXIT_USAGE;
        }
        vf =
            new SimulateResult.Vf(
                o,
                vf.strategy(),
                vf.orchestrator(),
                vf.run(),
                Optional.of(recorder.steps().size()));
      }
      result = vf;
    }
    SimulateText.write(result, cl.getOut());
    if (o.jsonFile().isPresent()) {
      Optional<String> failed =
          write("--json", o.jsonFile().get(), SimulateJson.write(result, MIGRATE_AFTER_NANOS));
      if (failed.isPresent()) {
        cl.getErr().println("error: " + failed.get());
        return Main.EXIT_USAGE;
      }
    }
    return result.clean() ? 0 : Main.EXIT_NEGATIVE;
  }

  /** {@code --record-rx}: records an RxDma run ({@link RxDmaRecorder}) with these strategies. */
  private int recordRx(CommandLine cl) {
    List<String> others =
        cl.getParseResult().matchedOptions().stream()
            .map(CommandLine.Model.OptionSpec::longestName)
            .filter(n -> !List.of("--record-rx", "--host", "--strategy", "--seed").contains(n))
            .distinct()
            .toList();
    if (!others.isEmpty()) {
      throw new CommandLine.ParameterException(
          cl,
          "--record-rx takes only --host, --strategy and --seed (ring, frames and rounds are"
              + " those of "
              + RxDmaRecorder.MODEL
              + "), not "
              + String.join(", ", others));
    }
    Outputs.problem(recordRxFile)
        .ifPresent(
            why -> {
              throw new CommandLine.ParameterException(
                  cl, "--record-rx " + recordRxFile + ": " + why);
            });
    Map<String, String> chosen = parseStrategies(cl);
    if (chosen.containsKey("p2p-ordering")) {
      throw new CommandLine.ParameterException(
          cl, "--record-rx: RxDma has one device; p2p-ordering does not apply");
    }
    // the same host rules as a VM run: guest-side tracking is the 2015 RFC host's world
    HostModel hostModel = parseHost(cl);
    if (!chosen.containsKey("dirty-tracking")) {
      chosen.put("dirty-tracking", defaultTracking(cl, hostModel));
    }
    checkHost(cl, hostModel, chosen.get("dirty-tracking"));
    RxDmaRecorder.Recording r =
        RxDmaRecorder.record(
            RxDmaRecorder.Config.of(
                rxByCli(
                    RxStrategy.Tracking.values(),
                    RxStrategy.Tracking::cli,
                    chosen.get("dirty-tracking"),
                    RxStrategy.Tracking.IOMMU),
                rxByCli(
                    RxStrategy.RingRestore.values(),
                    RxStrategy.RingRestore::cli,
                    chosen.get("ring-restore"),
                    RxStrategy.RingRestore.SHIFT),
                rxByCli(
                    RxStrategy.StopMode.values(),
                    RxStrategy.StopMode::cli,
                    chosen.get("stop-mode"),
                    RxStrategy.StopMode.QEMU),
                seed));
    if (r.problem().isPresent()) {
      cl.getErr().println("error: --record-rx: " + r.problem().get());
      return Main.EXIT_INTERNAL;
    }
    Optional<String> failed =
        write(
            "--record-rx",
            recordRxFile,
            r.itf(
                Map.of(
                    "validate",
                    "checker validate " + RxDmaRecorder.MODEL + " --trace " + recordRxFile,
                    "host",
                    hostModel.cli())));
    if (failed.isPresent()) {
      cl.getErr().println("error: " + failed.get());
      return Main.EXIT_USAGE;
    }
    cl.getOut().println(r.summary() + "; host: " + hostModel.title());
    cl.getOut().println("recorded: " + recordRxFile);
    return r.ledger().isEmpty() ? 0 : Main.EXIT_NEGATIVE;
  }

  private static <E> E rxByCli(
      E[] values, java.util.function.Function<E, Optional<String>> cli, String name, E fallback) {
    return name == null
        ? fallback
        : Arrays.stream(values)
            .filter(e -> cli.apply(e).filter(name::equals).isPresent())
            .findFirst()
            .orElseThrow();
  }

  /** Parses and checks every option into a value; a bad one is a usage error naming it. */
  private SimulateOptions options(CommandLine cl) {
    Map<String, String> chosen = parseStrategies(cl);
    if (synthetic != null) {
      for (String k : List.of("dirty-tracking", "ring-restore", "stop-mode")) {
        if (chosen.containsKey(k)) {
          throw new CommandLine.ParameterException(
              cl, "strategy " + k + " needs the VF; it does not apply with --synthetic");
        }
      }
      if (!defects.isEmpty() || netFault != null) {
        throw new CommandLine.ParameterException(
            cl, "--defect and --net-fault need the VF, not --synthetic");
      }
      if (badFrameRatio != null || pfRxAll) {
        throw new CommandLine.ParameterException(
            cl, "--bad-frame-ratio and --pf-rx-all need the VF, not --synthetic");
      }
      if (recordFile != null) {
        throw new CommandLine.ParameterException(
            cl, "--record needs the VF: VfioMigration has one device, --synthetic has several");
      }
      if (synthetic < 1 || synthetic > 64) {
        throw new CommandLine.ParameterException(
            cl, "--synthetic must be in 1..64, got " + synthetic);
      }
      if (pages < 1 || pages > (1 << 24)) {
        throw new CommandLine.ParameterException(
            cl, "--pages must be in 1..16777216, got " + pages);
      }
      if (dirtyPagesPerMs < 0) {
        throw new CommandLine.ParameterException(cl, "counts must not be negative");
      }
    }
    HostModel hostModel = parseHost(cl);
    if (synthetic == null) {
      if (!chosen.containsKey("dirty-tracking")) {
        chosen.put("dirty-tracking", defaultTracking(cl, hostModel));
      }
      chosen.putIfAbsent("ring-restore", "shift");
      chosen.putIfAbsent("stop-mode", "qemu");
      checkHost(cl, hostModel, chosen.get("dirty-tracking"));
    }
    chosen.putIfAbsent("p2p-ordering", "prepare-then-main");
    Map<String, String> used =
        synthetic != null ? Map.of("p2p-ordering", chosen.get("p2p-ordering")) : chosen;
    ArcFault fault = parseFault(cl);
    if ((faultAtArc != null && faultAtArc < 0) || (cancelAfterArc != null && cancelAfterArc < 0)) {
      throw new CommandLine.ParameterException(cl, "arc indices must not be negative");
    }
    for (Path out : new Path[] {jsonFile, recordFile}) {
      Optional<String> problem = Outputs.problem(out);
      if (problem.isPresent()) {
        throw new CommandLine.ParameterException(
            cl, (out == jsonFile ? "--json " : "--record ") + out + ": " + problem.get());
      }
    }
    Optional<StreamFault> parsedStreamFault = parseStreamFault(cl);
    Optional<MultifdTransfer> parsedMultifd = parseMultifd(cl);
    if (netFault != null && parsedMultifd.isPresent()) {
      throw new CommandLine.ParameterException(
          cl,
          "--net-fault is the VfioMigration spec's un-framed wire; it does not combine with"
              + " --multifd-channels (QEMU's framed, reordering-proof transport)");
    }
    if (recordFile != null && (parsedStreamFault.isPresent() || parsedMultifd.isPresent())) {
      throw new CommandLine.ParameterException(
          cl,
          "--record: VfioMigration has no multifd transfer and no channel fault; drop "
              + (parsedStreamFault.isPresent() ? "--stream-fault" : "--multifd-channels"));
    }
    if (recordFile != null && faultAtArc != null) {
      throw new CommandLine.ParameterException(
          cl,
          "--record: VfioMigration has no action for a failed SET (its failures are a cancel,"
              + " a lost or reordered chunk and a rejected load); use --cancel-after-arc");
    }
    if (synthetic == null) {
      if (packets < 0 || packets > 100_000_000L) {
        throw new CommandLine.ParameterException(cl, "--packets must be in 0..100000000");
      }
      if (intervalMicros < 1 || intervalMicros > 1_000_000) {
        throw new CommandLine.ParameterException(cl, "--interval-us must be in 1..1000000");
      }
      if (ring < 32 || ring > 4096 || ring % 8 != 0) {
        throw new CommandLine.ParameterException(
            cl, "--ring must be a multiple of 8 in 32..4096, got " + ring);
      }
      if (ramMib < 4 || ramMib > 4096) {
        throw new CommandLine.ParameterException(cl, "--ram-mib must be in 4..4096, got " + ramMib);
      }
    }
    if (announceDelayMicros < 0 || announceDelayMicros > 10_000_000L) {
      throw new CommandLine.ParameterException(
          cl, "--announce-delay-us must be in 0..10000000, got " + announceDelayMicros);
    }
    if (relearnMicros < 0 || relearnMicros > 10_000_000L) {
      throw new CommandLine.ParameterException(
          cl, "--relearn-us must be in 0..10000000, got " + relearnMicros);
    }
    return new SimulateOptions(
        ImmutableMap.copyOf(used),
        hostModel,
        packets,
        intervalMicros,
        ring,
        ramMib,
        new EthernetSwitch.Timing(announceDelayMicros * 1000, relearnMicros * 1000),
        new BadFrames(parseBadFrameRatio(cl), pfRxAll),
        synthetic == null ? OptionalInt.empty() : OptionalInt.of(synthetic),
        pages,
        dirtyPagesPerMs,
        seed,
        features,
        faultAtArc == null ? OptionalInt.empty() : OptionalInt.of(faultAtArc),
        fault,
        cancelAfterArc == null ? OptionalInt.empty() : OptionalInt.of(cancelAfterArc),
        ImmutableSet.copyOf(parseDefects(cl)),
        parseNetFault(cl),
        netFault == null ? "" : netFault,
        parsedStreamFault,
        parsedMultifd,
        Optional.ofNullable(jsonFile),
        Optional.ofNullable(recordFile));
  }

  /** {@code --bad-frame-ratio}: a number in [0, 1] (0 when absent), else a usage error. */
  private double parseBadFrameRatio(CommandLine cl) {
    if (badFrameRatio == null) {
      return 0;
    }
    double r;
    try {
      r = Double.parseDouble(badFrameRatio.trim());
    } catch (NumberFormatException e) {
      r = Double.NaN;
    }
    if (!(r >= 0 && r <= 1)) {
      throw new CommandLine.ParameterException(
          cl, "--bad-frame-ratio must be a number in 0..1, got '" + badFrameRatio + "'");
    }
    return r;
  }

  /**
   * The orchestrator's options without the arc fault, transport faults included: the arc probe of
   * {@link #checkFaultPositions} runs with these (a transport fault changes the arcs after it).
   */
  private static OrchestratorOptions orchestratorOptions(SimulateOptions o) {
    OrchestratorOptions options = probeOptions(o);
    if (o.streamFault().isPresent()) {
      options = options.withStreamFault(o.streamFault().get());
    }
    if (o.multifd().isPresent()) {
      options = options.withMultifd(o.multifd().get());
    }
    return options;
  }

  /**
   * The options of the transport probe: the run's without any fault, multifd without its fault (the
   * run is deterministic up to the fault, so the probe sends the same sections and packets).
   */
  private static OrchestratorOptions probeOptions(SimulateOptions o) {
    OrchestratorOptions options =
        OrchestratorOptions.defaults().withOrdering(o.ordering()).withHost(o.host());
    if (o.cancelAfterArc().isPresent()) {
      options = options.withCancelAfterArc(o.cancelAfterArc().getAsInt());
    }
    if (o.multifd().isPresent()) {
      MultifdTransfer m = o.multifd().get();
      options =
          options.withMultifd(
              new MultifdTransfer(m.channels(), m.maxQueuedBufferBytes(), Optional.empty()));
    }
    if (o.recordFile().isPresent()) {
      options = options.withMaxPrecopyRounds(RECORD_MAX_ROUNDS);
    }
    return options;
  }

  /** Counts the chunks that reach the destination in a probe run (a never-hitting chunk fault). */
  private static final class ChunkCounter implements ProtocolObserver {
    int chunks;

    @Override
    public void destinationWritten(DevicePair pair, byte[] data) {
      chunks++;
    }
  }

  /**
   * Rejects a fault position the run never reaches, before the run: a probe migration with the same
   * configuration, seed and options but no fault ({@link VfVm#migrateOnly}: the same arcs and
   * chunks, as the run is deterministic up to the fault, without the traffic after the migration)
   * counts the arcs and chunks that exist. An arc fault at K fires iff the probe took more than K
   * arcs; a LOSS of chunk K iff it read at least K chunks; a REORDER of chunk K iff a chunk K+1
   * follows (a held-back last chunk is delivered in order).
   */
  private static void checkFaultPositions(
      CommandLine cl, SimulateOptions o, VfVm.Config cfg, OrchestratorOptions base) {
    if (o.faultAtArc().isEmpty() && o.netFault().isEmpty()) {
      return;
    }
    ChunkCounter counter = new ChunkCounter();
    MigrationReport probe =
        new VfVm(cfg, o.seed())
            .migrateOnly(
                base,
                new ProtocolHooks(
                    counter,
                    o.defects(),
                    o.netFault()
                        .map(f -> new ChunkFault(ChunkFault.Kind.LOSS, Integer.MAX_VALUE))));
    neverFires(cl, o, probe.arcs());
    if (o.netFault().isPresent()) {
      ChunkFault f = o.netFault().get();
      int last = f.kind() == ChunkFault.Kind.LOSS ? counter.chunks : counter.chunks - 1;
      if (f.chunk() > last) {
        throw new CommandLine.ParameterException(
            cl,
            "--net-fault "
                + o.netFaultText()
                + " never fires: this run's stream has "
                + counter.chunks
                + " chunks, so K must be in "
                + (last < 1 ? "(none)" : "1.." + last)
                + " for "
                + f.kind()
                + (f.kind() == ChunkFault.Kind.REORDER
                    ? " (the last chunk has none after it)"
                    : ""));
      }
    }
  }

  /** Counts the VFIO sections and each device's multifd packets of a probe run. */
  private static final class TransportCounter implements ProtocolObserver {
    int sections;
    final Map<String, Integer> packets = new LinkedHashMap<>();

    @Override
    public void sectionOpened(DevicePair pair, int section) {
      sections = section;
    }

    @Override
    public void multifdPacketSent(DevicePair pair, int idx) {
      packets.merge(pair.name(), idx + 1, Math::max);
    }
  }

  /**
   * Rejects a {@code --stream-fault} section or {@code --multifd-fault} packet the run never
   * reaches, before the run: {@code probe} runs the migration with {@link #probeOptions} and the
   * counter. A stream fault at S fires iff the probe sent at least S sections; a multifd fault at
   * index I iff some device sent packet I (and I + 1 for REORDER).
   */
  private static void checkTransportFaults(
      CommandLine cl, SimulateOptions o, Consumer<ProtocolObserver> probe) {
    Optional<MultifdFault> mf = o.multifd().flatMap(MultifdTransfer::fault);
    if (o.streamFault().isEmpty() && mf.isEmpty()) {
      return;
    }
    TransportCounter c = new TransportCounter();
    probe.accept(c);
    if (o.streamFault().isPresent() && o.streamFault().get().section() > c.sections) {
      StreamFault f = o.streamFault().get();
      throw new CommandLine.ParameterException(
          cl,
          "--stream-fault "
              + f.kind()
              + "@"
              + f.section()
              + " never fires: this run sends "
              + c.sections
              + " VFIO sections, so SECTION must be in 1.."
              + c.sections);
    }
    if (mf.isPresent()) {
      int most = c.packets.values().stream().max(Integer::compare).orElse(0);
      int last = most - (mf.get().kind() == MultifdFault.Kind.REORDER ? 2 : 1);
      if (mf.get().packet() > last) {
        throw new CommandLine.ParameterException(
            cl,
            "--multifd-fault "
                + mf.get().kind()
                + "@"
                + mf.get().packet()
                + " never fires: a device of this run sends at most "
                + most
                + " stop-copy packets (the config packet last), so PACKET must be in "
                + (last < 0 ? "(none)" : "0.." + last)
                + " for "
                + mf.get().kind()
                + (mf.get().kind() == MultifdFault.Kind.REORDER
                    ? " (the last packet has none after it)"
                    : ""));
      }
    }
  }

  /** An arc fault at K fires iff the fault-free probe took more than K arcs. */
  private static void neverFires(CommandLine cl, SimulateOptions o, int arcs) {
    if (o.faultAtArc().isPresent() && o.faultAtArc().getAsInt() >= arcs) {
      throw new CommandLine.ParameterException(
          cl,
          "--fault-at-arc "
              + o.faultAtArc().getAsInt()
              + " never fires: this run takes "
              + arcs
              + " arcs, so K must be in 0.."
              + (arcs - 1));
    }
  }

  /** Writes an output file; a failure is a usage error naming the option (exit 2). */
  private static Optional<String> write(String option, Path file, String text) {
    try {
      Files.writeString(file, text);
      return Optional.empty();
    } catch (IOException e) {
      return Optional.of(option + " " + file + ": cannot write: " + TraceFiles.reason(e));
    }
  }

  private static SimulateResult.Vf vf(
      CommandLine cl,
      SimulateOptions o,
      OrchestratorOptions base,
      OrchestratorOptions options,
      VfioMigrationRecorder recorder) {
    RxStrategy strategy = o.rxStrategy();
    VfVm.Config cfg =
        new VfVm.Config(
            o.packets(),
            o.intervalMicros() * 1000,
            MIGRATE_AFTER_NANOS,
            o.ramBytes(),
            o.ring(),
            strategy,
            o.features(),
            o.network(),
            o.badFrames());
    checkFaultPositions(cl, o, cfg, base);
    checkTransportFaults(
        cl,
        o,
        counter ->
            new VfVm(cfg, o.seed())
                .migrateOnly(probeOptions(o), new ProtocolHooks(counter, o.defects())));
    ProtocolHooks hooks =
        o.recordFile().isEmpty() && o.defects().isEmpty() && o.netFault().isEmpty()
            ? ProtocolHooks.NONE
            : new ProtocolHooks(
                o.recordFile().isEmpty() ? ProtocolObserver.NONE : recorder,
                o.defects(),
                o.netFault());
    VfRunReport r = new VfVm(cfg, o.seed()).run(options, hooks);
    return new SimulateResult.Vf(o, strategy, options, r, Optional.empty());
  }

  /** The {@code meta} of a recorded run. */
  private static Map<String, String> recordMeta(SimulateResult.Vf r) {
    SimulateOptions o = r.options();
    Map<String, String> meta = new LinkedHashMap<>();
    meta.put(
        "validate",
        "checker validate specs/VfioMigration/"
            + (o.netFault().isPresent()
                ? "MC_VfioMigration_FindingQemuNetFaults.tla"
                : "MC_VfioMigration_Qemu.tla")
            + " --trace "
            + o.recordFile().orElseThrow());
    meta.put("device", "82599-vf");
    meta.put("features", String.join(",", Inputs.featureNames(o.features())));
    meta.put("seed", Long.toString(o.seed()));
    meta.put("host", o.host().cli());
    meta.put("strategies", o.strategyList());
    meta.put(
        "defects",
        o.defects().stream().map(ProtocolDefect::specName).collect(Collectors.joining(",")));
    meta.put("netFault", o.netFaultText());
    meta.put("packets", Long.toString(o.packets()));
    meta.put("outcome", r.migration().outcome().name());
    return meta;
  }

  private static SimulateResult.Synthetic synthetic(
      CommandLine cl, SimulateOptions o, OrchestratorOptions base, OrchestratorOptions options) {
    int devices = o.synthetic().getAsInt();
    if (o.faultAtArc().isPresent()) {
      // the probe: the same devices and seed without the fault (see checkFaultPositions)
      neverFires(cl, o, syntheticVm(o, devices).migrate(base).arcs());
    }
    checkTransportFaults(
        cl,
        o,
        counter ->
            syntheticVm(o, devices).migrate(probeOptions(o), new ProtocolHooks(counter, Set.of())));
    SyntheticVm vm = syntheticVm(o, devices);
    MigrationReport r = vm.migrate(options);
    boolean completed = r.outcome() == MigrationReport.Outcome.COMPLETED;
    SyntheticVm.P2pAccount p2p = vm.p2pAccount(completed);
    long mismatched = completed ? vm.memory().mismatchedPages() : 0;
    return new SimulateResult.Synthetic(o, devices, r, p2p, mismatched);
  }

  /** The synthetic VM of this run, warmed up and ready to migrate. */
  private static SyntheticVm syntheticVm(SimulateOptions o, int devices) {
    SyntheticVm vm =
        new SyntheticVm(
            devices,
            Collections.nCopies(devices, o.features()),
            o.pages(),
            4096,
            o.seed(),
            o.dirtyPagesPerMs(),
            10);
    vm.warmUp(10_000_000L);
    return vm;
  }
}
