package org.vfiomc.conformance.replay;

/** What applying one action to the system under test did. */
public sealed interface StepOutcome {
  /** The singleton for a step the implementation took. */
  StepOutcome OK = new Applied();

  /** The implementation took the step; compare the state next. */
  record Applied() implements StepOutcome {}

  /** The implementation cannot take this spec step. */
  record NotPossible(String reason) implements StepOutcome {}

  /** The implementation did something else than the spec step. */
  record Unexpected(String reason) implements StepOutcome {}
}
