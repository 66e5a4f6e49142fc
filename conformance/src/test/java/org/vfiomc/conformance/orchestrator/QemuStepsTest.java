package org.vfiomc.conformance.orchestrator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.EnumSet;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.vfiomc.conformance.function.SyntheticFunction;
import org.vfiomc.conformance.scenario.SyntheticVm;
import org.vfiomc.conformance.vfio.DataFd;
import org.vfiomc.conformance.vfio.MigrationFeatures;
import org.vfiomc.conformance.vfio.MigrationState;
import org.vfiomc.conformance.vfio.ReadResult;
import org.vfiomc.conformance.vfio.VfioMigrationDevice;

/** QEMU's per-device decisions and the defects that break them. */
final class QemuStepsTest {
  private static final Set<ProtocolDefect> NONE = EnumSet.noneOf(ProtocolDefect.class);

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
        QemuSteps.stopCopyLoopEnds(eof, EnumSet.of(ProtocolDefect.WAIT_FOR_ENOMSG_IN_STOP_COPY)),
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
        QemuSteps.recoverSource(left, EnumSet.of(ProtocolDefect.NO_RESUME_ON_FAILURE)));
    assertEquals(MigrationState.STOP_COPY, left.state());

    SyntheticFunction reset = new SyntheticFunction(8);
    SyntheticFunction fresh = new SyntheticFunction(8);
    reset.tick();
    VfioMigrationDevice r = stoppedSource(reset);
    assertEquals(
        QemuSteps.Recovery.RESET,
        QemuSteps.recoverSource(r, EnumSet.of(ProtocolDefect.RECOVER_BY_RESET)));
    assertEquals(MigrationState.RUNNING, r.state());
    assertEquals(fresh.stateDigest(), reset.stateDigest(), "reset: the power-on state");
  }

  @Test
  void orchestrator_cancelAfterSwitchover_defectsDecideTheSourcesEndState() {
    // one device with all features: dst RUNNING->RUNNING_P2P->STOP->RESUMING (arcs 1-3), src
    // RUNNING->PRE_COPY (4), PRE_COPY->PRE_COPY_P2P (5), ->STOP_COPY (6): a cancel once 6 arcs
    // completed hits a stopped source
    OrchestratorOptions cancel = OrchestratorOptions.defaults().withCancelAfterArc(6);
    SyntheticVm correct = MigrationOrchestratorTest.vm(1, MigrationFeatures.ALL, 20);
    MigrationReport r = correct.migrate(cancel, NONE);
    assertEquals(MigrationReport.Outcome.CANCELLED, r.outcome(), r.toString());
    assertEquals(MigrationState.RUNNING, r.sourceStates().get("dev0"));
    assertEquals(0, r.devicesReset());

    SyntheticVm noResume = MigrationOrchestratorTest.vm(1, MigrationFeatures.ALL, 20);
    r = noResume.migrate(cancel, EnumSet.of(ProtocolDefect.NO_RESUME_ON_FAILURE));
    assertEquals(MigrationReport.Outcome.CANCELLED, r.outcome(), r.toString());
    assertEquals(MigrationState.STOP_COPY, r.sourceStates().get("dev0"));

    SyntheticVm reset = MigrationOrchestratorTest.vm(1, MigrationFeatures.ALL, 20);
    assertTrue(reset.sources().get(0).work() > 0, "the warm-up made the source work");
    r = reset.migrate(cancel, EnumSet.of(ProtocolDefect.RECOVER_BY_RESET));
    assertEquals(MigrationState.RUNNING, r.sourceStates().get("dev0"));
    assertEquals(1, r.devicesReset());
    assertEquals(0, reset.sources().get(0).work(), "the reset lost the guest's device state");
  }

  @Test
  void orchestrator_waitingForEnomsg_isDeclaredHung_andRecovers() {
    SyntheticVm vm = MigrationOrchestratorTest.vm(1, MigrationFeatures.ALL, 20);
    MigrationReport r =
        vm.migrate(
            OrchestratorOptions.defaults(),
            EnumSet.of(ProtocolDefect.WAIT_FOR_ENOMSG_IN_STOP_COPY));
    assertEquals(MigrationReport.Outcome.FAILED, r.outcome(), r.toString());
    // the waiting loop gives up after ProtocolDefect.ENOMSG_WAIT_READS (3) reads of 0
    assertTrue(r.detail().contains("still no -ENOMSG after 3 reads of 0"), r.detail());
    assertEquals(MigrationState.RUNNING, r.sourceStates().get("dev0"));
  }
}
