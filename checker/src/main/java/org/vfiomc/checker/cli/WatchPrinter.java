package org.vfiomc.checker.cli;

import java.io.PrintWriter;
import java.util.List;
import org.vfiomc.checker.report.ConsoleReport;
import org.vfiomc.checker.result.CheckOutcome;
import org.vfiomc.checker.result.ModelResult;
import org.vfiomc.checker.run.SuiteWatch;

/**
 * Prints {@code check --watch}: the full report once, then one line per verdict that changed after
 * each edit ({@code MODEL: HOLDS -> VIOLATED invariant Inv (6 states)}).
 */
final class WatchPrinter implements SuiteWatch.Listener {
  private final PrintWriter out;
  private final ConsoleReport report;

  WatchPrinter(PrintWriter out, boolean quiet) {
    this.out = out;
    this.report = new ConsoleReport(out, quiet);
  }

  @Override
  public void initial(List<ModelResult> results) {
    report.print(results);
    out.println("watching for changes (Ctrl-C ends)");
    out.flush();
  }

  @Override
  public void round(List<SuiteWatch.Change> changed, int rechecked) {
    if (changed.isEmpty()) {
      out.println("re-checked " + rechecked + " model(s): no verdict changed");
    }
    for (SuiteWatch.Change c : changed) {
      out.println(
          c.model()
              + ": "
              + (c.before() == null ? "new" : describe(c.before()))
              + " -> "
              + (c.after() == null ? "no longer selected" : describe(c.after())));
    }
    out.flush();
  }

  @Override
  public void problem(String message) {
    out.println("error: " + message + " (still watching)");
    out.flush();
  }

  private static String describe(ModelResult r) {
    CheckOutcome o = r.outcome();
    String verdict;
    if (o instanceof CheckOutcome.Violated v) {
      verdict =
          "VIOLATED "
              + v.kind().id()
              + (v.property() == null ? "" : " " + v.property())
              + " ("
              + v.trace().length()
              + " states)";
    } else if (o instanceof CheckOutcome.Failed f) {
      verdict = "ERROR " + f.error().kind().id() + ": " + f.error().describe();
    } else {
      verdict = o.verdict().name();
    }
    return verdict + (r.met() ? "" : " [MISMATCH]");
  }
}
