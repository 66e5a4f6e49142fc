package org.vfiomc.conformance.orchestrator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.vfiomc.conformance.scenario.SyntheticVm;
import org.vfiomc.conformance.vfio.ArcFault;
import org.vfiomc.conformance.vfio.MigrationFeatures;
import org.vfiomc.conformance.vfio.MigrationState;
import org.vfiomc.conformance.vfio.VfioMigrationDevice;

/**
 * Issue 20, points 1 and 2: the orchestrator driven through QEMU's failure and cancel sequences
 * ({@code hw/vfio/migration.c}: {@code vfio_migration_set_state}, {@code
 * vfio_migration_set_state_or_reset}, {@code vfio_vmstate_change_prepare}, {@code
 * vfio_vmstate_change}, {@code vfio_save_setup}, {@code vfio_save_cleanup}, {@code
 * vfio_migration_state_notifier}; {@code migration/migration.c}: {@code
 * migration_iteration_finish}, {@code migrate_fd_cleanup}), checking every device's arcs (resets
 * written as "reset"), the resets and the outcome.
 */
final class QemuFailureAndCancelTest {
  private static final String RUN_P2P = "RUNNING->RUNNING_P2P";
  private static final String P2P_RUN = "RUNNING_P2P->RUNNING";

  /** Arcs and resets per device name, in order. */
  private static Map<String, List<String>> watch(SyntheticVm vm) {
    Map<String, List<String>> log = new LinkedHashMap<>();
    for (DevicePair p : vm.pairs()) {
      for (VfioMigrationDevice d : List.of(p.source(), p.destination())) {
        List<String> arcs = new ArrayList<>();
        log.put(d.name(), arcs);
        d.addArcListener(
            new org.vfiomc.conformance.vfio.ArcListener() {
              @Override
              public void afterArc(VfioMigrationDevice dev, org.vfiomc.conformance.vfio.Arc arc) {
                arcs.add(arc.from() + "->" + arc.to());
              }

              @Override
              public void afterReset(VfioMigrationDevice dev) {
                arcs.add("reset");
              }
            });
      }
    }
    return log;
  }

  private static SyntheticVm vm(int devices) {
    return MigrationOrchestratorTest.vm(devices, MigrationFeatures.ALL, 20);
  }

  private static final List<String> DST_SETUP =
      List.of(RUN_P2P, "RUNNING_P2P->STOP", "STOP->RESUMING");

  /**
   * A stop-time SET fails (arc 8: dev1's prepare PRE_COPY -> PRE_COPY_P2P, the first callback of a
   * stopping VM, which {@code vm_state_notify} runs in reverse registration order; the device
   * stays): {@code vfio_migration_set_state_or_reset} resets dev1 (RUNNING, state lost); dev0's
   * prepare and both main callbacks still run ({@code vm_state_notify} cannot report the failure),
   * dev1's main callback stopping it again from RUNNING. The completion sees the file error before
   * any device is read: FAILED. The source VM starts again: prepare (RUNNING_P2P), main (RUNNING).
   */
  @Test
  void stopTimeSetFails_deviceReset_peersCallbacksRun_thenBothResume() {
    SyntheticVm vm = vm(2);
    Map<String, List<String>> log = watch(vm);
    MigrationReport r =
        vm.migrate(OrchestratorOptions.defaults().withFault(new FaultPlan(8, ArcFault.FAIL_STAY)));
    assertEquals(MigrationReport.Outcome.FAILED, r.outcome(), r.toString());
    assertTrue(r.detail().startsWith("dev1-src SET PRE_COPY_P2P: SET failed EIO"), r.detail());
    assertEquals(1, r.devicesReset());
    assertEquals(
        List.of(
            "RUNNING->PRE_COPY",
            "reset", // the failed prepare
            RUN_P2P, // main callback: QEMU believes RUNNING, so STOP
            "RUNNING_P2P->STOP",
            "STOP->RUNNING_P2P", // vm_start: prepare
            P2P_RUN), // main
        log.get("dev1-src"));
    // its callbacks still run; vm_start takes it back (prepare via STOP, then main)
    assertEquals(QemuTransportTest.SRC_RESUMED, log.get("dev0-src"));
    // the destinations were set up, then reset when the destination QEMU exits
    List<String> dst = new ArrayList<>(DST_SETUP);
    dst.add("reset");
    assertEquals(dst, log.get("dev0-dst"));
    assertEquals(dst, log.get("dev1-dst"));
    assertEquals(
        Map.of("dev0", MigrationState.RUNNING, "dev1", MigrationState.RUNNING), r.sourceStates());
  }

  /**
   * The destination rejects the load: the first chunk is lost on the way, so dev0's stream is
   * incomplete and its RESUMING -> STOP fails. QEMU's destination resets the device ({@code
   * vfio_vmstate_change_prepare} with {@code vfio_migration_set_state_or_reset}), its main callback
   * finds it RUNNING (no arc), the error is only logged there, and the migration completes: the
   * source takes its save_cleanup STOP_COPY -> STOP.
   */
  @Test
  void destinationRejectsTheLoad_isReset_andTheMigrationCompletes() {
    SyntheticVm vm = vm(1);
    Map<String, List<String>> log = watch(vm);
    MigrationReport r =
        new MigrationOrchestrator(
                vm.pairs(),
                vm.memory(),
                vm.workload(),
                vm.clock(),
                OrchestratorOptions.defaults(),
                new ProtocolHooks(
                    ProtocolObserver.NONE,
                    Set.of(),
                    Optional.of(new ChunkFault(ChunkFault.Kind.LOSS, 1))))
            .migrate();
    assertEquals(MigrationReport.Outcome.COMPLETED, r.outcome(), r.toString());
    assertTrue(r.detail().startsWith("dev0 destination rejected the load ("), r.detail());
    assertTrue(
        r.detail().endsWith(": destination device reset, error logged on the destination"),
        r.detail());
    assertEquals(1, r.devicesReset());
    List<String> dst = new ArrayList<>(DST_SETUP);
    dst.add("reset"); // RESUMING -> STOP refused: no arc taken
    assertEquals(dst, log.get("dev0-dst"));
    assertEquals(
        List.of(
            "RUNNING->PRE_COPY",
            "PRE_COPY->PRE_COPY_P2P",
            "PRE_COPY_P2P->STOP_COPY",
            "STOP_COPY->STOP"),
        log.get("dev0-src"));
    assertEquals(Map.of("dev0", MigrationState.STOP), r.sourceStates());
    assertEquals(Map.of("dev0", MigrationState.RUNNING), r.destinationStates());
  }

  /**
   * save_setup fails for dev1 (arc 7, RUNNING -> PRE_COPY, the device stays): {@code
   * vfio_migration_set_state} with recover RUNNING (a no-op); the migration fails; the VM never
   * stopped, so no vm_start; the failure notifier's SET RUNNING takes dev0 PRE_COPY -> RUNNING and
   * is a no-op on dev1. No RUNNING_P2P arc on any source.
   */
  @Test
  void saveSetupFails_recoversToRunning_withoutP2pArcs() {
    SyntheticVm vm = vm(2);
    Map<String, List<String>> log = watch(vm);
    MigrationReport r =
        vm.migrate(OrchestratorOptions.defaults().withFault(new FaultPlan(7, ArcFault.FAIL_STAY)));
    assertEquals(MigrationReport.Outcome.FAILED, r.outcome(), r.toString());
    assertEquals(0, r.devicesReset());
    assertEquals(List.of("RUNNING->PRE_COPY", "PRE_COPY->RUNNING"), log.get("dev0-src"));
    assertEquals(List.of(), log.get("dev1-src"));
    assertEquals(0, r.downtimeNanos()); // the vCPUs never stopped
  }

  /** The same failure into ERROR: the recover SET RUNNING fails too, so dev1 is reset. */
  @Test
  void saveSetupFailsIntoError_recoverFails_deviceReset() {
    SyntheticVm vm = vm(2);
    Map<String, List<String>> log = watch(vm);
    MigrationReport r =
        vm.migrate(
            OrchestratorOptions.defaults().withFault(new FaultPlan(7, ArcFault.FAIL_TO_ERROR)));
    assertEquals(MigrationReport.Outcome.FAILED, r.outcome(), r.toString());
    assertEquals(1, r.devicesReset());
    assertEquals(List.of("reset"), log.get("dev1-src"));
    assertEquals(List.of("RUNNING->PRE_COPY", "PRE_COPY->RUNNING"), log.get("dev0-src"));
  }

  /**
   * A cancel asked for after 3 arcs (the destination RESUMING, the source untouched) is seen after
   * setup; QEMU closes the fd and issues one SET RUNNING: PRE_COPY -> RUNNING, and no RUNNING ->
   * RUNNING_P2P -> RUNNING on any device.
   */
  @Test
  void cancelDuringSetup_isSeenAfterSetup_oneSetRunning() {
    SyntheticVm vm = vm(1);
    Map<String, List<String>> log = watch(vm);
    MigrationReport r = vm.migrate(OrchestratorOptions.defaults().withCancelAfterArc(3));
    assertEquals(MigrationReport.Outcome.CANCELLED, r.outcome(), r.toString());
    assertEquals("cancelled after 4 arcs", r.detail());
    assertEquals(List.of("RUNNING->PRE_COPY", "PRE_COPY->RUNNING"), log.get("dev0-src"));
    for (List<String> arcs : log.values()) {
      assertTrue(!arcs.contains(RUN_P2P) || arcs.equals(withReset(DST_SETUP)), arcs.toString());
    }
  }

  /**
   * A cancel asked for between the prepare and main callbacks (9 arcs: dev0 in PRE_COPY_P2P) waits
   * for the big lock: both devices take both callbacks and the stop-copy, then the cancel is seen
   * and the source VM starts again (STOP_COPY -> STOP -> RUNNING_P2P, RUNNING).
   */
  @Test
  void cancelBetweenPrepareAndMain_landsAfterTheStopCopy() {
    SyntheticVm vm = vm(2);
    Map<String, List<String>> log = watch(vm);
    MigrationReport r = vm.migrate(OrchestratorOptions.defaults().withCancelAfterArc(9));
    assertEquals(MigrationReport.Outcome.CANCELLED, r.outcome(), r.toString());
    assertEquals("cancelled after 12 arcs", r.detail());
    for (String dev : List.of("dev0-src", "dev1-src")) {
      assertEquals(QemuTransportTest.SRC_RESUMED, log.get(dev), dev);
    }
    assertEquals(0, r.p2pOrderingViolations());
  }

  private static List<String> withReset(List<String> arcs) {
    List<String> l = new ArrayList<>(arcs);
    l.add("reset");
    return l;
  }
}
