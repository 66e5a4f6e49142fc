package org.vfiomc.conformance.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.vfiomc.conformance.emulator.migration.ArcFault;
import org.vfiomc.conformance.emulator.migration.MigrationFeatures;
import org.vfiomc.conformance.orchestrator.FaultPlan;
import org.vfiomc.conformance.orchestrator.MigrationReport;
import org.vfiomc.conformance.orchestrator.OrchestratorOptions;
import org.vfiomc.conformance.orchestrator.P2pOrdering;
import org.vfiomc.conformance.orchestrator.SyntheticVm;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code simulate}: one whole migration in simulated time. Until the 82599 VF is wired in, the
 * devices are synthetic ({@link SyntheticVm}): the counters printed are the orchestrator's and the
 * synthetic devices' P2P writes, never packets.
 */
@Command(
    name = "simulate",
    mixinStandardHelpOptions = true,
    description = {
      "Run one live migration in simulated time and print its counters.",
      "NOTE: the 82599 VF is not wired in yet; the devices are synthetic (counters, P2P writes),"
          + " so no packet figures are produced. Exit 0 if the migration completed with nothing"
          + " lost, 1 otherwise."
    })
final class SimulateCommand implements Callable<Integer> {
  private static final Map<String, List<String>> STRATEGIES = strategies();

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Option(
      names = "--strategy",
      paramLabel = "KEY=VALUE",
      description = {
        "repeatable: p2p-ordering=prepare-then-main|naive (default prepare-then-main);"
            + " dirty-tracking=iommu-log|dummy-after-check|dummy-before-check|none;"
            + " ring-restore=shift|reinit|head-reset. A bare VALUE is accepted when unambiguous."
      })
  List<String> strategies = List.of();

  @Option(names = "--packets", paramLabel = "N", description = "packets to send (needs the VF)")
  Long packets;

  @Option(
      names = "--seed",
      paramLabel = "S",
      description = "workload seed (default ${DEFAULT-VALUE})")
  long seed = 1;

  @Option(names = "--json", paramLabel = "FILE", description = "also write the report as JSON")
  Path jsonFile;

  @Option(names = "--devices", paramLabel = "N", description = "devices (default ${DEFAULT-VALUE})")
  int devices = 2;

  @Option(
      names = "--features",
      paramLabel = "LIST",
      converter = Inputs.FeaturesConverter.class,
      description = "device migration features (default P2P,PRE_COPY)")
  MigrationFeatures features = MigrationFeatures.ALL;

  @Option(
      names = "--pages",
      paramLabel = "N",
      description = "4 KiB guest pages (default ${DEFAULT-VALUE})")
  int pages = 16384;

  @Option(
      names = "--dirty-pages-per-ms",
      paramLabel = "N",
      description = "guest page writes per simulated ms (default ${DEFAULT-VALUE})")
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

  private static Map<String, List<String>> strategies() {
    Map<String, List<String>> m = new LinkedHashMap<>();
    m.put("p2p-ordering", List.of("prepare-then-main", "naive"));
    m.put(
        "dirty-tracking", List.of("iommu-log", "dummy-after-check", "dummy-before-check", "none"));
    m.put("ring-restore", List.of("shift", "reinit", "head-reset"));
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
    chosen.putIfAbsent("p2p-ordering", "prepare-then-main");
    return chosen;
  }

  private ArcFault parseFault() {
    switch (faultKind.toLowerCase(Locale.ROOT)) {
      case "stay":
        return ArcFault.FAIL_STAY;
      case "error":
        return ArcFault.FAIL_TO_ERROR;
      default:
        throw new CommandLine.ParameterException(
            spec.commandLine(), "--fault must be stay or error, got '" + faultKind + "'");
    }
  }

  @Override
  public Integer call() throws IOException {
    CommandLine cl = spec.commandLine();
    Map<String, String> chosen = parseStrategies();
    ArcFault fault = parseFault();
    if (devices < 1 || devices > 64) {
      throw new CommandLine.ParameterException(cl, "--devices must be in 1..64, got " + devices);
    }
    if (pages < 1 || pages > (1 << 24)) {
      throw new CommandLine.ParameterException(cl, "--pages must be in 1..16777216, got " + pages);
    }
    if (dirtyPagesPerMs < 0 || packets != null && packets < 0) {
      throw new CommandLine.ParameterException(cl, "counts must not be negative");
    }
    if (faultAtArc != null && faultAtArc < 0 || cancelAfterArc != null && cancelAfterArc < 0) {
      throw new CommandLine.ParameterException(cl, "arc indices must not be negative");
    }
    OrchestratorOptions options =
        OrchestratorOptions.defaults()
            .withOrdering(
                chosen.get("p2p-ordering").equals("naive")
                    ? P2pOrdering.NAIVE
                    : P2pOrdering.PREPARE_THEN_MAIN);
    if (faultAtArc != null) {
      options = options.withFault(new FaultPlan(faultAtArc, fault));
    }
    if (cancelAfterArc != null) {
      options = options.withCancelAfterArc(cancelAfterArc);
    }
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
    MigrationReport r = vm.migrate(options);
    boolean completed = r.outcome() == MigrationReport.Outcome.COMPLETED;
    SyntheticVm.P2pAccount p2p = vm.p2pAccount(completed);
    long mismatched = completed ? vm.memory().mismatchedPages() : 0;
    boolean clean = completed && p2p.dropped() == 0 && p2p.conserved() && mismatched == 0;
    print(cl.getOut(), chosen, r, p2p, mismatched);
    if (jsonFile != null) {
      Files.writeString(jsonFile, json(chosen, r, p2p, mismatched));
    }
    return clean ? 0 : Main.EXIT_NEGATIVE;
  }

  private void print(
      PrintWriter out,
      Map<String, String> chosen,
      MigrationReport r,
      SyntheticVm.P2pAccount p2p,
      long mismatched) {
    out.println(
        "simulate: "
            + devices
            + " synthetic device(s), features "
            + String.join(",", Inputs.featureNames(features))
            + ", seed "
            + seed
            + " (the 82599 VF is not wired in yet)");
    chosen.forEach(
        (k, v) ->
            out.println(
                "strategy "
                    + k
                    + "="
                    + v
                    + (k.equals("p2p-ordering") ? "" : ": not applied (needs the 82599 VF)")));
    out.println(
        "packets: not simulated"
            + (packets == null ? "" : " (--packets " + packets + " accepted)")
            + "; synthetic devices carry no packets");
    out.println("outcome " + r.outcome() + (r.detail().isEmpty() ? "" : ": " + r.detail()));
    out.println("pre-copy rounds " + r.precopyRounds());
    out.printf(
        Locale.ROOT,
        "bytes moved %d (guest pages %d = %d bytes, device data %d bytes)%n",
        r.bytesMoved(),
        r.pagesCopied(),
        r.memoryBytes(),
        r.deviceBytes());
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

  private String json(
      Map<String, String> chosen, MigrationReport r, SyntheticVm.P2pAccount p2p, long mismatched)
      throws IOException {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("devices", "synthetic");
    m.put("deviceCount", devices);
    m.put("features", Inputs.featureNames(features));
    m.put("seed", seed);
    m.put("strategies", chosen);
    m.put("packets", null);
    m.put("packetsNote", "not simulated: the 82599 VF is not wired in");
    m.put("outcome", r.outcome().name());
    m.put("detail", r.detail());
    m.put("precopyRounds", r.precopyRounds());
    m.put("pagesCopied", r.pagesCopied());
    m.put("memoryBytes", r.memoryBytes());
    m.put("deviceBytes", r.deviceBytes());
    m.put("bytesMoved", r.bytesMoved());
    m.put("downtimeNanos", r.downtimeNanos());
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
    return new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(m)
        + "\n";
  }
}
