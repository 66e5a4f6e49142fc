package org.vfiomc.conformance.replay.vfio;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.vfiomc.checker.trace.TlaValue;
import org.vfiomc.conformance.function.ActivityFunction;
import org.vfiomc.conformance.function.SyntheticFunction;
import org.vfiomc.conformance.replay.StepOutcome;
import org.vfiomc.conformance.replay.SystemUnderTest;
import org.vfiomc.conformance.vfio.Arc;
import org.vfiomc.conformance.vfio.ArcFault;
import org.vfiomc.conformance.vfio.DataFd;
import org.vfiomc.conformance.vfio.Errno;
import org.vfiomc.conformance.vfio.MigrationArcs;
import org.vfiomc.conformance.vfio.MigrationFeatures;
import org.vfiomc.conformance.vfio.MigrationState;
import org.vfiomc.conformance.vfio.NextStep;
import org.vfiomc.conformance.vfio.PrecopyInfo;
import org.vfiomc.conformance.vfio.ReadResult;
import org.vfiomc.conformance.vfio.ResetRace;
import org.vfiomc.conformance.vfio.SaveDefect;
import org.vfiomc.conformance.vfio.SaveMode;
import org.vfiomc.conformance.vfio.SetResult;
import org.vfiomc.conformance.vfio.VfioMigrationDevice;

/** The device, its function and the user's side (request, fd table, counters) for VfioFsm. */
// The spec's state names are interned once in an array indexed by MigrationState.ordinal(): the
// replay loop projects a state per step and must not allocate (in memory only, never persisted).
@SuppressWarnings("EnumOrdinal")
final class FsmSut implements SystemUnderTest<FsmAction> {
  /**
   * Which user calls the driver lets run between the arcs of a SET in progress ({@code
   * ReadsDuringSet}, {@code InfoDuringSet} of VfioFsm), what a reset racing an arc does ({@code
   * DeferredReset}: the device's {@link ResetRace}) and how PRE_COPY changes are saved ({@code
   * AsyncSave}: its {@link SaveMode}).
   */
  record Concurrency(
      boolean readsDuringSet, boolean infoDuringSet, boolean deferredReset, boolean asyncSave) {}

  private static final int MAX_PATH = 6;
  private static final TlaValue[] SMALL = new TlaValue[64];
  private static final TlaValue TRUE = new TlaValue.Bool(true);
  private static final TlaValue FALSE = new TlaValue.Bool(false);

  // shared immutable projection values (never written after class initialisation)
  private static final TlaValue.Str[] STATE_NAMES =
      new TlaValue.Str[MigrationState.values().length];
  private static final java.util.Map<String, TlaValue> STRINGS;
  private static final TlaValue[] LIVE_SETS = new TlaValue[1 << 6];

  static {
    for (int i = 0; i < SMALL.length; i++) {
      SMALL[i] = TlaValue.Int.of(i - 1);
    }
    java.util.Map<String, TlaValue> m = new java.util.HashMap<>();
    for (MigrationState s : MigrationState.values()) {
      STATE_NAMES[s.ordinal()] = new TlaValue.Str(s.name());
      m.put(s.name(), STATE_NAMES[s.ordinal()]);
    }
    for (Errno e : Errno.values()) {
      m.put(e.name(), new TlaValue.Str(e.name()));
    }
    for (Arc.SessionKind k : Arc.SessionKind.values()) {
      m.putIfAbsent(k.name(), new TlaValue.Str(k.name()));
    }
    for (String v :
        List.of("NONE", "PENDING", "OK", "OUT_OF_RANGE", "DATA", "EOF", "INFO", "INFO_END")) {
      m.putIfAbsent(v, new TlaValue.Str(v));
    }
    STRINGS = java.util.Map.copyOf(m);
    for (int mask = 0; mask < LIVE_SETS.length; mask++) {
      LIVE_SETS[mask] = liveSet(mask);
    }
  }

  private final int flags;
  private final int initialSize;
  private final int maxDirty;
  private final int maxOps;
  private final boolean arcsMayFail;
  private final boolean skipLoopFixed;
  private final Concurrency concurrency;
  private final MigrationFeatures features;
  private final ActivityFunction function;
  private final VfioMigrationDevice device;
  private final TlaValue flagsValue;
  private ArcFault nextFault;
  // projection caches (values are immutable; building sets and sequences is the hot path)
  private long lastLiveMask = -1;
  private TlaValue lastLiveSet;
  private TlaValue pathValue;
  private final String[] lastString = new String[VfioFsmBinding.VARIABLES.size()];
  private final TlaValue[] lastValue = new TlaValue[VfioFsmBinding.VARIABLES.size()];

  // user side
  private String target = "NONE";
  private String result = "NONE";

  /**
   * How the SET of the last applied step failed, as the device showed it; null when the last step
   * was no failed arc. The evidence of the arc-failure witnesses ({@code NoArcFailsInPlace} of
   * {@code MC_VfioFsm_WitnessArcFailsInPlace}, {@code NoArcFailsToError} of {@code
   * MC_VfioFsm_WitnessArcFailsToError}).
   *
   * @param toError EIO with the device in ERROR; otherwise EIO with the device where it was
   * @param text one sentence for the report
   */
  private record ArcFailure(boolean toError, String text) {}

  private ArcFailure lastFailure;

  private final List<TlaValue> path = new ArrayList<>(MAX_PATH);
  private int returnedFd = -1;
  private final List<DataFd> fds = new ArrayList<>();
  private String fdResult = "NONE";
  private int ioctls;
  // a reset that arrived while a SET was in progress, applied at the SET's unlock
  private boolean resetDeferred;
  // unit accounting of the live saving session
  private long initialUnitBytes;
  private int precopyRead;
  private long changesMark;
  private final List<Long> stopCopyUnits = new ArrayList<>();

  FsmSut(
      int flags,
      int initialSize,
      int maxDirty,
      int maxOps,
      boolean arcsMayFail,
      boolean skipLoopFixed,
      Concurrency concurrency,
      java.util.Set<SaveDefect> saveDefects,
      ActivityFunction.Misbehaviour misbehaviour) {
    this.flags = flags;
    this.initialSize = initialSize;
    this.maxDirty = maxDirty;
    this.maxOps = maxOps;
    this.arcsMayFail = arcsMayFail;
    this.skipLoopFixed = skipLoopFixed;
    this.concurrency = concurrency;
    this.features = MigrationFeatures.fromFlags(flags).orElseThrow();
    this.function = new ActivityFunction(SyntheticFunction.IDENTITY, misbehaviour);
    this.device = new VfioMigrationDevice("replay", function, features);
    this.device.setFaultInjector(
        arc -> {
          ArcFault f = nextFault;
          nextFault = null;
          return Optional.ofNullable(f);
        });
    this.device.setResetRace(
        concurrency.deferredReset() ? ResetRace.DEFERRED : ResetRace.IMMEDIATE);
    this.device.setSaveMode(concurrency.asyncSave() ? SaveMode.ASYNCHRONOUS : SaveMode.SYNCHRONOUS);
    this.device.setSaveDefects(saveDefects);
    this.flagsValue = TlaValue.Int.of(flags);
  }

  @Override
  public List<String> variables() {
    return VfioFsmBinding.VARIABLES;
  }

  private boolean pending() {
    return result.equals("PENDING");
  }

  /** No SET holds the state mutex and no recorded reset waits for its unlock. */
  private boolean unlocked() {
    return !pending() && !resetDeferred;
  }

  /** Why a user call on the data fd cannot run now, or empty if it can. */
  private Optional<String> fdCallBlocked(boolean allowedDuringSet, String what) {
    if (unlocked() || (pending() && allowedDuringSet)) {
      return Optional.empty();
    }
    return Optional.of(
        pending()
            ? "a SET is in progress and the driver serialises " + what + " against it"
            : "the SET's unlock has not applied the recorded reset yet");
  }

  private NextStep next() {
    if (target.equals("OUT_OF_RANGE")) {
      return new NextStep.Invalid("target out of range", false);
    }
    MigrationState t = MigrationState.valueOf(target);
    return skipLoopFixed
        ? MigrationArcs.nextStep(device.state(), t, features)
        : MigrationArcs.nextStepBeforeFix(device.state(), t, features);
  }

  @Override
  public StepOutcome apply(FsmAction a) {
    lastFailure = null;
    if (a instanceof FsmAction.SetRequest r) {
      return setRequest(r.target());
    } else if (a instanceof FsmAction.SetStep) {
      return setStep(false, false);
    } else if (a instanceof FsmAction.SetStepFails f) {
      if (!arcsMayFail) {
        return new StepOutcome.NotPossible("ArcsMayFail = FALSE: no arc failure is injected");
      }
      return setStep(true, f.toError());
    } else if (a instanceof FsmAction.SetReject) {
      if (!pending()) {
        return new StepOutcome.NotPossible("no SET in progress");
      }
      NextStep n = next();
      if (!(n instanceof NextStep.Invalid)) {
        return new StepOutcome.NotPossible("the implementation does not reject: " + n);
      }
      result = "EINVAL";
      return StepOutcome.OK;
    } else if (a instanceof FsmAction.SkipLoopSpin) {
      if (!pending()) {
        return new StepOutcome.NotPossible("no SET in progress");
      }
      NextStep n = next();
      return n instanceof NextStep.Hangs
          ? StepOutcome.OK
          : new StepOutcome.NotPossible("the next-step function returns: " + n);
    } else if (a instanceof FsmAction.Reset) {
      if (!unlocked() || ioctls >= maxOps) {
        return new StepOutcome.NotPossible(
            !unlocked() ? "a SET holds the state mutex" : "ioctl budget");
      }
      ioctls++;
      applyReset();
      return StepOutcome.OK;
    } else if (a instanceof FsmAction.ResetDeferred) {
      // mlx5vf_pci_aer_reset_done: the trylock fails, the reset is only recorded
      if (!concurrency.deferredReset()) {
        return new StepOutcome.NotPossible("DeferredReset = FALSE: no reset is deferred");
      }
      if (!pending() || ioctls >= maxOps) {
        return new StepOutcome.NotPossible(!pending() ? "no SET in progress" : "ioctl budget");
      }
      ioctls++;
      resetDeferred = true;
      return StepOutcome.OK;
    } else if (a instanceof FsmAction.DeferredResetApplied) {
      // mlx5vf_state_mutex_unlock: the SET has ended, the recorded reset is applied
      if (pending() || !resetDeferred) {
        return new StepOutcome.NotPossible("no recorded reset waits for an unlock");
      }
      resetDeferred = false;
      applyReset();
      return StepOutcome.OK;
    } else if (a instanceof FsmAction.ResetRacesArc) {
      return resetRacesArc();
    } else if (a instanceof FsmAction.SaveDone) {
      // mlx5vf_save_callback: the firmware's SAVE completes, a device event of its own
      return device.completeSave()
          ? StepOutcome.OK
          : new StepOutcome.NotPossible("no SAVE command in flight");
    } else if (a instanceof FsmAction.ReadData r) {
      return read(r.fd());
    } else if (a instanceof FsmAction.PrecopyInfo p) {
      Optional<String> blocked = fdCallBlocked(concurrency.infoDuringSet(), "the precopy ioctl");
      if (blocked.isPresent()) {
        return new StepOutcome.NotPossible(blocked.get());
      }
      if (p.fd() < 1 || p.fd() > fds.size()) {
        return new StepOutcome.NotPossible("fd " + p.fd() + " was never returned");
      }
      PrecopyInfo info = fds.get(p.fd() - 1).precopyInfo();
      // 0 and 0 is the temporary end of the stream as the user sees it (VfioFsm's "INFO_END")
      fdResult =
          info.errno()
              .map(FsmSut::errnoName)
              .orElse(info.initialBytes() + info.dirtyBytes() == 0 ? "INFO_END" : "INFO");
      return StepOutcome.OK;
    } else if (a instanceof FsmAction.DeviceActivity) {
      // an environment action: the function works whenever it is not quiesced, with or without a
      // session (VfioFsm's DeviceActivity)
      if (dirtyMade() >= maxDirty) {
        return new StepOutcome.NotPossible("the workload's budget MaxDirty is spent");
      }
      if (!function.activity()) {
        return new StepOutcome.NotPossible(
            "the function is quiesced in " + device.state() + ": it does no work");
      }
      return StepOutcome.OK;
    } else if (a instanceof FsmAction.Done) {
      return unlocked() && ioctls == maxOps
          ? StepOutcome.OK
          : new StepOutcome.NotPossible("the run is not finished");
    }
    throw new IllegalArgumentException("unhandled action " + a);
  }

  /** Resets the device once, from inside the arc it races ({@link ResetRace#IMMEDIATE}). */
  private static final class ResetInsideArc implements org.vfiomc.conformance.vfio.ArcListener {
    private boolean fired;

    @Override
    public void afterArc(VfioMigrationDevice d, Arc arc) {}

    @Override
    public void insideArc(VfioMigrationDevice d, Arc arc) {
      if (!fired) {
        fired = true;
        d.reset();
      }
    }
  }

  /**
   * A reset lands inside the next arc (DeferredReset = FALSE): the device runs the arc as a SET
   * whose {@code insideArc} split point resets it; the loop then records the arc's end state.
   */
  private StepOutcome resetRacesArc() {
    if (concurrency.deferredReset()) {
      return new StepOutcome.NotPossible(
          "DeferredReset = TRUE: a reset during a SET waits for the unlock");
    }
    if (!pending() || ioctls >= maxOps) {
      return new StepOutcome.NotPossible(!pending() ? "no SET in progress" : "ioctl budget");
    }
    ResetInsideArc hook = new ResetInsideArc();
    device.addArcListener(hook);
    StepOutcome o;
    try {
      o = setStep(false, false);
    } finally {
      device.removeArcListener(hook);
    }
    if (o == StepOutcome.OK) {
      if (!hook.fired) {
        return new StepOutcome.Unexpected("the arc ran without reaching its split point");
      }
      ioctls++;
      endSessionAccounting();
    }
    return o;
  }

  private void applyReset() {
    device.reset();
    target = "NONE";
    result = "NONE";
    path.clear();
    pathValue = null;
    returnedFd = -1;
    endSessionAccounting();
  }

  private StepOutcome setRequest(String t) {
    if (!unlocked() || ioctls >= maxOps) {
      return new StepOutcome.NotPossible(
          !unlocked() ? "a SET holds the state mutex" : "ioctl budget");
    }
    ioctls++;
    target = t;
    path.clear();
    path.add(STATE_NAMES[device.state().ordinal()]);
    pathValue = null;
    returnedFd = -1;
    if (!t.equals("OUT_OF_RANGE") && !t.equals("ERROR") && device.state().name().equals(t)) {
      SetResult r = device.set(device.state());
      if (!r.ok() || !r.arcs().isEmpty() || r.dataFd().isPresent()) {
        return new StepOutcome.Unexpected("SET to the current state did something: " + r);
      }
      result = "OK";
    } else {
      result = "PENDING";
    }
    return StepOutcome.OK;
  }

  private StepOutcome setStep(boolean fail, boolean toError) {
    if (!pending()) {
      return new StepOutcome.NotPossible("no SET in progress");
    }
    NextStep ns = next();
    if (!(ns instanceof NextStep.Next next)) {
      return new StepOutcome.NotPossible("the next-step function returns " + ns);
    }
    MigrationState from = device.state();
    MigrationState to = next.state();
    if (!fail && device.arcWaitsForSave(to)) {
      return new StepOutcome.NotPossible(
          "the arc " + from + "->" + to + " waits for the SAVE in flight (migf->save_comp)");
    }
    PrecopyInfo before = liveFd().map(DataFd::peekPrecopyInfo).orElse(null);
    long unreadInitial = before == null || before.errno().isPresent() ? 0 : before.initialBytes();
    long dirty = before == null || before.errno().isPresent() ? 0 : before.dirtyBytes();
    if (fail) {
      nextFault = toError ? ArcFault.FAIL_TO_ERROR : ArcFault.FAIL_STAY;
    }
    SetResult r = device.set(to);
    nextFault = null;
    if (fail) {
      if (r.ok() || r.errno().orElse(null) != Errno.EIO) {
        return new StepOutcome.Unexpected("the injected arc failure was not reported: " + r);
      }
      result = "EIO";
      MigrationState after = device.state();
      if (after == MigrationState.ERROR || after == from) {
        lastFailure =
            new ArcFailure(
                after == MigrationState.ERROR,
                "the arc " + from + "->" + to + " returned EIO with the device in " + after);
      }
      if (device.state() != from) {
        appendPath(device.state());
      }
      if (device.state() == MigrationState.ERROR) {
        endSessionAccounting();
      }
      return StepOutcome.OK;
    }
    if (!r.ok()) {
      return new StepOutcome.NotPossible("the arc " + from + "->" + to + " failed: " + r);
    }
    if (r.arcs().size() != 1) {
      return new StepOutcome.Unexpected("one driver-loop step took arcs " + r.arcs());
    }
    appendPath(device.state());
    r.dataFd().ifPresent(fds::add);
    if (to == MigrationState.RESUMING && r.dataFd().isPresent() && r.dataFd().get().live()) {
      // VfioFsm has no write action: its RESUMING -> STOP assumes the user wrote a complete,
      // valid stream. The user side does that here, with a stream saved by a peer device.
      Optional<String> fed = feedValidStream(r.dataFd().get(), features);
      if (fed.isPresent()) {
        return new StepOutcome.Unexpected(fed.get());
      }
    }
    boolean fromGroup = from.inSavingGroup();
    boolean toGroup = to.inSavingGroup();
    if (toGroup && !fromGroup && r.dataFd().isPresent()) {
      // a saving session started: its initial image is split into InitialSize units
      precopyRead = 0;
      changesMark = function.changes();
      stopCopyUnits.clear();
      if (to == MigrationState.STOP_COPY) {
        long total = device.stopCopySize();
        splitInto(total, initialSize);
      } else {
        PrecopyInfo info = r.dataFd().get().peekPrecopyInfo();
        initialUnitBytes = (info.initialBytes() + initialSize - 1) / initialSize;
      }
    } else if (to == MigrationState.STOP_COPY && fromGroup) {
      // switchover inside the session: unread initial units, one dirty unit, the final state
      stopCopyUnits.clear();
      long remaining = device.stopCopySize();
      long rest = remaining;
      long init = unreadInitial;
      while (init > 0) {
        long u = Math.min(initialUnitBytes, init);
        stopCopyUnits.add(u);
        init -= u;
        rest -= u;
      }
      long queued = Math.max(0, rest - finalSectionBytes());
      if (dirty > 0 && queued > 0) {
        stopCopyUnits.add(queued);
        stopCopyUnits.add(rest - queued);
      } else if (dirty > 0 && device.saveMode() == SaveMode.SYNCHRONOUS) {
        // the pending increment travels inside the final section: it counts as a unit of it
        // (asynchronous: the spec's dirty_pending, not a unit, is folded into the final state)
        stopCopyUnits.add(rest / 2);
        stopCopyUnits.add(rest - rest / 2);
      } else {
        stopCopyUnits.add(rest);
      }
      precopyRead = 0;
      changesMark = function.changes();
    } else if (!toGroup) {
      endSessionAccounting();
    }
    if (device.state().name().equals(target)) {
      result = "OK";
      returnedFd = r.dataFd().isPresent() ? fds.size() : -1;
    }
    return StepOutcome.OK;
  }

  /**
   * Writes a stream a peer device of the same features saved into {@code resumingFd}, so that the
   * RESUMING -> STOP that follows loads it; empty on success, else why not.
   */
  static Optional<String> feedValidStream(DataFd resumingFd, MigrationFeatures features) {
    VfioMigrationDevice peer =
        new VfioMigrationDevice(
            "replay-peer",
            new ActivityFunction(SyntheticFunction.IDENTITY, ActivityFunction.Misbehaviour.NONE),
            features);
    SetResult started = peer.set(MigrationState.STOP_COPY);
    if (!started.ok() || started.dataFd().isEmpty()) {
      return Optional.of("could not save a peer stream: " + started);
    }
    DataFd src = started.dataFd().get();
    for (ReadResult r = src.read(1 << 16); !r.endOfStreamReached(); r = src.read(1 << 16)) {
      if (r.errno().isPresent()) {
        return Optional.of("peer stream read: " + r);
      }
      var w = resumingFd.write(r.data());
      if (w.errno().isPresent()) {
        return Optional.of("resuming fd write: " + w);
      }
    }
    return Optional.empty();
  }

  private long finalSectionBytes() {
    return org.vfiomc.conformance.vfio.StreamFormat.SECTION_OVERHEAD
        + function.stateSizeEstimate()
        + org.vfiomc.conformance.vfio.StreamFormat.END_SECTION_BYTES;
  }

  private void splitInto(long total, int units) {
    long u = (total + units - 1) / units;
    long left = total;
    for (int i = 0; i < units && left > 0; i++) {
      long n = Math.min(u, left);
      stopCopyUnits.add(n);
      left -= n;
    }
  }

  private void endSessionAccounting() {
    precopyRead = 0;
    changesMark = function.changes();
    stopCopyUnits.clear();
    initialUnitBytes = 0;
  }

  private void appendPath(MigrationState s) {
    if (path.size() < MAX_PATH) {
      path.add(STATE_NAMES[s.ordinal()]);
      pathValue = null;
    }
  }

  private StepOutcome read(int fd) {
    Optional<String> blocked = fdCallBlocked(concurrency.readsDuringSet(), "read()");
    if (blocked.isPresent()) {
      return new StepOutcome.NotPossible(blocked.get());
    }
    if (fd < 1 || fd > fds.size()) {
      return new StepOutcome.NotPossible("fd " + fd + " was never returned");
    }
    DataFd f = fds.get(fd - 1);
    MigrationState s = device.state();
    boolean saving = f.live() && f.kind() == Arc.SessionKind.SAVING;
    long max = 1;
    if (saving && s == MigrationState.STOP_COPY) {
      max = stopCopyUnits.isEmpty() ? 1 : stopCopyUnits.get(0);
    } else if (saving) {
      PrecopyInfo info = f.peekPrecopyInfo();
      if (info.errno().isEmpty()) {
        if (info.initialBytes() > 0) {
          max = Math.min(initialUnitBytes, info.initialBytes());
        } else if (info.dirtyBytes() > 0) {
          max = info.dirtyBytes();
        }
      }
    }
    ReadResult r = f.read((int) Math.min(Integer.MAX_VALUE, max));
    if (r.errno().isPresent()) {
      // read() keeps EBADF: a resuming fd is write-only, the VFS refuses the read
      fdResult = r.errno().get() == Errno.EBADF ? "EBADF" : errnoName(r.errno().get());
    } else if (r.endOfStreamReached()) {
      fdResult = "EOF";
    } else {
      fdResult = "DATA";
      if (s == MigrationState.STOP_COPY) {
        if (stopCopyUnits.isEmpty() || stopCopyUnits.get(0) != r.length()) {
          return new StepOutcome.Unexpected(
              "read " + r.length() + " bytes, the next stop-copy unit is " + stopCopyUnits);
        }
        stopCopyUnits.remove(0);
      } else {
        precopyRead++;
      }
    }
    return StepOutcome.OK;
  }

  private static String errnoName(Errno e) {
    // the precopy ioctl on a live fd of another session kind: the spec's "EINVAL" (not valid)
    return e == Errno.EBADF ? "EINVAL" : e.name();
  }

  private Optional<DataFd> liveFd() {
    for (int i = fds.size() - 1; i >= 0; i--) {
      if (fds.get(i).live()) {
        return Optional.of(fds.get(i));
      }
    }
    return Optional.empty();
  }

  private long dirtyMade() {
    return function.changes() - changesMark;
  }

  private static TlaValue small(long v) {
    return v >= -1 && v < SMALL.length - 1 ? SMALL[(int) v + 1] : TlaValue.Int.of(v);
  }

  @Override
  public void project(TlaValue[] out) {
    MigrationState s = device.state();
    out[0] = null; // action: the history variable is the trace's label, compared by dispatch
    out[1] = flagsValue;
    out[2] = STATE_NAMES[s.ordinal()];
    out[3] = str(3, target);
    out[4] = str(4, result);
    if (pathValue == null) {
      pathValue = new TlaValue.Seq(List.copyOf(path));
    }
    out[5] = pathValue;
    out[6] = small(returnedFd);
    out[7] = small(fds.size());
    long mask = 0;
    for (int i = 0; i < fds.size() && i < 63; i++) {
      if (fds.get(i).live()) {
        mask |= 1L << i;
      }
    }
    if (mask < LIVE_SETS.length) {
      out[8] = LIVE_SETS[(int) mask];
    } else {
      if (mask != lastLiveMask) {
        lastLiveMask = mask;
        lastLiveSet = liveSet(mask);
      }
      out[8] = lastLiveSet;
    }
    Optional<Arc.SessionKind> k = device.liveSession();
    out[9] = str(9, k.isEmpty() ? "NONE" : k.get().name());
    long initial = 0;
    long dirtyUnits = 0;
    boolean precopy = s == MigrationState.PRE_COPY || s == MigrationState.PRE_COPY_P2P;
    if (precopy) {
      Optional<DataFd> f = liveFd();
      if (f.isPresent()) {
        PrecopyInfo info = f.get().peekPrecopyInfo();
        if (info.errno().isEmpty()) {
          initial =
              initialUnitBytes == 0
                  ? 0
                  : (info.initialBytes() + initialUnitBytes - 1) / initialUnitBytes;
          // asynchronous: only a completed SAVE's increment is readable (dirty_bytes); the one
          // not saved yet is dirty_pending
          long dirty =
              device.saveMode() == SaveMode.ASYNCHRONOUS
                  ? device.queuedDirtyBytes()
                  : info.dirtyBytes();
          dirtyUnits = dirty > 0 ? 1 : 0;
        }
      }
    }
    out[10] = small(initial);
    out[11] = small(dirtyUnits);
    out[12] = small(precopy ? precopyRead : 0);
    out[13] = small(dirtyMade());
    long stop = 0;
    if (s == MigrationState.STOP_COPY && device.liveSession().isPresent()) {
      long sum = 0;
      for (long u : stopCopyUnits) {
        sum += u;
      }
      stop = sum == device.stopCopySize() ? stopCopyUnits.size() : -1;
    }
    out[14] = small(stop);
    out[15] = str(15, fdResult);
    out[16] = small(ioctls);
    long resuming = 0;
    for (int i = 0; i < fds.size() && i < 63; i++) {
      if (fds.get(i).kind() == Arc.SessionKind.RESUMING) {
        resuming |= 1L << i;
      }
    }
    out[17] = resuming < LIVE_SETS.length ? LIVE_SETS[(int) resuming] : liveSet(resuming);
    out[18] = resetDeferred ? TRUE : FALSE;
    // synchronous SAVE (AsyncSave = FALSE): every change is queued at once, nothing in flight
    boolean async = device.saveMode() == SaveMode.ASYNCHRONOUS;
    out[19] = small(async && device.incrementPending() ? 1 : 0);
    out[20] = device.saveInFlight() ? TRUE : FALSE;
  }

  /** The value of a string variable, re-looked-up only when the string changed. */
  private TlaValue str(int slot, String v) {
    if (!v.equals(lastString[slot])) {
      lastString[slot] = v;
      TlaValue known = STRINGS.get(v);
      lastValue[slot] = known != null ? known : new TlaValue.Str(v);
    }
    return lastValue[slot];
  }

  private static TlaValue liveSet(long mask) {
    List<TlaValue> live = new ArrayList<>(1);
    for (int i = 0; i < 63; i++) {
      if ((mask & (1L << i)) != 0) {
        live.add(small(i + 1));
      }
    }
    return new TlaValue.SetValue(live);
  }

  /** The SET in progress whose pre-fix next-step function spins (K1), as evidence, if any. */
  private Optional<String> spinningSet() {
    if (pending() && next() instanceof NextStep.Hangs h) {
      return Optional.of(
          "the pre-fix next-step function spins for "
              + device.state()
              + " -> "
              + target
              + " with flags "
              + flags
              + " (cycle "
              + h.cycle()
              + ")");
    }
    return Optional.empty();
  }

  @Override
  public Optional<String> violationEvidence(String property) {
    switch (property) {
      case "SkipLoopTerminates", "SetReturns" -> {
        return spinningSet();
      }
      case "ResetReleasesMutex" -> {
        // MC_VfioFsm_Concurrent's liveness: a reset recorded during a SET is applied at its
        // unlock; a SET whose next-step function spins never unlocks
        return resetDeferred
            ? spinningSet()
                .map(
                    spin ->
                        "a reset recorded during the SET is never applied, holding the mutex: "
                            + spin)
            : Optional.empty();
      }
      case "OneSaveAtATime" -> {
        MigrationState s = device.state();
        return device.saveInFlight()
                && s != MigrationState.PRE_COPY
                && s != MigrationState.PRE_COPY_P2P
            ? Optional.of("an incremental SAVE is still in flight in " + s + " (K6)")
            : Optional.empty();
      }
      case "SingleSession" -> {
        MigrationState s = device.state();
        Optional<Arc.SessionKind> k = device.liveSession();
        boolean saving = k.equals(Optional.of(Arc.SessionKind.SAVING));
        boolean resuming = k.equals(Optional.of(Arc.SessionKind.RESUMING));
        return saving != s.inSavingGroup() || resuming != (s == MigrationState.RESUMING)
            ? Optional.of(
                "the device is in " + s + " with session " + k.map(Enum::name).orElse("NONE"))
            : Optional.empty();
      }
      case "NoArcFailsInPlace", "NoArcFailsToError" -> {
        boolean toError = property.equals("NoArcFailsToError");
        return lastFailure != null && lastFailure.toError() == toError
            ? Optional.of(lastFailure.text())
            : Optional.empty();
      }
      case "Quiescence" -> {
        return function.changesWhileQuiesced() > 0
            ? Optional.of(
                "the function changed its state "
                    + function.changesWhileQuiesced()
                    + " time(s) while quiesced in "
                    + device.state())
            : Optional.empty();
      }
      default -> {
        return Optional.empty();
      }
    }
  }
}
