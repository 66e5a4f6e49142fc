package org.vfiomc.conformance.vfio;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The small values of the arc algorithm refuse what cannot exist, and its rejections say why in the
 * words a user reads (PIT survivors of issue 13 on {@code Arc}, {@code SetPath} and {@code
 * MigrationArcs}).
 */
final class ArcValuesTest {
  @Test
  void anArcFromAStateToItself_doesNotExist() {
    assertThrows(
        IllegalArgumentException.class, () -> Arc.of(MigrationState.STOP, MigrationState.STOP));
    assertEquals("STOP->RUNNING", Arc.of(MigrationState.STOP, MigrationState.RUNNING).toString());
  }

  @Test
  void aSetPath_isValidExactlyWhenItHasStates_andOnlyAValidOneReturnsAnFd() {
    MigrationFeatures f = MigrationFeatures.of(false, false);
    assertThrows(
        IllegalArgumentException.class,
        () ->
            new SetPath(
                MigrationState.STOP, MigrationState.RUNNING, f, true, List.of(), false, ""));
    assertThrows(
        IllegalArgumentException.class,
        () ->
            new SetPath(
                MigrationState.STOP,
                MigrationState.RUNNING,
                f,
                false,
                List.of(MigrationState.STOP),
                false,
                "x"));
    assertThrows(
        IllegalArgumentException.class,
        () ->
            new SetPath(
                MigrationState.STOP, MigrationState.RUNNING, f, false, List.of(), true, "x"));
    SetPath noOp = MigrationArcs.resolve(MigrationState.STOP, MigrationState.STOP, f);
    assertTrue(noOp.valid());
    assertTrue(noOp.arcs().isEmpty());
    assertEquals(
        List.of(Arc.of(MigrationState.RUNNING, MigrationState.STOP)),
        MigrationArcs.resolve(MigrationState.RUNNING, MigrationState.STOP, f).arcs());
  }

  @Test
  void rejections_nameWhyTheStateCannotBeUsed() {
    MigrationFeatures stopCopyOnly = MigrationFeatures.of(false, false);
    SetPath toError =
        MigrationArcs.resolve(MigrationState.STOP, MigrationState.ERROR, stopCopyOnly);
    assertFalse(toError.valid());
    assertTrue(toError.reason().endsWith("ERROR can never be used in a SET"), toError.reason());
    SetPath toPreCopy =
        MigrationArcs.resolve(MigrationState.STOP, MigrationState.PRE_COPY, stopCopyOnly);
    assertTrue(
        toPreCopy.reason().endsWith("PRE_COPY is not supported by this feature set"),
        toPreCopy.reason());
  }
}
