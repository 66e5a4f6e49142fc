package org.vfiomc.checker.report;

import java.io.PrintWriter;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Collectors;
import org.vfiomc.checker.result.ActionCoverage;
import org.vfiomc.checker.result.CheckOutcome;
import org.vfiomc.checker.result.ModelResult;
import org.vfiomc.checker.result.Search;
import org.vfiomc.checker.result.Stats;
import org.vfiomc.checker.trace.TlaValue;
import org.vfiomc.checker.trace.Trace;
import org.vfiomc.checker.trace.TraceStep;

/**
 * The human-readable report: per-model details (counterexamples step by step showing only the
 * variables that changed, errors with their position, mismatches) and a summary table.
 */
public final class ConsoleReport {
  private final PrintWriter out;
  private final boolean quiet;

  public ConsoleReport(PrintWriter out, boolean quiet) {
    this.out = out;
    this.quiet = quiet;
  }

  /** Details of every model worth explaining, then the summary table. */
  public void print(List<ModelResult> results) {
    for (ModelResult r : results) {
      details(r);
    }
    table(results);
    out.flush();
  }

  private void details(ModelResult r) {
    boolean met = r.met();
    if (quiet && met) {
      return;
    }
    if (!met) {
      out.println(r.model() + ": DOES NOT MEET EXPECTATION: " + String.join("; ", r.mismatches()));
    }
    CheckOutcome o = r.outcome();
    if (o instanceof CheckOutcome.Violated v) {
      out.println(
          r.model()
              + ": "
              + v.kind().id()
              + (v.property() == null ? "" : " " + v.property())
              + " violated; counterexample of "
              + v.trace().length()
              + " states:");
      printTrace(v.trace());
    } else if (o instanceof CheckOutcome.Failed f) {
      out.println(r.model() + ": " + f.error().kind().id() + " error: " + f.error().describe());
    } else if (o instanceof CheckOutcome.TimedOut t) {
      out.println(
          r.model()
              + ": timed out after "
              + t.limitSeconds()
              + " s ("
              + t.stats().distinctStates()
              + " distinct states at the last progress report)");
    } else if (o instanceof CheckOutcome.NotRun n) {
      out.println(r.model() + ": not run: " + n.reason());
    }
    out.println();
  }

  /** One block per state; after the first, only the variables whose value changed. */
  public void printTrace(Trace trace) {
    Map<String, TlaValue> previous = Map.of();
    for (int i = 0; i < trace.steps().size(); i++) {
      TraceStep step = trace.steps().get(i);
      out.println("  " + (i + 1) + ": " + label(step));
      for (String var : trace.vars()) {
        TlaValue v = step.state().get(var);
        if (i == 0 || !Objects.equals(previous.get(var), v)) {
          out.println("       " + var + " = " + v.toTla());
        }
      }
      if (i > 0 && step.state().equals(previous)) {
        out.println("       (no variable changed)");
      }
      previous = step.state();
    }
    trace
        .loop()
        .ifPresent(
            l ->
                out.println(
                    l == trace.steps().size() - 1
                        ? "  then stutters forever in state " + (l + 1)
                        : "  then back to state " + (l + 1) + " (the loop repeats forever)"));
  }

  private static String label(TraceStep step) {
    if (step.params() == null) {
      return step.action() + " (parameters unknown)";
    }
    if (step.params().isEmpty()) {
      return step.action();
    }
    return step.action()
        + step.params().entrySet().stream()
            .map(e -> e.getKey() + " = " + e.getValue().toTla())
            .collect(Collectors.joining(", ", "(", ")"));
  }

  private void table(List<ModelResult> results) {
    String[] head = {"MODEL", "EXPECTED", "VERDICT", "DISTINCT", "GENERATED", "DEPTH", "TIME", ""};
    String[][] rows = new String[results.size()][];
    for (int i = 0; i < rows.length; i++) {
      ModelResult r = results.get(i);
      Stats s = r.outcome().stats();
      boolean counted = !s.equals(Stats.NONE);
      boolean searched = counted && r.search().exhaustive(); // a simulation counts no distinct
      rows[i] =
          new String[] {
            r.model(),
            r.expected().verdict().name(),
            verdict(r.outcome()) + (simulated(r) ? "*" : ""),
            searched ? Long.toString(s.distinctStates()) : "-",
            counted ? Long.toString(s.generatedStates()) : "-",
            searched && s.depth() > 0 ? Integer.toString(s.depth()) : "-",
            String.format("%.1fs", r.durationMillis() / 1000.0),
            r.outcome() instanceof CheckOutcome.NotRun ? "not run" : r.met() ? "ok" : "MISMATCH"
          };
    }
    int[] width = new int[head.length];
    for (int c = 0; c < head.length; c++) {
      width[c] = head[c].length();
      for (String[] row : rows) {
        width[c] = Math.max(width[c], row[c].length());
      }
    }
    out.println(row(head, width));
    for (String[] row : rows) {
      out.println(row(row, width));
    }
    results.stream()
        .filter(ConsoleReport::simulated)
        .map(ModelResult::search)
        .distinct()
        .forEach(
            x -> {
              Search.Simulation sim = (Search.Simulation) x;
              out.printf(
                  "* simulation: %d behaviour(s) of at most %d states, seed %d; no violation found"
                      + " (not a proof: HOLDS only for an exhaustive search)%n",
                  sim.behaviours(), sim.depth(), sim.seed());
            });
    long met = results.stream().filter(ModelResult::met).count();
    long notRun = results.stream().filter(r -> r.outcome() instanceof CheckOutcome.NotRun).count();
    long millis = results.stream().mapToLong(ModelResult::durationMillis).sum();
    out.printf(
        "%d model(s), %d as expected, %d not%s; %.1fs of checking%n",
        results.size(),
        met,
        results.size() - met - notRun,
        notRun == 0 ? "" : ", " + notRun + " not run (checker stopped)",
        millis / 1000.0);
  }

  /** A HOLDS that comes from random simulation, not from an exhaustive search. */
  private static boolean simulated(ModelResult r) {
    return !r.search().exhaustive() && r.outcome() instanceof CheckOutcome.Holds;
  }

  /**
   * TLC's coverage of one model: per action the states it generated and the new ones it found, then
   * the actions that were never enabled and those that never found a new state.
   */
  public void printCoverage(ModelResult r) {
    if (r.coverage().isEmpty()) {
      out.println(r.model() + ": no coverage (TLC did not get as far as reporting it)");
      out.flush();
      return;
    }
    out.println(r.model() + ": coverage (generated / distinct new states per action)");
    int width = r.coverage().stream().mapToInt(a -> where(a).length()).max().orElse(0);
    for (ActionCoverage a : r.coverage()) {
      String w = where(a);
      out.printf(
          "  %s%s  %10d  %10d%n", w, " ".repeat(width - w.length()), a.generated(), a.distinct());
    }
    List<String> never =
        r.coverage().stream()
            .filter(ActionCoverage::neverEnabled)
            .map(ConsoleReport::where)
            .toList();
    List<String> noNew =
        r.coverage().stream().filter(ActionCoverage::neverNew).map(ConsoleReport::where).toList();
    out.println("  never enabled: " + (never.isEmpty() ? "none" : String.join(", ", never)));
    out.println(
        "  enabled, never a new state: " + (noNew.isEmpty() ? "none" : String.join(", ", noNew)));
    out.flush();
  }

  private static String where(ActionCoverage a) {
    return a.line() == 0
        ? a.action()
        : a.action() + " (" + a.module() + ":" + a.line() + ":" + a.column() + ")";
  }

  private static String verdict(CheckOutcome o) {
    if (o instanceof CheckOutcome.Violated v) {
      return "VIOLATED " + v.kind().id() + (v.property() == null ? "" : " " + v.property());
    } else if (o instanceof CheckOutcome.Failed f) {
      return "ERROR " + f.error().kind().id();
    }
    return o.verdict().name();
  }

  private static String row(String[] cells, int[] width) {
    StringBuilder b = new StringBuilder();
    for (int c = 0; c < cells.length; c++) {
      boolean numeric = c >= 3 && c <= 6;
      String cell = cells[c];
      String pad = " ".repeat(width[c] - cell.length());
      b.append(numeric ? pad + cell : cell + pad);
      if (c < cells.length - 1) {
        b.append("  ");
      }
    }
    return b.toString().stripTrailing();
  }
}
