package org.vfiomc.conformance.orchestrator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.vfiomc.conformance.function.SyntheticFunction;
import org.vfiomc.conformance.vfio.ArcFault;
import org.vfiomc.conformance.vfio.MigrationFeatures;
import org.vfiomc.conformance.vfio.MigrationState;
import org.vfiomc.conformance.vfio.VfioMigrationDevice;

/**
 * {@link QemuSteps#recoverSource} where the recovery itself fails, as QEMU's {@code
 * vfio_migration_set_state_or_reset} handles it (from {@code vfio_migration_state_notifier}): a
 * device in ERROR is reset, and so is one whose SET RUNNING_P2P or SET RUNNING fails; a P2P device
 * already in RUNNING takes no RUNNING_P2P step (PIT: these branches had no test).
 */
final class QemuStepsRecoveryFailureTest {
  private static final Set<ProtocolDefect> NONE = EnumSet.noneOf(ProtocolDefect.class);

  private static VfioMigrationDevice device(MigrationFeatures f, MigrationState at) {
    VfioMigrationDevice d = new VfioMigrationDevice("src", new SyntheticFunction(8), f);
    assertTrue(d.set(at).ok());
    return d;
  }

  /** Every arc into {@code to} fails (the device stays where it was). */
  private static void failArcsInto(VfioMigrationDevice d, MigrationState to) {
    d.setFaultInjector(arc -> arc.to() == to ? Optional.of(ArcFault.FAIL_STAY) : Optional.empty());
  }

  @Test
  void aDeviceInError_isReset() {
    VfioMigrationDevice d = device(MigrationFeatures.ALL, MigrationState.RUNNING);
    d.setFaultInjector(arc -> Optional.of(ArcFault.FAIL_TO_ERROR));
    assertTrue(!d.set(MigrationState.STOP).ok());
    d.setFaultInjector(arc -> Optional.empty());
    assertEquals(MigrationState.ERROR, d.state());
    assertEquals(QemuSteps.Recovery.RESET, QemuSteps.recoverSource(d, NONE));
    assertEquals(MigrationState.RUNNING, d.state());
  }

  @Test
  void aFailedRunningP2p_resetsTheP2pDevice() {
    VfioMigrationDevice d = device(MigrationFeatures.ALL, MigrationState.STOP_COPY);
    failArcsInto(d, MigrationState.RUNNING_P2P);
    assertEquals(QemuSteps.Recovery.RESET, QemuSteps.recoverSource(d, NONE));
    assertEquals(MigrationState.RUNNING, d.state());
  }

  @Test
  void aFailedRunning_resetsTheDevice() {
    VfioMigrationDevice d = device(MigrationFeatures.ALL, MigrationState.STOP_COPY);
    failArcsInto(d, MigrationState.RUNNING);
    assertEquals(QemuSteps.Recovery.RESET, QemuSteps.recoverSource(d, NONE));
    assertEquals(MigrationState.RUNNING, d.state());
  }

  /**
   * A P2P device already in RUNNING is not walked through RUNNING_P2P (that arc would fail here),
   * and a device without P2P goes straight to RUNNING.
   */
  @Test
  void noRunningP2pStep_forADeviceInRunning_orWithoutP2p() {
    VfioMigrationDevice running = device(MigrationFeatures.ALL, MigrationState.RUNNING);
    failArcsInto(running, MigrationState.RUNNING_P2P);
    assertEquals(QemuSteps.Recovery.RESUMED, QemuSteps.recoverSource(running, NONE));
    assertEquals(MigrationState.RUNNING, running.state());

    VfioMigrationDevice plain =
        device(MigrationFeatures.STOP_COPY_PRE_COPY, MigrationState.PRE_COPY);
    assertEquals(QemuSteps.Recovery.RESUMED, QemuSteps.recoverSource(plain, NONE));
    assertEquals(MigrationState.RUNNING, plain.state());
  }
}
