package org.vfiomc.conformance.orchestrator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.vfiomc.conformance.function.SyntheticFunction;
import org.vfiomc.conformance.scenario.SyntheticGuestMemory;
import org.vfiomc.conformance.scenario.SyntheticVm;
import org.vfiomc.conformance.scenario.SyntheticWorkload;
import org.vfiomc.conformance.vfio.ArcFault;
import org.vfiomc.conformance.vfio.MigrationFeatures;
import org.vfiomc.conformance.vfio.MigrationState;
import org.vfiomc.conformance.vfio.VfioMigrationDevice;

/**
 * Arc numbering of a two-device migration with all features (used by the fault tests): setup
 * dev0-dst RUNNING→RUNNING_P2P→STOP→RESUMING (arcs 0-2), dev1-dst (3-5), dev0-src RUNNING→PRE_COPY
 * (6), dev1-src (7); switchover prepare PRE_COPY→PRE_COPY_P2P (8: dev1, 9: dev0), main →STOP_COPY
 * (10: dev1, 11: dev0), the stop's callbacks in reverse registration order; destination prepare
 * RESUMING→STOP→RUNNING_P2P (12-13 dev0, 14-15 dev1), main →RUNNING (16, 17); source cleanup
 * STOP_COPY→STOP (18, 19). 20 arcs.
 */
final class MigrationOrchestratorTest {
  private static final Map<String, MigrationState> BOTH_RUNNING =
      Map.of("dev0", MigrationState.RUNNING, "dev1", MigrationState.RUNNING);

  static SyntheticVm vm(int devices, MigrationFeatures f, int pagesPerMs) {
    SyntheticVm vm =
        new SyntheticVm(devices, Collections.nCopies(devices, f), 1024, 256, 1, pagesPerMs, 5);
    vm.warmUp(1_000_000L);
    return vm;
  }

  /** Digests of the source when it enters STOP_COPY and of the destination when it has loaded. */
  private static long[] watchDigests(SyntheticVm vm) {
    long[] d = new long[2];
    DevicePair p = vm.pairs().get(0);
    p.source()
        .addArcListener(
            (dev, arc) -> {
              if (arc.to() == MigrationState.STOP_COPY) {
                d[0] = dev.function().stateDigest();
              }
            });
    p.destination()
        .addArcListener(
            (dev, arc) -> {
              if (arc.from() == MigrationState.RESUMING) {
                d[1] = dev.function().stateDigest();
              }
            });
    return d;
  }

  @Test
  void oneDevice_allFeatures_completesIn10ArcsWithIdenticalStateAndMemory() {
    SyntheticVm vm = vm(1, MigrationFeatures.ALL, 20);
    long[] digests = watchDigests(vm);
    MigrationReport r = vm.migrate(OrchestratorOptions.defaults());
    assertEquals(MigrationReport.Outcome.COMPLETED, r.outcome(), r.toString());
    // dst RUNNING->RUNNING_P2P->STOP->RESUMING (3), src RUNNING->PRE_COPY (1), PRE_COPY->
    // PRE_COPY_P2P (1), ->STOP_COPY (1), dst RESUMING->STOP->RUNNING_P2P (2), ->RUNNING (1),
    // src STOP_COPY->STOP (1) = 10.
    assertEquals(10, r.arcs());
    assertEquals(Map.of("dev0", MigrationState.STOP), r.sourceStates());
    assertEquals(Map.of("dev0", MigrationState.RUNNING), r.destinationStates());
    assertEquals(digests[0], digests[1]); // loaded exactly what the source had when it stopped
    assertEquals(vm.sources().get(0).stateDigest(), digests[0]); // STOP_COPY froze the source
    // Afterwards the destination ran: it ticks after STOP->RUNNING_P2P, RUNNING_P2P->RUNNING and
    // the source's cleanup arc (it is quiesced in STOP): 3 units of work more than the source.
    assertEquals(vm.sources().get(0).work() + 3, vm.destinations().get(0).work());
    assertEquals(0, vm.memory().mismatchedPages());
  }

  @Test
  void oneDevice_stopCopyOnly_takes7Arcs() {
    SyntheticVm vm = vm(1, MigrationFeatures.STOP_COPY, 20);
    long[] digests = watchDigests(vm);
    MigrationReport r = vm.migrate(OrchestratorOptions.defaults());
    assertEquals(MigrationReport.Outcome.COMPLETED, r.outcome());
    // dst RUNNING->STOP->RESUMING (2), src RUNNING->STOP (1), STOP->STOP_COPY with a new fd (1),
    // dst RESUMING->STOP->RUNNING (2), src STOP_COPY->STOP (1) = 7.
    assertEquals(7, r.arcs());
    assertEquals(digests[0], digests[1]);
    assertEquals(vm.sources().get(0).stateDigest(), digests[0]);
  }

  @Test
  void downtime_withoutGuestWrites_isArcLatencyPlusStopCopyBytes() {
    SyntheticVm vm = vm(2, MigrationFeatures.ALL, 0);
    MigrationReport r = vm.migrate(OrchestratorOptions.defaults());
    // Inside the downtime: 4 switchover arcs + 4 destination prepare arcs + 2 main arcs = 10 x 50
    // us = 500,000 ns. No page is dirty. Stop-copy bytes per device: final section 13 + 312 (56
    // state header + 256 scratch, nothing in flight once P2P is blocked) + END 21 = 346, two
    // devices 692 bytes at 1.25e9 B/s = 553.6 -> 554 ns. Total 500,554 ns.
    assertEquals(500_554L, r.downtimeNanos());
    assertEquals(0, vm.memory().mismatchedPages());
  }

  @Test
  void twoDevices_qemuOrdering_noViolationNoLostP2pWrite() {
    SyntheticVm vm = vm(2, MigrationFeatures.ALL, 20);
    MigrationReport r = vm.migrate(OrchestratorOptions.defaults());
    assertEquals(MigrationReport.Outcome.COMPLETED, r.outcome());
    assertEquals(20, r.arcs());
    assertEquals(0, r.p2pOrderingViolations());
    SyntheticVm.P2pAccount p2p = vm.p2pAccount(true);
    assertEquals(0, p2p.dropped());
    assertTrue(p2p.conserved(), p2p.toString());
    assertEquals(0, vm.memory().mismatchedPages());
  }

  /**
   * {@code vm_state_notify} runs the callbacks of a stopping VM in reverse registration order and
   * those of a starting VM in registration order (system/runstate.c: {@code
   * QTAILQ_FOREACH_REVERSE_SAFE} when not running, {@code QTAILQ_FOREACH_SAFE} when running), the
   * prepare callbacks of all devices before any main callback in both directions.
   */
  @Test
  void twoDevices_stopCallbacksInReverseOrder_startCallbacksInOrder() {
    SyntheticVm vm = vm(2, MigrationFeatures.ALL, 20);
    java.util.List<String> stop = new java.util.ArrayList<>();
    java.util.List<String> start = new java.util.ArrayList<>();
    for (DevicePair p : vm.pairs()) {
      p.source()
          .addArcListener(
              (dev, arc) -> {
                if (arc.from() == MigrationState.PRE_COPY || arc.to() == MigrationState.STOP_COPY) {
                  stop.add(p.name() + " " + arc.to());
                }
              });
      p.destination()
          .addArcListener(
              (dev, arc) -> {
                // the start after the load: STOP -> RUNNING_P2P, RUNNING_P2P -> RUNNING (setup's
                // RUNNING -> RUNNING_P2P is not a vm_state_notify callback)
                if ((arc.from() == MigrationState.STOP && arc.to() == MigrationState.RUNNING_P2P)
                    || arc.to() == MigrationState.RUNNING) {
                  start.add(p.name() + " " + arc.to());
                }
              });
    }
    MigrationReport r = vm.migrate(OrchestratorOptions.defaults());
    assertEquals(MigrationReport.Outcome.COMPLETED, r.outcome());
    assertEquals(
        java.util.List.of(
            "dev1 PRE_COPY_P2P", "dev0 PRE_COPY_P2P", "dev1 STOP_COPY", "dev0 STOP_COPY"),
        stop);
    assertEquals(
        java.util.List.of("dev0 RUNNING_P2P", "dev1 RUNNING_P2P", "dev0 RUNNING", "dev1 RUNNING"),
        start);
  }

  /**
   * Naive order, derived by hand: dev0-src reaches STOP_COPY while dev1-src is in PRE_COPY
   * (violation 1; dev1's in-flight write to dev0 is dropped at the next tick, and the one it issues
   * then is dropped when dev1 blocks P2P); on the destination dev0 reaches RUNNING while dev1 is in
   * RESUMING (violation 2) and dev1 steps through STOP (violation 3; dev0's in-flight write is
   * dropped). 3 violations, 3 lost writes, all accounted for.
   */
  @Test
  void twoDevices_naiveOrdering_threeViolationsThreeLostWrites() {
    SyntheticVm vm = vm(2, MigrationFeatures.ALL, 20);
    MigrationReport r = vm.migrate(OrchestratorOptions.defaults().withOrdering(P2pOrdering.NAIVE));
    assertEquals(MigrationReport.Outcome.COMPLETED, r.outcome());
    assertEquals(20, r.arcs()); // same arcs, different interleaving
    assertEquals(3, r.p2pOrderingViolations());
    SyntheticVm.P2pAccount p2p = vm.p2pAccount(true);
    assertEquals(3, p2p.dropped());
    assertTrue(p2p.conserved(), p2p.toString());
  }

  @Test
  void twoDevices_oneWithoutP2p_isRefusedByTheBlockerBeforeAnyArc() {
    SyntheticVm vm =
        new SyntheticVm(
            2,
            List.of(MigrationFeatures.ALL, MigrationFeatures.STOP_COPY_PRE_COPY),
            64,
            16,
            1,
            1,
            1);
    MigrationReport r = vm.migrate(OrchestratorOptions.defaults());
    assertEquals(MigrationReport.Outcome.REFUSED, r.outcome());
    assertEquals(MigrationOrchestrator.MULTI_DEVICE_BLOCKER, r.detail());
    assertEquals(0, r.arcs());
    assertEquals(BOTH_RUNNING, r.sourceStates());
    assertEquals(BOTH_RUNNING, r.destinationStates());
  }

  private static DevicePair incompatiblePair() {
    SyntheticFunction src = new SyntheticFunction(16);
    SyntheticFunction dst =
        new SyntheticFunction(
            new org.vfiomc.conformance.vfio.FunctionIdentity(0x1b36, 0x00ff, "synthetic-fn", 2, 2),
            16);
    return new DevicePair(
        "dev0",
        new org.vfiomc.conformance.vfio.VfioMigrationDevice("s", src, MigrationFeatures.ALL),
        new org.vfiomc.conformance.vfio.VfioMigrationDevice("d", dst, MigrationFeatures.ALL));
  }

  private static MigrationReport migrateIncompatible(boolean management) {
    DevicePair pair = incompatiblePair();
    SyntheticGuestMemory mem = new SyntheticGuestMemory(4, 4096);
    SyntheticWorkload w =
        new SyntheticWorkload(
            mem,
            List.of((SyntheticFunction) pair.source().function()),
            List.of((SyntheticFunction) pair.destination().function()),
            1,
            0,
            0);
    return management
        ? new MigrationManagement(
                List.of(pair), mem, w, new ManualClock(), OrchestratorOptions.defaults())
            .migrate()
        : new MigrationOrchestrator(
                List.of(pair), mem, w, new ManualClock(), OrchestratorOptions.defaults())
            .migrate();
  }

  /** Management's pre-check (VfioCompat's instance check) refuses before QEMU is asked. */
  @Test
  void incompatibleTarget_isRefusedByManagementBeforeAnyArc() {
    MigrationReport r = migrateIncompatible(true);
    assertEquals(MigrationReport.Outcome.REFUSED, r.outcome());
    assertEquals(
        "management pre-check: target of dev0 is not compatible: source state version 1 outside"
            + " the target's loadable range 2..2",
        r.detail());
    assertEquals(0, r.arcs());
    assertEquals(Map.of("dev0", MigrationState.RUNNING), r.sourceStates());
  }

  /** A compatible pair passes the pre-check and QEMU runs exactly as without management. */
  @Test
  void compatiblePair_managementHandsOverToQemuUnchanged() {
    SyntheticVm a = vm(2, MigrationFeatures.ALL, 20);
    SyntheticVm b = vm(2, MigrationFeatures.ALL, 20);
    MigrationManagement m =
        new MigrationManagement(
            a.pairs(), a.memory(), a.workload(), a.clock(), OrchestratorOptions.defaults());
    assertEquals(java.util.Optional.empty(), m.precheck());
    MigrationReport withManagement = m.migrate();
    MigrationReport qemuAlone = b.migrate(OrchestratorOptions.defaults());
    assertEquals(MigrationReport.Outcome.COMPLETED, withManagement.outcome());
    assertEquals(qemuAlone.events(), withManagement.events());
    assertEquals(qemuAlone.arcs(), withManagement.arcs());
  }

  /**
   * QEMU has no such check: the migration runs, the version-2 destination rejects the version-1
   * stream at RESUMING -> STOP, is reset, and the migration completes (the error logged there).
   */
  @Test
  void incompatibleTarget_withoutManagement_isALoadFailureAtTheDestination() {
    MigrationReport r = migrateIncompatible(false);
    assertEquals(MigrationReport.Outcome.COMPLETED, r.outcome(), r.toString());
    assertTrue(r.detail().startsWith("dev0 destination rejected the load ("), r.detail());
    assertEquals(1, r.devicesReset());
    assertEquals(Map.of("dev0", MigrationState.STOP), r.sourceStates());
    assertEquals(Map.of("dev0", MigrationState.RUNNING), r.destinationStates());
  }

  /**
   * Q6: a reset behind the orchestrator's back ends the saving session: the next pre-copy read
   * fails (ENODEV) and QEMU fails the migration on it ({@code vfio_save_iterate} returns the read's
   * -errno); the sources recover.
   */
  @Test
  void asynchronousResetDuringPreCopy_failsTheNextPrecopyRead_andSourcesRecover() {
    SyntheticVm vm = vm(1, MigrationFeatures.ALL, 20);
    DevicePair p = vm.pairs().get(0);
    boolean[] done = {false};
    MigrationWorkload resetting =
        new MigrationWorkload() {
          @Override
          public void runGuest(long nanos) {
            vm.workload().runGuest(nanos);
            if (!done[0] && p.source().state() == MigrationState.PRE_COPY) {
              done[0] = true;
              p.source().reset(); // e.g. a PCI reset reaching the driver
            }
          }

          @Override
          public void betweenArcs() {
            vm.workload().betweenArcs();
          }
        };
    MigrationReport r =
        new MigrationOrchestrator(
                vm.pairs(), vm.memory(), resetting, vm.clock(), OrchestratorOptions.defaults())
            .migrate();
    assertEquals(MigrationReport.Outcome.FAILED, r.outcome());
    assertEquals("dev0 pre-copy read: ENODEV", r.detail());
    assertEquals(Map.of("dev0", MigrationState.RUNNING), r.sourceStates());
  }

  /**
   * Downtime limit 0: the threshold is 0, so QEMU never takes the exact pass (no dirty sync) and
   * switches over when the estimate is 0: iteration 1 sends every page and the device's initial
   * image, iteration 2 reads the device empty, then the estimate (an unsynced bitmap, nothing
   * cached) is 0. The pages dirtied meanwhile go in the final sync.
   */
  @Test
  void zeroDowntimeLimit_switchesOverOnAZeroEstimate() {
    SyntheticVm vm = vm(1, MigrationFeatures.ALL, 50);
    MigrationReport r = vm.migrate(OrchestratorOptions.defaults().withDowntimeLimitNanos(0));
    assertEquals(MigrationReport.Outcome.COMPLETED, r.outcome());
    assertEquals(2, r.precopyRounds());
    assertEquals(0, r.pendingBytes());
    assertEquals(0, r.thresholdBytes());
    assertEquals(0, vm.memory().mismatchedPages());
    assertTrue(r.pagesCopied() > 1024, "the final sync re-copies dirty pages: " + r.pagesCopied());
  }

  /**
   * Downtime limit 100 ns: the threshold is 100 ns x the bandwidth measured over the last iteration
   * that moved bytes (iteration 2 read 325 bytes of device data in 260 ns: 1.25e9 B/s) = 125 bytes,
   * below the device's stop-copy size of 346 bytes (final section 13 + 312, END 21), so every exact
   * pass is above it even without guest writes; QEMU would iterate for ever, and the management
   * layer cancels after the configured 5 iterations (3 to 5 send nothing).
   */
  @Test
  void tinyDowntimeLimit_neverConverges_managementCancels() {
    SyntheticVm vm = vm(1, MigrationFeatures.ALL, 0);
    MigrationReport r =
        vm.migrate(
            OrchestratorOptions.defaults().withDowntimeLimitNanos(100).withMaxPrecopyRounds(5));
    assertEquals(MigrationReport.Outcome.CANCELLED, r.outcome(), r.toString());
    assertTrue(
        r.detail().startsWith("no switchover after 5 iterations (exact pending "), r.detail());
    assertEquals(5, r.precopyRounds());
    assertEquals(125, r.thresholdBytes(), r.toString());
    assertEquals(346, r.pendingBytes(), r.toString());
    assertEquals(1024, r.pagesCopied()); // one full pass, nothing dirtied since
    assertEquals(Map.of("dev0", MigrationState.RUNNING), r.sourceStates());
  }

  /**
   * QEMU's rule without guest writes: after iteration 1 (every page, each device's initial image in
   * one read) the estimate (nothing dirty, nothing cached) is below the threshold, so the exact
   * pass runs and counts each device's stop-copy size only (QEMU commit 3b5948f808 dropped the
   * second count of the pre-copy bytes): twice what a device reports after that same read. The
   * threshold is the bandwidth measured on the 10 Gbit/s link (slightly under 1.25e9 B/s: each
   * transfer rounds up to a whole ns) x 300 ms.
   */
  @Test
  void switchoverRule_exactPassCountsStopCopySizeOnly_thresholdFromMeasuredBandwidth() {
    SyntheticVm probe = vm(2, MigrationFeatures.ALL, 0);
    VfioMigrationDevice src = probe.pairs().get(0).source();
    src.set(MigrationState.PRE_COPY).dataFd().orElseThrow().read(1 << 20);
    long stopCopy = src.stopCopySize();
    SyntheticVm vm = vm(2, MigrationFeatures.ALL, 0);
    MigrationReport r = vm.migrate(OrchestratorOptions.defaults());
    assertEquals(MigrationReport.Outcome.COMPLETED, r.outcome());
    assertEquals(1, r.precopyRounds());
    assertEquals(2 * stopCopy, r.pendingBytes());
    assertTrue(r.thresholdBytes() <= 375_000_000L, r.toString());
    assertTrue(r.thresholdBytes() > 374_000_000L, r.toString());
  }

  /**
   * Switchover-ack and the per-iteration read limit: with 64-byte reads (one per device per
   * iteration, as QEMU's one vfio_save_block per vfio_save_iterate) the initial image of I bytes
   * takes ceil(I / 64) iterations to send, and with switchover-ack QEMU waits for it
   * (INIT_DATA_SENT); without the ack it switches over after iteration 1 and the rest of the
   * initial image goes in the stop-copy.
   */
  @Test
  void switchoverAck_waitsForTheInitialData_readAtMostOneChunkPerIteration() {
    SyntheticVm probe = vm(1, MigrationFeatures.ALL, 0);
    long initial =
        probe
            .pairs()
            .get(0)
            .source()
            .set(MigrationState.PRE_COPY)
            .dataFd()
            .orElseThrow()
            .precopyInfo()
            .initialBytes();
    assertTrue(initial > 64, "an initial image of " + initial + " bytes needs several reads");
    OrchestratorOptions small = OrchestratorOptions.defaults().withReadChunk(64);
    MigrationReport acked = vm(1, MigrationFeatures.ALL, 0).migrate(small.withSwitchoverAck(true));
    assertEquals(MigrationReport.Outcome.COMPLETED, acked.outcome());
    assertEquals((initial + 63) / 64, acked.precopyRounds());
    MigrationReport plain = vm(1, MigrationFeatures.ALL, 0).migrate(small);
    assertEquals(1, plain.precopyRounds());
  }

  /**
   * QEMU's handling per arc (numbering in the class comment): a failed load_setup (0-5) or
   * save_setup (6, 7) SETs the recover state (RUNNING), which succeeds unless the device entered
   * ERROR, then it is reset; a failed stop-time callback (8-11) resets the device ({@code
   * vfio_migration_set_state_or_reset}) and the migration fails at completion; a failed destination
   * start (12-17) resets that destination and the migration completes; a failed source cleanup (18,
   * 19) resets that source, completed.
   */
  @ParameterizedTest
  @EnumSource(ArcFault.class)
  void faultAtEveryArc_leavesEverySourceRunningWithNothingLost(ArcFault fault) {
    for (int k = 0; k < 20; k++) {
      SyntheticVm vm = vm(2, MigrationFeatures.ALL, 20);
      long[] workBefore = {vm.sources().get(0).work(), vm.sources().get(1).work()};
      MigrationReport r =
          vm.migrate(OrchestratorOptions.defaults().withFault(new FaultPlan(k, fault)));
      String where = fault + " at arc " + k + ": " + r;
      boolean completes = k >= 12; // the destination starts: a failure no longer fails it
      assertEquals(
          completes ? MigrationReport.Outcome.COMPLETED : MigrationReport.Outcome.FAILED,
          r.outcome(),
          where);
      int resets = k >= 8 || fault == ArcFault.FAIL_TO_ERROR ? 1 : 0;
      assertEquals(resets, r.devicesReset(), where);
      // a destination reset after a failed start is named in the detail of the completed run
      assertEquals(k >= 12 && k < 18, completes && !r.detail().isEmpty(), where);
      if (completes) {
        continue;
      }
      assertEquals(BOTH_RUNNING, r.sourceStates(), where);
      assertEquals(BOTH_RUNNING, r.destinationStates(), where);
      if (k >= 8 || (fault == ArcFault.FAIL_TO_ERROR && k >= 6)) {
        // A source had to be reset: its function state is gone and writes that reached it while
        // it was in ERROR were dropped. The report names the reset; nothing else is claimed.
        continue;
      }
      SyntheticVm.P2pAccount p2p = vm.p2pAccount(false);
      assertEquals(0, p2p.dropped(), where);
      assertTrue(p2p.conserved(), where + " " + p2p);
      for (int i = 0; i < 2; i++) {
        assertTrue(vm.sources().get(i).work() >= workBefore[i], where + " source state lost");
      }
    }
  }

  @Test
  void cancelAfterEveryArc_beforeTheDestinationStarts_restoresTheSources() {
    for (int k = 0; k < 20; k++) {
      SyntheticVm vm = vm(2, MigrationFeatures.ALL, 20);
      MigrationReport r = vm.migrate(OrchestratorOptions.defaults().withCancelAfterArc(k));
      String where = "cancel after " + k + ": " + r;
      // QEMU sees a cancel after setup (8 arcs), between pre-copy iterations (no arcs) and after
      // the stop-copy (12 arcs: the switchover's 4 run under the big lock); after that the
      // destination starts and a cancel no longer applies.
      if (k > 12) {
        assertEquals(MigrationReport.Outcome.COMPLETED, r.outcome(), where);
        continue;
      }
      assertEquals(MigrationReport.Outcome.CANCELLED, r.outcome(), where);
      assertEquals("cancelled after " + (k <= 8 ? 8 : 12) + " arcs", r.detail(), where);
      assertEquals(0, r.devicesReset(), where);
      assertEquals(BOTH_RUNNING, r.sourceStates(), where);
      assertEquals(BOTH_RUNNING, r.destinationStates(), where);
      SyntheticVm.P2pAccount p2p = vm.p2pAccount(false);
      assertEquals(0, p2p.dropped(), where);
      assertTrue(p2p.conserved(), where);
    }
  }
}
