package org.vfiomc.conformance.replay;

import java.util.List;
import java.util.Map;
import java.util.Set;
import org.vfiomc.checker.trace.TlaValue;
import org.vfiomc.checker.trace.TraceFormatException;

/**
 * Binds one spec module to the implementation: action decoding, configuration from the constants,
 * and projection.
 */
public interface SpecBinding<A extends SpecAction> {
  /** The spec's root module ({@code #meta.module}). */
  String module();

  /** Every spec variable, in the spec's order (the trace must list exactly these). */
  List<String> variables();

  /**
   * Variables the implementation cannot observe: compared never, listed in every report (none by
   * default).
   */
  default Set<String> unobservable() {
    return Set.of();
  }

  /**
   * Rejects constants that are not the spec's: an unknown constant, or a defect name the spec does
   * not define (a typo must not turn into a "spec-only defect" or be ignored), as an input error
   * naming {@code /#meta/constants/NAME}, the offending value and the known ones. Called before
   * anything else looks at the constants, in every mode.
   */
  void checkConstants(String file, Map<String, TlaValue> constants) throws TraceFormatException;

  /** Decodes one step's action; an unknown tag or bad parameter is an error. */
  A decode(ActionSource source) throws TraceFormatException;

  /**
   * Builds the system under test from the trace's constants and initial state. The initial state
   * may be read only for choices {@code Init} makes nondeterministically (documented per binding);
   * an unsupported constant value is an error naming {@code /#meta/constants/NAME}.
   */
  SystemUnderTest<A> configure(
      String file, Map<String, TlaValue> constants, Map<String, TlaValue> initialState)
      throws TraceFormatException;

  /**
   * The constants of a counterexample's trace with the defects removed (the correct
   * implementation), or the same constants when the module has no defect constant.
   */
  Map<String, TlaValue> correctConstants(Map<String, TlaValue> constants);

  /**
   * Classifies a state mismatch: a binding maps differences in loss/corruption variables to {@link
   * Discrepancy.PacketLost} or {@link Discrepancy.PacketCorrupted}; the default is {@link
   * Discrepancy.StateMismatch}.
   */
  default Discrepancy classify(int step, String action, List<VarDiff> diffs) {
    return new Discrepancy.StateMismatch(step, action, diffs);
  }

  /**
   * Why the implementation cannot be configured with the defects in {@code constants} (a defect
   * that exists only in the spec, e.g. a wrong table cell), or empty when it can. A counterexample
   * with such a defect is replayed only against the correct implementation, where it must diverge.
   */
  default java.util.Optional<String> specOnlyDefects(Map<String, TlaValue> constants) {
    return java.util.Optional.empty();
  }
}
