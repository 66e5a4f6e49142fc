package org.vfiomc.conformance.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.vfiomc.conformance.ledger.Violation;
import org.vfiomc.conformance.orchestrator.ChunkFault;
import org.vfiomc.conformance.orchestrator.DevicePair;
import org.vfiomc.conformance.orchestrator.FaultPlan;
import org.vfiomc.conformance.orchestrator.MigrationReport;
import org.vfiomc.conformance.orchestrator.OrchestratorOptions;
import org.vfiomc.conformance.orchestrator.P2pOrdering;
import org.vfiomc.conformance.orchestrator.ProtocolDefect;
import org.vfiomc.conformance.orchestrator.ProtocolHooks;
import org.vfiomc.conformance.orchestrator.ProtocolObserver;
import org.vfiomc.conformance.record.VfioMigrationRecorder;
import org.vfiomc.conformance.scenario.DeliverySeries;
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
          + " print what happened to every frame. Exit 0 if no frame was lost, duplicated or"
          + " corrupted and the migration completed, 1 otherwise.",
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
          "also write the migration as an ITF run of specs/VfioMigration/VfioMigration.tla (one state per spec"
              + " action; check it with: checker validate specs/VfioMigration/MC_VfioMigration.tla --trace"
              + " FILE). Pre-copy is limited to "
              + RECORD_MAX_ROUNDS
              + " rounds so that the run fits the model's MaxVersion = 2.")
  Path recordFile;

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
              + " REORDER:K delivers it after the next one")
  String netFault;

  /** Simulated traffic before the migration begins. */
  private static final long MIGRATE_AFTER_NANOS = 1_000_000L;

  /** An orchestrator event line: {@code "<ns> ns: <what>"}. */
  private static final Pattern EVENT = Pattern.compile("(\\d+) ns: (.*)");

  /** Pre-copy rounds when recording: at most 2 new images after the first (MaxVersion = 2). */
  static final int RECORD_MAX_ROUNDS = 2;

  private static Map<String, List<String>> strategies() {
    Map<String, List<String>> m = new LinkedHashMap<>();
    m.put("p2p-ordering", List.of("prepare-then-main", "naive"));
    m.put(
        "dirty-tracking", List.of("iommu-log", "dummy-after-check", "dummy-before-check", "none"));
    m.put("ring-restore", List.of("shift", "reinit", "head-reset"));
    m.put("stop-mode", List.of("qemu", "guest-drain"));
    return Collections.unmodifiableMap(m);
  }

  private Map<String, String> parseStrategies() {
    CommandLine cl = spec.commandLine();
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

  private ArcFault parseFault() {
    return switch (faultKind.toLowerCase(Locale.ROOT)) {
      case "stay" -> ArcFault.FAIL_STAY;
      case "error" -> ArcFault.FAIL_TO_ERROR;
      default ->
          throw new CommandLine.ParameterException(
              spec.commandLine(), "--fault must be stay or error, got '" + faultKind + "'");
    };
  }

  @Override
  public Integer call() throws IOException {
    CommandLine cl = spec.commandLine();
    Map<String, String> chosen = parseStrategies();
    if (synthetic != null) {
      for (String k : List.of("dirty-tracking", "ring-restore", "stop-mode")) {
        if (chosen.containsKey(k)) {
          throw new CommandLine.ParameterException(
              cl, "strategy " + k + " needs the VF; it does not apply with --synthetic");
        }
      }
    }
    chosen.putIfAbsent("dirty-tracking", "iommu-log");
    chosen.putIfAbsent("ring-restore", "shift");
    chosen.putIfAbsent("stop-mode", "qemu");
    chosen.putIfAbsent("p2p-ordering", "prepare-then-main");
    ArcFault fault = parseFault();
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
    OrchestratorOptions options =
        OrchestratorOptions.defaults()
            .withOrdering(
                chosen.get("p2p-ordering").equals("naive")
                    ? P2pOrdering.NAIVE
                    : P2pOrdering.PREPARE_THEN_MAIN);
    if (cancelAfterArc != null) {
      options = options.withCancelAfterArc(cancelAfterArc);
    }
    if (synthetic != null && (!defects.isEmpty() || netFault != null)) {
      throw new CommandLine.ParameterException(
          cl, "--defect and --net-fault need the VF, not --synthetic");
    }
    if (recordFile != null) {
      if (synthetic != null) {
        throw new CommandLine.ParameterException(
            cl, "--record needs the VF: VfioMigration has one device, --synthetic has several");
      }
      if (faultAtArc != null) {
        throw new CommandLine.ParameterException(
            cl,
            "--record: VfioMigration has no action for a failed SET (its failures are a cancel,"
                + " a lost or reordered chunk and a rejected load); use --cancel-after-arc");
      }
      options = options.withMaxPrecopyRounds(RECORD_MAX_ROUNDS);
    }
    // the options without the arc fault: the probe run that finds which arcs exist
    OrchestratorOptions base = options;
    if (faultAtArc != null) {
      options = options.withFault(new FaultPlan(faultAtArc, fault));
    }
    return synthetic != null ? synthetic(cl, chosen, base, options) : vf(cl, chosen, base, options);
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
  private void checkFaultPositions(
      CommandLine cl,
      VfVm.Config cfg,
      OrchestratorOptions base,
      Set<ProtocolDefect> injected,
      Optional<ChunkFault> chunkFault) {
    if (faultAtArc == null && chunkFault.isEmpty()) {
      return;
    }
    ChunkCounter counter = new ChunkCounter();
    MigrationReport probe =
        new VfVm(cfg, seed)
            .migrateOnly(
                base,
                new ProtocolHooks(
                    counter,
                    injected,
                    chunkFault.map(f -> new ChunkFault(ChunkFault.Kind.LOSS, Integer.MAX_VALUE))));
    if (faultAtArc != null && faultAtArc >= probe.arcs()) {
      throw new CommandLine.ParameterException(
          cl,
          "--fault-at-arc "
              + faultAtArc
              + " never fires: this run takes "
              + probe.arcs()
              + " arcs, so K must be in 0.."
              + (probe.arcs() - 1));
    }
    if (chunkFault.isPresent()) {
      ChunkFault f = chunkFault.get();
      int last = f.kind() == ChunkFault.Kind.LOSS ? counter.chunks : counter.chunks - 1;
      if (f.chunk() > last) {
        throw new CommandLine.ParameterException(
            cl,
            "--net-fault "
                + netFault
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

  /** Writes an output file; a failure is a usage error naming the option (exit 2). */
  private static Optional<String> write(String option, Path file, String text) {
    try {
      Files.writeString(file, text);
      return Optional.empty();
    } catch (IOException e) {
      return Optional.of(option + " " + file + ": cannot write: " + TraceFiles.reason(e));
    }
  }

  private RxStrategy rxStrategy(Map<String, String> chosen) {
    RxStrategy.Tracking t =
        switch (chosen.get("dirty-tracking")) {
          case "iommu-log" -> RxStrategy.Tracking.IOMMU;
          case "dummy-after-check" -> RxStrategy.Tracking.DUMMY_AFTER;
          case "dummy-before-check" -> RxStrategy.Tracking.DUMMY_BEFORE;
          default -> RxStrategy.Tracking.NONE;
        };
    RxStrategy.RingRestore r =
        switch (chosen.get("ring-restore")) {
          case "shift" -> RxStrategy.RingRestore.SHIFT;
          case "reinit" -> RxStrategy.RingRestore.REINIT;
          default -> RxStrategy.RingRestore.HEAD_ZERO;
        };
    RxStrategy.StopMode m =
        chosen.get("stop-mode").equals("qemu")
            ? RxStrategy.StopMode.QEMU
            : RxStrategy.StopMode.GUEST_DRAIN;
    P2pOrdering o =
        chosen.get("p2p-ordering").equals("naive")
            ? P2pOrdering.NAIVE
            : P2pOrdering.PREPARE_THEN_MAIN;
    return new RxStrategy(t, r, m, o);
  }

  private int vf(
      CommandLine cl,
      Map<String, String> chosen,
      OrchestratorOptions base,
      OrchestratorOptions options)
      throws IOException {
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
    RxStrategy strategy = rxStrategy(chosen);
    VfVm.Config cfg =
        new VfVm.Config(
            packets,
            intervalMicros * 1000,
            MIGRATE_AFTER_NANOS,
            (long) ramMib << 20,
            ring,
            strategy,
            features);
    Set<ProtocolDefect> injected = parseDefects(cl);
    Optional<ChunkFault> chunkFault = parseNetFault(cl);
    checkFaultPositions(cl, cfg, base, injected, chunkFault);
    VfioMigrationRecorder recorder = new VfioMigrationRecorder();
    ProtocolHooks hooks =
        recordFile == null && injected.isEmpty() && chunkFault.isEmpty()
            ? ProtocolHooks.NONE
            : new ProtocolHooks(
                recordFile == null ? ProtocolObserver.NONE : recorder, injected, chunkFault);
    VfRunReport r = new VfVm(cfg, seed).run(options, hooks);
    MigrationReport m = r.migration();
    boolean clean = r.clean() && m.outcome() == MigrationReport.Outcome.COMPLETED;
    PrintWriter out = cl.getOut();
    out.println(
        header("one 82599 VF")
            + ", "
            + ring
            + "-entry Rx ring, "
            + ramMib
            + " MiB guest RAM, a frame every "
            + intervalMicros
            + " us");
    out.println(
        "strategy "
            + strategyList(chosen)
            + (strategy.correct()
                ? " (specs/RxDma/RxDma.tla: correct)"
                : " (specs/RxDma/RxDma.tla: broken, loss or corruption expected)"));
    out.printf(
        Locale.ROOT,
        "packets sent %d, delivered %d, dropped-and-counted %d, lost %d, corrupted %d,"
            + " duplicated %d%n",
        r.sent(),
        r.delivered(),
        r.dropped(),
        r.lost(),
        r.corrupted(),
        r.duplicated());
    printMigration(out, m);
    long arcNanos = r.downtimeArcs() * options.arcLatencyNanos();
    out.printf(
        Locale.ROOT,
        "vCPU downtime %.3f ms simulated = %d SET arcs x %.3f ms + %.3f ms final copy at"
            + " %.1f Gbit/s%n",
        m.downtimeNanos() / 1e6,
        r.downtimeArcs(),
        options.arcLatencyNanos() / 1e6,
        Math.max(0, m.downtimeNanos() - arcNanos) / 1e6,
        options.bandwidthBytesPerSecond() * 8 / 1e9);
    out.printf(
        Locale.ROOT,
        "service downtime %.3f ms simulated (longest gap between frames reaching the guest"
            + " stack; includes the ring restore and the frames queued meanwhile)%n",
        r.serviceDowntimeNanos() / 1e6);
    out.println("dummy writes " + r.dummyWrites() + ", arcs " + m.arcs());
    int shown = 0;
    for (Violation v : r.violations()) {
      if (shown++ == 10) {
        out.println("... " + (r.violations().size() - 10) + " more violations");
        break;
      }
      out.println("violation: " + v);
    }
    if (chunkFault.isPresent()) {
      out.println("net fault " + chunkFault.get().kind() + " at chunk " + chunkFault.get().chunk());
    }
    if (!injected.isEmpty()) {
      out.println(
          "protocol defects "
              + injected.stream().map(ProtocolDefect::specName).collect(Collectors.joining(",")));
    }
    out.println(clean ? "verdict: CLEAN" : "verdict: NOT CLEAN");
    if (recordFile != null) {
      if (recorder.problem().isPresent()) {
        cl.getErr().println("error: --record: " + recorder.problem().get());
        return Main.EXIT_INTERNAL;
      }
      Map<String, String> meta = new LinkedHashMap<>();
      meta.put(
          "validate",
          "checker validate specs/VfioMigration/MC_VfioMigration.tla --trace " + recordFile);
      meta.put("device", "82599-vf");
      meta.put("features", String.join(",", Inputs.featureNames(features)));
      meta.put("seed", Long.toString(seed));
      meta.put("strategies", strategyList(chosen));
      meta.put(
          "defects",
          injected.stream().map(ProtocolDefect::specName).collect(Collectors.joining(",")));
      meta.put("netFault", netFault == null ? "" : netFault);
      meta.put("packets", Long.toString(packets));
      meta.put("outcome", m.outcome().name());
      Optional<String> failed = write("--record", recordFile, recorder.itf(meta));
      if (failed.isPresent()) {
        cl.getErr().println("error: " + failed.get());
        return Main.EXIT_USAGE;
      }
      out.println(
          "recorded " + recorder.steps().size() + " states of VfioMigration to " + recordFile);
    }
    if (jsonFile != null) {
      Map<String, Object> j = new LinkedHashMap<>();
      j.put("device", "82599-vf");
      putRun(j, chosen);
      j.put("specCorrect", strategy.correct());
      j.put("ring", ring);
      j.put("ramBytes", (long) ramMib << 20);
      j.put("intervalNanos", intervalMicros * 1000);
      j.put("sent", r.sent());
      j.put("delivered", r.delivered());
      j.put("droppedAndCounted", r.dropped());
      j.put("lost", r.lost());
      j.put("corrupted", r.corrupted());
      j.put("duplicated", r.duplicated());
      putMigration(j, m);
      j.put("downtimeArcs", r.downtimeArcs());
      j.put("arcLatencyNanos", options.arcLatencyNanos());
      j.put("serviceDowntimeNanos", r.serviceDowntimeNanos());
      j.put("totalNanos", m.totalNanos());
      j.put("arcs", m.arcs());
      j.put("dummyWrites", r.dummyWrites());
      j.put("violations", r.violations().stream().map(Violation::toString).toList());
      j.put("clean", clean);
      j.put("events", m.events());
      j.put("timeline", timeline(r.series(), m.events()));
      Optional<String> failed = write("--json", jsonFile, json(j));
      if (failed.isPresent()) {
        cl.getErr().println("error: " + failed.get());
        return Main.EXIT_USAGE;
      }
    }
    return clean ? 0 : Main.EXIT_NEGATIVE;
  }

  private int synthetic(
      CommandLine cl,
      Map<String, String> chosen,
      OrchestratorOptions base,
      OrchestratorOptions options)
      throws IOException {
    int devices = synthetic;
    if (devices < 1 || devices > 64) {
      throw new CommandLine.ParameterException(cl, "--synthetic must be in 1..64, got " + devices);
    }
    if (pages < 1 || pages > (1 << 24)) {
      throw new CommandLine.ParameterException(cl, "--pages must be in 1..16777216, got " + pages);
    }
    if (dirtyPagesPerMs < 0) {
      throw new CommandLine.ParameterException(cl, "counts must not be negative");
    }
    Map<String, String> used = Map.of("p2p-ordering", chosen.get("p2p-ordering"));
    if (faultAtArc != null) {
      // the probe: the same devices and seed without the fault (see checkFaultPositions)
      int arcs = syntheticVm(devices).migrate(base).arcs();
      if (faultAtArc >= arcs) {
        throw new CommandLine.ParameterException(
            cl,
            "--fault-at-arc "
                + faultAtArc
                + " never fires: this run takes "
                + arcs
                + " arcs, so K must be in 0.."
                + (arcs - 1));
      }
    }
    SyntheticVm vm = syntheticVm(devices);
    MigrationReport r = vm.migrate(options);
    boolean completed = r.outcome() == MigrationReport.Outcome.COMPLETED;
    SyntheticVm.P2pAccount p2p = vm.p2pAccount(completed);
    long mismatched = completed ? vm.memory().mismatchedPages() : 0;
    boolean clean = completed && p2p.dropped() == 0 && p2p.conserved() && mismatched == 0;
    printSynthetic(cl.getOut(), devices, used, r, p2p, mismatched);
    if (jsonFile != null) {
      Optional<String> failed =
          write("--json", jsonFile, syntheticJson(devices, used, r, p2p, mismatched));
      if (failed.isPresent()) {
        cl.getErr().println("error: " + failed.get());
        return Main.EXIT_USAGE;
      }
    }
    return clean ? 0 : Main.EXIT_NEGATIVE;
  }

  /** The synthetic VM of this run, warmed up and ready to migrate. */
  private SyntheticVm syntheticVm(int devices) {
    SyntheticVm vm =
        new SyntheticVm(
            devices,
            Collections.nCopies(devices, features),
            pages,
            4096,
            seed,
            dirtyPagesPerMs,
            10);
    vm.warmUp(10_000_000L);
    return vm;
  }

  private void printSynthetic(
      PrintWriter out,
      int devices,
      Map<String, String> chosen,
      MigrationReport r,
      SyntheticVm.P2pAccount p2p,
      long mismatched) {
    out.println(
        header(devices + " synthetic device(s)")
            + " (synthetic devices carry P2P writes, not packets)");
    chosen.forEach((k, v) -> out.println("strategy " + k + "=" + v));
    printMigration(out, r);
    out.printf(
        Locale.ROOT,
        "downtime %.3f ms simulated%s; total %.3f ms simulated%n",
        r.downtimeNanos() / 1e6,
        r.outcome() == MigrationReport.Outcome.COMPLETED ? "" : " (guest paused until recovery)",
        r.totalNanos() / 1e6);
    out.println(
        "arcs "
            + r.arcs()
            + ", P2P ordering violations "
            + r.p2pOrderingViolations()
            + ", devices reset "
            + r.devicesReset());
    out.println(
        "synthetic P2P writes: issued "
            + p2p.issued()
            + ", received "
            + p2p.received()
            + ", in flight "
            + p2p.inFlight()
            + ", dropped at a stopped device "
            + p2p.dropped()
            + (r.devicesReset() > 0
                ? " (not comparable: a device reset cleared its counters)"
                : p2p.conserved() ? " (all accounted for)" : " (NOT accounted for)"));
    if (r.outcome() == MigrationReport.Outcome.COMPLETED) {
      out.println("guest pages differing after migration " + mismatched);
    }
  }

  private String syntheticJson(
      int devices,
      Map<String, String> chosen,
      MigrationReport r,
      SyntheticVm.P2pAccount p2p,
      long mismatched)
      throws IOException {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("devices", "synthetic");
    m.put("deviceCount", devices);
    putRun(m, chosen);
    putMigration(m, r);
    m.put("totalNanos", r.totalNanos());
    m.put("arcs", r.arcs());
    m.put("p2pOrderingViolations", r.p2pOrderingViolations());
    m.put("devicesReset", r.devicesReset());
    Map<String, Object> w = new LinkedHashMap<>();
    w.put("issued", p2p.issued());
    w.put("received", p2p.received());
    w.put("inFlight", p2p.inFlight());
    w.put("dropped", p2p.dropped());
    w.put("conserved", p2p.conserved());
    m.put("p2pWrites", w);
    m.put("mismatchedPages", mismatched);
    m.put("events", r.events());
    return json(m);
  }

  // what both paths (the VF and --synthetic) print and write alike

  /** The first line's start: {@code simulate: WHAT, features F, seed S}. */
  private String header(String what) {
    return "simulate: "
        + what
        + ", features "
        + String.join(",", Inputs.featureNames(features))
        + ", seed "
        + seed;
  }

  /** The chosen strategies as {@code key=value} words. */
  private static String strategyList(Map<String, String> chosen) {
    return chosen.entrySet().stream()
        .map(e -> e.getKey() + "=" + e.getValue())
        .collect(Collectors.joining(" "));
  }

  /** The migration's outcome, pre-copy rounds and bytes moved, a line each. */
  private static void printMigration(PrintWriter out, MigrationReport m) {
    out.println("outcome " + m.outcome() + (m.detail().isEmpty() ? "" : ": " + m.detail()));
    out.println("pre-copy rounds " + m.precopyRounds());
    out.printf(
        Locale.ROOT,
        "bytes moved %d (guest pages %d = %d bytes, device data %d bytes)%n",
        m.bytesMoved(),
        m.pagesCopied(),
        m.memoryBytes(),
        m.deviceBytes());
  }

  /** The run's features, seed and strategies, as JSON fields. */
  private void putRun(Map<String, Object> j, Map<String, String> chosen) {
    j.put("features", Inputs.featureNames(features));
    j.put("seed", seed);
    j.put("strategies", chosen);
  }

  /** The migration's outcome up to its vCPU downtime, as JSON fields. */
  private static void putMigration(Map<String, Object> j, MigrationReport m) {
    j.put("outcome", m.outcome().name());
    j.put("detail", m.detail());
    j.put("precopyRounds", m.precopyRounds());
    j.put("pagesCopied", m.pagesCopied());
    j.put("memoryBytes", m.memoryBytes());
    j.put("deviceBytes", m.deviceBytes());
    j.put("bytesMoved", m.bytesMoved());
    j.put("downtimeNanos", m.downtimeNanos());
  }

  /**
   * The {@code timeline} field of the VF's JSON document, for plots: {@code bucketNanos} and, per
   * bucket of that width from time 0, the frames {@code delivered}, {@code dropped} (and counted),
   * {@code lost} (at the frame's arrival time) and {@code corrupted} (at the delivery of the wrong
   * bytes); {@code marks}, the migration's milestones in time order, each {@code {atNanos, kind,
   * label}} with kind {@code start} (migration begins), {@code round} (a pre-copy round sent),
   * {@code stop} (vCPUs stopped), {@code resume} (destination running, or the sources back in
   * RUNNING) or {@code other}. Marks are on the series' clock, the VM's: the orchestrator's clock
   * starts at 0 when the migration starts, at VM time {@code MIGRATE_AFTER_NANOS}, and the VM only
   * moves on once the orchestrator's clock has passed its own ({@link VfVm}), so an event at
   * orchestrator time t happens at VM time max(t, MIGRATE_AFTER_NANOS).
   */
  private static Map<String, Object> timeline(DeliverySeries.Snapshot s, List<String> events) {
    Map<String, Object> t = new LinkedHashMap<>();
    t.put("bucketNanos", s.bucketNanos());
    for (DeliverySeries.Kind k : DeliverySeries.Kind.values()) {
      t.put(k.name().toLowerCase(Locale.ROOT), s.counts().get(k));
    }
    List<Map<String, Object>> marks = new ArrayList<>();
    marks.add(mark(MIGRATE_AFTER_NANOS, "start", "migration starts"));
    for (String e : events) {
      Matcher x = EVENT.matcher(e);
      if (x.matches()) {
        String what = x.group(2);
        String kind =
            what.startsWith("pre-copy round ")
                ? "round"
                : what.startsWith("switchover: vCPUs stopped")
                    ? "stop"
                    : what.startsWith("destination running") || what.startsWith("sources back in")
                        ? "resume"
                        : "other";
        marks.add(mark(Math.max(MIGRATE_AFTER_NANOS, Long.parseLong(x.group(1))), kind, what));
      }
    }
    t.put("marks", marks);
    return t;
  }

  private static Map<String, Object> mark(long atNanos, String kind, String label) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("atNanos", atNanos);
    m.put("kind", kind);
    m.put("label", label);
    return m;
  }

  /** The {@code --json} document: indented, one trailing newline. */
  private static String json(Map<String, Object> document) throws IOException {
    return new ObjectMapper()
            .enable(SerializationFeature.INDENT_OUTPUT)
            .writeValueAsString(document)
        + "\n";
  }
}
