package org.vfiomc.conformance.replay;

/** Which implementation a trace is replayed against. */
public enum ReplayMode {
  /** Configured from the trace's constants, defects included. */
  AS_CONFIGURED,
  /**
   * Configured from the constants with every defect removed ({@link SpecBinding#correctConstants}).
   */
  CORRECT
}
