package org.vfiomc.conformance.orchestrator;

/** How the orchestrator orders the state changes of several devices on stop and on start. */
public enum P2pOrdering {
  /**
   * QEMU (8.2+): on stop, every device first goes to a *_P2P state (prepare callbacks), only then
   * to STOP or STOP_COPY (main callbacks); on start, every device goes to RUNNING_P2P before any
   * goes to RUNNING.
   */
  PREPARE_THEN_MAIN,
  /** Each device goes straight to its final state, one after the other (the broken order). */
  NAIVE
}
