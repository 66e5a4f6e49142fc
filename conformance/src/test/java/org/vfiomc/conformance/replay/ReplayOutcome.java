package org.vfiomc.conformance.replay;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.vfiomc.checker.trace.TraceFormatException;

/**
 * A replay report without its time: what two replays of one trace must agree on when only the
 * set-up they ran on differs (devices reused from a pool or built afresh).
 */
public record ReplayOutcome(
    String summary,
    int steps,
    Optional<Discrepancy> discrepancy,
    Optional<String> evidence,
    boolean asExpected) {

  /** The outcome of one report. */
  public static ReplayOutcome of(ReplayReport r) {
    return new ReplayOutcome(
        r.summary(), r.stepsReplayed(), r.discrepancy(), r.evidence(), r.asExpected());
  }

  /** The outcomes of a trace's reports, in order. */
  public static List<ReplayOutcome> of(List<ReplayReport> reports) {
    return reports.stream().map(ReplayOutcome::of).toList();
  }

  /**
   * The committed traces (under {@code traces/tours} and {@code traces/counterexamples} of the
   * project root, system property {@code vfiomc.root}) whose file name starts with {@code prefix},
   * in name order per folder.
   */
  public static List<TraceFile> committed(String prefix) throws IOException, TraceFormatException {
    Path traces = Path.of(System.getProperty("vfiomc.root", "..")).resolve("traces");
    List<TraceFile> out = new ArrayList<>();
    for (String dir : List.of("tours", "counterexamples")) {
      try (Stream<Path> s = Files.list(traces.resolve(dir))) {
        for (Path p :
            s.filter(p -> p.getFileName().toString().startsWith(prefix)).sorted().toList()) {
          out.add(TraceFile.read(p));
        }
      }
    }
    return out;
  }
}
