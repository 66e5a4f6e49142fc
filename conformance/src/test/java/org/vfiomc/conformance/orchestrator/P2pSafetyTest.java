package org.vfiomc.conformance.orchestrator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.vfiomc.conformance.vfio.MigrationState;

final class P2pSafetyTest {
  @Test
  void violated_exactlyForAnInitiatorBesideAStoppedDevice() {
    MigrationState[] all = MigrationState.values();
    int violating = 0;
    for (MigrationState a : all) {
      for (MigrationState b : all) {
        violating += P2pSafety.violated(List.of(a, b)) ? 1 : 0;
      }
    }
    // Initiators {RUNNING, PRE_COPY} x stopped {STOP, STOP_COPY, RESUMING}, in both orders: 12.
    assertEquals(12, violating);
    assertTrue(P2pSafety.violated(List.of(MigrationState.PRE_COPY, MigrationState.STOP_COPY)));
    // The *_P2P states are the safe intermediate steps on both sides.
    assertFalse(P2pSafety.violated(List.of(MigrationState.PRE_COPY_P2P, MigrationState.STOP)));
    assertFalse(P2pSafety.violated(List.of(MigrationState.RUNNING, MigrationState.RUNNING_P2P)));
    assertFalse(P2pSafety.violated(List.of(MigrationState.RUNNING)));
  }
}
