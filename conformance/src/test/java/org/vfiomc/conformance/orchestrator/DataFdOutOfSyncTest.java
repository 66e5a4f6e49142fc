package org.vfiomc.conformance.orchestrator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.vfiomc.conformance.scenario.SyntheticVm;
import org.vfiomc.conformance.vfio.MigrationFeatures;
import org.vfiomc.conformance.vfio.MigrationState;

/**
 * QEMU's {@code vfio_migration_set_state} ({@code hw/vfio/migration.c}): a SET that returns a new
 * data fd while QEMU still holds one ("This can happen if the device is asynchronously reset and
 * terminates a data transfer") closes the new fd and fails with "data_fd out of sync". Here the
 * source is reset after pre-copy's last read and before the vCPUs stop; the stop's prepare callback
 * (PRE_COPY_P2P, QEMU still believing PRE_COPY) takes the reset device RUNNING → PRE_COPY →
 * PRE_COPY_P2P, which opens a new saving fd. The failure is remembered ({@code
 * migration_file_set_error}), the completion fails before any device is read, and the source
 * recovers to RUNNING.
 */
final class DataFdOutOfSyncTest {
  @Test
  void aNewFdWhileOneIsHeld_failsTheStop_andTheSourceRecovers() {
    SyntheticVm vm = MigrationOrchestratorTest.vm(1, MigrationFeatures.ALL, 20);
    DevicePair p = vm.pairs().get(0);
    MigrationWorkload resetBeforeStop =
        new MigrationWorkload() {
          @Override
          public void runGuest(long nanos) {
            vm.workload().runGuest(nanos);
          }

          @Override
          public void betweenArcs() {
            vm.workload().betweenArcs();
          }

          @Override
          public void beforeVcpuStop() {
            p.source().reset(); // behind QEMU's back: its saving fd is dead, QEMU still holds it
          }
        };
    ProtocolObserverCallsTest.Log log = new ProtocolObserverCallsTest.Log();
    MigrationReport r =
        new MigrationOrchestrator(
                vm.pairs(),
                vm.memory(),
                resetBeforeStop,
                vm.clock(),
                OrchestratorOptions.defaults(),
                new ProtocolHooks(log, java.util.Set.of()))
            .migrate();
    assertEquals(MigrationReport.Outcome.FAILED, r.outcome(), r.toString());
    assertEquals("dev0: data_fd out of sync", r.detail());
    assertEquals(Map.of("dev0", MigrationState.RUNNING), r.sourceStates());
    assertEquals(Map.of("dev0", MigrationState.RUNNING), r.destinationStates());
    assertEquals(java.util.List.of(), log.starting("eos"), "no stop-copy read");
    assertTrue(log.calls.contains("reset dev0-src"));
    assertTrue(r.downtimeNanos() > 0);
  }
}
