package org.vfiomc.conformance.orchestrator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.vfiomc.conformance.scenario.SyntheticVm;
import org.vfiomc.conformance.vfio.Arc;
import org.vfiomc.conformance.vfio.ArcFault;
import org.vfiomc.conformance.vfio.ArcListener;
import org.vfiomc.conformance.vfio.MigrationFeatures;
import org.vfiomc.conformance.vfio.VfioMigrationDevice;

/**
 * Issue 20, point 5: dirty tracking as QEMU 10.x does it. RAM's setup handler runs before every
 * VFIO device's ({@code qemu_savevm_state_setup}; {@code ram_save_setup} → {@code ram_init_bitmaps}
 * → {@code memory_global_dirty_log_start}), so tracking is on before a source enters PRE_COPY;
 * RAM's cleanup runs before VFIO's ({@code qemu_savevm_state_cleanup}: {@code ram_save_cleanup} →
 * {@code memory_global_dirty_log_stop}, then {@code vfio_save_cleanup}), so it stops at cleanup,
 * not at the switchover. The host picks the DMA tracker ({@code hw/vfio/listener.c}, {@code
 * hw/vfio/container.c}): device log, else IOMMU, else all guest RAM dirty at every sync; the 2015
 * RFC host tracks no DMA.
 */
final class QemuDirtyTrackingTest {
  /** The synthetic VM's memory, with the tracking calls written into a shared log. */
  private static final class Logged implements GuestMemoryMigration {
    private final GuestMemoryMigration inner;
    private final DmaDirtySupport support;
    private final List<String> log;
    DmaTracking started;

    Logged(GuestMemoryMigration inner, DmaDirtySupport support, List<String> log) {
      this.inner = inner;
      this.support = support;
      this.log = log;
    }

    @Override
    public int pageSize() {
      return inner.pageSize();
    }

    @Override
    public long pageCount() {
      return inner.pageCount();
    }

    @Override
    public DmaDirtySupport dmaDirtySupport() {
      return support;
    }

    @Override
    public void startDirtyTracking() {
      throw new AssertionError("the orchestrator starts tracking with the host's choice");
    }

    @Override
    public void startDirtyTracking(DmaTracking tracking) {
      started = tracking;
      log.add("tracking on");
      inner.startDirtyTracking();
    }

    @Override
    public long[] readAndClearDirty() {
      return inner.readAndClearDirty();
    }

    @Override
    public long dirtyPageCount() {
      return inner.dirtyPageCount();
    }

    @Override
    public void copyPage(long page) {
      inner.copyPage(page);
    }

    @Override
    public void stopDirtyTracking() {
      log.add("tracking off");
      inner.stopDirtyTracking();
    }
  }

  private static SyntheticVm vm() {
    return MigrationOrchestratorTest.vm(1, MigrationFeatures.ALL, 20);
  }

  /** Every arc of the VM's devices, as "src A->B" / "dst A->B", into {@code log}. */
  private static void watch(SyntheticVm vm, List<String> log) {
    for (DevicePair p : vm.pairs()) {
      for (VfioMigrationDevice d : List.of(p.source(), p.destination())) {
        String side = d == p.source() ? "src " : "dst ";
        d.addArcListener(
            new ArcListener() {
              @Override
              public void afterArc(VfioMigrationDevice dev, Arc arc) {
                log.add(side + arc.from() + "->" + arc.to());
              }

              @Override
              public void afterReset(VfioMigrationDevice dev) {
                log.add(side + "reset");
              }
            });
      }
    }
  }

  private static MigrationReport run(SyntheticVm vm, Logged memory, OrchestratorOptions options) {
    return new MigrationOrchestrator(vm.pairs(), memory, vm.workload(), vm.clock(), options)
        .migrate();
  }

  /**
   * The whole QEMU sequence of one device: the destination's load_setup, tracking on (RAM's
   * save_setup), the source's save_setup (PRE_COPY), the stop's callbacks, the destination start,
   * then the cleanup: tracking off (ram_save_cleanup) before the source's STOP_COPY -> STOP
   * (vfio_save_cleanup). The old order (on after PRE_COPY, off at the switchover) fails both
   * places.
   */
  @Test
  void qemu_trackingOnBeforePreCopy_offAtCleanupBeforeVfioCleanup() {
    SyntheticVm vm = vm();
    List<String> log = new ArrayList<>();
    watch(vm, log);
    Logged memory = new Logged(vm.memory(), DmaDirtySupport.DEVICE_LOGGING, log);
    MigrationReport r = run(vm, memory, OrchestratorOptions.defaults());
    assertEquals(MigrationReport.Outcome.COMPLETED, r.outcome(), r.toString());
    assertEquals(
        List.of(
            "dst RUNNING->RUNNING_P2P",
            "dst RUNNING_P2P->STOP",
            "dst STOP->RESUMING",
            "tracking on",
            "src RUNNING->PRE_COPY",
            "src PRE_COPY->PRE_COPY_P2P",
            "src PRE_COPY_P2P->STOP_COPY",
            "dst RESUMING->STOP",
            "dst STOP->RUNNING_P2P",
            "dst RUNNING_P2P->RUNNING",
            "tracking off",
            "src STOP_COPY->STOP"),
        log);
    assertEquals(DmaTracking.DEVICE_DMA_LOGGING, memory.started);
    assertTrue(
        r.events().stream()
            .anyMatch(e -> e.endsWith("dirty tracking on (QEMU 10.x: device DMA logging)")),
        r.events().toString());
  }

  /**
   * A failed stop-time SET (arc 5: the main callback's PRE_COPY_P2P -> STOP_COPY; the device stays
   * and is reset): the VM starts again ({@code migration_iteration_finish}: prepare, main), and
   * only then does {@code migrate_fd_cleanup} stop tracking, before the failure notifier's SET
   * RUNNING. With the old order tracking stopped before the source ran again.
   */
  @Test
  void qemu_failureAfterTheStop_trackingOffAfterTheVmRunsAgain() {
    SyntheticVm vm = vm();
    List<String> log = new ArrayList<>();
    watch(vm, log);
    Logged memory = new Logged(vm.memory(), DmaDirtySupport.DEVICE_LOGGING, log);
    MigrationReport r =
        run(
            vm,
            memory,
            OrchestratorOptions.defaults().withFault(new FaultPlan(5, ArcFault.FAIL_STAY)));
    assertEquals(MigrationReport.Outcome.FAILED, r.outcome(), r.toString());
    List<String> src = log.stream().filter(s -> !s.startsWith("dst ")).toList();
    assertEquals(
        List.of(
            "tracking on",
            "src RUNNING->PRE_COPY",
            "src PRE_COPY->PRE_COPY_P2P",
            "src reset", // the failed main callback: vfio_migration_set_state_or_reset
            "src RUNNING->RUNNING_P2P", // vm_start: prepare
            "src RUNNING_P2P->RUNNING", // main
            "tracking off"), // the notifier's SET RUNNING is a no-op from RUNNING
        src);
  }

  /**
   * QEMU 10.x with neither a device nor an IOMMU log and {@code enable-migration=auto}, QEMU's
   * default: {@code vfio_migration_realize} gives the device a migration blocker, so the migration
   * is refused before anything starts: no arc, no dirty tracking. The same VM on the 2015 RFC host
   * (no such blocker, no device DMA tracking at all) migrates; so does QEMU 10.x with {@code
   * enable-migration=on} (below). Without the blocker the first assertion fails: the run completes.
   */
  @Test
  void qemu_noTracker_enableMigrationAuto_blocksTheMigration() {
    SyntheticVm vm = vm();
    List<String> log = new ArrayList<>();
    watch(vm, log);
    Logged memory = new Logged(vm.memory(), DmaDirtySupport.NONE, log);
    MigrationReport r = run(vm, memory, OrchestratorOptions.defaults());
    assertEquals(MigrationReport.Outcome.REFUSED, r.outcome(), r.toString());
    assertEquals(List.of(), log);
    assertEquals(null, memory.started);
    assertTrue(
        r.events().stream().anyMatch(e -> e.contains(HostModel.NO_DIRTY_TRACKING_BLOCKER)),
        r.toString());

    SyntheticVm rfc = vm();
    Logged cpuOnly = new Logged(rfc.memory(), DmaDirtySupport.NONE, new ArrayList<>());
    MigrationReport old =
        run(rfc, cpuOnly, OrchestratorOptions.defaults().withHost(HostModel.RFC_2015));
    assertEquals(MigrationReport.Outcome.COMPLETED, old.outcome(), old.toString());
    assertEquals(DmaTracking.CPU_ONLY, cpuOnly.started);
  }

  /**
   * QEMU 10.x with neither a device nor an IOMMU log ({@code enable-migration=on}): {@code
   * vfio_get_dirty_bitmap} marks the whole mapping (all guest RAM) dirty at every sync. One
   * iteration copies every page, the exact pass finds all of them dirty again (the synthetic VM's
   * 1024 pages of 256 bytes fit the threshold), and the final sync sends all of them once more: 2 x
   * 1024 pages, where device logging sends the pages the guest wrote.
   */
  @Test
  void qemu_noTracker_marksAllRamDirtyAtEverySync() {
    SyntheticVm none = vm();
    Logged allDirty = new Logged(none.memory(), DmaDirtySupport.NONE, new ArrayList<>());
    MigrationReport r =
        run(none, allDirty, OrchestratorOptions.defaults().withEnableMigration(EnableMigration.ON));
    assertEquals(DmaTracking.ALL_MAPPED_DIRTY, allDirty.started);
    assertEquals(MigrationReport.Outcome.COMPLETED, r.outcome(), r.toString());
    assertEquals(1, r.precopyRounds());
    assertEquals(2 * 1024, r.pagesCopied());
    // the exact pass counted every page as pending again
    assertTrue(r.pendingBytes() >= 1024L * 256, r.toString());

    SyntheticVm logged = vm();
    Logged device = new Logged(logged.memory(), DmaDirtySupport.DEVICE_LOGGING, new ArrayList<>());
    MigrationReport d = run(logged, device, OrchestratorOptions.defaults());
    assertEquals(MigrationReport.Outcome.COMPLETED, d.outcome(), d.toString());
    assertTrue(d.pagesCopied() < 2 * 1024, d.toString());
    assertTrue(d.pagesCopied() >= 1024, d.toString());
  }

  /**
   * The IOMMU is QEMU's second choice ({@code vfio_devices_all_device_dirty_tracking} false, the
   * container tracks); the 2015 RFC host reads no DMA log whatever the hardware offers.
   */
  @Test
  void hostModels_pickTheirTracker() {
    assertEquals(
        DmaTracking.DEVICE_DMA_LOGGING,
        HostModel.QEMU_10.dmaTracking(DmaDirtySupport.DEVICE_LOGGING));
    assertEquals(
        DmaTracking.IOMMU_DIRTY_TRACKING, HostModel.QEMU_10.dmaTracking(DmaDirtySupport.IOMMU));
    assertEquals(DmaTracking.ALL_MAPPED_DIRTY, HostModel.QEMU_10.dmaTracking(DmaDirtySupport.NONE));
    for (DmaDirtySupport s : DmaDirtySupport.values()) {
      assertEquals(DmaTracking.CPU_ONLY, HostModel.RFC_2015.dmaTracking(s));
    }
    SyntheticVm vm = vm();
    Logged memory = new Logged(vm.memory(), DmaDirtySupport.DEVICE_LOGGING, new ArrayList<>());
    MigrationReport r =
        run(vm, memory, OrchestratorOptions.defaults().withHost(HostModel.RFC_2015));
    assertEquals(DmaTracking.CPU_ONLY, memory.started);
    assertTrue(
        r.events().stream()
            .anyMatch(
                e ->
                    e.endsWith(
                        "dirty tracking on (2015 RFC host: CPU dirty log only, device DMA untracked)")),
        r.events().toString());
  }
}
