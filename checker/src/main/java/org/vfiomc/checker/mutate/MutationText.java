package org.vfiomc.checker.mutate;

import java.io.PrintWriter;
import java.util.Locale;
import java.util.Map;

/** The console form of a {@link MutationReport}: per module a score line, survivors, properties. */
public final class MutationText {
  private MutationText() {}

  public static void print(MutationReport report, PrintWriter out) {
    for (ModuleReport m : report.modules()) {
      out.println();
      out.printf(
          Locale.ROOT,
          "module %s (%s) — models %s%n",
          m.module(),
          m.file(),
          String.join(", ", m.models()));
      out.printf(
          Locale.ROOT,
          "  %d mutants (%d more did not parse): %d killed, %d killed by TLC error, %d timed out,"
              + " %d survived, %d equivalent; score %s%n",
          m.mutants().size(),
          m.unparsable(),
          m.count(MutantResult.Status.KILLED),
          m.count(MutantResult.Status.KILLED_BY_ERROR),
          m.count(MutantResult.Status.TIMED_OUT),
          m.count(MutantResult.Status.SURVIVED),
          m.count(MutantResult.Status.EQUIVALENT),
          score(m));
      if (!m.excluded().isEmpty()) {
        out.printf(
            Locale.ROOT,
            "  not judging (unmutated check slower than --oracle-limit): %s%n",
            String.join(", ", m.excluded()));
      }
      if (m.unmatched() > 0) {
        out.printf(Locale.ROOT, "  %d more not selected by --match (not checked)%n", m.unmatched());
      }
      if (m.reusedChecks() > 0) {
        out.printf(
            Locale.ROOT,
            "  model checks: %d run, %d taken from --history%n",
            m.checks(),
            m.reusedChecks());
      }
      if (m.notRun() > 0) {
        out.printf(
            Locale.ROOT,
            "  %d more not checked: the run was stopped (the score counts the classified"
                + " ones)%n",
            m.notRun());
      }
      for (MutantResult r : m.mutants()) {
        if (r.status() == MutantResult.Status.SURVIVED
            || r.status() == MutantResult.Status.TIMED_OUT) {
          out.printf(
              Locale.ROOT,
              "  %s %s:%s %s %s: %s%n",
              r.status() == MutantResult.Status.SURVIVED ? "survived " : "timed out",
              m.file().getFileName(),
              r.location().start(),
              r.id().definition(),
              r.id().operator().id(),
              r.diff());
        }
      }
      // a --match selection says nothing of what the other mutants would have shown
      boolean all = m.unmatched() == 0;
      out.println(all ? "  kills by property:" : "  kills by property (the selected mutants):");
      for (Map.Entry<String, Integer> e : m.killsByProperty().entrySet()) {
        out.printf(
            Locale.ROOT,
            "    %-32s %4d%s%n",
            e.getKey(),
            e.getValue(),
            all && e.getValue() == 0 ? "  (possibly vacuous: killed no mutant)" : "");
      }
    }
    out.printf(
        Locale.ROOT,
        "%nmutate: %.1f s%s%n",
        report.millis() / 1000.0,
        report.complete() ? "" : " (stopped before the end: partial report)");
  }

  /**
   * {@code detected/denominator = 0.xx (by a violation alone k/denominator = 0.yy)}, or {@code n/a}
   * when there is nothing to kill.
   */
  static String score(ModuleReport m) {
    long denominator = m.denominator();
    if (denominator == 0) {
      return "n/a";
    }
    return String.format(
        Locale.ROOT,
        "%d/%d = %.2f (by a violation alone %d/%d = %.2f)",
        m.detected(),
        denominator,
        m.score(),
        m.count(MutantResult.Status.KILLED),
        denominator,
        m.violationScore());
  }
}
