package org.vfiomc.conformance.orchestrator;

import static com.google.common.base.Preconditions.checkArgument;
import static java.util.Objects.requireNonNull;

import com.google.common.collect.Lists;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.vfiomc.conformance.vfio.Arc;
import org.vfiomc.conformance.vfio.ArcFault;
import org.vfiomc.conformance.vfio.ArcFaultInjector;
import org.vfiomc.conformance.vfio.ArcListener;
import org.vfiomc.conformance.vfio.DataFd;
import org.vfiomc.conformance.vfio.Errno;
import org.vfiomc.conformance.vfio.MigrationState;
import org.vfiomc.conformance.vfio.PrecopyInfo;
import org.vfiomc.conformance.vfio.ReadResult;
import org.vfiomc.conformance.vfio.SetResult;
import org.vfiomc.conformance.vfio.StreamError;
import org.vfiomc.conformance.vfio.VfioMigrationDevice;
import org.vfiomc.conformance.vfio.WriteResult;

/**
 * A QEMU-like live migration of one VM with one or more VFIO devices, in simulated time, following
 * QEMU's {@code migration/migration.c}, {@code migration/savevm.c} and {@code hw/vfio/migration.c}.
 *
 * <p>Sequence: refuse early (several devices when one lacks P2P: QEMU's multi-device blocker; no
 * compatibility check, which QEMU does not have: {@link MigrationManagement} asks it before QEMU is
 * told to migrate); setup (destinations RUNNING → RESUMING, {@code vfio_load_setup}; dirty tracking
 * on, RAM's {@code ram_save_setup} running before the devices' handlers; PRE_COPY-capable sources
 * RUNNING → PRE_COPY, {@code vfio_save_setup}); pre-copy rounds (round 1 copies all guest pages,
 * later rounds the dirty ones, plus the devices' pre-copy data) until the estimated remaining bytes
 * fit into the downtime limit or the round limit is hit; switchover (a cooperative guest quiesces
 * first, {@link MigrationWorkload#beforeVcpuStop}; vCPUs stop; {@code vm_state_notify} runs every
 * device's prepare callback then every main callback, {@code vfio_vmstate_change_prepare} and
 * {@code vfio_vmstate_change}; final dirty sync); stop-copy ({@code vfio_save_complete_precopy}:
 * SET STOP_COPY, every device read to end of stream into its destination); destination start (its
 * {@code vm_state_notify}: RESUMING → STOP validates and loads each stream); source cleanup
 * STOP_COPY → STOP ({@code vfio_save_cleanup}, after RAM's cleanup has turned dirty tracking off).
 * Downtime runs from the vCPU stop to the last destination device reaching RUNNING.
 *
 * <p>Transport: every device byte travels in QEMU's VFIO sections ({@link VfioSectionStream}:
 * {@code vfio_save_setup}'s DEV_SETUP_STATE section, one section per {@code vfio_save_iterate} and
 * one for {@code vfio_save_complete_precopy} holding DEV_DATA_STATE records, {@code
 * vfio_save_state}'s DEV_CONFIG_STATE section, each closed by END_OF_STATE) over a channel that
 * neither loses nor reorders, into each destination's {@code vfio_load_state}, which writes the
 * records' bytes into the resuming fd. The channel's own faults ({@link StreamFault}: it closes, or
 * a tag the destination does not know arrives) fail the load: the destination QEMU exits before
 * RESUMING → STOP (its devices reset) and the source fails the migration. With {@link
 * OrchestratorOptions#multifd()} the stop-copy state goes instead as indexed packets over multifd
 * channels ({@code vfio_multifd_save_complete_precopy_thread}, {@code hw/vfio/migration-multifd.c};
 * {@link MultifdChannels}), the main channel's stop-copy and config sections holding only
 * END_OF_STATE ({@code vfio_multifd_emit_dummy_eos}); each destination device's reorder buffer
 * ({@link MultifdLoadBuffers}) writes them into the resuming fd in index order, the config packet
 * last, and a duplicate index, a bad version, a channel closed inside a packet or the queue bound
 * passed ({@link MultifdFault}) fails the load as a channel fault does. (A {@link ChunkFault} is
 * the simulator's own fault on the device bytes before they enter the channel, {@code
 * VfioMigration.tla}'s NetFaults: the spec's un-framed wire, which QEMU's channels cannot produce.)
 *
 * <p>The host ({@link OrchestratorOptions#host()}, {@link HostModel}) decides how pages devices
 * write by DMA are found: QEMU 10.x reads a device or IOMMU log, or marks all guest RAM dirty at
 * every sync when there is neither; the 2015 RFC host reads only the CPU log.
 *
 * <p>Failures, as QEMU handles them. Every SET goes through {@code vfio_migration_set_state}: a
 * failed SET is retried with a recover state, and if that fails too, or the recover state is ERROR
 * ({@code vfio_migration_set_state_or_reset}, used by the VM state callbacks and the cleanup), the
 * device is reset (VFIO_DEVICE_RESET: back in RUNNING, its state lost, counted in {@link
 * MigrationReport#devicesReset()}). A failed save_setup recovers the device to RUNNING and fails
 * the migration. A failed stop-time SET resets that device, the other devices' callbacks still run
 * ({@code vm_state_notify} cannot report a failure, {@code migration_file_set_error}), and the
 * migration fails at completion, before any device is read. A destination whose RESUMING → STOP
 * fails (the load is rejected) is reset and runs on without the state; the error is only logged on
 * the destination and the migration completes ({@link MigrationReport#detail()} names the reset).
 * After a failure or cancel ({@code migration_iteration_finish}, {@code migrate_fd_cleanup}): the
 * destination QEMU exits (its devices are reset); if the vCPUs had stopped the source VM starts
 * again (prepare then main callbacks: RUNNING_P2P, RUNNING); save_cleanup takes a device still in
 * STOP_COPY to STOP; the failure notifier ({@code vfio_migration_state_notifier},
 * MIG_EVENT_PRECOPY_FAILED) issues one SET RUNNING per device: a PRE_COPY source takes PRE_COPY →
 * RUNNING, one in RUNNING takes no arc.
 *
 * <p>Cancel ({@code migrate_cancel}) is honoured only where QEMU's migration thread looks at it:
 * after setup, before every pre-copy iteration, and after the stop-copy (the cancel wins the race
 * against COMPLETED). The switchover's callbacks and the stop-copy run under the big lock ({@code
 * migration_completion_precopy}), so no cancel lands between two of their SETs; a cancel asked for
 * there takes effect after the stop-copy. Once the destination starts it no longer applies. A
 * failure in the final source cleanup (after the destination runs) resets that source and the
 * migration still completes.
 */
public final class MigrationOrchestrator {
  /** QEMU's blocker text for several devices when one of them lacks P2P support. */
  public static final String MULTI_DEVICE_BLOCKER =
      "Multiple VFIO devices migration is supported only if all of them support P2P migration";

  private final List<DevicePair> pairs;

  /**
   * The devices in the order {@code vm_state_notify} runs their callbacks when the VM stops: the
   * reverse of registration ({@code QTAILQ_FOREACH_REVERSE_SAFE} over {@code vm_change_state_head},
   * for the prepare callbacks and then the main ones), where a start runs them in registration
   * order, {@link #pairs}.
   */
  private final List<DevicePair> stopOrder;

  private final GuestMemoryMigration memory;
  private final MigrationWorkload workload;
  private final ManualClock clock;
  private final OrchestratorOptions options;
  private final ProtocolHooks hooks;
  private final ProtocolObserver observer;
  private final ChunkWire chunkWire; // null: no chunk fault, bytes go straight through
  private final MultifdChannels multifd; // null: the stop-copy state goes over the main channel
  private final Set<MultifdLoadBuffers.Flaw> multifdFlaws;

  /** Per device: its multifd reorder buffer on the destination ({@link MultifdLoadBuffers}). */
  private final Map<String, MultifdLoadBuffers> loadBuffers = new LinkedHashMap<>();

  private final List<String> events = new ArrayList<>();
  private final Map<String, DataFd> sourceFds = new LinkedHashMap<>();
  private final Map<String, DataFd> destFds = new LinkedHashMap<>();
  private int arcsAttempted;
  private int arcsCompleted;
  private int violations;
  private int rounds;
  private long pagesCopied;
  private long deviceBytes;
  private int devicesReset;
  private boolean faultFired;
  private boolean inRecovery;
  private boolean cancelTooLate;
  private boolean destinationRunning;
  private long vcpusStoppedAt = -1;

  /** QEMU's {@code migration->device_state} per device: what QEMU believes, not the device. */
  private final IdentityHashMap<VfioMigrationDevice, MigrationState> qemuState =
      new IdentityHashMap<>();

  /** RAM's dirty bitmap: pages still to send. */
  private final BitSet toSend = new BitSet();

  /** Per device: QEMU's cached precopy_init_size + precopy_dirty_size, and the init part. */
  private final Map<String, Long> cachedPrecopy = new LinkedHashMap<>();

  private final Map<String, Long> cachedInitial = new LinkedHashMap<>();

  /** Devices whose initial data was all read (INIT_DATA_SENT). */
  private final Set<String> initialDataSent = new HashSet<>();

  /** Per device: its {@code vfio_load_state} on the destination, fed the channel's bytes. */
  private final Map<String, VfioSectionStream.Loader> loaders = new LinkedHashMap<>();

  private int sectionsSent;
  private boolean sectionStarting;

  /** The host's tracking of device DMA, chosen at setup ({@link HostModel#dmaTracking}). */
  private DmaTracking dmaTracking = DmaTracking.CPU_ONLY;

  private boolean trackingOn;

  private long lastPending;
  private long lastThreshold;

  /** The first stop-time failure ({@code migration_file_set_error}), if any. */
  private Optional<String> stopError = Optional.empty();

  /** Destinations reset because their load was rejected (logged on the destination only). */
  private final List<String> destinationErrors = new ArrayList<>();

  public MigrationOrchestrator(
      List<DevicePair> pairs,
      GuestMemoryMigration memory,
      MigrationWorkload workload,
      ManualClock clock,
      OrchestratorOptions options) {
    this(pairs, memory, workload, clock, options, ProtocolHooks.NONE);
  }

  /** As above, reporting to {@code hooks.observer()} and with {@code hooks.defects()} injected. */
  public MigrationOrchestrator(
      List<DevicePair> pairs,
      GuestMemoryMigration memory,
      MigrationWorkload workload,
      ManualClock clock,
      OrchestratorOptions options,
      ProtocolHooks hooks) {
    this(pairs, memory, workload, clock, options, hooks, Set.of());
  }

  /** As above, with a broken multifd reorder buffer: for the tests that must catch it. */
  MigrationOrchestrator(
      List<DevicePair> pairs,
      GuestMemoryMigration memory,
      MigrationWorkload workload,
      ManualClock clock,
      OrchestratorOptions options,
      ProtocolHooks hooks,
      Set<MultifdLoadBuffers.Flaw> multifdFlaws) {
    this.hooks = requireNonNull(hooks, "hooks");
    this.observer = hooks.observer();
    this.pairs = List.copyOf(pairs);
    this.stopOrder = Lists.reverse(this.pairs);
    checkArgument(!this.pairs.isEmpty(), "a migration needs at least one device");
    checkArgument(
        hooks.chunkFault().isEmpty() || this.pairs.size() == 1,
        "a chunk fault needs a single device migration");
    this.chunkWire = hooks.chunkFault().map(ChunkWire::new).orElse(null);
    checkArgument(
        hooks.chunkFault().isEmpty() || options.multifd().isEmpty(),
        "a chunk fault is the spec's un-framed wire; multifd has QEMU's framing");
    this.multifd = options.multifd().map(MultifdChannels::new).orElse(null);
    this.multifdFlaws = Set.copyOf(multifdFlaws);
    this.memory = requireNonNull(memory, "memory");
    this.workload = requireNonNull(workload, "workload");
    this.clock = requireNonNull(clock, "clock");
    this.options = requireNonNull(options, "options");
  }

  /** Signals a failed SET or a cancel; unwinds to {@link #migrate}, never escapes it. */
  private static final class Abort extends Exception {
    private static final long serialVersionUID = 1L;
    final MigrationReport.Outcome outcome;

    Abort(MigrationReport.Outcome outcome, String message) {
      super(message, null, false, false);
      this.outcome = outcome;
    }
  }

  /** Runs the migration once. */
  public MigrationReport migrate() {
    long start = clock.nanos();
    observer.migrationBegins(pairs);
    Optional<String> refusal = refusal();
    if (refusal.isPresent()) {
      event("refused: " + refusal.get());
      return report(MigrationReport.Outcome.REFUSED, refusal.get(), start, 0);
    }
    ArcListener listener =
        new ArcListener() {
          @Override
          public void afterArc(VfioMigrationDevice device, Arc arc) {
            onArc(device, arc);
          }

          @Override
          public void afterReset(VfioMigrationDevice device) {
            observer.deviceReset(device);
          }
        };
    for (DevicePair p : pairs) {
      for (VfioMigrationDevice d : List.of(p.source(), p.destination())) {
        d.addArcListener(listener);
        d.setFaultInjector(arc -> injectFault());
      }
    }
    for (DevicePair p : pairs) {
      qemuState.put(p.source(), p.source().state());
      qemuState.put(p.destination(), p.destination().state());
    }
    try {
      setup();
      cancelPoint();
      precopy();
      workload.beforeVcpuStop();
      vcpusStoppedAt = clock.nanos();
      switchover();
      stopCopy();
      cancelPoint();
      startDestination();
      long downtime = clock.nanos() - vcpusStoppedAt;
      event("destination running; downtime " + downtime + " ns");
      workload.announce();
      event("announce sent from the destination (qemu_announce_self)");
      cleanupSources();
      return report(
          MigrationReport.Outcome.COMPLETED, String.join("; ", destinationErrors), start, downtime);
    } catch (Abort a) {
      event(
          (a.outcome == MigrationReport.Outcome.CANCELLED ? "cancelled: " : "failed: ")
              + a.getMessage());
      observer.aborted(a.outcome, a.getMessage());
      recover();
      observer.recovered();
      // If the vCPUs had been stopped, the guest was down until the sources ran again.
      long downtime = vcpusStoppedAt < 0 ? 0 : clock.nanos() - vcpusStoppedAt;
      return report(a.outcome, a.getMessage(), start, downtime);
    } finally {
      for (DevicePair p : pairs) {
        for (VfioMigrationDevice d : List.of(p.source(), p.destination())) {
          d.removeArcListener(listener);
          d.setFaultInjector(ArcFaultInjector.NONE);
        }
      }
    }
  }

  /**
   * QEMU's own refusals: a caller's precondition (every device RUNNING), the multi-device blocker
   * and, on QEMU 10.x with {@code enable-migration=auto}, the blocker of a device whose DMA nothing
   * tracks ({@link EnableMigration}). No compatibility check: QEMU has none ({@code qmp_migrate}
   * looks at blockers only); management asks it first ({@link MigrationManagement}), and without
   * management an incompatible pair surfaces as a rejected load at the destination.
   */
  private Optional<String> refusal() {
    for (DevicePair p : pairs) {
      if (p.source().state() != MigrationState.RUNNING
          || p.destination().state() != MigrationState.RUNNING) {
        return Optional.of(p.name() + ": source and destination must start in RUNNING");
      }
    }
    if (pairs.size() > 1 && pairs.stream().anyMatch(p -> !p.source().features().p2p())) {
      return Optional.of(MULTI_DEVICE_BLOCKER);
    }
    return options.host().migrationBlocker(memory.dmaDirtySupport(), options.enableMigration());
  }

  private Optional<ArcFault> injectFault() {
    int index = arcsAttempted++;
    if (!faultFired
        && !inRecovery
        && options.fault().isPresent()
        && options.fault().get().arcIndex() == index) {
      faultFired = true;
      return Optional.of(options.fault().get().fault());
    }
    return Optional.empty();
  }

  private void onArc(VfioMigrationDevice device, Arc arc) {
    arcsCompleted++;
    observer.arcTaken(device, arc);
    clock.advance(options.arcLatencyNanos());
    // counted on the side holding the VM: the sources until the destination runs (and again in
    // recovery), the destinations after; a source reset after the switchover is in no VM
    if (orderingViolated(!destinationRunning)) {
      violations++;
      event("P2P ordering violated after " + device.name() + " " + arc);
    }
    workload.betweenArcs();
  }

  private boolean orderingViolated(boolean sourceSide) {
    List<MigrationState> states = new ArrayList<>();
    for (DevicePair p : pairs) {
      states.add(sourceSide ? p.source().state() : p.destination().state());
    }
    return P2pSafety.violated(states);
  }

  /**
   * A place where QEMU's migration thread sees a pending cancel ({@code migration_is_active}
   * between iterations; after the completion, the cancel winning the race against COMPLETED).
   */
  private void cancelPoint() throws Abort {
    if (!inRecovery
        && !cancelTooLate
        && options.cancelAfterArc().isPresent()
        && arcsCompleted >= options.cancelAfterArc().get()) {
      throw new Abort(
          MigrationReport.Outcome.CANCELLED, "cancelled after " + arcsCompleted + " arcs");
    }
  }

  /**
   * QEMU's {@code vfio_migration_set_state} (hw/vfio/migration.c): SET {@code target}; if it fails,
   * SET {@code recover}, and if that fails too or {@code recover} is ERROR ({@code
   * vfio_migration_set_state_or_reset}), VFIO_DEVICE_RESET. A new data fd while one is held is
   * QEMU's "data_fd out of sync" (the device was reset behind QEMU's back): the new fd is closed
   * and the SET counts as failed without recovery, the state already taken as reached.
   *
   * @return why the SET failed, if it did
   */
  private Optional<String> qset(
      DevicePair p, boolean source, MigrationState target, MigrationState recover) {
    VfioMigrationDevice d = source ? p.source() : p.destination();
    SetResult r = d.set(target);
    if (r.ok()) {
      qemuState.put(d, target);
      if (r.dataFd().isPresent()) {
        Map<String, DataFd> fds = source ? sourceFds : destFds;
        if (fds.containsKey(p.name())) {
          r.dataFd().get().close();
          return Optional.of(p.name() + ": data_fd out of sync");
        }
        fds.put(p.name(), r.dataFd().get());
      }
      return Optional.empty();
    }
    String why = d.name() + " SET " + target + ": " + r;
    if (recover != MigrationState.ERROR) {
      if (d.set(recover).ok()) {
        qemuState.put(d, recover);
        event(why + "; back in " + recover);
        return Optional.of(why);
      }
    }
    resetDevice(d);
    return Optional.of(why);
  }

  /** {@link #qset} with ERROR as the recover state: {@code vfio_migration_set_state_or_reset}. */
  private Optional<String> setOrReset(DevicePair p, boolean source, MigrationState target) {
    return qset(p, source, target, MigrationState.ERROR);
  }

  /**
   * Setup: {@code vfio_load_setup} on every destination (RESUMING, recover: the state it was in),
   * then {@code vfio_save_setup} on every PRE_COPY-capable source (PRE_COPY, recover: RUNNING);
   * QEMU's {@code qemu_savevm_state_setup} stops at the first failing handler.
   */
  private void setup() throws Abort {
    for (DevicePair p : pairs) {
      Optional<String> err =
          qset(p, false, MigrationState.RESUMING, qemuState.get(p.destination()));
      if (err.isPresent()) {
        throw new Abort(MigrationReport.Outcome.FAILED, err.get());
      }
    }
    startDirtyTracking();
    for (DevicePair p : pairs) {
      if (p.source().features().preCopy()) {
        Optional<String> err = qset(p, true, MigrationState.PRE_COPY, MigrationState.RUNNING);
        if (err.isPresent()) {
          throw new Abort(MigrationReport.Outcome.FAILED, err.get());
        }
        queryPrecopy(p);
      }
      // vfio_save_setup's section, whether or not the device has PRE_COPY
      beginSection(p);
      streamWrite(p, VfioSectionStream.tag(VfioSectionStream.DEV_SETUP_STATE));
      streamWrite(p, VfioSectionStream.tag(VfioSectionStream.END_OF_STATE));
    }
    event("setup done");
  }

  /**
   * RAM's setup handler, which runs before every VFIO device's ({@code qemu_savevm_state_setup}
   * walks the handlers in registration order, and {@code ram_mig_init} registers RAM at machine
   * creation, before any device realizes): {@code ram_save_setup} → {@code ram_init_bitmaps} →
   * {@code memory_global_dirty_log_start}, whose VFIO listener starts the host's DMA tracking
   * ({@code vfio_listener_log_global_start}, {@code hw/vfio/listener.c}). So tracking is on before
   * any source enters PRE_COPY, on both hosts; {@link HostModel#dmaTracking} decides what it reads.
   */
  private void startDirtyTracking() {
    dmaTracking = options.host().dmaTracking(memory.dmaDirtySupport());
    memory.startDirtyTracking(dmaTracking);
    trackingOn = true;
    event("dirty tracking on (" + options.host().title() + ": " + dmaTracking + ")");
  }

  /**
   * {@code ram_save_cleanup} → {@code memory_global_dirty_log_stop}, from {@code
   * qemu_savevm_state_cleanup} in {@code migrate_fd_cleanup}: RAM's cleanup runs before VFIO's
   * ({@code vfio_save_cleanup}, STOP_COPY → STOP), so tracking stops at cleanup, not at the
   * switchover. (QEMU postpones the stop of a stopped VM until it runs again, {@code
   * memory_global_dirty_log_stop}; nothing syncs in between, so that changes no page here.)
   */
  private void stopDirtyTracking() {
    if (trackingOn) {
      trackingOn = false;
      memory.stopDirtyTracking();
      event("dirty tracking off (ram_save_cleanup)");
    }
  }

  /**
   * Pre-copy as QEMU's {@code migration_iteration_run} (migration/migration.c) does it. Each pass:
   * the estimate ({@code qemu_savevm_state_pending_estimate}: RAM pages still marked in the dirty
   * bitmap, plus each device's cached initial and dirty bytes, {@code
   * vfio_state_pending_estimate}); if it is below the threshold, the exact pass ({@code
   * qemu_savevm_state_pending_exact}): RAM syncs its dirty bitmap ({@code ram_state_pending_exact})
   * and each device counts its stop-copy size only ({@code vfio_state_pending_exact} since QEMU
   * commit 3b5948f808, which removed the double count of the pre-copy bytes). Switch over when the
   * pending bytes are 0 or below the threshold and, with switchover-ack, every PRE_COPY device's
   * initial data has been sent ({@code migration_can_switchover}, {@code vfio_save_iterate}'s
   * INIT_DATA_SENT). Otherwise iterate ({@code qemu_savevm_state_iterate}): RAM sends the pages of
   * its bitmap, each device one read of at most {@code readChunk} bytes ({@code vfio_save_iterate}:
   * one {@code vfio_save_block} of the 1 MiB buffer). The threshold is the bandwidth measured over
   * the last iteration (bytes / simulated time, {@code migration_update_counters}) times the
   * downtime limit; 0 before the first iteration, so the first full pass always runs. QEMU has no
   * iteration cap: after {@code maxPrecopyRounds} iterations without switchover the management
   * layer above QEMU cancels the migration.
   */
  private void precopy() throws Abort {
    for (long page = 0; page < memory.pageCount(); page++) {
      toSend.set(Math.toIntExact(page)); // ram_save_setup: every page starts dirty
    }
    long threshold = 0;
    while (true) {
      cancelPoint();
      long pending = (long) toSend.cardinality() * memory.pageSize();
      for (DevicePair p : pairs) {
        pending += cachedPrecopy.getOrDefault(p.name(), 0L);
      }
      boolean exact = false;
      if (pending < threshold) {
        exact = true;
        syncDirty();
        pending = (long) toSend.cardinality() * memory.pageSize();
        for (DevicePair p : pairs) {
          queryPrecopy(p);
          pending += p.source().stopCopySize();
        }
      }
      lastPending = pending;
      lastThreshold = threshold;
      if ((pending == 0 || pending < threshold) && switchoverAcked()) {
        event(
            "pre-copy: "
                + rounds
                + " iterations; exact pending "
                + pending
                + " bytes < threshold "
                + threshold);
        return;
      }
      if (rounds >= options.maxPrecopyRounds()) {
        throw new Abort(
            MigrationReport.Outcome.CANCELLED,
            "no switchover after "
                + rounds
                + " iterations ("
                + (exact ? "exact" : "estimated")
                + " pending "
                + pending
                + " bytes, threshold "
                + threshold
                + (switchoverAcked() ? "" : ", switchover not acked")
                + "): the management layer cancels (QEMU has no iteration cap)");
      }
      long began = clock.nanos();
      long bytes = 0;
      for (int page = toSend.nextSetBit(0); page >= 0; page = toSend.nextSetBit(page + 1)) {
        // each page is read when it goes on the wire and the guest runs while it is sent, so
        // guest and device writes interleave with the copies as they do in QEMU
        toSend.clear(page);
        memory.copyPage(page);
        pagesCopied++;
        transfer(memory.pageSize(), true);
        bytes += memory.pageSize();
      }
      for (DevicePair p : pairs) {
        long moved = iterateDevice(p);
        transfer(moved, true);
        bytes += moved;
      }
      rounds++;
      long spent = clock.nanos() - began;
      if (spent > 0 && bytes > 0) {
        // bytes/s measured on the simulated link, times the limit in seconds
        double bandwidth = bytes * 1e9 / spent;
        threshold = (long) (bandwidth * options.downtimeLimitNanos() / 1e9);
      }
      event("pre-copy round " + rounds + " sent: " + bytes + " bytes, threshold " + threshold);
    }
  }

  /**
   * RAM's dirty bitmap sync ({@code migration_bitmap_sync_precopy}): dirty pages to send, from the
   * CPU log and the DMA tracking {@link HostModel#dmaTracking} chose.
   */
  private void syncDirty() {
    for (long page : memory.readAndClearDirty()) {
      toSend.set(Math.toIntExact(page));
    }
    if (dmaTracking == DmaTracking.ALL_MAPPED_DIRTY) {
      // vfio_get_dirty_bitmap without any tracker: the whole mapping (all guest RAM) is dirty
      toSend.set(0, Math.toIntExact(memory.pageCount()));
    }
  }

  /** {@code vfio_query_precopy_size}: the device's initial and dirty bytes, cached. */
  private void queryPrecopy(DevicePair p) {
    DataFd fd = sourceFds.get(p.name());
    if (fd != null && qemuState.get(p.source()) == MigrationState.PRE_COPY) {
      PrecopyInfo info = fd.precopyInfo();
      cachedPrecopy.put(p.name(), info.initialBytes() + info.dirtyBytes());
      cachedInitial.put(p.name(), info.initialBytes());
    }
  }

  /**
   * Switchover-ack ({@code migrate_switchover_ack}): the destination approves once every PRE_COPY
   * device sent INIT_DATA_SENT, i.e. its initial bytes were all read ({@code vfio_save_iterate}).
   */
  private boolean switchoverAcked() {
    if (!options.switchoverAck()) {
      return true;
    }
    for (DevicePair p : pairs) {
      if (sourceFds.containsKey(p.name()) && !initialDataSent.contains(p.name())) {
        return false;
      }
    }
    return true;
  }

  /**
   * {@code vfio_save_iterate}: one read of the saving fd into the stream; the cached estimate drops
   * by what was read ({@code vfio_update_estimated_pending_data}), to 0 on an empty read.
   */
  private long iterateDevice(DevicePair p) throws Abort {
    DataFd src = sourceFds.get(p.name());
    if (src == null || qemuState.get(p.source()) != MigrationState.PRE_COPY) {
      return 0;
    }
    beginSection(p);
    ReadResult r = src.read(options.readChunk());
    long n = r.length();
    if (r.errno().isPresent() && r.errno().get() != Errno.ENOMSG) {
      throw new Abort(
          MigrationReport.Outcome.FAILED, p.name() + " pre-copy read: " + r.errno().get());
    }
    if (n > 0) {
      send(p, r.data());
      deviceBytes += n;
      long init = cachedInitial.getOrDefault(p.name(), 0L);
      long initPart = Math.min(init, n);
      cachedInitial.put(p.name(), init - initPart);
      cachedPrecopy.put(p.name(), Math.max(0, cachedPrecopy.getOrDefault(p.name(), 0L) - n));
    } else {
      cachedInitial.put(p.name(), 0L);
      cachedPrecopy.put(p.name(), 0L);
    }
    if (cachedInitial.getOrDefault(p.name(), 0L) == 0 && initialDataSent.add(p.name())) {
      if (options.switchoverAck()) {
        streamWrite(p, VfioSectionStream.tag(VfioSectionStream.DEV_INIT_DATA_SENT));
      }
    }
    streamWrite(p, VfioSectionStream.tag(VfioSectionStream.END_OF_STATE));
    return n;
  }

  /** Bytes read from {@code p}'s source on their way to its destination. */
  private void send(DevicePair p, byte[] data) throws Abort {
    observer.sourceRead(p, data);
    if (chunkWire == null) {
      forward(p, data);
      return;
    }
    for (ChunkWire.Step step : chunkWire.take(data)) {
      if (step instanceof ChunkWire.Step.Write w) {
        forward(p, w.chunk());
      } else if (((ChunkWire.Step.Hit) step).kind() == ChunkFault.Kind.LOSS) {
        event(p.name() + ": a chunk is lost on the way");
        observer.chunkLost(p);
      } else {
        event(p.name() + ": two chunks swap places on the way");
        observer.chunksReordered(p);
      }
    }
  }

  /**
   * {@code p}'s stop-copy packets over the multifd channels into its destination's reorder buffer
   * ({@link MultifdLoadBuffers}), which writes the data due into the resuming fd; a failure of the
   * channel or the buffer fails the load ({@link #destinationLoadFailed}).
   */
  private void sendPackets(DevicePair p, List<byte[]> packets) throws Abort {
    for (int idx = 0; idx < packets.size(); idx++) {
      observer.multifdPacketSent(p, idx);
    }
    MultifdChannels.Sent sent = multifd.send(packets);
    sent.fault().ifPresent(f -> event(p.name() + ": multifd " + faultText(f)));
    MultifdLoadBuffers buffers = loadBuffers(p);
    for (MultifdChannels.Arrival a : sent.arrivals()) {
      List<byte[]> received = new ArrayList<>();
      Optional<String> err = multifd.receive(a, received);
      for (byte[] packet : received) {
        List<byte[]> due = new ArrayList<>();
        Optional<String> loadErr = buffers.insert(packet, due);
        for (byte[] d : due) {
          writeDestination(p, d);
        }
        if (loadErr.isPresent()) {
          destinationLoadFailed(p, loadErr.get());
        }
      }
      if (err.isPresent() && !buffers.ignoresChannelEnd()) {
        destinationLoadFailed(p, err.get());
      }
    }
  }

  private static String faultText(MultifdFault f) {
    return switch (f.kind()) {
      case REORDER -> "packet " + f.packet() + " arrives after packet " + (f.packet() + 1);
      case STALL -> "the channel of packet " + f.packet() + " stalls until the others are done";
      case DUPLICATE -> "packet " + f.packet() + " arrives twice";
      case BREAK -> "the channel of packet " + f.packet() + " closes inside it";
      case VERSION -> "packet " + f.packet() + " carries version 1";
    };
  }

  private MultifdLoadBuffers loadBuffers(DevicePair p) {
    return loadBuffers.computeIfAbsent(
        p.name(),
        k ->
            new MultifdLoadBuffers(
                k, options.multifd().orElseThrow().maxQueuedBufferBytes(), multifdFlaws));
  }

  /** End of {@code p}'s stream: a chunk held back for a reorder that never came goes out. */
  private void flushWire(DevicePair p) throws Abort {
    if (chunkWire != null) {
      Optional<byte[]> held = chunkWire.flush();
      if (held.isPresent()) {
        forward(p, held.get());
      }
    }
  }

  /** Device bytes onto the channel, as one {@code vfio_save_block} data record. */
  private void forward(DevicePair p, byte[] data) throws Abort {
    streamWrite(p, VfioSectionStream.data(data));
  }

  /** The next write opens a new section of {@code p} (the stream fault counts sections). */
  private void beginSection(DevicePair p) {
    sectionsSent++;
    sectionStarting = true;
    observer.sectionOpened(p, sectionsSent);
  }

  /**
   * Bytes of {@code p}'s section over the channel to its destination's {@code vfio_load_state},
   * which writes the data records' bytes into the resuming fd; a {@link StreamFault} at this
   * section strikes on its first write. A failed load: the destination QEMU exits, and the source's
   * next use of the channel fails the migration.
   */
  private void streamWrite(DevicePair p, byte[] bytes) throws Abort {
    VfioSectionStream.Loader loader =
        loaders.computeIfAbsent(p.name(), k -> new VfioSectionStream.Loader());
    byte[] out = bytes;
    boolean breakAfter = false;
    if (sectionStarting) {
      sectionStarting = false;
      Optional<StreamFault> f = options.streamFault().filter(x -> x.section() == sectionsSent);
      if (f.isPresent() && f.get().kind() == StreamFault.Kind.BREAK) {
        out = java.util.Arrays.copyOf(bytes, Math.max(1, bytes.length / 2));
        breakAfter = true;
        event("the migration channel closes in section " + sectionsSent);
      } else if (f.isPresent()) {
        out = bytes.clone();
        System.arraycopy(VfioSectionStream.tag(StreamFault.UNKNOWN_TAG), 0, out, 0, 8);
        event("section " + sectionsSent + " opens with a tag the destination does not know");
      }
    }
    VfioSectionStream.Loaded l = loader.feed(out);
    for (byte[] d : l.data()) {
      writeDestination(p, d);
    }
    Optional<String> err = breakAfter ? loader.endOfStream() : l.error();
    if (err.isPresent()) {
      destinationLoadFailed(p, err.get());
    }
  }

  /**
   * {@code vfio_load_state} failed: {@code qemu_loadvm_state} returns the error and the destination
   * QEMU exits ({@code process_incoming_migration_co}) before any device takes RESUMING → STOP; the
   * source fails the migration on the closed channel.
   */
  private void destinationLoadFailed(DevicePair p, String why) throws Abort {
    throw new Abort(
        MigrationReport.Outcome.FAILED,
        p.name() + " destination failed the load (" + why + "); the destination QEMU exits");
  }

  private void writeDestination(DevicePair p, byte[] data) throws Abort {
    WriteResult w = destFds.get(p.name()).write(data);
    if (w.errno().isPresent()) {
      throw new Abort(
          MigrationReport.Outcome.FAILED,
          p.name() + " destination write: " + w.errno().get() + " " + w.message());
    }
    observer.destinationWritten(p, data);
  }

  private void transfer(long bytes, boolean guestRuns) {
    long nanos = options.transferNanos(bytes);
    clock.advance(nanos);
    if (guestRuns) {
      workload.runGuest(nanos);
    }
  }

  /**
   * The stop: {@code vm_stop} runs {@code vm_state_notify}, in reverse registration order ({@link
   * #stopOrder}), every P2P device's prepare callback ({@code vfio_vmstate_change_prepare}:
   * PRE_COPY_P2P from PRE_COPY, else RUNNING_P2P), then every main callback ({@code
   * vfio_vmstate_change}: STOP_COPY from a pre-copy state, else STOP), each SET with {@code
   * vfio_migration_set_state_or_reset}. A failure resets that device and is remembered; the other
   * callbacks still run. Then the final dirty sync.
   */
  private void switchover() throws Abort {
    event("switchover: vCPUs stopped");
    if (options.ordering() == P2pOrdering.PREPARE_THEN_MAIN) {
      for (DevicePair p : stopOrder) {
        if (p.source().features().p2p()) {
          stopCallback(
              p,
              qemuState.get(p.source()) == MigrationState.PRE_COPY
                  ? MigrationState.PRE_COPY_P2P
                  : MigrationState.RUNNING_P2P);
        }
      }
    }
    for (DevicePair p : stopOrder) {
      MigrationState q = qemuState.get(p.source());
      stopCallback(
          p,
          q == MigrationState.PRE_COPY || q == MigrationState.PRE_COPY_P2P
              ? MigrationState.STOP_COPY
              : MigrationState.STOP);
    }
    // ram_save_complete: a last bitmap sync, then every page still marked goes out
    syncDirty();
    long last = toSend.cardinality();
    for (int page = toSend.nextSetBit(0); page >= 0; page = toSend.nextSetBit(page + 1)) {
      memory.copyPage(page);
    }
    toSend.clear();
    pagesCopied += last;
    transfer(last * memory.pageSize(), false);
    if (stopError.isPresent()) {
      // migration_completion: the file error set by the callback fails the completion before
      // any device's save_live_complete_precopy runs (RAM's handler comes first)
      throw new Abort(MigrationReport.Outcome.FAILED, stopError.get());
    }
  }

  private void stopCallback(DevicePair p, MigrationState target) {
    Optional<String> err = setOrReset(p, true, target);
    if (err.isPresent() && stopError.isEmpty()) {
      stopError = err;
    }
  }

  /**
   * {@code vfio_save_complete_precopy} per device: SET STOP_COPY (recover: STOP), then read to end
   * of stream.
   */
  private void stopCopy() throws Abort {
    long moved = 0;
    for (DevicePair p : pairs) {
      Optional<String> err = qset(p, true, MigrationState.STOP_COPY, MigrationState.STOP);
      if (err.isPresent()) {
        throw new Abort(MigrationReport.Outcome.FAILED, err.get());
      }
      beginSection(p);
      DataFd src = sourceFds.get(p.name());
      boolean waitForEnomsg = hooks.has(ProtocolDefect.WAIT_FOR_ENOMSG_IN_STOP_COPY);
      int endReads = 0;
      List<byte[]> packets = new ArrayList<>(); // multifd: the device's packets, by index
      for (ReadResult r = src.read(options.readChunk()); ; r = src.read(options.readChunk())) {
        if (r.endOfStreamReached()) {
          if (multifd == null) {
            flushWire(p);
          }
          observer.endOfStream(p, !waitForEnomsg);
          if (!waitForEnomsg) {
            break;
          }
          // the defect: 0 is not taken as the end, -ENOMSG never comes
          if (++endReads == ProtocolDefect.ENOMSG_WAIT_READS) {
            throw new Abort(
                MigrationReport.Outcome.FAILED,
                p.name() + " stop-copy read: still no -ENOMSG after " + endReads + " reads of 0");
          }
          continue;
        }
        if (r.errno().isPresent()) {
          throw new Abort(
              MigrationReport.Outcome.FAILED, p.name() + " stop-copy read: " + r.errno().get());
        }
        byte[] data = r.data();
        if (multifd == null) {
          send(p, data);
        } else {
          observer.sourceRead(p, data);
          packets.add(
              DeviceStatePacket.encode(DeviceStatePacket.VERSION_CURRENT, packets.size(), 0, data));
        }
        moved += r.length();
      }
      if (multifd != null) {
        packets.add(
            DeviceStatePacket.encode(
                DeviceStatePacket.VERSION_CURRENT,
                packets.size(),
                DeviceStatePacket.FLAG_CONFIG_STATE,
                DeviceStatePacket.configData()));
        sendPackets(p, packets);
      }
      // with multifd, vfio_multifd_emit_dummy_eos: the section holds END_OF_STATE alone
      streamWrite(p, VfioSectionStream.tag(VfioSectionStream.END_OF_STATE));
    }
    // the non-iterable part: vfio_save_state's config section (no config bytes modelled; with
    // multifd the config went as the last packet and the section holds END_OF_STATE alone)
    for (DevicePair p : pairs) {
      beginSection(p);
      if (multifd == null) {
        streamWrite(p, VfioSectionStream.tag(VfioSectionStream.DEV_CONFIG_STATE));
      }
      streamWrite(p, VfioSectionStream.tag(VfioSectionStream.END_OF_STATE));
    }
    // QEMU_VM_EOF: every device's load ends on a section boundary, and its multifd load thread
    // has loaded the config packet (the load waits for its load threads before it ends)
    for (DevicePair p : pairs) {
      Optional<String> err =
          loaders.computeIfAbsent(p.name(), k -> new VfioSectionStream.Loader()).endOfStream();
      if (err.isEmpty() && multifd != null) {
        err = loadBuffers(p).finish();
      }
      if (err.isPresent()) {
        destinationLoadFailed(p, err.get());
      }
    }
    deviceBytes += moved;
    transfer(moved, false);
  }

  /**
   * The destination VM starts ({@code vm_start} there): prepare callbacks (RUNNING_P2P) then main
   * callbacks (RUNNING), each {@code vfio_migration_set_state_or_reset}. A rejected load (RESUMING
   * → STOP fails) resets that device; the destination runs on and only logs the error, so the
   * migration still completes.
   */
  private void startDestination() {
    cancelTooLate = true; // the destination starts: a cancel no longer applies
    destinationRunning = true;
    workload.destinationRunning(true);
    if (options.ordering() == P2pOrdering.PREPARE_THEN_MAIN) {
      for (DevicePair p : pairs) {
        if (p.destination().features().p2p()) {
          destinationCallback(p, MigrationState.RUNNING_P2P);
        }
      }
    }
    for (DevicePair p : pairs) {
      destinationCallback(p, MigrationState.RUNNING);
    }
  }

  private void destinationCallback(DevicePair p, MigrationState target) {
    Optional<StreamError> load = p.destination().lastLoadError();
    Optional<String> err = setOrReset(p, false, target);
    if (err.isPresent()) {
      Optional<StreamError> now = p.destination().lastLoadError();
      String why =
          now.isPresent() && !now.equals(load)
              ? p.name() + " destination rejected the load (" + now.get() + ")"
              : err.get();
      destinationErrors.add(why + ": destination device reset, error logged on the destination");
      event(why + " (logged on the destination only)");
    }
  }

  /**
   * {@code qemu_savevm_state_cleanup}: RAM's cleanup (tracking off), then STOP_COPY -> STOP outside
   * the downtime ({@code vfio_save_cleanup}), or reset; fds closed.
   */
  private void cleanupSources() {
    stopDirtyTracking();
    for (DevicePair p : pairs) {
      if (qemuState.get(p.source()) == MigrationState.STOP_COPY) {
        setOrReset(p, true, MigrationState.STOP).ifPresent(e -> event("cleanup failed: " + e));
      }
      DataFd fd = sourceFds.get(p.name());
      if (fd != null) {
        fd.close();
      }
    }
    destFds.values().forEach(DataFd::close);
  }

  /**
   * After a failure or cancel, QEMU's order: the destination QEMU exits (its devices reset); the
   * source VM starts again if it was stopped ({@code migration_iteration_finish}: {@code vm_start},
   * prepare then main callbacks); {@code migrate_fd_cleanup}: save_cleanup (STOP_COPY -> STOP), the
   * data fds closed, then the MIG_EVENT_PRECOPY_FAILED notifier's SET RUNNING on every device.
   */
  private void recover() {
    inRecovery = true;
    destinationRunning = false;
    workload.destinationRunning(false);
    for (DevicePair p : pairs) {
      p.destination().reset();
    }
    // Defects: a source left in STOP_COPY, or every source reset instead of resumed.
    List<DevicePair> resumed = new ArrayList<>();
    for (DevicePair p : pairs) {
      VfioMigrationDevice d = p.source();
      if (hooks.has(ProtocolDefect.NO_RESUME_ON_FAILURE) && d.state() == MigrationState.STOP_COPY) {
        event(d.name() + " left in STOP_COPY (defect NoResumeOnFailure)");
      } else if (hooks.has(ProtocolDefect.RECOVER_BY_RESET)) {
        resetDevice(d);
      } else {
        resumed.add(p);
      }
    }
    if (vcpusStoppedAt >= 0) {
      if (options.ordering() == P2pOrdering.PREPARE_THEN_MAIN) {
        for (DevicePair p : resumed) {
          if (p.source().features().p2p()) {
            setOrReset(
                p,
                true,
                qemuState.get(p.source()) == MigrationState.PRE_COPY
                    ? MigrationState.PRE_COPY_P2P
                    : MigrationState.RUNNING_P2P);
          }
        }
      }
      for (DevicePair p : resumed) {
        setOrReset(p, true, MigrationState.RUNNING);
      }
    }
    stopDirtyTracking(); // ram_save_cleanup runs before vfio_save_cleanup
    for (DevicePair p : resumed) {
      if (qemuState.get(p.source()) == MigrationState.STOP_COPY) {
        setOrReset(p, true, MigrationState.STOP);
      }
    }
    sourceFds.values().forEach(DataFd::close);
    destFds.values().forEach(DataFd::close);
    for (DevicePair p : resumed) {
      setOrReset(p, true, MigrationState.RUNNING);
    }
    event("sources back in RUNNING");
  }

  private void resetDevice(VfioMigrationDevice d) {
    d.reset();
    qemuState.put(d, MigrationState.RUNNING);
    devicesReset++;
    event(d.name() + " reset (function state lost)");
  }

  private void event(String what) {
    events.add(clock.nanos() + " ns: " + what);
  }

  private MigrationReport report(
      MigrationReport.Outcome outcome, String detail, long start, long downtime) {
    Map<String, MigrationState> src = new LinkedHashMap<>();
    Map<String, MigrationState> dst = new LinkedHashMap<>();
    for (DevicePair p : pairs) {
      src.put(p.name(), p.source().state());
      dst.put(p.name(), p.destination().state());
    }
    return new MigrationReport(
        outcome,
        detail,
        rounds,
        pagesCopied,
        pagesCopied * memory.pageSize(),
        deviceBytes,
        downtime,
        clock.nanos() - start,
        arcsCompleted,
        violations,
        devicesReset,
        lastPending,
        lastThreshold,
        src,
        dst,
        events);
  }
}
