package org.vfiomc.checker.result;

import java.util.Objects;
import org.vfiomc.checker.trace.Trace;

/** The result of checking one model: exactly one of the verdicts, each with its own data. */
public sealed interface CheckOutcome
    permits CheckOutcome.Holds,
        CheckOutcome.Violated,
        CheckOutcome.Failed,
        CheckOutcome.TimedOut,
        CheckOutcome.NotRun {

  Verdict verdict();

  /** State counts; {@link Stats#NONE} when TLC never reported any. */
  Stats stats();

  /** TLC explored the whole state space and found no violation. */
  record Holds(Stats stats) implements CheckOutcome {
    public Holds {
      Objects.requireNonNull(stats, "stats");
    }

    @Override
    public Verdict verdict() {
      return Verdict.HOLDS;
    }
  }

  /**
   * A counterexample.
   *
   * @param property the violated invariant or property; {@code null} for a deadlock, or when TLC
   *     does not say which of several temporal properties failed
   * @param kind what kind of property
   * @param stats counts when TLC stopped
   * @param trace the behaviour, the violating state last (a lasso for temporal properties)
   */
  record Violated(String property, ViolationKind kind, Stats stats, Trace trace)
      implements CheckOutcome {
    public Violated {
      Objects.requireNonNull(kind, "kind");
      Objects.requireNonNull(stats, "stats");
      Objects.requireNonNull(trace, "trace");
    }

    @Override
    public Verdict verdict() {
      return Verdict.VIOLATED;
    }
  }

  /** The model could not be checked. */
  record Failed(ErrorInfo error, Stats stats) implements CheckOutcome {
    public Failed {
      Objects.requireNonNull(error, "error");
      Objects.requireNonNull(stats, "stats");
    }

    @Override
    public Verdict verdict() {
      return Verdict.ERROR;
    }
  }

  /**
   * The wall-clock limit ran out and the checking process was killed.
   *
   * @param stats the last progress TLC reported
   * @param limitSeconds the limit that ran out
   */
  record TimedOut(Stats stats, long limitSeconds) implements CheckOutcome {
    public TimedOut {
      Objects.requireNonNull(stats, "stats");
    }

    @Override
    public Verdict verdict() {
      return Verdict.TIMEOUT;
    }
  }

  /**
   * The model did not finish because the checker was stopped (SIGINT/SIGTERM) first: written into
   * the results of an interrupted run for every model that had not finished.
   *
   * @param reason one sentence saying why, e.g. which signal stopped the run
   */
  record NotRun(String reason) implements CheckOutcome {
    public NotRun {
      Objects.requireNonNull(reason, "reason");
    }

    @Override
    public Verdict verdict() {
      return Verdict.NOT_RUN;
    }

    @Override
    public Stats stats() {
      return Stats.NONE;
    }
  }
}
