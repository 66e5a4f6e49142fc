package org.vfiomc.checker.validate;

import java.util.List;
import java.util.Map;
import org.vfiomc.checker.trace.TlaValue;

/** Outcome of validating a recorded run against a spec. */
public sealed interface ValidationOutcome {
  /**
   * Some behaviour of the spec explains every step.
   *
   * @param steps number of steps (states) read
   * @param candidates number of spec states consistent with the whole run
   */
  record Accepted(int steps, int candidates) implements ValidationOutcome {}

  /**
   * No behaviour explains step {@code step}.
   *
   * @param step index of the first unexplained state in the file
   * @param action the action the step records ({@code ""}: not recorded)
   * @param reason why no candidate explains it
   * @param candidates the spec states consistent with the prefix before it (at most {@link
   *     TraceValidator#SHOWN} of them)
   * @param total how many such states there are
   * @param observed the values the run recorded at that step (possibly partial)
   * @param params the action parameters the run recorded at that step ({@code null}: none)
   */
  record Rejected(
      int step,
      String action,
      String reason,
      List<Map<String, TlaValue>> candidates,
      int total,
      Map<String, TlaValue> observed,
      Map<String, TlaValue> params)
      implements ValidationOutcome {
    public Rejected {
      candidates = List.copyOf(candidates);
      observed = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(observed));
      params =
          params == null
              ? null
              : java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(params));
    }

    /** A rejection without the observed values (kept for callers that do not have them). */
    public Rejected(
        int step, String action, String reason, List<Map<String, TlaValue>> candidates, int total) {
      this(step, action, reason, candidates, total, Map.of(), null);
    }
  }
}
