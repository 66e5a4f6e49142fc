package org.vfiomc.conformance.vfio;

import static com.google.common.base.Preconditions.checkArgument;
import static java.util.Objects.requireNonNull;

import com.google.common.base.Verify;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A VFIO migration v2 device over a {@link MigratableFunction}: the state machine (SET walks the
 * {@link MigrationArcs} path one arc at a time), data sessions, precopy info, stop-copy size,
 * reset, and the per-state behaviour it imposes on the function. Single-threaded, no I/O.
 *
 * <p>Invariants after every call: at most one live session; a saving session is live iff the state
 * is in the saving group, a resuming session iff the state is RESUMING; the device is in ERROR only
 * after an injected {@link ArcFault#FAIL_TO_ERROR}; the function is quiesced exactly in STOP,
 * STOP_COPY, RESUMING and ERROR and has outbound P2P blocked in those and the *_P2P states.
 *
 * <p>Failure semantics: an invalid request (unsupported target, blocked arc, SET in ERROR) fails
 * with EINVAL and changes nothing. An injected fault stops the walk: {@code FAIL_STAY} leaves the
 * device in the arc's source state (a state of the path), {@code FAIL_TO_ERROR} puts it in ERROR,
 * ending any session. RESUMING→STOP with a stream that does not validate fails with EINVAL and
 * leaves the device in RESUMING with the session and its bytes intact (a truncated stream can be
 * completed and the SET retried); the function is not touched. Only reset leaves ERROR.
 *
 * <p>Options (each a named driver behaviour, the default first): {@link ImageMode} (WHOLE; DELTA:
 * incremental images, {@link #setImageMode}), {@link SaveMode} (SYNCHRONOUS; ASYNCHRONOUS: an
 * incremental SAVE started by the precopy ioctl, completed by {@link #completeSave()}, as mlx5),
 * {@link ResetRace} (DEFERRED; IMMEDIATE: a reset inside an arc is overwritten by the arc's end
 * state, which breaks the session invariant above: the device then sits in a saving state without a
 * session), and, for conformance tests, bugs of the resuming side ({@link #setLoadDefects}) and of
 * the saving side ({@link #setSaveDefects}: {@link SaveDefect}); none by default.
 */
public final class VfioMigrationDevice {
  /** Default bound on a resuming stream (overflow-safe check, cf. hisi_acc bug K3). */
  public static final long DEFAULT_MAX_RESUME_BYTES = 64L << 20;

  private final String name;
  private final MigratableFunction function;
  private final String migrationVersion; // of the function's fixed identity
  private final MigrationFeatures features;
  private final long maxResumeBytes;
  private final List<ArcListener> listeners = new ArrayList<>();
  private ArcFaultInjector faults = ArcFaultInjector.NONE;
  private java.util.Set<LoadDefect> loadDefects = java.util.EnumSet.noneOf(LoadDefect.class);
  private SaveMode saveMode = SaveMode.SYNCHRONOUS;
  private java.util.Set<SaveDefect> saveDefects = java.util.EnumSet.noneOf(SaveDefect.class);
  private ResetRace resetRace = ResetRace.DEFERRED;
  // the state mutex: held by a SET for its whole loop (mlx5vf_pci_set_device_state)
  private boolean stateMutexHeld;
  // a reset that found the mutex held, applied at the unlock (mlx5vf_pci_aer_reset_done)
  private boolean resetDeferred;
  // the session the arc being run started (a racing IMMEDIATE reset may already have ended it)
  private DataSession startedByArc;
  private MigrationState state = MigrationState.RUNNING;
  private DataSession session;
  private int nextFd = 3;
  private long arcsTaken;
  private long sessionsStarted;
  private long errorEntries;
  private long savesStarted;
  private Optional<StreamError> lastLoadError = Optional.empty();
  private ImageMode imageMode = ImageMode.WHOLE;
  private int lastLoadBaseMismatches;

  public VfioMigrationDevice(String name, MigratableFunction function, MigrationFeatures features) {
    this(name, function, features, DEFAULT_MAX_RESUME_BYTES);
  }

  public VfioMigrationDevice(
      String name, MigratableFunction function, MigrationFeatures features, long maxResumeBytes) {
    this.name = requireNonNull(name, "name");
    this.function = requireNonNull(function, "function");
    this.migrationVersion = MigrationVersion.of(function.identity());
    this.features = requireNonNull(features, "features");
    checkArgument(maxResumeBytes > 0, "maxResumeBytes must be positive");
    this.maxResumeBytes = maxResumeBytes;
    applyBehaviour(MigrationState.RUNNING);
  }

  public String name() {
    return name;
  }

  public MigrationFeatures features() {
    return features;
  }

  public MigratableFunction function() {
    return function;
  }

  /** GET of the device state (data_fd is always -1 on GET). */
  public MigrationState state() {
    return state;
  }

  public void setFaultInjector(ArcFaultInjector injector) {
    this.faults = requireNonNull(injector);
  }

  /**
   * Configures bugs in RESUMING→STOP's stream validation (a broken device, for conformance tests
   * and counterexample replay); empty, the default, is the correct device.
   */
  public void setLoadDefects(java.util.Set<LoadDefect> defects) {
    this.loadDefects =
        defects.isEmpty()
            ? java.util.EnumSet.noneOf(LoadDefect.class)
            : java.util.EnumSet.copyOf(defects);
  }

  /**
   * Chooses whole or incremental images ({@link ImageMode}; {@link ImageMode#WHOLE} by default) for
   * the saving sessions that start from now on; a live saving session keeps the mode it started
   * with.
   */
  public void setImageMode(ImageMode mode) {
    this.imageMode = requireNonNull(mode, "mode");
  }

  public ImageMode imageMode() {
    return imageMode;
  }

  /** Selects how PRE_COPY changes are captured; {@link SaveMode#SYNCHRONOUS} by default. */
  public void setSaveMode(SaveMode mode) {
    this.saveMode = requireNonNull(mode, "mode");
  }

  public SaveMode saveMode() {
    return saveMode;
  }

  /**
   * Configures bugs of the saving side ({@link SaveDefect}; a broken device, for conformance tests
   * and counterexample replay); empty, the default, is the correct device.
   */
  public void setSaveDefects(java.util.Set<SaveDefect> defects) {
    this.saveDefects =
        defects.isEmpty()
            ? java.util.EnumSet.noneOf(SaveDefect.class)
            : java.util.EnumSet.copyOf(defects);
  }

  /**
   * How many increments the last successful RESUMING→STOP applied to an image they were not made
   * for (only a device with {@link LoadDefect#UNCHECKED_DELTA_BASE} loads such a stream): non-zero
   * means the loaded state is not one the source's images built.
   */
  public int lastLoadBaseMismatches() {
    return lastLoadBaseMismatches;
  }

  /** Selects what a reset racing an arc does; {@link ResetRace#DEFERRED} by default. */
  public void setResetRace(ResetRace race) {
    this.resetRace = requireNonNull(race, "race");
  }

  public ResetRace resetRace() {
    return resetRace;
  }

  public void addArcListener(ArcListener listener) {
    listeners.add(requireNonNull(listener));
  }

  public void removeArcListener(ArcListener listener) {
    listeners.remove(listener);
  }

  /** The migration version string of this device (the seed's {@code migration_version}). */
  public String migrationVersion() {
    return migrationVersion;
  }

  /** Whether this device, as a target, can load a stream from a source reporting this version. */
  public Compatibility checkCompatibility(String sourceVersion) {
    return MigrationVersion.check(function.identity(), sourceVersion);
  }

  /** The kind of the live session, if any. */
  public Optional<Arc.SessionKind> liveSession() {
    return session == null ? Optional.empty() : Optional.of(session.kind());
  }

  public long arcsTaken() {
    return arcsTaken;
  }

  public long sessionsStarted() {
    return sessionsStarted;
  }

  public long errorEntries() {
    return errorEntries;
  }

  /** Why the last RESUMING→STOP was refused, if it was. */
  public Optional<StreamError> lastLoadError() {
    return lastLoadError;
  }

  /**
   * SET {@code target}: walks the path one arc at a time, holding the state mutex; a reset deferred
   * meanwhile ({@link ResetRace#DEFERRED}) is applied at the unlock, before the call returns.
   */
  public SetResult set(MigrationState target) {
    requireNonNull(target, "target");
    Verify.verify(!stateMutexHeld, "SET from inside an arc of %s", this);
    SetResult r;
    stateMutexHeld = true;
    try {
      r = setLocked(target);
    } finally {
      stateMutexHeld = false;
    }
    if (resetDeferred) {
      // mlx5vf_state_mutex_unlock / pds_vfio_state_mutex_unlock: the recorded reset is applied
      resetDeferred = false;
      reset();
      r = new SetResult(r.ok(), state, r.dataFd(), r.arcs(), r.errno(), r.message());
    }
    return r;
  }

  private SetResult setLocked(MigrationState target) {
    SetPath path = MigrationArcs.resolve(state, target, features);
    if (!path.valid()) {
      return SetResult.failure(state, List.of(), Errno.EINVAL, path.reason());
    }
    List<Arc> done = new ArrayList<>();
    DataSession started = null;
    for (Arc arc : path.arcs()) {
      Optional<StepFailure> failure = step(arc);
      if (failure.isPresent()) {
        return SetResult.failure(state, done, failure.get().errno(), failure.get().message());
      }
      done.add(arc);
      if (arc.startsSession().isPresent()) {
        started = startedByArc;
      }
    }
    Verify.verify(
        path.newDataFd() == (started != null), "session start disagrees with the arc table");
    Optional<DataFd> fd =
        started == null
            ? Optional.empty()
            : Optional.of(new DataFd(this, started, nextFd++, started.kind()));
    return SetResult.success(state, fd, done);
  }

  /**
   * VFIO_DEVICE_RESET: back to RUNNING from any state, every session ended, function reset. Called
   * while a SET runs (from an {@link ArcListener}, e.g. {@link ArcListener#insideArc}) it races the
   * SET: see {@link ResetRace}.
   */
  public void reset() {
    if (stateMutexHeld && resetRace == ResetRace.DEFERRED) {
      resetDeferred = true;
      return;
    }
    endSession();
    function.reset();
    state = MigrationState.RUNNING;
    applyBehaviour(state);
    for (ArcListener l : List.copyOf(listeners)) {
      l.afterReset(this);
    }
  }

  /** VFIO_DEVICE_FEATURE_MIG_DATA_SIZE: estimated bytes still to read to complete STOP_COPY. */
  public long stopCopySize() {
    long finalSection = StreamFormat.SECTION_OVERHEAD + function.stateSizeEstimate();
    if (session instanceof DataSession.Saving) {
      DataSession.Saving s = (DataSession.Saving) session;
      if (s.mode == ImageMode.DELTA && s.lastImage != null) {
        // the final state will be an increment over the newest image
        finalSection = incrementSectionBytes(s);
      }
      long unread = s.bytes.size() - (long) s.readPos;
      return s.finalized ? unread : unread + finalSection + StreamFormat.END_SECTION_BYTES;
    }
    return StreamFormat.headerBytes(migrationVersion().length())
        + finalSection
        + StreamFormat.END_SECTION_BYTES;
  }

  private record StepFailure(Errno errno, String message) {}

  /** Runs one arc; returns why it failed, if it did. */
  private Optional<StepFailure> step(Arc arc) {
    Verify.verify(arc.from() == state, "arc %s does not start at %s", arc, state);
    startedByArc = null;
    boolean usesSession =
        arc.from() == MigrationState.RESUMING
            || (arc.from().inSavingGroup() && arc.to() == MigrationState.STOP_COPY);
    if (session == null && usesSession) {
      // only after an IMMEDIATE reset raced an earlier arc: the state has no session to act on
      return Optional.of(
          new StepFailure(Errno.EIO, "no session in " + state + " for " + arc + " (reset race)"));
    }
    Optional<ArcFault> fault = faults.beforeArc(arc);
    if (fault.isPresent()) {
      if (fault.get() == ArcFault.FAIL_TO_ERROR) {
        enterError();
        return Optional.of(
            new StepFailure(Errno.EIO, "injected failure of " + arc + ", device entered ERROR"));
      }
      return Optional.of(
          new StepFailure(Errno.EIO, "injected failure of " + arc + ", device stays in " + state));
    }
    lastLoadError = Optional.empty();
    if (arc.endsSession().orElse(null) == Arc.SessionKind.RESUMING) {
      Optional<StreamError> err = load((DataSession.Resuming) session);
      if (err.isPresent()) {
        lastLoadError = err;
        return Optional.of(
            new StepFailure(Errno.EINVAL, "migration stream rejected: " + err.get()));
      }
    }
    if (arc.endsSession().isPresent()) {
      endSession();
    }
    state = arc.to();
    applyBehaviour(state);
    Optional<Arc.SessionKind> starts = arc.startsSession();
    if (starts.isPresent()) {
      Verify.verify(session == null, "a session is already live at %s", arc);
      sessionsStarted++;
      if (starts.get() == Arc.SessionKind.RESUMING) {
        session = new DataSession.Resuming();
        startedByArc = session;
      } else {
        DataSession.Saving s =
            new DataSession.Saving(new MigrationStreamWriter(migrationVersion()), imageMode);
        s.bytes.append(s.writer.header());
        session = s;
        startedByArc = s;
        if (state == MigrationState.STOP_COPY) {
          finish(s);
        } else {
          appendImage(s);
          s.initialEnd = s.bytes.size();
        }
      }
    } else if (state == MigrationState.STOP_COPY) {
      // PRE_COPY or PRE_COPY_P2P -> STOP_COPY: same session, the function is now quiesced.
      DataSession.Saving s = (DataSession.Saving) session;
      if (s.saveInFlight && !saveDefects.contains(SaveDefect.CONCURRENT_SAVE)) {
        // the final SAVE waits for the incremental one (migf->save_comp): it completes first
        completeSave(s, true);
      }
      finish(s);
    }
    for (ArcListener l : List.copyOf(listeners)) {
      l.insideArc(this, arc);
    }
    // the driver loop records the arc's end state (over a reset that raced it: IMMEDIATE)
    state = arc.to();
    arcsTaken++;
    for (ArcListener l : List.copyOf(listeners)) {
      l.afterArc(this, arc);
    }
    return Optional.empty();
  }

  private Optional<StreamError> load(DataSession.Resuming r) {
    MigrationStreamReader.Parsed parsed =
        MigrationStreamReader.parse(r.bytes.toArray(), function.identity(), loadDefects);
    if (parsed.error().isPresent()) {
      return parsed.error();
    }
    if (!parsed.hasState()) {
      lastLoadBaseMismatches = 0;
      return Optional.empty(); // a lenient device accepted a stream without any state
    }
    Optional<String> refused = function.loadState(parsed.finalState());
    if (refused.isEmpty()) {
      lastLoadBaseMismatches = parsed.baseMismatches();
    }
    return refused.map(
        why -> new StreamError(StreamError.Kind.STATE_REJECTED, -1, "function refused: " + why));
  }

  /**
   * Appends the next pre-copy image: the initial one whole, later ones whole or as an increment
   * over the previous image ({@link ImageMode}). With {@link SaveDefect#STALE_DIRTY_CHUNK} a later
   * image carries the previous image's data, yet the current state becomes the base of what
   * follows.
   */
  private void appendImage(DataSession.Saving s) {
    byte[] image = function.saveState();
    byte[] carried =
        s.lastImage != null && saveDefects.contains(SaveDefect.STALE_DIRTY_CHUNK)
            ? s.lastImage
            : image;
    if (s.mode == ImageMode.DELTA && s.lastImage != null) {
      s.bytes.append(s.writer.precopyDelta(DeltaImage.encode(s.lastImage, carried)));
    } else {
      s.bytes.append(s.writer.precopyImage(carried));
    }
    s.lastImage = image;
    s.lastImageDigest = function.stateDigest();
  }

  private void finish(DataSession.Saving s) {
    byte[] image = function.saveState();
    if (s.mode == ImageMode.DELTA && s.lastImage != null) {
      s.bytes.append(s.writer.finalDelta(DeltaImage.encode(s.lastImage, image)));
    } else {
      s.bytes.append(s.writer.finalState(image));
    }
    s.lastImage = image;
    s.bytes.append(s.writer.end());
    s.finalized = true;
  }

  /** The section the function's current state would take as an increment over the newest image. */
  private long incrementSectionBytes(DataSession.Saving s) {
    return (long) StreamFormat.SECTION_OVERHEAD
        + DeltaImage.encodedSize(s.lastImage, function.saveState());
  }

  private void enterError() {
    endSession();
    state = MigrationState.ERROR;
    errorEntries++;
    applyBehaviour(state);
  }

  private void endSession() {
    if (session != null) {
      session.end();
      session = null;
    }
  }

  /** Imposes the per-state behaviour on the function: block P2P before quiescing, free it last. */
  private void applyBehaviour(MigrationState s) {
    if (s.blocksOutboundP2p()) {
      function.setOutboundP2pBlocked(true);
    }
    function.setQuiesced(s.quiesced());
    if (!s.blocksOutboundP2p()) {
      function.setOutboundP2pBlocked(false);
    }
  }

  boolean isLive(DataFd fd) {
    return fd.session() == session && !fd.session().ended();
  }

  ReadResult read(DataFd fd, int max) {
    checkArgument(max > 0, "read size must be positive, got %s", max);
    if (fd.closed() || fd.kind() != Arc.SessionKind.SAVING) {
      return ReadResult.error(Errno.EBADF);
    }
    if (!isLive(fd)) {
      return ReadResult.error(Errno.ENODEV);
    }
    DataSession.Saving s = (DataSession.Saving) session;
    if (s.readPos == s.bytes.size()) {
      if (s.finalized) {
        return ReadResult.endOfStream();
      }
      if (saveMode == SaveMode.ASYNCHRONOUS || function.stateDigest() == s.lastImageDigest) {
        // asynchronous: only a completed SAVE queues an increment (mlx5vf_save_read)
        return ReadResult.error(Errno.ENOMSG);
      }
      appendImage(s);
    }
    int end = (int) Math.min(s.bytes.size(), (long) s.readPos + max);
    byte[] out = s.bytes.copy(s.readPos, end);
    s.readPos = end;
    return ReadResult.of(out);
  }

  WriteResult write(DataFd fd, byte[] data) {
    requireNonNull(data, "data");
    if (fd.closed() || fd.kind() != Arc.SessionKind.RESUMING) {
      return WriteResult.error(Errno.EBADF, "not an open resuming fd");
    }
    if (!isLive(fd)) {
      return WriteResult.error(Errno.ENODEV, "the resuming session has ended");
    }
    long after = (long) session.bytes.size() + data.length;
    if (after > maxResumeBytes) {
      return WriteResult.error(
          Errno.EFBIG,
          "stream would reach " + after + " bytes, the device accepts " + maxResumeBytes);
    }
    session.bytes.append(data);
    return WriteResult.ok(data.length);
  }

  PrecopyInfo precopyInfo(DataFd fd) {
    PrecopyInfo info = peekPrecopyInfo(fd);
    if (saveMode == SaveMode.ASYNCHRONOUS && info.errno().isEmpty()) {
      // mlx5vf_precopy_ioctl: nothing queued ("end_of_data") and an increment on the device
      // ("inc_length") starts the incremental SAVE, unless one is in flight (it carries it)
      DataSession.Saving s = (DataSession.Saving) session;
      if (s.readPos == s.bytes.size() && incrementPending() && !s.saveInFlight) {
        s.saveInFlight = true;
        savesStarted++;
      }
    }
    return info;
  }

  /**
   * What {@code VFIO_MIG_GET_PRECOPY_INFO} on {@code fd} answers, without the ioctl's side effect
   * (an asynchronous device starts no SAVE): the projection's view of the estimates.
   */
  PrecopyInfo peekPrecopyInfo(DataFd fd) {
    if (fd.closed() || fd.kind() != Arc.SessionKind.SAVING) {
      return PrecopyInfo.error(Errno.EBADF);
    }
    // the device state first, then the fd (mlx5vf_precopy_ioctl, mtty_precopy_ioctl): outside
    // PRE_COPY(_P2P) the ioctl is EINVAL whether the fd is live or disabled
    if (state != MigrationState.PRE_COPY && state != MigrationState.PRE_COPY_P2P) {
      return PrecopyInfo.error(Errno.EINVAL);
    }
    if (!isLive(fd)) {
      return PrecopyInfo.error(Errno.ENODEV);
    }
    DataSession.Saving s = (DataSession.Saving) session;
    long initial = Math.max(0, s.initialEnd - s.readPos);
    long queuedDirty = s.bytes.size() - (long) Math.max(s.readPos, s.initialEnd);
    long pending = 0;
    if (function.stateDigest() != s.lastImageDigest) {
      pending =
          s.mode == ImageMode.DELTA
              ? incrementSectionBytes(s)
              : StreamFormat.SECTION_OVERHEAD + function.stateSizeEstimate();
    }
    if (saveDefects.contains(SaveDefect.DIRTY_BYTES_UNDERREPORT)) {
      // K2: only the current chunk, the queued rest of the image being read, else the next one;
      // an asynchronous device's next increment exists only once its SAVE completes, so until
      // then there is no chunk to report (spec VfioFsm's ReportedDirty leaves out dirty_pending)
      long next = saveMode == SaveMode.ASYNCHRONOUS ? 0 : pending;
      return PrecopyInfo.of(initial, queuedDirty > 0 ? queuedDirty : next);
    }
    return PrecopyInfo.of(initial, queuedDirty + pending);
  }

  /** Whether an incremental SAVE command is in flight on the live saving session. */
  public boolean saveInFlight() {
    return session instanceof DataSession.Saving s && s.saveInFlight;
  }

  /** Incremental SAVE commands started by the precopy ioctl ({@link SaveMode#ASYNCHRONOUS}). */
  public long savesStarted() {
    return savesStarted;
  }

  /**
   * Whether the function changed since the last image of the live saving session, in
   * PRE_COPY(_P2P): the increment a SAVE would capture (mlx5's {@code inc_length}).
   */
  public boolean incrementPending() {
    return (state == MigrationState.PRE_COPY || state == MigrationState.PRE_COPY_P2P)
        && session instanceof DataSession.Saving s
        && !s.finalized
        && function.stateDigest() != s.lastImageDigest;
  }

  /** Bytes of increments queued on the live saving session's fd and not read yet. */
  public long queuedDirtyBytes() {
    if (!(session instanceof DataSession.Saving s) || s.finalized) {
      return 0;
    }
    return s.bytes.size() - (long) Math.max(s.readPos, s.initialEnd);
  }

  /**
   * Whether SET {@code target} would wait, at its arc PRE_COPY(_P2P) -> STOP_COPY, for the SAVE in
   * flight (an asynchronous device without {@link SaveDefect#CONCURRENT_SAVE}). The emulator lets
   * the completion run inside that SET; a caller that must order the completion itself (a replay,
   * one arc per call) asks here first.
   */
  public boolean arcWaitsForSave(MigrationState target) {
    return saveInFlight()
        && target == MigrationState.STOP_COPY
        && state != MigrationState.STOP_COPY
        && !saveDefects.contains(SaveDefect.CONCURRENT_SAVE);
  }

  /**
   * The incremental SAVE command completes ({@code mlx5vf_save_callback}): in PRE_COPY(_P2P) the
   * increment, the function's state now, is queued on the saving fd as dirty data. In STOP_COPY
   * (only with {@link SaveDefect#CONCURRENT_SAVE}) nothing is queued after the final image. Returns
   * whether a SAVE was in flight.
   */
  public boolean completeSave() {
    if (!saveInFlight()) {
      return false;
    }
    completeSave((DataSession.Saving) session, state != MigrationState.STOP_COPY);
    return true;
  }

  private void completeSave(DataSession.Saving s, boolean queue) {
    s.saveInFlight = false;
    if (queue && function.stateDigest() != s.lastImageDigest) {
      appendImage(s);
    }
  }

  @Override
  public String toString() {
    return name + "[" + state + ", " + features + "]";
  }
}
