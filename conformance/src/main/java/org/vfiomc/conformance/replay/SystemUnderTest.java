package org.vfiomc.conformance.replay;

import java.util.Optional;

/** A configured implementation that a trace is replayed against. */
public interface SystemUnderTest<A extends SpecAction> extends StateProjection {
  /** Applies one spec action. */
  StepOutcome apply(A action);

  /**
   * For a counterexample: evidence, read from the implementation, that it exhibits the violation of
   * {@code property} in its current state (e.g. the ledger reports a lost P2P write), or empty when
   * it does not.
   */
  Optional<String> violationEvidence(String property);

  /**
   * A remark every report of a replay on this system carries, e.g. how the implementation was
   * configured away from the real device to fit the model; empty by default.
   */
  default Optional<String> note() {
    return Optional.empty();
  }

  /**
   * Ends the run: a system that reuses costly set-up (e.g. devices) across runs takes it back here.
   * The replayer calls it once a run is over; nothing is called on a closed system. Nothing by
   * default.
   */
  default void close() {}
}
