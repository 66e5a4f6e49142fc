package org.vfiomc.conformance.replay;

/** What a trace is meant to show ({@code #meta.kind}). */
public enum TraceKind {
  /** A path of a model that holds: the implementation must follow every step. */
  TOUR,
  /**
   * TLC's counterexample of a broken-variant model: the implementation configured with the same
   * defect must follow it and reproduce the violation; the correct implementation must diverge.
   */
  COUNTEREXAMPLE;

  /** The ITF spelling. */
  public String itfName() {
    return this == TOUR ? "tour" : "counterexample";
  }
}
