package org.vfiomc.conformance.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.vfiomc.conformance.replay.ReplayReport;

/**
 * What one {@code replay} run found: a report per replay, the malformed traces, the unbound ones,
 * and the benchmark figures of a {@code --repeat} run. The summary line, the JSON document and the
 * exit code are all derived from it.
 *
 * @param files trace files given (after expanding directories)
 * @param reports one report per replay, in file order (a counterexample gives two)
 * @param malformed the error message of every malformed trace
 * @param unbound the traces no binding can replay (no {@code #meta.module}, a module without a
 *     binding, constants the implementation does not support)
 * @param unboundFails whether an unbound trace fails the run ({@code --unbound=error})
 * @param unreadable the files that could not be read as UTF-8 text (type, size, encoding, I/O)
 * @param failed the files whose replay failed inside this tool (a bug, or out of memory)
 * @param benchmark the figures of the extra runs, when {@code --repeat} was above 1
 */
record ReplayResult(
    int files,
    List<ReplayReport> reports,
    List<String> malformed,
    List<UnboundTrace> unbound,
    boolean unboundFails,
    List<UnreadableTrace> unreadable,
    List<UnreadableTrace> failed,
    Optional<ReplayBenchmark.Figures> benchmark) {
  ReplayResult {
    reports = List.copyOf(reports);
    malformed = List.copyOf(malformed);
    unbound = List.copyOf(unbound);
    unreadable = List.copyOf(unreadable);
    failed = List.copyOf(failed);
  }

  /**
   * A trace not replayed because no binding can (no module, module without one, unsupported
   * constants); {@code module} is empty when the trace names none.
   */
  record UnboundTrace(String file, String module, String reason) {}

  /** A file and why it could not be read or replayed. */
  record UnreadableTrace(String file, String reason) {}

  /** Steps applied and compared over all reports. */
  long steps() {
    return reports.stream().mapToLong(ReplayReport::stepsReplayed).sum();
  }

  /** Time of the replay loops over all reports. */
  long nanos() {
    return reports.stream().mapToLong(ReplayReport::nanos).sum();
  }

  /** Replays that did not behave as their trace's kind requires. */
  long notAsExpected() {
    return reports.stream().filter(r -> !r.asExpected()).count();
  }

  /**
   * 3 when a replay failed inside this tool; else 2 when a trace was malformed or unreadable, or
   * unbound under {@code --unbound=error}; else 1 when a replay was not as expected; else 0.
   */
  int exitCode() {
    if (!failed.isEmpty()) {
      return Main.EXIT_INTERNAL;
    }
    if (!malformed.isEmpty() || !unreadable.isEmpty() || (unboundFails && !unbound.isEmpty())) {
      return Main.EXIT_USAGE;
    }
    return notAsExpected() == 0 ? 0 : Main.EXIT_NEGATIVE;
  }

  /** Unbound traces listed file by file in the table's notes when a group has at most this many. */
  static final int UNBOUND_FILES_LISTED = 3;

  /**
   * The console's table: one row per model (traces, replays, steps, replays as expected and not),
   * in first-seen order, then the unbound traces grouped by module and reason (a small group file
   * by file, as {@code UNBOUND file (reason)}, a larger one as a count and its first file).
   */
  void printTable(PrintWriter out) {
    Map<String, int[]> rows = new LinkedHashMap<>(); // traces, replays, steps, ok, not ok
    Map<String, Set<String>> filesOf = new LinkedHashMap<>();
    for (ReplayReport r : reports) {
      String model = r.model().isEmpty() ? "(" + r.module() + ")" : r.model();
      int[] row = rows.computeIfAbsent(model, k -> new int[5]);
      if (filesOf.computeIfAbsent(model, k -> new HashSet<>()).add(r.file())) {
        row[0]++;
      }
      row[1]++;
      row[2] += r.stepsReplayed();
      row[r.asExpected() ? 3 : 4]++;
    }
    if (!rows.isEmpty()) {
      int width = Math.max(5, rows.keySet().stream().mapToInt(String::length).max().orElse(5));
      String format = "%-" + width + "s %7s %8s %9s %12s %6s%n";
      out.printf(format, "model", "traces", "replays", "steps", "as expected", "not");
      rows.forEach(
          (model, row) ->
              out.printf(
                  format,
                  model,
                  row[0],
                  row[1],
                  row[2],
                  row[3],
                  row[4] == 0 ? "-" : Integer.toString(row[4])));
    }
    Map<String, List<UnboundTrace>> groups = new LinkedHashMap<>();
    for (UnboundTrace u : unbound) {
      groups
          .computeIfAbsent(
              (u.module().isEmpty() ? "(no module)" : u.module()) + ": " + reasonWithoutFile(u),
              k -> new ArrayList<>())
          .add(u);
    }
    groups.forEach(
        (group, traces) -> {
          if (traces.size() <= UNBOUND_FILES_LISTED) {
            traces.forEach(u -> out.println("UNBOUND " + u.file() + " (" + u.reason() + ")"));
          } else {
            out.println(
                "UNBOUND "
                    + traces.size()
                    + " traces of "
                    + group
                    + " (first: "
                    + traces.get(0).file()
                    + ")");
          }
        });
  }

  /** The reason without the file name an input error starts with, so that a group can form. */
  private static String reasonWithoutFile(UnboundTrace u) {
    String prefix = u.file() + ": ";
    return u.reason().startsWith(prefix) ? u.reason().substring(prefix.length()) : u.reason();
  }

  /** The closing summary line, then the benchmark's lines if any. */
  void printSummary(PrintWriter out) {
    long steps = steps();
    long nanos = nanos();
    out.printf(
        "replay: %d files, %d replays, %d not as expected, %d malformed, %d unbound, %d unreadable%s;"
            + " %d steps in %.3f ms (%.0f steps/s)%n",
        files,
        reports.size(),
        notAsExpected(),
        malformed.size(),
        unbound.size(),
        unreadable.size(),
        failed.isEmpty() ? "" : ", " + failed.size() + " failed (internal error)",
        steps,
        nanos / 1e6,
        ReplayBenchmark.perSecond(steps, nanos));
    benchmark.ifPresent(b -> b.print(out));
  }

  /** The {@code --json} document. */
  String toJson() throws JsonProcessingException {
    long steps = steps();
    long nanos = nanos();
    ObjectMapper m = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    ObjectNode root = m.createObjectNode();
    root.put("files", files);
    root.put("stepsReplayed", steps);
    root.put("nanos", nanos);
    root.put("stepsPerSecond", nanos == 0 ? 0 : Math.round(steps * 1e9 / nanos));
    ArrayNode rs = root.putArray("reports");
    reports.forEach(r -> rs.add(r.toJson()));
    ArrayNode mf = root.putArray("malformed");
    malformed.forEach(mf::add);
    ArrayNode ub = root.putArray("unbound");
    for (UnboundTrace u : unbound) {
      ub.addObject().put("file", u.file()).put("module", u.module()).put("reason", u.reason());
    }
    ArrayNode ur = root.putArray("unreadable");
    unreadable.forEach(u -> ur.addObject().put("file", u.file()).put("reason", u.reason()));
    ArrayNode fl = root.putArray("failed");
    failed.forEach(u -> fl.addObject().put("file", u.file()).put("reason", u.reason()));
    return m.writeValueAsString(root) + "\n";
  }
}
