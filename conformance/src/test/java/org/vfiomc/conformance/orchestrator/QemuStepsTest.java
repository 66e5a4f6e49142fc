package org.vfiomc.conformance.orchestrator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.EnumSet;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.vfiomc.conformance.emulator.migration.DataFd;
import org.vfiomc.conformance.emulator.migration.MigrationFeatures;
import org.vfiomc.conformance.emulator.migration.MigrationState;
import org.vfiomc.conformance.emulator.migration.ReadResult;
import org.vfiomc.conformance.emulator.migration.VfioMigrationDevice;

/** QEMU's per-device decisions and the defects that break them. */
final class QemuStepsTest {
  private static final Set<QemuDefect> NONE = EnumSet.noneOf(QemuDefect.class);

  private static VfioMigrationDevice stoppedSource(SyntheticFunction fn) {
    VfioMigrationDevice d = new VfioMigrationDevice("src", fn, MigrationFeatures.ALL);
    assertTrue(d.set(MigrationState.STOP_COPY).ok());
    return d;
  }

  @Test
  void stopCopyLoop_endsOnEof_unlessItWaitsForEnomsg() {
    VfioMigrationDevice d =
        new VfioMigrationDevice("src", new SyntheticFunction(8), MigrationFeatures.STOP_COPY);
    DataFd f = d.set(MigrationState.STOP_COPY).dataFd().orElseThrow();
    ReadResult data = f.read(1 << 20);
    assertTrue(data.length() > 0);
    assertFalse(QemuSteps.stopCopyLoopEnds(data, NONE), "data: the loop goes on");
    ReadResult eof = f.read(1 << 20);
    assertTrue(eof.endOfStreamReached());
    assertTrue(QemuSteps.stopCopyLoopEnds(eof, NONE));
    assertFalse(
        QemuSteps.stopCopyLoopEnds(eof, EnumSet.of(QemuDefect.WAIT_FOR_ENOMSG_IN_STOP_COPY)),
        "STOP_COPY never returns ENOMSG: the broken loop waits for ever");
  }

  @Test
  void recovery_resumesKeepingTheState_orLeavesItStopped_orResetsIt() {
    SyntheticFunction fn = new SyntheticFunction(8);
    fn.tick();
    long digest = fn.stateDigest();
    VfioMigrationDevice d = stoppedSource(fn);
    assertEquals(QemuSteps.Recovery.RESUMED, QemuSteps.recoverSource(d, NONE));
    assertEquals(MigrationState.RUNNING, d.state());
    assertEquals(digest, fn.stateDigest());

    VfioMigrationDevice left = stoppedSource(new SyntheticFunction(8));
    assertEquals(
        QemuSteps.Recovery.LEFT_STOPPED,
        QemuSteps.recoverSource(left, EnumSet.of(QemuDefect.NO_RESUME_ON_FAILURE)));
    assertEquals(MigrationState.STOP_COPY, left.state());

    SyntheticFunction reset = new SyntheticFunction(8);
    SyntheticFunction fresh = new SyntheticFunction(8);
    reset.tick();
    VfioMigrationDevice r = stoppedSource(reset);
    assertEquals(
        QemuSteps.Recovery.RESET,
        QemuSteps.recoverSource(r, EnumSet.of(QemuDefect.RECOVER_BY_RESET)));
    assertEquals(MigrationState.RUNNING, r.state());
    assertEquals(fresh.stateDigest(), reset.stateDigest(), "reset: the power-on state");
  }
}
