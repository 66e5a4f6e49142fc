package org.vfiomc.conformance.vfio;

import static java.util.Objects.requireNonNull;

import java.util.List;

/** The outcome of one call of the kernel's next-step function. */
public sealed interface NextStep {

  /** The next state to step to. */
  record Next(MigrationState state) implements NextStep {
    public Next {
      requireNonNull(state, "state");
    }
  }

  /**
   * The request is rejected with {@code -EINVAL}; {@code kernelWarns} when the kernel also prints a
   * WARN (the current state itself is not supported, e.g. ERROR).
   */
  record Invalid(String reason, boolean kernelWarns) implements NextStep {
    public Invalid {
      requireNonNull(reason, "reason");
    }
  }

  /**
   * The unfixed kernel loop never terminates: its skip loop revisits {@code cycle.get(0)}. Only the
   * pre-fix algorithm ({@link MigrationArcs#nextStepBeforeFix}) can produce this.
   */
  record Hangs(List<MigrationState> cycle) implements NextStep {
    public Hangs {
      cycle = List.copyOf(cycle);
    }
  }
}
