package org.vfiomc.conformance.replay;

import java.util.List;
import org.vfiomc.checker.trace.TlaValue;

/**
 * The implementation's state seen through the spec's variables. Values are computed from the
 * implementation (never copied from the trace).
 */
public interface StateProjection {
  /** The spec variables this projection computes, in a fixed order. */
  List<String> variables();

  /**
   * Writes the current value of each variable of {@link #variables()} into {@code out} (same
   * order); a variable the implementation cannot observe is written as {@code null}.
   */
  void project(TlaValue[] out);
}
