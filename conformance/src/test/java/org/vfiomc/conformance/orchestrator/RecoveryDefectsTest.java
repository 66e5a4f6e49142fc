package org.vfiomc.conformance.orchestrator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.vfiomc.conformance.scenario.SyntheticVm;
import org.vfiomc.conformance.vfio.MigrationFeatures;
import org.vfiomc.conformance.vfio.MigrationState;

/**
 * The orchestrator's recovery defects ({@link ProtocolDefect}, {@code VfioMigration.tla}'s {@code
 * NoResumeOnFailure} and {@code RecoverByReset}) against QEMU's recovery ({@code
 * migration_iteration_finish}, {@code migrate_fd_cleanup}, {@code vfio_migration_state_notifier}:
 * every source back in RUNNING with its state). Only the recorders' tests ran these defects; here
 * the orchestrator's own report says what each did. The failure is the stop-copy loop that waits
 * for -ENOMSG ({@link ProtocolDefect#WAIT_FOR_ENOMSG_IN_STOP_COPY}), so the source is in STOP_COPY
 * when the migration fails.
 */
final class RecoveryDefectsTest {
  private static final ProtocolDefect WAIT = ProtocolDefect.WAIT_FOR_ENOMSG_IN_STOP_COPY;

  private static MigrationReport run(SyntheticVm vm, Set<ProtocolDefect> defects) {
    return vm.migrate(OrchestratorOptions.defaults(), defects);
  }

  private static SyntheticVm vm() {
    return MigrationOrchestratorTest.vm(1, MigrationFeatures.ALL, 20);
  }

  private static long count(MigrationReport r, String suffix) {
    return r.events().stream().filter(e -> e.endsWith(suffix)).count();
  }

  /** QEMU: the source leaves STOP_COPY (via STOP, RUNNING_P2P) for RUNNING, nothing reset. */
  @Test
  void qemu_theStoppedSourceRunsAgain() {
    MigrationReport r = run(vm(), Set.of(WAIT));
    assertEquals(MigrationReport.Outcome.FAILED, r.outcome());
    assertEquals(Map.of("dev0", MigrationState.RUNNING), r.sourceStates());
    assertEquals(Map.of("dev0", MigrationState.RUNNING), r.destinationStates());
    assertEquals(0, r.devicesReset());
    assertEquals(1, count(r, ": sources back in RUNNING"));
    assertTrue(r.downtimeNanos() > 0, r.toString()); // the vCPUs had stopped
  }

  /** NoResumeOnFailure: the source stays in STOP_COPY; the log says so. */
  @Test
  void noResumeOnFailure_leavesTheSourceInStopCopy() {
    MigrationReport r = run(vm(), Set.of(WAIT, ProtocolDefect.NO_RESUME_ON_FAILURE));
    assertEquals(MigrationReport.Outcome.FAILED, r.outcome());
    assertEquals(Map.of("dev0", MigrationState.STOP_COPY), r.sourceStates());
    assertEquals(0, r.devicesReset());
    assertEquals(1, count(r, ": dev0-src left in STOP_COPY (defect NoResumeOnFailure)"));
  }

  /**
   * NoResumeOnFailure touches only a source in STOP_COPY: a failure in setup (the channel closes in
   * the first section) leaves the source in PRE_COPY, and it is resumed as QEMU does.
   */
  @Test
  void noResumeOnFailure_beforeTheStop_resumesAsQemu() {
    SyntheticVm vm = vm();
    MigrationReport r =
        vm.migrate(
            OrchestratorOptions.defaults()
                .withStreamFault(new StreamFault(StreamFault.Kind.BREAK, 1)),
            Set.of(ProtocolDefect.NO_RESUME_ON_FAILURE));
    assertEquals(MigrationReport.Outcome.FAILED, r.outcome());
    assertEquals(Map.of("dev0", MigrationState.RUNNING), r.sourceStates());
    assertEquals(0, count(r, "(defect NoResumeOnFailure)"));
  }

  /**
   * RecoverByReset: the source is reset instead of resumed (counted in the report; its function
   * state is lost), and no SET RUNNING follows.
   */
  @Test
  void recoverByReset_resetsTheSource() {
    SyntheticVm vm = vm();
    List<String> arcs = QemuTransportTest.watch(vm).get("src");
    MigrationReport r = run(vm, Set.of(WAIT, ProtocolDefect.RECOVER_BY_RESET));
    assertEquals(MigrationReport.Outcome.FAILED, r.outcome());
    assertEquals(Map.of("dev0", MigrationState.RUNNING), r.sourceStates());
    assertEquals(1, r.devicesReset());
    assertEquals(1, count(r, ": dev0-src reset (function state lost)"));
    assertEquals("reset", arcs.get(arcs.size() - 1));
    assertEquals(
        List.of("RUNNING->PRE_COPY", "PRE_COPY->PRE_COPY_P2P", "PRE_COPY_P2P->STOP_COPY", "reset"),
        arcs);
  }
}
