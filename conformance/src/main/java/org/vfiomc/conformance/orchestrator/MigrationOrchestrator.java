package org.vfiomc.conformance.orchestrator;

import static com.google.common.base.Preconditions.checkArgument;
import static java.util.Objects.requireNonNull;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.vfiomc.conformance.vfio.Arc;
import org.vfiomc.conformance.vfio.ArcFault;
import org.vfiomc.conformance.vfio.ArcFaultInjector;
import org.vfiomc.conformance.vfio.ArcListener;
import org.vfiomc.conformance.vfio.Compatibility;
import org.vfiomc.conformance.vfio.DataFd;
import org.vfiomc.conformance.vfio.MigrationState;
import org.vfiomc.conformance.vfio.PrecopyInfo;
import org.vfiomc.conformance.vfio.ReadResult;
import org.vfiomc.conformance.vfio.SetResult;
import org.vfiomc.conformance.vfio.VfioMigrationDevice;
import org.vfiomc.conformance.vfio.WriteResult;

/**
 * A QEMU-like live migration of one VM with one or more VFIO devices, in simulated time.
 *
 * <p>Sequence: refuse early (a target that is not compatible with its source's migration version;
 * several devices when one lacks P2P: QEMU's multi-device blocker); setup (destinations RUNNING →
 * RESUMING, PRE_COPY-capable sources RUNNING → PRE_COPY, dirty tracking on); pre-copy rounds (round
 * 1 copies all guest pages, later rounds the dirty ones, plus the devices' pre-copy data) until the
 * estimated remaining bytes fit into the downtime limit or the round limit is hit; switchover (a
 * cooperative guest quiesces first, {@link MigrationWorkload#beforeVcpuStop}; vCPUs stop; devices
 * stopped in the configured {@link P2pOrdering}; final dirty sync); stop-copy (every device read to
 * end of stream into its destination); destination start (in the same ordering; RESUMING → STOP
 * validates and loads each stream); source cleanup STOP_COPY → STOP. Downtime runs from the vCPU
 * stop to the last destination device reaching RUNNING.
 *
 * <p>On a failed SET or a cancel, destinations are reset and every source goes back to RUNNING (via
 * RUNNING_P2P first under QEMU ordering); a source that cannot (ERROR, or the SET fails) is reset,
 * as QEMU does, and counted in {@link MigrationReport#devicesReset()}. A cancel is honoured until
 * the destination starts; a failure in the final source cleanup (after the destination runs) resets
 * that source and the migration still completes.
 */
public final class MigrationOrchestrator {
  /** QEMU's blocker text for several devices when one of them lacks P2P support. */
  public static final String MULTI_DEVICE_BLOCKER =
      "Multiple VFIO devices migration is supported only if all of them support P2P migration";

  private final List<DevicePair> pairs;
  private final GuestMemoryMigration memory;
  private final MigrationWorkload workload;
  private final ManualClock clock;
  private final OrchestratorOptions options;
  private final ProtocolHooks hooks;
  private final ProtocolObserver observer;
  private final ChunkWire chunkWire; // null: no chunk fault, bytes go straight through

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
    this.hooks = requireNonNull(hooks, "hooks");
    this.observer = hooks.observer();
    this.pairs = List.copyOf(pairs);
    checkArgument(!this.pairs.isEmpty(), "a migration needs at least one device");
    checkArgument(
        hooks.chunkFault().isEmpty() || this.pairs.size() == 1,
        "a chunk fault needs a single device migration");
    this.chunkWire = hooks.chunkFault().map(ChunkWire::new).orElse(null);
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
    try {
      setup();
      precopy();
      workload.beforeVcpuStop();
      vcpusStoppedAt = clock.nanos();
      switchover();
      stopCopy();
      startDestination();
      long downtime = clock.nanos() - vcpusStoppedAt;
      event("destination running; downtime " + downtime + " ns");
      workload.announce();
      event("announce sent from the destination (qemu_announce_self)");
      cleanupSources();
      return report(MigrationReport.Outcome.COMPLETED, "", start, downtime);
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

  private Optional<String> refusal() {
    for (DevicePair p : pairs) {
      Compatibility c = p.destination().checkCompatibility(p.source().migrationVersion());
      if (!c.compatible()) {
        return Optional.of("target of " + p.name() + " is not compatible: " + c.reason());
      }
      String srcHost = p.source().function().hostConfiguration();
      String dstHost = p.destination().function().hostConfiguration();
      if (!srcHost.equals(dstHost)) {
        return Optional.of(
            "target of "
                + p.name()
                + " has another host-side configuration: source "
                + srcHost
                + ", target "
                + dstHost);
      }
      if (p.source().state() != MigrationState.RUNNING
          || p.destination().state() != MigrationState.RUNNING) {
        return Optional.of(p.name() + ": source and destination must start in RUNNING");
      }
    }
    if (pairs.size() > 1 && pairs.stream().anyMatch(p -> !p.source().features().p2p())) {
      return Optional.of(MULTI_DEVICE_BLOCKER);
    }
    return Optional.empty();
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

  private void checkCancel() throws Abort {
    if (!inRecovery
        && !cancelTooLate
        && options.cancelAfterArc().isPresent()
        && arcsCompleted >= options.cancelAfterArc().get()) {
      throw new Abort(
          MigrationReport.Outcome.CANCELLED, "cancelled after " + arcsCompleted + " arcs");
    }
  }

  private Optional<DataFd> set(VfioMigrationDevice d, MigrationState target) throws Abort {
    checkCancel();
    SetResult r = d.set(target);
    if (!r.ok()) {
      throw new Abort(MigrationReport.Outcome.FAILED, d.name() + " SET " + target + ": " + r);
    }
    checkCancel();
    return r.dataFd();
  }

  /**
   * SET on a source, keeping its data fd. A new fd while one is already held means the device was
   * reset behind the orchestrator's back (QEMU's "data_fd out of sync" guard).
   */
  private void setSource(DevicePair p, MigrationState target) throws Abort {
    Optional<DataFd> fresh = set(p.source(), target);
    if (fresh.isPresent()) {
      if (sourceFds.containsKey(p.name())) {
        fresh.get().close();
        throw new Abort(MigrationReport.Outcome.FAILED, p.name() + ": data_fd out of sync");
      }
      sourceFds.put(p.name(), fresh.get());
    }
  }

  private void setup() throws Abort {
    for (DevicePair p : pairs) {
      DataFd fd =
          set(p.destination(), MigrationState.RESUMING)
              .orElseThrow(
                  () -> new IllegalStateException("RUNNING -> RESUMING must return a data fd"));
      destFds.put(p.name(), fd);
    }
    for (DevicePair p : pairs) {
      if (p.source().features().preCopy()) {
        setSource(p, MigrationState.PRE_COPY);
      }
    }
    memory.startDirtyTracking();
    event("setup done");
  }

  private void precopy() throws Abort {
    // Round 1: all guest pages. Each page is read when it goes on the wire and the guest runs
    // while it is sent, so guest and device writes interleave with the copies as they do in QEMU.
    long pages = memory.pageCount();
    for (long page = 0; page < pages; page++) {
      memory.copyPage(page);
      transfer(memory.pageSize(), true);
    }
    pagesCopied += pages;
    transfer(moveDeviceData(), true);
    rounds = 1;
    event("pre-copy round 1 sent");
    while (rounds < options.maxPrecopyRounds() && !converged()) {
      checkCancel();
      long[] dirty = memory.readAndClearDirty();
      for (long page : dirty) {
        memory.copyPage(page);
        transfer(memory.pageSize(), true);
      }
      pagesCopied += dirty.length;
      transfer(moveDeviceData(), true);
      rounds++;
      event("pre-copy round " + rounds + " sent");
    }
    event("pre-copy: " + rounds + " rounds, converged=" + converged());
  }

  /** Remaining bytes estimated as QEMU does: dirty pages plus device pre-copy and stop-copy. */
  private boolean converged() {
    long pending = memory.dirtyPageCount() * memory.pageSize();
    for (DevicePair p : pairs) {
      DataFd fd = sourceFds.get(p.name());
      if (fd != null) {
        PrecopyInfo info = fd.precopyInfo();
        pending += info.initialBytes() + info.dirtyBytes();
      }
      pending += p.source().stopCopySize();
    }
    return options.transferNanos(pending) <= options.downtimeLimitNanos();
  }

  /** Reads whatever pre-copy data the sources have now and writes it to the destinations. */
  private long moveDeviceData() throws Abort {
    long moved = 0;
    for (DevicePair p : pairs) {
      DataFd src = sourceFds.get(p.name());
      if (src == null) {
        continue;
      }
      for (ReadResult r = src.read(options.readChunk());
          r.length() > 0;
          r = src.read(options.readChunk())) {
        byte[] data = r.data();
        send(p, data);
        moved += r.length();
      }
    }
    deviceBytes += moved;
    return moved;
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

  /** End of {@code p}'s stream: a chunk held back for a reorder that never came goes out. */
  private void flushWire(DevicePair p) throws Abort {
    if (chunkWire != null) {
      Optional<byte[]> held = chunkWire.flush();
      if (held.isPresent()) {
        forward(p, held.get());
      }
    }
  }

  private void forward(DevicePair p, byte[] data) throws Abort {
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

  private void switchover() throws Abort {
    event("switchover: vCPUs stopped");
    if (options.ordering() == P2pOrdering.PREPARE_THEN_MAIN) {
      for (DevicePair p : pairs) {
        if (p.source().features().p2p()) {
          setSource(
              p,
              p.source().state() == MigrationState.PRE_COPY
                  ? MigrationState.PRE_COPY_P2P
                  : MigrationState.RUNNING_P2P);
        }
      }
    }
    for (DevicePair p : pairs) {
      setSource(
          p, sourceFds.containsKey(p.name()) ? MigrationState.STOP_COPY : MigrationState.STOP);
    }
    long[] dirty = memory.readAndClearDirty();
    for (long page : dirty) {
      memory.copyPage(page);
    }
    pagesCopied += dirty.length;
    memory.stopDirtyTracking();
    transfer((long) dirty.length * memory.pageSize(), false);
  }

  private void stopCopy() throws Abort {
    long moved = 0;
    for (DevicePair p : pairs) {
      setSource(p, MigrationState.STOP_COPY);
      DataFd src = sourceFds.get(p.name());
      boolean waitForEnomsg = hooks.has(ProtocolDefect.WAIT_FOR_ENOMSG_IN_STOP_COPY);
      int endReads = 0;
      for (ReadResult r = src.read(options.readChunk()); ; r = src.read(options.readChunk())) {
        if (r.endOfStreamReached()) {
          flushWire(p);
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
        send(p, data);
        moved += r.length();
      }
    }
    deviceBytes += moved;
    transfer(moved, false);
  }

  private void startDestination() throws Abort {
    cancelTooLate = true; // all device data is on the destination: a cancel no longer applies
    destinationRunning = true;
    workload.destinationRunning(true);
    if (options.ordering() == P2pOrdering.PREPARE_THEN_MAIN) {
      for (DevicePair p : pairs) {
        if (p.destination().features().p2p()) {
          set(p.destination(), MigrationState.RUNNING_P2P);
        }
      }
    }
    for (DevicePair p : pairs) {
      set(p.destination(), MigrationState.RUNNING);
    }
  }

  /** STOP_COPY -> STOP outside the downtime; a failure here resets that source (QEMU). */
  private void cleanupSources() {
    for (DevicePair p : pairs) {
      SetResult r = p.source().set(MigrationState.STOP);
      if (!r.ok()) {
        event(p.name() + " cleanup failed: " + r);
        resetSource(p.source());
      }
      DataFd fd = sourceFds.get(p.name());
      if (fd != null) {
        fd.close();
      }
    }
    destFds.values().forEach(DataFd::close);
  }

  /** Destinations reset; sources back to RUNNING (P2P-first under QEMU ordering), else reset. */
  private void recover() {
    inRecovery = true;
    destinationRunning = false;
    workload.destinationRunning(false);
    memory.stopDirtyTracking();
    for (DevicePair p : pairs) {
      p.destination().reset();
    }
    // Defects: a source left in STOP_COPY, or every source reset instead of resumed.
    List<VfioMigrationDevice> resumed = new ArrayList<>();
    for (DevicePair p : pairs) {
      VfioMigrationDevice d = p.source();
      if (hooks.has(ProtocolDefect.NO_RESUME_ON_FAILURE) && d.state() == MigrationState.STOP_COPY) {
        event(d.name() + " left in STOP_COPY (defect NoResumeOnFailure)");
      } else if (hooks.has(ProtocolDefect.RECOVER_BY_RESET)) {
        resetSource(d);
      } else {
        resumed.add(d);
      }
    }
    if (options.ordering() == P2pOrdering.PREPARE_THEN_MAIN) {
      for (VfioMigrationDevice d : resumed) {
        if (d.features().p2p() && d.state() != MigrationState.ERROR) {
          if (!d.set(MigrationState.RUNNING_P2P).ok()) {
            resetSource(d);
          }
        }
      }
    }
    for (VfioMigrationDevice d : resumed) {
      if (d.state() == MigrationState.ERROR || !d.set(MigrationState.RUNNING).ok()) {
        resetSource(d);
      }
    }
    sourceFds.values().forEach(DataFd::close);
    destFds.values().forEach(DataFd::close);
    event("sources back in RUNNING");
  }

  private void resetSource(VfioMigrationDevice d) {
    d.reset();
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
        src,
        dst,
        events);
  }
}
