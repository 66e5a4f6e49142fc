package org.vfiomc.conformance.replay.vfio;

import com.google.common.collect.ImmutableSortedSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.vfiomc.checker.trace.TlaValue;
import org.vfiomc.checker.trace.TraceFormatException;
import org.vfiomc.conformance.function.ActivityFunction;
import org.vfiomc.conformance.replay.ActionSource;
import org.vfiomc.conformance.replay.Constants;
import org.vfiomc.conformance.replay.SpecBinding;
import org.vfiomc.conformance.replay.SystemUnderTest;
import org.vfiomc.conformance.vfio.MigrationState;
import org.vfiomc.conformance.vfio.SaveDefect;

/**
 * {@code VfioFsm} onto one {@code VfioMigrationDevice} over an {@link ActivityFunction}.
 *
 * <p>Mapping: {@code SetRequest} records the user's request (a SET to the current state is sent to
 * the device at once: a no-op success); each {@code SetStep}/{@code SetReject}/{@code SkipLoopSpin}
 * asks the implementation's next-step function ({@code MigrationArcs.nextStep}, or {@code
 * nextStepBeforeFix} when {@code SkipLoopFixed = FALSE}) and performs that single arc as a SET on
 * the device; {@code SetStepFails(outcome)} injects {@code FAIL_STAY}/{@code FAIL_TO_ERROR} into
 * that arc. {@code ReadData} reads one spec unit (see below), {@code PrecopyInfo} issues the ioctl,
 * {@code DeviceActivity} makes the function work, {@code Reset} resets the device. fd ids are the
 * user's fd table (1 = first fd the device returned); {@code resuming_fds} are those whose kind is
 * RESUMING. A read() refused with EBADF (a write-only resuming fd) projects as {@code "EBADF"}; the
 * precopy ioctl refused with EBADF (not a saving fd) as the spec's {@code "EINVAL"}.
 *
 * <p>Units: the spec counts abstract "bytes"; the initial image of a session ({@code initial_bytes}
 * from the device's precopy info at session start) is split into {@code InitialSize} equal reads; a
 * dirty increment (queued and pending bytes of the precopy info) is one unit; in STOP_COPY the
 * unread stream is split into the spec's units: the unread initial units, one unit for the dirty
 * data at switchover and one for the final state. When the dirty data at switchover is only pending
 * (not yet queued) the device folds it into its final section, which then counts as two units; a
 * stop-copy projection whose units do not add up to the device's {@code stopCopySize()} projects as
 * -1 (a mismatch). {@code precopy_read} counts DATA reads in PRE_COPY(_P2P) of this session and
 * {@code dirty_made} the function's state changes since the last point the spec resets it (a
 * session start, an arc out of the saving group or into a state without one, a reset), with or
 * without a live session: {@code DeviceActivity} is possible whenever the function works.
 *
 * <p>Constants: {@code FlagSets} (any subset of 1, 3, 5, 7; the initial state's {@code flags} picks
 * the device's feature set, the one choice of {@code Init}), {@code InitialSize} ≥ 1, {@code
 * MaxDirty} ∈ 0..1 (the device coalesces several changes into one dirty image, so the spec's
 * per-change count is not observable beyond 1), {@code MaxOps}, {@code ArcsMayFail}, {@code
 * SkipLoopFixed} (both values), {@code Defects} ⊆ {"DmaInStopCopy", "BusyWhenStopped",
 * "DirtyBytesUnderreport"} (the first two are a function that keeps changing while quiesced, the
 * trace says in which quiesced state it works; the third the device's {@code
 * SaveDefect.DIRTY_BYTES_UNDERREPORT}, K2: the precopy ioctl reports only the current chunk. The
 * projection of {@code dirty_bytes} is the device's report, which under K2 is non-zero exactly when
 * the correct one is as long as every change is captured synchronously, AsyncSave = FALSE). The
 * other defects of {@code VfioArcs} live in the kernel's table or in the driver's fd/session
 * handling, which this device does not let one configure: such a trace is rejected as an
 * unsupported constant. All variables are observable.
 *
 * <p>Concurrency constants (issue 12): {@code ReadsDuringSet} and {@code InfoDuringSet}, both
 * values: the user side drives a SET one arc per {@code SetStep}, so a read() or the precopy ioctl
 * between two of them runs on the device between two arcs, as in mlx5 (a read never sees the inside
 * of an arc). {@code DeferredReset = TRUE}: a reset during a SET is recorded ({@code
 * ResetDeferred}) and the device is reset at the unlock ({@code DeferredResetApplied}). {@code
 * DeferredReset = FALSE}: the device's {@code ResetRace.IMMEDIATE}; {@code ResetRacesArc} runs the
 * next arc as a SET whose {@code insideArc} split point resets the device, after which the loop
 * records the arc's end state. {@code AsyncSave}: the device's {@code SaveMode} (TRUE:
 * ASYNCHRONOUS, as mlx5): {@code PrecopyInfo} is the ioctl that may start the incremental SAVE,
 * {@code SaveDone} the device's completion event ({@code completeSave}), a {@code SetStep} into
 * STOP_COPY while a SAVE is in flight is not possible (the arc waits for it); {@code dirty_bytes}
 * projects the increments queued on the fd, {@code dirty_pending} whether the function changed
 * since the session's last image, {@code save_inflight} the device's SAVE in flight. {@code
 * FsmDefects}: {@code ConcurrentSave} is the device's {@code SaveDefect.CONCURRENT_SAVE} (K6); the
 * others ({@code DirtyNotReported}, {@code DeferredResetDropped}) are driver bugs not configurable
 * in the device: such a trace is rejected as an unsupported constant.
 */
public final class VfioFsmBinding implements SpecBinding<FsmAction> {
  static final List<String> VARIABLES =
      List.of(
          "action",
          "flags",
          "device_state",
          "set_target",
          "set_result",
          "path",
          "returned_fd",
          "fd_count",
          "live_fds",
          "session",
          "initial_bytes",
          "dirty_bytes",
          "precopy_read",
          "dirty_made",
          "stop_copy_bytes",
          "fd_result",
          "ioctl_count",
          "resuming_fds",
          "reset_deferred",
          "dirty_pending",
          "save_inflight");
  static final Set<String> CONSTANTS =
      Set.of(
          "FlagSets",
          "InitialSize",
          "MaxDirty",
          "MaxOps",
          "ArcsMayFail",
          "SkipLoopFixed",
          "Defects",
          "ReadsDuringSet",
          "InfoDuringSet",
          "DeferredReset",
          "AsyncSave",
          "FsmDefects");
  // sorted, so that the notes and errors listing them read alike in every run (a Set.of's order
  // changes from one JVM to the next)
  static final Set<String> SUPPORTED_DEFECTS =
      ImmutableSortedSet.of("DmaInStopCopy", "BusyWhenStopped", "DirtyBytesUnderreport");

  /** {@code DefectNames} of {@code specs/VfioArcs/VfioArcs.tla}: every defect a trace may name. */
  static final Set<String> DEFECT_NAMES =
      Set.of(
          "BlockedArcMapsToItself",
          "NewFdInsideSavingGroup",
          "SavingFdNotDisabled",
          "EofAtTemporaryEnd",
          "DirtyBytesUnderreport",
          "DmaInStopCopy",
          "ResetKeepsSession",
          "PreCopyRouteToStopCopy",
          "ErrorIsATarget",
          "V1RunningValue",
          "NoInteriorRule",
          "SkipIgnoresP2pFlag",
          "NoFdOnP2pPreCopy",
          "BusyWhenStopped");

  /** FsmDefects the device can be configured with: K6, {@code SaveDefect.CONCURRENT_SAVE}. */
  static final Set<String> SUPPORTED_FSM_DEFECTS = ImmutableSortedSet.of("ConcurrentSave");

  /** {@code FsmDefectNames} of {@code specs/VfioFsm/VfioFsm.tla}. */
  static final Set<String> FSM_DEFECT_NAMES =
      Set.of(
          "ConcurrentSave",
          "DirtyNotReported",
          "DeferredResetDropped",
          "SetNotSerialised",
          "StaleIncrement");

  private static final Set<String> TARGETS;

  static {
    Set<String> t = new java.util.TreeSet<>();
    for (MigrationState s : MigrationState.values()) {
      t.add(s.name());
    }
    t.add("OUT_OF_RANGE");
    TARGETS = Set.copyOf(t);
  }

  private final ActivityFunction.Misbehaviour extraMisbehaviour;

  /** The binding of the real implementation. */
  public VfioFsmBinding() {
    this(ActivityFunction.Misbehaviour.NONE);
  }

  /**
   * A binding whose function misbehaves in a way no spec constant describes (to show that replay
   * catches a broken implementation); {@code NONE} for the real one.
   */
  public VfioFsmBinding(ActivityFunction.Misbehaviour extraMisbehaviour) {
    this.extraMisbehaviour = extraMisbehaviour;
  }

  @Override
  public String module() {
    return "VfioFsm";
  }

  @Override
  public List<String> variables() {
    return VARIABLES;
  }

  @Override
  public void checkConstants(String file, Map<String, TlaValue> constants)
      throws TraceFormatException {
    Constants c = new Constants(file, constants, CONSTANTS);
    c.onlyNames("Defects", DEFECT_NAMES, "defect");
    c.onlyNames("FsmDefects", FSM_DEFECT_NAMES, "defect");
  }

  @Override
  public FsmAction decode(ActionSource a) throws TraceFormatException {
    return switch (a.tag()) {
      case "SetRequest" -> new FsmAction.SetRequest(a.oneOf(a.name("target", "t"), TARGETS));
      case "SetStep" -> new FsmAction.SetStep();
      case "SetReject" -> new FsmAction.SetReject();
      case "SetStepFails" ->
          new FsmAction.SetStepFails(
              a.oneOf(a.name("outcome", "o"), Set.of("STAY", "ERROR")).equals("ERROR"));
      case "SkipLoopSpin" -> new FsmAction.SkipLoopSpin();
      case "Reset" -> new FsmAction.Reset();
      case "ResetDeferred" -> new FsmAction.ResetDeferred();
      case "DeferredResetApplied" -> new FsmAction.DeferredResetApplied();
      case "ResetRacesArc" -> new FsmAction.ResetRacesArc();
      case "SaveDone" -> new FsmAction.SaveDone();
      case "ReadData" -> new FsmAction.ReadData(a.integer("fd"));
      case "PrecopyInfo" -> new FsmAction.PrecopyInfo(a.integer("fd"));
      case "DeviceActivity" -> new FsmAction.DeviceActivity();
      case "Done" -> new FsmAction.Done();
      default -> throw a.unknownTag(module());
    };
  }

  @Override
  public SystemUnderTest<FsmAction> configure(
      String file, Map<String, TlaValue> constants, Map<String, TlaValue> initialState)
      throws TraceFormatException {
    Constants c = new Constants(file, constants, CONSTANTS);
    List<Integer> flagSets = c.intSet("FlagSets");
    for (int f : flagSets) {
      if (f != 1 && f != 3 && f != 5 && f != 7) {
        throw c.error("FlagSets", "flag set " + f + " is not a legal VFIO flag word");
      }
    }
    int initialSize = c.integer("InitialSize");
    if (initialSize < 1) {
      throw c.error("InitialSize", "must be at least 1");
    }
    int maxDirty = c.integer("MaxDirty");
    if (maxDirty < 0 || maxDirty > 1) {
      throw c.unsupported(
          "MaxDirty",
          "unsupported value "
              + maxDirty
              + ": the device coalesces changes into one dirty image, so only 0..1 is observable");
    }
    int maxOps = c.integer("MaxOps");
    boolean arcsMayFail = c.bool("ArcsMayFail");
    boolean skipLoopFixed = c.bool("SkipLoopFixed");
    Set<String> defects = c.stringSet("Defects");
    for (String d : defects) {
      if (!SUPPORTED_DEFECTS.contains(d)) {
        // a defect of the spec (checkConstants) that lives in the kernel's table or the driver
        throw c.unsupported(
            "Defects",
            "defect \""
                + d
                + "\" cannot be configured in the implementation (supported: "
                + SUPPORTED_DEFECTS
                + ")");
      }
    }
    boolean readsDuringSet = c.bool("ReadsDuringSet");
    boolean infoDuringSet = c.bool("InfoDuringSet");
    boolean deferredReset = c.bool("DeferredReset");
    boolean asyncSave = c.bool("AsyncSave");
    Set<String> fsmDefects = c.stringSet("FsmDefects");
    for (String d : fsmDefects) {
      if (!SUPPORTED_FSM_DEFECTS.contains(d)) {
        throw c.unsupported(
            "FsmDefects",
            "defect \""
                + d
                + "\" cannot be configured in the device (supported: "
                + SUPPORTED_FSM_DEFECTS
                + ")");
      }
    }
    TlaValue flags = initialState.get("flags");
    if (!(flags instanceof TlaValue.Int fi) || !flagSets.contains(fi.value().intValue())) {
      throw new TraceFormatException(
          file, 0, "/states/0/flags", "initial flags must be one of FlagSets " + flagSets);
    }
    ActivityFunction.Misbehaviour mis =
        defects.contains("DmaInStopCopy") || defects.contains("BusyWhenStopped")
            ? ActivityFunction.Misbehaviour.CHANGES_WHEN_QUIESCED
            : extraMisbehaviour;
    // the device's saving-side bugs: K2 (Defects) and K6 (FsmDefects)
    java.util.Set<SaveDefect> saving = java.util.EnumSet.noneOf(SaveDefect.class);
    if (defects.contains("DirtyBytesUnderreport")) {
      saving.add(SaveDefect.DIRTY_BYTES_UNDERREPORT);
    }
    if (fsmDefects.contains("ConcurrentSave")) {
      saving.add(SaveDefect.CONCURRENT_SAVE);
    }
    return new FsmSut(
        fi.value().intValue(),
        initialSize,
        maxDirty,
        maxOps,
        arcsMayFail,
        skipLoopFixed,
        new FsmSut.Concurrency(readsDuringSet, infoDuringSet, deferredReset, asyncSave),
        saving,
        mis);
  }

  @Override
  public java.util.Optional<String> specOnlyDefects(Map<String, TlaValue> constants) {
    List<String> unsupported = new java.util.ArrayList<>();
    for (String key : List.of("Defects", "FsmDefects")) {
      if (constants.get(key) instanceof TlaValue.SetValue s) {
        for (TlaValue e : s.elements()) {
          String name = e instanceof TlaValue.Str str ? str.value() : e.toTla();
          if (!SUPPORTED_DEFECTS.contains(name) && !SUPPORTED_FSM_DEFECTS.contains(name)) {
            unsupported.add(name);
          }
        }
      }
    }
    if (!unsupported.isEmpty()) {
      return java.util.Optional.of(
          unsupported
              + " cannot be configured in the device (supported: "
              + SUPPORTED_DEFECTS
              + " and "
              + SUPPORTED_FSM_DEFECTS
              + ")");
    }
    return java.util.Optional.empty();
  }

  @Override
  public Map<String, TlaValue> correctConstants(Map<String, TlaValue> constants) {
    Map<String, TlaValue> m =
        Constants.replacing(constants, "Defects", new TlaValue.SetValue(List.of()));
    m = Constants.replacing(m, "FsmDefects", new TlaValue.SetValue(List.of()));
    // a reset racing a SET is deferred to the unlock by every driver found (mlx5, pds)
    m = Constants.replacing(m, "DeferredReset", new TlaValue.Bool(true));
    return Constants.replacing(m, "SkipLoopFixed", new TlaValue.Bool(true));
  }
}
