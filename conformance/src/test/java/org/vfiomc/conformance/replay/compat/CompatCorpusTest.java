package org.vfiomc.conformance.replay.compat;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.vfiomc.conformance.replay.CommittedCounterexamples;
import org.vfiomc.conformance.replay.Discrepancy;
import org.vfiomc.conformance.replay.ReplayMode;
import org.vfiomc.conformance.replay.ReplayReport;

/**
 * Every committed VfioCompat counterexample ({@code traces/counterexamples/VfioCompat_*}): with its
 * defect (a {@code CompatPolicy.Fault}) every step conforms and the picker shows the violation;
 * with the correct policy it diverges at the step where the defect first decides something.
 */
class CompatCorpusTest {
  private static ReplayReport replay(String model, ReplayMode mode) throws Exception {
    return CommittedCounterexamples.replay(new VfioCompatBinding(), model, mode);
  }

  /**
   * Columns: model, steps, evidence, the correct policy's divergence (kind, step, action). Why each
   * step: a type-level answer (exact versions refuse same-newer; a namespaced string refuses the
   * other vendor) or an instance-level one (the host-side configuration, the share of the parent)
   * differs at once; the version written differs at Migrate; the load refuses at LoadOk; the source
   * resumes at Fail; the administrator settings stay at LoadOk; and a type-level answer that
   * contradicts the instance-level one is visible as soon as the pair is picked (step 1), which the
   * correct policy does not show.
   */
  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "VfioCompat_TypeCheckExact | 1 | type-level check refuses | MissingAction | 1 | Pick",
        "VfioCompat_NoNamespace | 7 | incompatible other-vendor completed | StateMismatch | 2"
            + " | TypeCheck",
        "VfioCompat_PairOnStringMatch | 7 | incompatible phys-whole completed | StateMismatch | 4"
            + " | InstanceCheck",
        "VfioCompat_ExactVersion | 2 | refused compatible same-newer | StateMismatch | 2"
            + " | TypeCheck",
        "VfioCompat_IgnoreHostCfg | 6 | refused the load after the instance check said YES"
            + " | StateMismatch | 4 | InstanceCheck",
        "VfioCompat_NoLoadCheck | 4 | loaded a stream it cannot carry on | UnexpectedAction | 4"
            + " | LoadOk",
        "VfioCompat_NoSourceResume | 5 | source device in STOP_COPY | StateMismatch | 5 | Fail",
        "VfioCompat_NewestVersion | 5 | wrote version 2, both support 1..1 | StateMismatch | 5"
            + " | Migrate",
        "VfioCompat_OverwriteAdmin | 6 | settings admin-src instead of its own admin-2"
            + " | StateMismatch | 6 | LoadOk",
      })
  void reproducesWithItsDefect_andDivergesOnTheCorrectPolicy(
      String model, int steps, String shown, String kind, int step, String action)
      throws Exception {
    ReplayReport broken = replay(model, ReplayMode.AS_CONFIGURED);
    assertEquals(java.util.Optional.empty(), broken.discrepancy(), broken::summary);
    assertEquals(steps, broken.stepsReplayed());
    assertTrue(broken.evidence().orElseThrow().contains(shown), broken::summary);
    assertTrue(broken.asExpected(), broken::summary);

    ReplayReport correct = replay(model, ReplayMode.CORRECT);
    Discrepancy d = correct.discrepancy().orElseThrow();
    assertEquals(kind, d.getClass().getSimpleName(), correct::summary);
    assertEquals(step, d.step(), correct::summary);
    assertTrue(d.action().startsWith(action), correct::summary);
    assertTrue(correct.asExpected(), correct::summary);
  }
}
