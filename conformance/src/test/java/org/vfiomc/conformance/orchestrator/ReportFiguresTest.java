package org.vfiomc.conformance.orchestrator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Set;
import org.junit.jupiter.api.Test;
import org.vfiomc.conformance.scenario.SyntheticVm;
import org.vfiomc.conformance.vfio.MigrationFeatures;

/**
 * The report's figures as {@link MigrationReport}'s Javadoc defines them, and QEMU's pending
 * estimate ({@code qemu_savevm_state_pending_estimate}: RAM's marked pages plus each device's
 * cached {@code precopy_init_size + precopy_dirty_size}, {@code vfio_state_pending_estimate}).
 */
final class ReportFiguresTest {
  /**
   * Memory bytes are the pages copied times the page size (4096), the total time is the simulated
   * time the migration took, and the downtime lies inside it.
   */
  @Test
  void memoryBytes_totalAndDowntime() {
    SyntheticVm vm = MigrationOrchestratorTest.vm(1, MigrationFeatures.ALL, 20);
    long before = vm.clock().nanos();
    MigrationReport r = vm.migrate(OrchestratorOptions.defaults());
    assertEquals(MigrationReport.Outcome.COMPLETED, r.outcome());
    assertEquals(r.pagesCopied() * SyntheticVm.PAGE_SIZE, r.memoryBytes());
    assertEquals(vm.clock().nanos() - before, r.totalNanos());
    assertTrue(r.downtimeNanos() > 0 && r.downtimeNanos() < r.totalNanos(), r.toString());

    // after a failure past the vCPU stop the downtime runs to the sources running again: inside
    // the run as well
    SyntheticVm f = MigrationOrchestratorTest.vm(1, MigrationFeatures.ALL, 20);
    long fBefore = f.clock().nanos();
    MigrationReport failed =
        f.migrate(
            OrchestratorOptions.defaults(), Set.of(ProtocolDefect.WAIT_FOR_ENOMSG_IN_STOP_COPY));
    assertEquals(MigrationReport.Outcome.FAILED, failed.outcome());
    assertEquals(f.clock().nanos() - fBefore, failed.totalNanos());
    assertTrue(failed.downtimeNanos() > 0, failed.toString());
    assertTrue(failed.downtimeNanos() < failed.totalNanos(), failed.toString());
  }

  /**
   * With 64-byte reads the device's initial image is not sent in one iteration, and its cached
   * pre-copy bytes (initial + dirty as queried at setup, less the 64 read) stay in the estimate:
   * with a 100 ns downtime limit (a threshold of about 125 bytes) and no guest writes, the estimate
   * after iteration 1 holds no RAM page (the bitmap was sent and not synced since), so it is the
   * device's cached bytes alone, not below the threshold; QEMU takes no exact pass, and
   * management's cap of 1 iteration cancels on the estimate.
   */
  @Test
  void theEstimate_holdsTheDevicesCachedPrecopyBytes() {
    SyntheticVm vm = MigrationOrchestratorTest.vm(1, MigrationFeatures.ALL, 0);
    MigrationReport r =
        vm.migrate(
            OrchestratorOptions.defaults()
                .withReadChunk(64)
                .withDowntimeLimitNanos(100)
                .withMaxPrecopyRounds(1));
    assertEquals(MigrationReport.Outcome.CANCELLED, r.outcome(), r.toString());
    assertEquals(64, r.deviceBytes());
    assertTrue(r.pendingBytes() >= r.thresholdBytes(), r.toString());
    assertTrue(r.thresholdBytes() > 100 && r.thresholdBytes() <= 125, r.toString());
    assertEquals(
        "no switchover after 1 iterations (estimated pending "
            + r.pendingBytes()
            + " bytes, threshold "
            + r.thresholdBytes()
            + "): the management layer cancels (QEMU has no iteration cap)",
        r.detail());
    assertFalse(r.detail().contains("not acked"));
  }
}
