package org.vfiomc.conformance.replay.vfio;

import java.nio.ByteBuffer;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.vfiomc.checker.trace.TlaValue;
import org.vfiomc.conformance.orchestrator.ProtocolDefect;
import org.vfiomc.conformance.orchestrator.QemuSteps;
import org.vfiomc.conformance.replay.StepOutcome;
import org.vfiomc.conformance.replay.SystemUnderTest;
import org.vfiomc.conformance.vfio.ArcFault;
import org.vfiomc.conformance.vfio.ArcFaultInjector;
import org.vfiomc.conformance.vfio.DataFd;
import org.vfiomc.conformance.vfio.DeltaImage;
import org.vfiomc.conformance.vfio.Errno;
import org.vfiomc.conformance.vfio.ImageMode;
import org.vfiomc.conformance.vfio.LoadDefect;
import org.vfiomc.conformance.vfio.MigrationArcs;
import org.vfiomc.conformance.vfio.MigrationFeatures;
import org.vfiomc.conformance.vfio.MigrationState;
import org.vfiomc.conformance.vfio.NextStep;
import org.vfiomc.conformance.vfio.PrecopyInfo;
import org.vfiomc.conformance.vfio.ReadResult;
import org.vfiomc.conformance.vfio.SaveDefect;
import org.vfiomc.conformance.vfio.SetResult;
import org.vfiomc.conformance.vfio.StreamFormat;
import org.vfiomc.conformance.vfio.VfioMigrationDevice;
import org.vfiomc.conformance.vfio.WriteResult;

/**
 * A source and a destination device, the wire between them and a QEMU-like driver that takes the
 * spec's steps one at a time (see {@link VfioMigrationBinding} for the mapping).
 */
final class MigrationSut implements SystemUnderTest<MigrationAction> {
  /** Extra reads at EOF that show a stop-copy loop waiting for -ENOMSG never ends. */
  private static final int EOF_PROBES = 3;

  private static final TlaValue[] SMALL = new TlaValue[16];

  static {
    for (int i = 0; i < SMALL.length; i++) {
      SMALL[i] = TlaValue.Int.of(i - 1);
    }
  }

  /** The spec's {@code Corrupt}: a state no image of the source had. */
  private static final int CORRUPT = -2;

  /**
   * One read of the saving fd: its bytes, what the spec sees of them, and the version of the state
   * the device counted as sent by this read (the chunk's own version, unless the device sends stale
   * data: then the source's state at the read).
   */
  // the bytes are handed on, never compared: the record's equality is not used
  @SuppressWarnings("ArrayRecordComponent")
  private record Chunk(byte[] bytes, TlaValue value, boolean isFinal, int sentVersion) {}

  private final MigrationFeatures features;
  private final int maxVersion;
  private final boolean mayCancel;
  private final boolean loss;
  private final boolean reorder;
  private final Set<ProtocolDefect> qemuDefects;
  private final VfPool pool;
  private final VfPool.Slot srcSlot;
  private final VfPool.Slot dstSlot;
  private boolean closed;
  private final VfFunction srcFunction;
  private final VfFunction dstFunction;
  private final VfioMigrationDevice src;
  private final VfioMigrationDevice dst;
  private final TlaValue flagsValue;
  private final int threshold;
  private final boolean completeOnRejectedLoad;

  // snapshot -> version, in the order the source's states appear
  private final Map<SavedState, Integer> versions = new HashMap<>();
  // the snapshots in version order; the first `digested` of them are in byDigest
  private final List<SavedState> numbered = new ArrayList<>();
  private int digested;
  private final EpochVersion srcVersionCache = new EpochVersion();
  private final EpochVersion dstVersionCache = new EpochVersion();
  // digest of a numbered snapshot -> the snapshot (the base an increment names)
  private final Map<Long, SavedState> byDigest = new HashMap<>();
  // QEMU's side
  private String phase = "IDLE";
  private DataFd srcFd;
  private DataFd dstFd;
  // the numbers of the fds the driver holds (the device's session count when it got them; 0: none)
  private long srcFdNo;
  private long dstFdNo;
  private int guestView;
  private int initialImageVersion = -1;
  private int stopVersion = -1;
  private boolean dstLoaded;
  private final List<Chunk> srcRead = new ArrayList<>();
  private final Deque<Chunk> wire = new ArrayDeque<>();
  private final List<Chunk> dstWritten = new ArrayList<>();
  // ArcSteps / SwitchoverAck (configureArcs): QEMU's SET in progress on each device (null: none),
  // the device whose SET failed ("NONE", "SRC", "DST", "DONE") and the destination's ack
  private ArcOptions arcs = new ArcOptions(false, false, false, false, false, false, false);
  private MigrationState srcTgt;
  private MigrationState dstTgt;
  private String setFailed = "NONE";
  private boolean dstAcked;
  // what QEMU did that RecoveryTargets and WritesThroughLiveFd forbid, as it happened (empty:
  // never)
  private Optional<String> badRecoveryTarget = Optional.empty();
  private Optional<String> writeWithoutSession = Optional.empty();
  // projection caches
  private TlaValue srcReadValue;
  private TlaValue wireValue;
  private TlaValue dstWrittenValue;
  private final Map<String, TlaValue> strings = new HashMap<>();

  MigrationSut(
      VfPool pool,
      int flags,
      int maxVersion,
      boolean mayCancel,
      boolean loss,
      boolean reorder,
      Set<LoadDefect> loadDefects,
      Set<ProtocolDefect> qemuDefects,
      boolean runsInStopCopy,
      int threshold,
      boolean completeOnRejectedLoad) {
    this.features = MigrationFeatures.fromFlags(flags).orElseThrow();
    this.maxVersion = maxVersion;
    this.mayCancel = mayCancel;
    this.loss = loss;
    this.reorder = reorder;
    this.qemuDefects = Set.copyOf(qemuDefects);
    this.pool = pool;
    this.srcSlot = pool.lease();
    this.dstSlot = pool.lease();
    this.srcFunction = new VfFunction(srcSlot.vf, runsInStopCopy, pool.powerOnState());
    this.dstFunction = new VfFunction(dstSlot.vf, false, pool.powerOnState());
    this.src = new VfioMigrationDevice("source", srcFunction, features);
    this.dst = new VfioMigrationDevice("destination", dstFunction, features);
    this.dst.setLoadDefects(loadDefects);
    this.flagsValue = TlaValue.Int.of(flags);
    this.threshold = threshold;
    this.completeOnRejectedLoad = completeOnRejectedLoad;
    srcVersion(); // the initial state is version 0
  }

  /**
   * {@code ArcSteps}: QEMU's SETs are walked one arc per step ({@code SrcArc}, {@code DstArc}),
   * each arc a single-arc SET of the device (the arc {@code vfio_mig_get_next_state} returns, which
   * is itself a direct arc, so the device's SET runs exactly that arc); {@code ArcsMayFail}: an
   * {@code ArcFails} injects an {@code ArcFault} into that arc; {@code SwitchoverAck}: the
   * destination acks once it holds the initial chunk ({@code DestAck}) and a PRE_COPY source
   * switches over only after it; {@code noResetOnError}, {@code switchoverBeforeAck}, {@code
   * retryFailedSet}, {@code writeBeforeResuming}: the QEMU defects of the same names.
   */
  record ArcOptions(
      boolean arcSteps,
      boolean arcsMayFail,
      boolean switchoverAck,
      boolean noResetOnError,
      boolean switchoverBeforeAck,
      boolean retryFailedSet,
      boolean writeBeforeResuming) {}

  void configureArcs(ArcOptions options) {
    this.arcs = options;
  }

  @Override
  public List<String> variables() {
    return VfioMigrationBinding.VARIABLES;
  }

  /** Gives both VFs back to the pool; a closed system refuses every further step. */
  @Override
  public void close() {
    if (!closed) {
      closed = true;
      pool.release(srcSlot);
      pool.release(dstSlot);
    }
  }

  private void requireOpen() {
    if (closed) {
      throw new IllegalStateException("VfioMigration replay system used after close()");
    }
  }

  private int versionOf(SavedState state) {
    Integer v = versions.get(state);
    if (v == null) {
      v = numbered.size();
      versions.put(state, v);
      numbered.add(state);
    }
    return v;
  }

  /**
   * The version of the snapshot {@code bytes}, which the caller hands over. An image read is mostly
   * a state numbered just before (the source's, at the projection after the previous step): the
   * newest two are compared byte for byte before a fingerprint is taken for the lookup.
   */
  private int versionOfBytes(byte[] bytes) {
    int v = newestWith(bytes, 0, bytes.length);
    return v >= 0 ? v : versionOf(SavedState.owning(bytes));
  }

  /** {@link #versionOfBytes} of {@code bytes[from, to)}, copied only if it is a new state. */
  private int versionOfRange(byte[] bytes, int from, int to) {
    int v = newestWith(bytes, from, to);
    return v >= 0 ? v : versionOf(SavedState.owning(Arrays.copyOfRange(bytes, from, to)));
  }

  /** The version of one of the two newest numbered states if it is {@code b[from, to)}, else -1. */
  private int newestWith(byte[] b, int from, int to) {
    for (int v = numbered.size() - 1; v >= 0 && v >= numbered.size() - 2; v--) {
      if (numbered.get(v).hasBytes(b, from, to)) {
        return v;
      }
    }
    return -1;
  }

  /**
   * The numbered snapshot whose SHA-256 digest an increment names as its base ({@link
   * DeltaImage#digest}; the first numbered with that digest), or null. Digests are taken only when
   * an increment asks, of the snapshots numbered since: a replay of whole images takes none.
   */
  private SavedState byBaseDigest(long digest) {
    for (; digested < numbered.size(); digested++) {
      SavedState n = numbered.get(digested);
      byDigest.putIfAbsent(n.deltaDigest(), n);
    }
    return byDigest.get(digest);
  }

  /**
   * Configures the source's images ({@code DeltaImages}) and saving-side defects ({@code
   * StaleDirtyChunk}); the destination reads whichever the source writes.
   */
  void configureSource(ImageMode mode, Set<SaveDefect> defects) {
    src.setImageMode(mode);
    src.setSaveDefects(defects);
  }

  /** The source's current version, numbered again only when its state epoch moved. */
  private int srcVersion() {
    return srcVersionCache.of(srcFunction);
  }

  /** The destination's current version, numbered again only when its state epoch moved. */
  private int dstStateVersion() {
    return dstVersionCache.of(dstFunction);
  }

  /** A function's version at the state epoch recorded with it ({@link VfFunction#epoch()}). */
  private final class EpochVersion {
    private long epoch = -1; // none yet
    private int version;

    int of(VfFunction f) {
      long e = f.epoch();
      if (e != epoch) {
        version = versionOf(f.saved());
        epoch = e;
      }
      return version;
    }
  }

  private static StepOutcome notPossible(String why) {
    return new StepOutcome.NotPossible(why);
  }

  private boolean inPhase(String... phases) {
    for (String p : phases) {
      if (p.equals(phase)) {
        return true;
      }
    }
    return false;
  }

  @Override
  public StepOutcome apply(MigrationAction a) {
    requireOpen();
    // the current source state was numbered by the projection after the previous step (the
    // replayer projects after every step), so any chunk read now carries a numbered state
    Optional<String> busy = waitsForASet(a);
    if (busy.isPresent()) {
      return notPossible(busy.get());
    }
    if (arcs.arcSteps()) {
      StepOutcome o = applyArcSteps(a);
      if (o != null) {
        return o;
      }
    }
    return switch (a) {
      case GuestWork -> guestWork();
      case MigrationStart -> migrationStart();
      case PrecopyRead -> precopyRead();
      case Switchover -> switchover();
      case StopCopyStart -> stopCopyStart();
      case StopCopyRead -> stopCopyRead();
      case StopCopyEof -> stopCopyEof();
      case Deliver -> deliver();
      case ChunkLost -> chunkLost();
      case ChunksReordered -> chunksReordered();
      case DestStart -> destStart();
      case SaveCleanup -> saveCleanup();
      case Cancel -> cancel();
      case ResumeSource -> resumeSource();
      case DestAck -> destAck();
      case SrcArc,
          DstArc,
          ArcFailsSrcStay,
          ArcFailsSrcError,
          ArcFailsDstStay,
          ArcFailsDstError,
          LoadRejected,
          QemuRecoverSrc,
          QemuRecoverDst ->
          notPossible("ArcSteps = FALSE: every SET is one call, no arc is a step of its own");
      case Finished ->
          inPhase("SUCCEEDED", "FAILED")
              ? StepOutcome.OK
              : notPossible("the migration is still in phase " + phase);
    };
  }

  private boolean srcIdle() {
    return srcTgt == null && !failedSetPending();
  }

  private boolean dstIdle() {
    return dstTgt == null && !failedSetPending();
  }

  private boolean failedSetPending() {
    return setFailed.equals("SRC") || setFailed.equals("DST");
  }

  /**
   * The spec's SrcIdle/DstIdle guards: a QEMU step that issues a SET or uses a device's fd waits
   * until that device has no SET in progress (a SET is a blocking ioctl) and no failed SET waits
   * for QEMU's answer; with switchover-ack, a PRE_COPY source also waits for the ack.
   */
  private Optional<String> waitsForASet(MigrationAction a) {
    boolean needsSrc =
        switch (a) {
          case PrecopyRead,
              Switchover,
              StopCopyStart,
              StopCopyRead,
              SaveCleanup,
              Cancel,
              ResumeSource,
              Finished ->
              true;
          default -> false;
        };
    boolean needsDst =
        switch (a) {
          case Deliver -> !arcs.writeBeforeResuming();
          case DestStart, SaveCleanup, Finished -> true;
          default -> false;
        };
    if ((needsSrc && !srcIdle()) || (needsDst && !dstIdle())) {
      return Optional.of(
          "a SET is in progress or failed (source target "
              + srcTgt
              + ", destination target "
              + dstTgt
              + ", failed "
              + setFailed
              + ")");
    }
    if (a == MigrationAction.Switchover
        && arcs.switchoverAck()
        && features.preCopy()
        && !arcs.switchoverBeforeAck()
        && !dstAcked) {
      return Optional.of("switchover-ack is on and the destination has not acked");
    }
    return Optional.empty();
  }

  /**
   * qemu_loadvm_approve_switchover: the destination has written the initial image (the source's
   * VFIO_MIG_FLAG_DEV_INIT_DATA_SENT follows it) and acks on the return path.
   */
  private StepOutcome destAck() {
    if (!arcs.switchoverAck() || !features.preCopy() || dstAcked) {
      return notPossible("no switchover-ack to send");
    }
    if (dst.state() != MigrationState.RESUMING) {
      return notPossible("the destination is not RESUMING (" + dst.state() + ")");
    }
    boolean initial = false;
    for (Chunk c : dstWritten) {
      initial |=
          c.value() instanceof TlaValue.Record r
              && r.fields().get("seq") instanceof TlaValue.Int i
              && i.value().intValue() == 1;
    }
    if (!initial) {
      return notPossible("the destination has not written the initial chunk");
    }
    dstAcked = true;
    return StepOutcome.OK;
  }

  /** The ArcSteps variants of QEMU's SET-issuing steps and the arc actions; null: not one. */
  private StepOutcome applyArcSteps(MigrationAction a) {
    return switch (a) {
      case MigrationStart -> {
        if (!inPhase("IDLE")) {
          yield notPossible("a migration was already started (phase " + phase + ")");
        }
        dstTgt = issue(dst, MigrationState.RESUMING);
        if (features.preCopy()) {
          srcTgt = issue(src, MigrationState.PRE_COPY);
        }
        phase = "PRECOPY";
        yield StepOutcome.OK;
      }
      case Switchover -> {
        if (!inPhase("PRECOPY")
            || (src.state() != MigrationState.PRE_COPY && src.state() != MigrationState.RUNNING)) {
          yield notPossible("no switchover (phase " + phase + ", source " + src.state() + ")");
        }
        Optional<String> above = pendingAboveThreshold();
        if (above.isPresent()) {
          yield notPossible(above.get());
        }
        // the prepare and the main SET take the arcs of one SET to the main target
        srcTgt =
            issue(
                src,
                src.state() == MigrationState.PRE_COPY
                    ? MigrationState.STOP_COPY
                    : MigrationState.STOP);
        phase = "STOPCOPY";
        yield StepOutcome.OK;
      }
      case StopCopyStart -> {
        if (!inPhase("STOPCOPY") || src.state() != MigrationState.STOP) {
          yield notPossible("no stopped source to start a stop-copy on (" + src.state() + ")");
        }
        srcTgt = issue(src, MigrationState.STOP_COPY);
        yield StepOutcome.OK;
      }
      case DestStart -> {
        if (!inPhase("COMPLETING")) {
          yield notPossible("the stop-copy has not completed (phase " + phase + ")");
        }
        if (!wire.isEmpty()) {
          yield notPossible(wire.size() + " chunk(s) still on the wire");
        }
        // load_cleanup drops QEMU's resuming fd; vm_start SETs RUNNING (RESUMING -> STOP loads)
        dstFd = null;
        dstFdNo = 0;
        dstTgt = MigrationState.RUNNING;
        phase = "CLEANUP";
        yield StepOutcome.OK;
      }
      case SaveCleanup -> {
        if (!inPhase("CLEANUP")) {
          yield notPossible("no successful migration to clean up (phase " + phase + ")");
        }
        srcTgt = issue(src, MigrationState.STOP);
        closeSourceFd();
        phase = "SUCCEEDED";
        yield StepOutcome.OK;
      }
      case ResumeSource -> arcResumeSource();
      case SrcArc -> arc(true);
      case DstArc -> arc(false);
      case ArcFailsSrcStay, ArcFailsSrcError, ArcFailsDstStay, ArcFailsDstError -> arcFails(a);
      case LoadRejected -> loadRejected();
      case QemuRecoverSrc, QemuRecoverDst -> qemuRecover(a.onSource());
      default -> null;
    };
  }

  /** QEMU issues SET {@code t}: its target, or none when the device is there already. */
  private static MigrationState issue(VfioMigrationDevice d, MigrationState t) {
    return d.state() == t ? null : t;
  }

  private Optional<String> pendingAboveThreshold() {
    if (src.state() != MigrationState.PRE_COPY) {
      return Optional.empty();
    }
    // vfio_state_pending_estimate in chunks: a non-zero initial or dirty estimate is one read
    PrecopyInfo info = srcFd.precopyInfo();
    int pending = (info.initialBytes() > 0 ? 1 : 0) + (info.dirtyBytes() > 0 ? 1 : 0);
    return pending > threshold
        ? Optional.of(
            "pending estimate above the threshold "
                + threshold
                + ": initial_bytes "
                + info.initialBytes()
                + ", dirty_bytes "
                + info.dirtyBytes())
        : Optional.empty();
  }

  /**
   * One arc of the SET in progress on the source or the destination: the arc {@code
   * vfio_mig_get_next_state} returns, run as a single-arc SET of the device (the kernel's driver
   * loop, mlx5vf_pci_step_device_state_locked per arc). A returned fd is QEMU's when the arc ends
   * the SET and QEMU holds none (vfio_migration_set_state); a SET the kernel rejects ends without a
   * move.
   */
  private StepOutcome arc(boolean source) {
    VfioMigrationDevice d = source ? src : dst;
    MigrationState tgt = source ? srcTgt : dstTgt;
    if (tgt == null || failedSetPending()) {
      return notPossible("no SET in progress on the " + d.name());
    }
    NextStep ns = MigrationArcs.nextStep(d.state(), tgt, features);
    if (!(ns instanceof NextStep.Next next)) {
      setTarget(source, null); // -EINVAL: the SET ends, nothing moved
      return StepOutcome.OK;
    }
    MigrationState from = d.state();
    MigrationState n = next.state();
    int before = source ? srcVersion() : -1;
    SetResult r = d.set(n);
    if (!r.ok()) {
      if (!source && d.lastLoadError().isPresent()) {
        return notPossible("the destination refuses the stream: " + d.lastLoadError().get());
      }
      return new StepOutcome.Unexpected(d.name() + " arc " + from + "->" + n + ": " + r);
    }
    if (r.arcs().size() != 1) {
      return new StepOutcome.Unexpected("one arc step took arcs " + r.arcs());
    }
    if (source) {
      if (from == MigrationState.RUNNING && n == MigrationState.PRE_COPY) {
        initialImageVersion = before; // the device saves its initial image at this arc
      }
      if (stopVersion == -1 && !from.quiesced() && n.quiesced()) {
        stopVersion = before;
      }
    } else if (from == MigrationState.RESUMING) {
      dstLoaded = true;
    }
    if (r.dataFd().isPresent()) {
      DataFd fd = r.dataFd().get();
      boolean held = source ? srcFdNo != 0 : dstFdNo != 0;
      if (n != tgt || held) {
        fd.close(); // "data_fd out of sync": QEMU keeps its own
      } else if (source) {
        srcFd = fd;
        srcFdNo = d.sessionsStarted();
      } else {
        dstFd = fd;
        dstFdNo = d.sessionsStarted();
      }
    }
    if (n == tgt) {
      setTarget(source, null);
    }
    return StepOutcome.OK;
  }

  private void setTarget(boolean source, MigrationState t) {
    if (source) {
      srcTgt = t;
    } else {
      dstTgt = t;
    }
  }

  /** The next arc of a SET fails (the device's injected {@code ArcFault}); once per behaviour. */
  private StepOutcome arcFails(MigrationAction a) {
    if (!arcs.arcsMayFail()) {
      return notPossible("ArcsMayFail = FALSE: no arc failure is injected");
    }
    if (!setFailed.equals("NONE") || inPhase("SUCCEEDED")) {
      return notPossible("no arc may fail now (failed " + setFailed + ", phase " + phase + ")");
    }
    boolean source = a.onSource();
    VfioMigrationDevice d = source ? src : dst;
    MigrationState tgt = source ? srcTgt : dstTgt;
    if (tgt == null) {
      return notPossible("no SET in progress on the " + d.name());
    }
    NextStep ns = MigrationArcs.nextStep(d.state(), tgt, features);
    if (!(ns instanceof NextStep.Next next)) {
      return notPossible("the kernel rejects the SET: " + ns);
    }
    ArcFault fault =
        a == MigrationAction.ArcFailsSrcError || a == MigrationAction.ArcFailsDstError
            ? ArcFault.FAIL_TO_ERROR
            : ArcFault.FAIL_STAY;
    d.setFaultInjector(arc -> Optional.of(fault));
    SetResult r;
    try {
      r = d.set(next.state());
    } finally {
      d.setFaultInjector(ArcFaultInjector.NONE);
    }
    if (r.ok() || r.errno().orElse(null) != Errno.EIO) {
      return new StepOutcome.Unexpected("the injected arc failure was not reported: " + r);
    }
    setFailed = source ? "SRC" : "DST";
    return StepOutcome.OK;
  }

  /** RESUMING -> STOP of the destination's SET fails: the driver refuses the stream. */
  private StepOutcome loadRejected() {
    if (failedSetPending() || dstTgt == null || dst.state() != MigrationState.RESUMING) {
      return notPossible("no load in progress on the destination (" + dst.state() + ")");
    }
    NextStep ns = MigrationArcs.nextStep(dst.state(), dstTgt, features);
    if (!(ns instanceof NextStep.Next next)) {
      return notPossible("the kernel rejects the SET: " + ns);
    }
    SetResult r = dst.set(next.state());
    if (r.ok()) {
      return notPossible("the destination accepted the stream and left RESUMING");
    }
    if (dst.lastLoadError().isEmpty() || dst.state() != MigrationState.RESUMING) {
      return new StepOutcome.Unexpected("destination SET failed without a load error: " + r);
    }
    setFailed = "DST";
    return StepOutcome.OK;
  }

  /**
   * QEMU's answer to a failed SET (vfio_migration_set_state): SET the recover state if the caller
   * has one (save_setup and load_setup: RUNNING; a source without PRE_COPY in its stop-copy start:
   * STOP), else, or from ERROR, reset the device (vfio_migration_set_state_or_reset); with {@code
   * NoResetOnError} a device in ERROR is left there; with {@code RetryFailedSet} QEMU issues the
   * failed SET again instead of a recover state.
   */
  private StepOutcome qemuRecover(boolean source) {
    if (!setFailed.equals(source ? "SRC" : "DST")) {
      return notPossible("no failed SET of that device waits for QEMU (failed " + setFailed + ")");
    }
    VfioMigrationDevice d = source ? src : dst;
    MigrationState st = d.state();
    MigrationState tgt = source ? srcTgt : dstTgt;
    MigrationState rec = null;
    if (source && tgt == MigrationState.PRE_COPY) {
      rec = MigrationState.RUNNING;
    } else if (source && tgt == MigrationState.STOP_COPY && !features.preCopy()) {
      rec = MigrationState.STOP;
    } else if (!source && tgt == MigrationState.RESUMING) {
      rec = MigrationState.RUNNING;
    }
    if (arcs.retryFailedSet()) {
      rec = tgt;
    }
    if (st == MigrationState.ERROR && arcs.noResetOnError()) {
      setTarget(source, null);
    } else if (st == MigrationState.ERROR || rec == null) {
      d.reset();
      setTarget(source, null);
      if (!source) {
        dstLoaded = false;
      }
    } else {
      setTarget(source, rec == st ? null : rec);
    }
    MigrationState next = source ? srcTgt : dstTgt;
    if (next != null
        && next != MigrationState.RUNNING
        && !(source && next == MigrationState.STOP)
        && badRecoveryTarget.isEmpty()) {
      badRecoveryTarget =
          Optional.of(
              "QEMU answered the failed SET of the "
                  + (source ? "source" : "destination")
                  + " by issuing SET "
                  + next
                  + ", not a recover state");
    }
    setFailed = "DONE";
    if (inPhase("PRECOPY", "STOPCOPY", "COMPLETING")
        || (inPhase("CLEANUP") && !completeOnRejectedLoad)) {
      phase = "RECOVER";
    }
    return StepOutcome.OK;
  }

  /** ResumeSource with ArcSteps: QEMU SETs RUNNING on the source (walked by SrcArc). */
  private StepOutcome arcResumeSource() {
    if (!inPhase("RECOVER")) {
      return notPossible("no failed migration to recover from (phase " + phase + ")");
    }
    if (qemuDefects.contains(ProtocolDefect.RECOVER_BY_RESET)) {
      src.reset();
      srcTgt = null;
    } else if (qemuDefects.contains(ProtocolDefect.NO_RESUME_ON_FAILURE)
        && src.state() == MigrationState.STOP_COPY) {
      srcTgt = null;
    } else {
      srcTgt = issue(src, MigrationState.RUNNING);
    }
    closeSourceFd();
    wire.clear();
    wireValue = null;
    // the destination QEMU exits: its device is reset when it is closed
    if (dst.state() != MigrationState.RUNNING) {
      dst.reset();
    }
    dstTgt = null;
    dstFd = null;
    dstFdNo = 0;
    phase = "FAILED";
    return StepOutcome.OK;
  }

  private StepOutcome guestWork() {
    if (guestView >= maxVersion) {
      return notPossible("the guest's budget MaxVersion = " + maxVersion + " is spent");
    }
    if (!srcFunction.guestWrite()) {
      return notPossible(
          "the source VF is quiesced in " + src.state() + ": the guest's MMIO write is dropped");
    }
    guestView++;
    return StepOutcome.OK;
  }

  private StepOutcome migrationStart() {
    if (!inPhase("IDLE")) {
      return notPossible("a migration was already started (phase " + phase + ")");
    }
    SetResult d = dst.set(MigrationState.RESUMING);
    if (!d.ok() || d.dataFd().isEmpty()) {
      return new StepOutcome.Unexpected("destination SET RESUMING: " + d);
    }
    dstFd = d.dataFd().get();
    dstFdNo = dst.sessionsStarted();
    if (features.preCopy()) {
      int before = srcVersion();
      SetResult s = src.set(MigrationState.PRE_COPY);
      if (!s.ok() || s.dataFd().isEmpty()) {
        return new StepOutcome.Unexpected("source SET PRE_COPY: " + s);
      }
      srcFd = s.dataFd().get();
      srcFdNo = src.sessionsStarted();
      initialImageVersion = before; // the device saves its initial image at RUNNING -> PRE_COPY
    }
    phase = "PRECOPY";
    return StepOutcome.OK;
  }

  private StepOutcome precopyRead() {
    if (!inPhase("PRECOPY") || srcFd == null || !src.state().inSavingGroup()) {
      return notPossible("no pre-copy session (phase " + phase + ", source " + src.state() + ")");
    }
    PrecopyInfo info = srcFd.precopyInfo();
    if (info.errno().isPresent()) {
      return notPossible("precopy info: " + info.errno().get());
    }
    long n = info.initialBytes() > 0 ? info.initialBytes() : info.dirtyBytes();
    if (n == 0) {
      return notPossible("initial_bytes and dirty_bytes are both 0: read() returns ENOMSG");
    }
    // a dirty read saves the source's state as of the read: the device counts it as sent
    return readChunk((int) n, info.initialBytes() > 0 ? -1 : srcVersion());
  }

  /**
   * Reads one chunk; {@code savedVersion} is the version the read counts as sent when it is not the
   * chunk's own (a dirty read: the state at the read), else -1.
   */
  private StepOutcome readChunk(int n, int savedVersion) {
    ReadResult r = srcFd.read(n);
    if (r.errno().isPresent() || r.length() == 0) {
      return new StepOutcome.Unexpected("read(" + n + ") of the saving fd returned " + r);
    }
    Chunk c = chunk(r.data(), savedVersion);
    srcRead.add(c);
    wire.addLast(c);
    srcReadValue = null;
    wireValue = null;
    return StepOutcome.OK;
  }

  /** What the spec sees of the bytes of one read: header skipped, the first section's fields. */
  private Chunk chunk(byte[] bytes, int savedVersion) {
    ByteBuffer b = ByteBuffer.wrap(bytes);
    int pos = 0;
    if (bytes.length >= StreamFormat.HEADER_FIXED_BYTES && b.getInt(0) == StreamFormat.MAGIC) {
      pos = StreamFormat.headerBytes(Short.toUnsignedInt(b.getShort(6)));
    }
    if (bytes.length - pos < StreamFormat.SECTION_OVERHEAD) {
      // not a whole section: a record no spec chunk equals
      return new Chunk(bytes, new TlaValue.Str("<" + bytes.length + " bytes>"), false, -1);
    }
    int type = Byte.toUnsignedInt(b.get(pos));
    int seq = b.getInt(pos + 1);
    int len = b.getInt(pos + 5);
    int start = pos + StreamFormat.SECTION_HEADER_BYTES;
    boolean isFinal =
        type == StreamFormat.SectionType.FINAL_STATE.code()
            || type == StreamFormat.SectionType.FINAL_DELTA.code();
    boolean increment =
        type == StreamFormat.SectionType.PRECOPY_DELTA.code()
            || type == StreamFormat.SectionType.FINAL_DELTA.code();
    boolean present = len >= 0 && start + len <= bytes.length;
    int base = -1; // a whole snapshot
    int ver = -1;
    if (present && !increment) {
      ver = versionOfRange(bytes, start, start + len);
    } else if (present) {
      byte[] payload = Arrays.copyOfRange(bytes, start, start + len);
      // an increment: its base is the source state it names, its version the state it builds
      SavedState named = DeltaImage.baseDigest(payload).map(this::byBaseDigest).orElse(null);
      if (named != null && DeltaImage.appliesTo(payload, named.deltaDigest(), named.length())) {
        base = versionOf(named);
        ver = DeltaImage.apply(named.bytes(), payload).image().map(this::versionOfBytes).orElse(-1);
      } else {
        base = CORRUPT;
      }
    }
    Map<String, TlaValue> fields = new HashMap<>();
    fields.put("seq", TlaValue.Int.of(seq + 1L));
    fields.put("base", TlaValue.Int.of(base));
    fields.put("ver", TlaValue.Int.of(ver));
    fields.put("final", new TlaValue.Bool(isFinal));
    return new Chunk(
        bytes, TlaValue.Record.of(fields), isFinal, savedVersion >= 0 ? savedVersion : ver);
  }

  private StepOutcome switchover() {
    if (!inPhase("PRECOPY")) {
      return notPossible("switchover outside pre-copy (phase " + phase + ")");
    }
    if (src.state() == MigrationState.PRE_COPY) {
      // vfio_state_pending_estimate in chunks: a non-zero initial or dirty estimate is one read
      PrecopyInfo info = srcFd.precopyInfo();
      int pending = (info.initialBytes() > 0 ? 1 : 0) + (info.dirtyBytes() > 0 ? 1 : 0);
      if (pending > threshold) {
        return notPossible(
            "pending estimate above the threshold "
                + threshold
                + ": initial_bytes "
                + info.initialBytes()
                + ", dirty_bytes "
                + info.dirtyBytes());
      }
    }
    // prepare: block P2P first (QEMU ordering), then the main callback stops the device
    if (features.p2p()) {
      MigrationState prepare =
          src.state() == MigrationState.PRE_COPY
              ? MigrationState.PRE_COPY_P2P
              : MigrationState.RUNNING_P2P;
      SetResult p = src.set(prepare);
      if (!p.ok()) {
        return new StepOutcome.Unexpected("source SET " + prepare + ": " + p);
      }
    }
    if (srcFd == null) {
      // no PRE_COPY: the main callback stops the device; STOP -> STOP_COPY is StopCopyStart
      SetResult stop = src.set(MigrationState.STOP);
      if (!stop.ok()) {
        return new StepOutcome.Unexpected("source SET STOP: " + stop);
      }
      stopVersion = srcVersion();
      phase = "STOPCOPY";
      return StepOutcome.OK;
    }
    SetResult s = src.set(MigrationState.STOP_COPY);
    if (!s.ok()) {
      return new StepOutcome.Unexpected("source SET STOP_COPY: " + s);
    }
    if (s.dataFd().isPresent()) {
      return new StepOutcome.Unexpected("STOP_COPY returned a second saving fd");
    }
    stopVersion = srcVersion();
    phase = "STOPCOPY";
    return StepOutcome.OK;
  }

  /** save_live_complete_precopy without PRE_COPY: STOP -> STOP_COPY opens the saving fd. */
  private StepOutcome stopCopyStart() {
    if (!inPhase("STOPCOPY") || src.state() != MigrationState.STOP) {
      return notPossible("no stopped source to start a stop-copy on (" + src.state() + ")");
    }
    SetResult s = src.set(MigrationState.STOP_COPY);
    if (!s.ok() || s.dataFd().isEmpty()) {
      return new StepOutcome.Unexpected("source SET STOP_COPY from STOP: " + s);
    }
    srcFd = s.dataFd().get();
    srcFdNo = src.sessionsStarted();
    return StepOutcome.OK;
  }

  private StepOutcome stopCopyRead() {
    if (!inPhase("STOPCOPY") || src.state() != MigrationState.STOP_COPY) {
      return notPossible("no stop-copy (phase " + phase + ", source " + src.state() + ")");
    }
    long n = src.stopCopySize();
    if (n == 0 || lastReadFinal()) {
      return notPossible("the saving fd is at its end");
    }
    return readChunk((int) n, -1);
  }

  private boolean lastReadFinal() {
    return !srcRead.isEmpty() && srcRead.get(srcRead.size() - 1).isFinal();
  }

  private StepOutcome stopCopyEof() {
    if (!inPhase("STOPCOPY") || srcFd == null) {
      return notPossible("no stop-copy loop (phase " + phase + ")");
    }
    ReadResult r = srcFd.read(1 << 16);
    if (r.length() > 0) {
      return notPossible("read() still returns data (" + r.length() + " bytes): not at EOF");
    }
    if (QemuSteps.stopCopyLoopEnds(r, qemuDefects)) {
      phase = "COMPLETING";
    } else if (r.errno().isPresent()) {
      return new StepOutcome.Unexpected("stop-copy read: " + r);
    }
    return StepOutcome.OK;
  }

  private StepOutcome deliver() {
    if (wire.isEmpty()) {
      return notPossible("nothing on the wire");
    }
    boolean noSession = dstFd == null || dst.state() != MigrationState.RESUMING;
    if (noSession && !arcs.writeBeforeResuming()) {
      return notPossible("the destination is not RESUMING (" + dst.state() + ")");
    }
    Chunk c = wire.removeFirst();
    if (noSession) {
      // the defect: QEMU writes before its RESUMING SET has returned; it holds no resuming fd, so
      // the chunk reaches no session, and QEMU counts it as written all the same
      if (writeWithoutSession.isEmpty()) {
        writeWithoutSession =
            Optional.of(
                "QEMU wrote chunk "
                    + (dstWritten.size() + 1)
                    + " to the destination in "
                    + dst.state()
                    + " with no resuming fd");
      }
    } else {
      WriteResult w = dstFd.write(c.bytes());
      if (w.errno().isPresent()) {
        return new StepOutcome.Unexpected("write of the resuming fd: " + w);
      }
    }
    dstWritten.add(c);
    wireValue = null;
    dstWrittenValue = null;
    return StepOutcome.OK;
  }

  private StepOutcome chunkLost() {
    if (!loss) {
      return notPossible("NetFaults has no LOSS");
    }
    if (wire.isEmpty()) {
      return notPossible("nothing on the wire");
    }
    wire.removeFirst();
    wireValue = null;
    return StepOutcome.OK;
  }

  private StepOutcome chunksReordered() {
    if (!reorder) {
      return notPossible("NetFaults has no REORDER");
    }
    if (wire.size() < 2) {
      return notPossible("fewer than two chunks on the wire");
    }
    Chunk first = wire.removeFirst();
    Chunk second = wire.removeFirst();
    wire.addFirst(first);
    wire.addFirst(second);
    wireValue = null;
    return StepOutcome.OK;
  }

  private StepOutcome destStart() {
    if (!inPhase("COMPLETING")) {
      return notPossible("the stop-copy has not completed (phase " + phase + ")");
    }
    if (!wire.isEmpty()) {
      return notPossible(wire.size() + " chunk(s) still on the wire");
    }
    SetResult load = dst.set(MigrationState.STOP);
    if (!load.ok()) {
      if (dst.lastLoadError().isEmpty()) {
        return new StepOutcome.Unexpected(
            "destination SET STOP failed without a load error: " + load);
      }
      // vfio_migration_set_state_or_reset: the destination device is reset; QEMU starts the VM
      // with it (COMPLETE), or the migration fails and the source resumes (FAIL)
      dst.reset();
      dstFd = null;
      dstFdNo = 0;
      phase = completeOnRejectedLoad ? "CLEANUP" : "RECOVER";
      return StepOutcome.OK;
    }
    if (features.p2p() && !dst.set(MigrationState.RUNNING_P2P).ok()) {
      return new StepOutcome.Unexpected("destination SET RUNNING_P2P failed");
    }
    SetResult run = dst.set(MigrationState.RUNNING);
    if (!run.ok()) {
      return new StepOutcome.Unexpected("destination SET RUNNING: " + run);
    }
    dstLoaded = true;
    dstFd = null;
    dstFdNo = 0;
    phase = "CLEANUP";
    return StepOutcome.OK;
  }

  private StepOutcome saveCleanup() {
    if (!inPhase("CLEANUP")) {
      return notPossible("no successful migration to clean up (phase " + phase + ")");
    }
    SetResult s = src.set(MigrationState.STOP);
    if (!s.ok()) {
      return new StepOutcome.Unexpected("source SET STOP: " + s);
    }
    closeSourceFd();
    phase = "SUCCEEDED";
    return StepOutcome.OK;
  }

  private void closeSourceFd() {
    if (srcFd != null) {
      srcFd.close();
    }
    srcFdNo = 0;
  }

  private StepOutcome cancel() {
    if (!mayCancel) {
      return notPossible("MayCancel = FALSE");
    }
    if (!inPhase("PRECOPY", "STOPCOPY", "COMPLETING")) {
      return notPossible("nothing to cancel in phase " + phase);
    }
    phase = "RECOVER";
    return StepOutcome.OK;
  }

  private StepOutcome resumeSource() {
    if (!inPhase("RECOVER")) {
      return notPossible("no failed migration to recover from (phase " + phase + ")");
    }
    QemuSteps.recoverSource(src, qemuDefects);
    if (src.state() != MigrationState.STOP_COPY) {
      closeSourceFd();
    }
    srcFdNo = 0; // the driver is done with its saving fd, closed or not
    dstFdNo = 0;
    wire.clear();
    wireValue = null;
    if (dst.state() == MigrationState.RESUMING) {
      dst.reset(); // the destination is torn down
      dstFd = null;
    }
    phase = "FAILED";
    return StepOutcome.OK;
  }

  private static TlaValue small(int v) {
    return v >= -1 && v < SMALL.length - 1 ? SMALL[v + 1] : TlaValue.Int.of(v);
  }

  private TlaValue str(String s) {
    return strings.computeIfAbsent(s, TlaValue.Str::new);
  }

  private static TlaValue seq(Iterable<Chunk> chunks) {
    List<TlaValue> out = new ArrayList<>();
    for (Chunk c : chunks) {
      out.add(c.value());
    }
    return new TlaValue.Seq(out);
  }

  private int sentVersion() {
    return srcRead.isEmpty() ? initialImageVersion : srcRead.get(srcRead.size() - 1).sentVersion();
  }

  /**
   * The loaded state's version; {@code Corrupt} when the destination built it by applying an
   * increment to an image it was not made for (the device counts those), whatever bytes resulted.
   */
  private int dstVersion() {
    if (!dstLoaded) {
      return -1;
    }
    return dst.lastLoadBaseMismatches() > 0 ? CORRUPT : dstStateVersion();
  }

  @Override
  public void project(TlaValue[] out) {
    requireOpen();
    out[0] = null; // action: the history variable is the trace's label, compared by dispatch
    out[1] = flagsValue;
    out[2] = str(phase);
    out[3] = str(src.state().name());
    out[4] = str(dst.state().name());
    out[5] = small(srcVersion());
    out[6] = small(guestView);
    out[7] = small(sentVersion());
    out[8] = new TlaValue.Bool(lastReadFinal());
    if (srcReadValue == null) {
      srcReadValue = seq(srcRead);
    }
    out[9] = srcReadValue;
    if (wireValue == null) {
      wireValue = seq(wire);
    }
    out[10] = wireValue;
    if (dstWrittenValue == null) {
      dstWrittenValue = seq(dstWritten);
    }
    out[11] = dstWrittenValue;
    out[12] = small(dstVersion());
    out[13] = small(stopVersion);
    // src_tgt, dst_tgt: without ArcSteps each SET is one call, over when the step is
    out[14] = str(srcTgt == null ? "NONE" : srcTgt.name());
    out[15] = str(dstTgt == null ? "NONE" : dstTgt.name());
    long srcSessions = src.sessionsStarted();
    long dstSessions = dst.sessionsStarted();
    out[16] = small((int) (src.liveSession().isPresent() ? srcSessions : 0));
    out[17] = small((int) (dst.liveSession().isPresent() ? dstSessions : 0));
    out[18] = small((int) srcSessions);
    out[19] = small((int) dstSessions);
    out[20] = small((int) srcFdNo);
    out[21] = small((int) dstFdNo);
    out[22] = str(setFailed);
    out[23] = new TlaValue.Bool(dstAcked);
  }

  @Override
  public Optional<String> violationEvidence(String property) {
    requireOpen();
    switch (property) {
      case "StreamFidelity" -> {
        return streamFidelityEvidence();
      }
      case "SourceQuiescent" -> {
        return srcFunction.changesWhileQuiesced() > 0
            ? Optional.of(
                "the source VF changed its state "
                    + srcFunction.changesWhileQuiesced()
                    + " time(s) while quiesced in "
                    + src.state()
                    + " (version "
                    + srcVersion()
                    + ", stopped at "
                    + stopVersion
                    + ")")
            : Optional.empty();
      }
      case "SourceEndState", "SourceSettles" -> {
        if (phase.equals("FAILED") && src.state() != MigrationState.RUNNING) {
          return Optional.of(
              "the migration failed and the source device is left in " + src.state());
        }
        if (phase.equals("SUCCEEDED") && src.state() != MigrationState.STOP) {
          return Optional.of("the migration succeeded and the source device is in " + src.state());
        }
        return Optional.empty();
      }
      case "NothingLost" -> {
        return phase.equals("FAILED")
                && src.state() == MigrationState.RUNNING
                && srcVersion() != guestView
            ? Optional.of(
                "the source runs again with state version "
                    + srcVersion()
                    + "; the guest made version "
                    + guestView)
            : Optional.empty();
      }
      case "NoSilentLoss" -> {
        return inPhase("CLEANUP", "SUCCEEDED")
                && dstTgt == null
                && !failedSetPending()
                && dstVersion() != guestView
            ? Optional.of(
                "the migration is reported successful (phase "
                    + phase
                    + ") and the destination holds version "
                    + dstVersion()
                    + "; the guest made version "
                    + guestView)
            : Optional.empty();
      }
      case "NoErrorAtRest" -> {
        boolean atRest = srcTgt == null && dstTgt == null && !failedSetPending();
        return inPhase("SUCCEEDED", "FAILED")
                && atRest
                && (src.state() == MigrationState.ERROR || dst.state() == MigrationState.ERROR)
            ? Optional.of(
                "the migration is over (phase "
                    + phase
                    + ") with the source in "
                    + src.state()
                    + " and the destination in "
                    + dst.state())
            : Optional.empty();
      }
      case "SwitchoverAcked" -> {
        boolean initialWritten = false;
        for (Chunk c : dstWritten) {
          initialWritten |=
              c.value() instanceof TlaValue.Record r
                  && r.fields().get("seq") instanceof TlaValue.Int i
                  && i.value().intValue() == 1;
        }
        return arcs.switchoverAck()
                && features.preCopy()
                && inPhase("STOPCOPY", "COMPLETING", "CLEANUP", "SUCCEEDED")
                && !initialWritten
            ? Optional.of(
                "the source switched over (phase "
                    + phase
                    + ") before the destination held the initial chunk")
            : Optional.empty();
      }
      case "MigrationEnds", "MigrationSucceeds" -> {
        return stuckInStopCopyEvidence();
      }
      case "RecoveryTargets" -> {
        return badRecoveryTarget;
      }
      case "WritesThroughLiveFd" -> {
        return writeWithoutSession;
      }
      default -> {
        return Optional.empty();
      }
    }
  }

  private Optional<String> streamFidelityEvidence() {
    if (!dstLoaded) {
      return Optional.empty();
    }
    int loaded = dstVersion();
    List<String> why = new ArrayList<>();
    if (!seq(dstWritten).equals(seq(srcRead))) {
      why.add(
          "the destination was written "
              + seq(dstWritten).toTla()
              + ", the source read "
              + seq(srcRead).toTla());
    }
    if (loaded == CORRUPT) {
      why.add(
          "it applied "
              + dst.lastLoadBaseMismatches()
              + " increment(s) to an image they were not made for (a state no source image had)");
    } else if (loaded != stopVersion) {
      why.add("it loaded version " + loaded + ", the source stopped at " + stopVersion);
    }
    if (loaded != guestView) {
      why.add("it loaded version " + loaded + ", the guest made version " + guestView);
    }
    return why.isEmpty() ? Optional.empty() : Optional.of(String.join("; ", why));
  }

  private Optional<String> stuckInStopCopyEvidence() {
    if (!phase.equals("STOPCOPY") || srcFd == null) {
      return Optional.empty();
    }
    for (int i = 0; i < EOF_PROBES; i++) {
      ReadResult r = srcFd.read(1 << 16);
      if (r.length() > 0 || QemuSteps.stopCopyLoopEnds(r, qemuDefects)) {
        return Optional.empty();
      }
    }
    return Optional.of(
        "the stop-copy loop read end of stream "
            + (EOF_PROBES + 1)
            + " times and is still waiting: the migration never ends");
  }
}
