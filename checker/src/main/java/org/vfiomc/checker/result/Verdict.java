package org.vfiomc.checker.result;

/** What a model check concluded. */
public enum Verdict {
  /** Every invariant and property holds on the whole reachable state space. */
  HOLDS,
  /** A property is violated; the outcome carries a counterexample. */
  VIOLATED,
  /** The model could not be checked (parse, semantic, configuration or tool failure). */
  ERROR,
  /** The wall-clock limit ran out before TLC finished. */
  TIMEOUT,
  /**
   * The checker was stopped (SIGINT/SIGTERM) before the model finished; only in results files,
   * never an expectation.
   */
  NOT_RUN
}
