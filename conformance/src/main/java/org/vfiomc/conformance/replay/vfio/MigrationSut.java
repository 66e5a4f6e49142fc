package org.vfiomc.conformance.replay.vfio;

import java.nio.ByteBuffer;
import java.util.ArrayDeque;
import java.util.ArrayList;
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
import org.vfiomc.conformance.vfio.DataFd;
import org.vfiomc.conformance.vfio.DeltaImage;
import org.vfiomc.conformance.vfio.ImageMode;
import org.vfiomc.conformance.vfio.LoadDefect;
import org.vfiomc.conformance.vfio.MigrationFeatures;
import org.vfiomc.conformance.vfio.MigrationState;
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
  private final VfFunction srcFunction;
  private final VfFunction dstFunction;
  private final VfioMigrationDevice src;
  private final VfioMigrationDevice dst;
  private final TlaValue flagsValue;
  private final int threshold;
  private final boolean completeOnRejectedLoad;

  // snapshot -> version, in the order the source's states appear
  private final Map<ByteBuffer, Integer> versions = new HashMap<>();
  // digest of a numbered snapshot -> the snapshot (the base an increment names)
  private final Map<Long, byte[]> byDigest = new HashMap<>();
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
  // projection caches
  private TlaValue srcReadValue;
  private TlaValue wireValue;
  private TlaValue dstWrittenValue;
  private final Map<String, TlaValue> strings = new HashMap<>();

  MigrationSut(
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
    this.srcFunction = new VfFunction(runsInStopCopy);
    this.dstFunction = new VfFunction(false);
    this.src = new VfioMigrationDevice("source", srcFunction, features);
    this.dst = new VfioMigrationDevice("destination", dstFunction, features);
    this.dst.setLoadDefects(loadDefects);
    this.flagsValue = TlaValue.Int.of(flags);
    this.threshold = threshold;
    this.completeOnRejectedLoad = completeOnRejectedLoad;
    versionOf(srcFunction.saveState()); // the initial state is version 0
  }

  @Override
  public List<String> variables() {
    return VfioMigrationBinding.VARIABLES;
  }

  private int versionOf(byte[] state) {
    return versions.computeIfAbsent(
        ByteBuffer.wrap(state),
        k -> {
          byDigest.putIfAbsent(DeltaImage.digest(state), state.clone());
          return versions.size();
        });
  }

  /**
   * Configures the source's images ({@code DeltaImages}) and saving-side defects ({@code
   * StaleDirtyChunk}); the destination reads whichever the source writes.
   */
  void configureSource(ImageMode mode, Set<SaveDefect> defects) {
    src.setImageMode(mode);
    src.setSaveDefects(defects);
  }

  private int srcVersion() {
    return versionOf(srcFunction.saveState());
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
    // the current source state was numbered by the projection after the previous step (the
    // replayer projects after every step), so any chunk read now carries a numbered state
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
      case SrcArc, DstArc, ArcFails, LoadRejected, QemuRecover, DestAck ->
          new StepOutcome.Unexpected(
              a + " occurs only with ArcSteps or SwitchoverAck, which the binding refuses");
      case Finished ->
          inPhase("SUCCEEDED", "FAILED")
              ? StepOutcome.OK
              : notPossible("the migration is still in phase " + phase);
    };
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
    byte[] payload =
        len >= 0 && start + len <= bytes.length
            ? java.util.Arrays.copyOfRange(bytes, start, start + len)
            : null;
    int base = -1; // a whole snapshot
    int ver = -1;
    if (payload != null && !increment) {
      ver = versionOf(payload);
    } else if (payload != null) {
      // an increment: its base is the source state it names, its version the state it builds
      byte[] baseState = DeltaImage.baseDigest(payload).map(byDigest::get).orElse(null);
      if (baseState != null && DeltaImage.appliesTo(payload, baseState)) {
        base = versionOf(baseState);
        ver = DeltaImage.apply(baseState, payload).image().map(this::versionOf).orElse(-1);
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
    if (dstFd == null || dst.state() != MigrationState.RESUMING) {
      return notPossible("the destination is not RESUMING (" + dst.state() + ")");
    }
    Chunk c = wire.removeFirst();
    WriteResult w = dstFd.write(c.bytes());
    if (w.errno().isPresent()) {
      return new StepOutcome.Unexpected("write of the resuming fd: " + w);
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
    return dst.lastLoadBaseMismatches() > 0 ? CORRUPT : versionOf(dstFunction.saveState());
  }

  @Override
  public void project(TlaValue[] out) {
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
    out[14] = str("NONE"); // src_tgt: each SET is one call, over when the step is
    out[15] = str("NONE");
    long srcSessions = src.sessionsStarted();
    long dstSessions = dst.sessionsStarted();
    out[16] = small((int) (src.liveSession().isPresent() ? srcSessions : 0));
    out[17] = small((int) (dst.liveSession().isPresent() ? dstSessions : 0));
    out[18] = small((int) srcSessions);
    out[19] = small((int) dstSessions);
    out[20] = small((int) srcFdNo);
    out[21] = small((int) dstFdNo);
    out[22] = str("NONE"); // set_failed: no arc fails in a bound trace
    out[23] = new TlaValue.Bool(false); // dst_acked: no switchover-ack in a bound trace
  }

  @Override
  public Optional<String> violationEvidence(String property) {
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
      case "MigrationEnds", "MigrationSucceeds" -> {
        return stuckInStopCopyEvidence();
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
