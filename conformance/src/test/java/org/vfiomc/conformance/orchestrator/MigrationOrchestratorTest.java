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

/**
 * Arc numbering of a two-device migration with all features (used by the fault tests): setup
 * dev0-dst RUNNING→RUNNING_P2P→STOP→RESUMING (arcs 0-2), dev1-dst (3-5), dev0-src RUNNING→PRE_COPY
 * (6), dev1-src (7); switchover prepare PRE_COPY→PRE_COPY_P2P (8, 9), main →STOP_COPY (10, 11);
 * destination prepare RESUMING→STOP→RUNNING_P2P (12-13, 14-15), main →RUNNING (16, 17); source
 * cleanup STOP_COPY→STOP (18, 19). 20 arcs.
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

  @Test
  void incompatibleTarget_isRefusedBeforeAnyArc() {
    SyntheticFunction src = new SyntheticFunction(16);
    SyntheticFunction dst =
        new SyntheticFunction(
            new org.vfiomc.conformance.vfio.FunctionIdentity(0x1b36, 0x00ff, "synthetic-fn", 2, 2),
            16);
    DevicePair pair =
        new DevicePair(
            "dev0",
            new org.vfiomc.conformance.vfio.VfioMigrationDevice("s", src, MigrationFeatures.ALL),
            new org.vfiomc.conformance.vfio.VfioMigrationDevice("d", dst, MigrationFeatures.ALL));
    SyntheticGuestMemory mem = new SyntheticGuestMemory(4, 4096);
    MigrationReport r =
        new MigrationOrchestrator(
                List.of(pair),
                mem,
                new SyntheticWorkload(mem, List.of(src), List.of(dst), 1, 0, 0),
                new ManualClock(),
                OrchestratorOptions.defaults())
            .migrate();
    assertEquals(MigrationReport.Outcome.REFUSED, r.outcome());
    assertEquals(
        "target of dev0 is not compatible: source state version 1 outside the target's loadable"
            + " range 2..2",
        r.detail());
    assertEquals(0, r.arcs());
  }

  /** Q6: a reset behind the orchestrator's back is caught when the device hands out a second fd. */
  @Test
  void asynchronousResetDuringPreCopy_isDataFdOutOfSyncAndSourcesRecover() {
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
    // The reset put the source in RUNNING; the prepare step takes it to RUNNING_P2P, and the main
    // step's SET STOP_COPY walks RUNNING_P2P -> STOP -> STOP_COPY and returns a second fd.
    assertEquals("dev0: data_fd out of sync", r.detail());
    assertEquals(Map.of("dev0", MigrationState.RUNNING), r.sourceStates());
  }

  @Test
  void zeroDowntimeLimit_neverConverges_stopsAtTheRoundLimit() {
    SyntheticVm vm = vm(1, MigrationFeatures.ALL, 50);
    MigrationReport r =
        vm.migrate(
            OrchestratorOptions.defaults().withDowntimeLimitNanos(0).withMaxPrecopyRounds(5));
    assertEquals(MigrationReport.Outcome.COMPLETED, r.outcome());
    assertEquals(5, r.precopyRounds()); // the device's stop-copy size alone is never 0
    assertEquals(0, vm.memory().mismatchedPages());
    assertTrue(r.pagesCopied() > 1024, "later rounds re-copy dirty pages: " + r.pagesCopied());
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
