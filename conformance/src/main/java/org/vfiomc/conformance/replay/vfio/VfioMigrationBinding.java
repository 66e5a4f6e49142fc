package org.vfiomc.conformance.replay.vfio;

import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.vfiomc.checker.trace.TlaValue;
import org.vfiomc.checker.trace.TraceFormatException;
import org.vfiomc.conformance.orchestrator.ProtocolDefect;
import org.vfiomc.conformance.replay.ActionSource;
import org.vfiomc.conformance.replay.Constants;
import org.vfiomc.conformance.replay.SpecBinding;
import org.vfiomc.conformance.replay.SystemUnderTest;
import org.vfiomc.conformance.vfio.ImageMode;
import org.vfiomc.conformance.vfio.LoadDefect;
import org.vfiomc.conformance.vfio.SaveDefect;

/**
 * {@code VfioMigration} onto a source and a destination {@code VfioMigrationDevice}, each over an
 * 82599 VF ({@link VfFunction}), stepped by a QEMU-like driver ({@link MigrationSut}) whose
 * per-device decisions are the orchestrator's ({@code orchestrator.QemuSteps}).
 *
 * <p>Mapping: {@code GuestWork} is the guest's MMIO write of a new VTEITR0 value into the source VF
 * (dropped while the VF is quiesced: then the step is not possible); {@code MigrationStart} SETs
 * the destination to RESUMING and a PRE_COPY-capable source to PRE_COPY; {@code PrecopyRead} reads
 * the saving fd for exactly {@code initial_bytes} (else {@code dirty_bytes}) of its precopy info,
 * {@code StopCopyRead} for the device's stop-copy size; {@code Switchover} SETs a PRE_COPY source
 * to STOP_COPY (through PRE_COPY_P2P first when the device has P2P) and a source without PRE_COPY
 * to STOP (through RUNNING_P2P with P2P); {@code StopCopyStart} SETs that stopped source to
 * STOP_COPY, which opens its saving fd; {@code StopCopyEof} reads once more and lets the stop-copy
 * loop decide whether it is done; {@code Deliver}, {@code ChunkLost} and {@code ChunksReordered}
 * act on the wire, a queue of the byte chunks read; {@code Deliver} writes the head chunk into the
 * destination's resuming fd; {@code DestStart} SETs the destination to STOP (load) and RUNNING, or
 * resets it when the load is refused; {@code SaveCleanup} SETs the source to STOP; {@code
 * ResumeSource} runs the orchestrator's source recovery and resets a destination still in RESUMING.
 *
 * <p>Projection: a chunk is the bytes of one read: an optional stream header and one section (the
 * final read: FINAL_STATE and END); its {@code seq} is the section's sequence number + 1, {@code
 * final} whether it is FINAL_STATE, {@code ver} the version of its payload. Versions number the
 * source VF's distinct saved states (its {@code VfSnapshotCodec} bytes) in the order they appear
 * (the initial state is 0); {@code src_device} is the version of the source's current state, {@code
 * dst_device} that of the destination's state once a load succeeded (-1 before, and after a reset).
 * {@code guest_view} is the guest's count of the work the device took; {@code src_stop_ver} the
 * version saved at the switchover; {@code src_sent_ver} the version the newest read counted as sent
 * (see below), or before any read the version of the initial image (the state at RUNNING →
 * PRE_COPY, when the device saves it).
 *
 * <p>Constants: {@code FlagSets} ⊆ {1, 3, 5, 7} (the initial state's {@code flags} picks the
 * devices' feature set, the one choice of {@code Init}), {@code MaxVersion} (the guest's work
 * budget), {@code MayCancel}, {@code NetFaults} ⊆ {"LOSS", "REORDER"}, {@code Defects}: {@code
 * AcceptTruncated} and {@code AcceptReordered} configure the destination device's {@code
 * LoadDefect}s; {@code NoResumeOnFailure}, {@code RecoverByReset} and {@code
 * WaitForEnomsgInStopCopy} the orchestrator's {@code ProtocolDefect}s; {@code DeviceRunsInStopCopy}
 * and {@code BusyWhenStopped} a source VF that the driver never quiesces (its state still changes
 * in STOP_COPY or STOP); {@code StaleDirtyChunk} the source device's {@code SaveDefect}. {@code
 * DeltaImages}: FALSE, the source device saves whole images ({@code ImageMode.WHOLE}: every chunk
 * projects with {@code base = -1}); TRUE, incremental images ({@code ImageMode.DELTA}): the initial
 * chunk is whole, every later one (the final one included) an increment whose {@code base} is the
 * version of the source state it names and whose {@code ver} that of the state it builds on it; the
 * destination is then configured with {@code LoadDefect.UNCHECKED_DELTA_BASE}, because the spec's
 * destination accepts any complete, in-order stream and applies an increment to whatever it holds
 * ({@code Apply}); {@code dst_device} projects as {@code Corrupt} (-2) when the device reports that
 * it applied an increment to an image it was not made for. {@code src_sent_ver} is the version the
 * newest read counted as sent: its chunk's version, except for a dirty pre-copy read, which counts
 * the source's state at the read (the same for a correct device; not for {@code StaleDirtyChunk}).
 * {@code Threshold} (chunks pending at switchover: a non-zero initial or dirty estimate counts one
 * each) and {@code RejectedLoad} (COMPLETE: a refused load resets the destination and the migration
 * goes on to cleanup, QEMU's {@code vfio_vmstate_change}; FAIL: the source resumes) are bound.
 * {@code ArcSteps = TRUE}: QEMU's SET-issuing steps only record the SET's target ({@code
 * src_tgt}/{@code dst_tgt}); each {@code SrcArc}/{@code DstArc} runs the arc {@code
 * MigrationArcs.nextStep} ({@code vfio_mig_get_next_state}) returns as a single-arc SET of the
 * device, the same code path as a whole SET (a direct arc resolves to itself), so the guest, the
 * wire and the other device interleave between arcs as under the driver loop of a variant driver
 * (mlx5's {@code mlx5vf_pci_step_device_state_locked} per arc); a returned fd is QEMU's when the
 * arc ends the SET and QEMU holds none ({@code vfio_migration_set_state}). {@code ArcsMayFail =
 * TRUE}: {@code ArcFails(dev, outcome)} injects {@code FAIL_STAY}/{@code FAIL_TO_ERROR} into that
 * device's next arc; {@code LoadRejected} is the destination's RESUMING -> STOP refused by its
 * stream check; {@code QemuRecover(dev)} SETs the recover state or resets the device ({@code
 * vfio_migration_set_state}, {@code vfio_migration_set_state_or_reset}). {@code SwitchoverAck =
 * TRUE}: {@code DestAck} once the destination wrote the initial chunk ({@code
 * qemu_loadvm_approve_switchover}), and a PRE_COPY source's {@code Switchover} waits for it. QEMU
 * defects of these steps: {@code NoResetOnError}, {@code SwitchoverBeforeAck}, {@code
 * RetryFailedSet}, {@code WriteBeforeResuming}. {@code NewFdInsideSavingGroup} is a driver
 * arc-table bug the device does not have: spec-only. Without ArcSteps, {@code src_tgt}/{@code
 * dst_tgt} are "NONE" and {@code set_failed} "NONE"; {@code src_nfd}/{@code dst_nfd} are the
 * devices' session counts, {@code src_live}/{@code dst_live} that count while a session is live (0
 * otherwise), {@code src_fd}/{@code dst_fd} the number of the fd the driver holds (0 once it closed
 * or dropped it). All variables are observable.
 */
public final class VfioMigrationBinding implements SpecBinding<MigrationAction> {
  static final List<String> VARIABLES =
      List.of(
          "action",
          "flags",
          "phase",
          "src_state",
          "dst_state",
          "src_device",
          "guest_view",
          "src_sent_ver",
          "src_eof",
          "src_read",
          "wire",
          "dst_written",
          "dst_device",
          "src_stop_ver",
          "src_tgt",
          "dst_tgt",
          "src_live",
          "dst_live",
          "src_nfd",
          "dst_nfd",
          "src_fd",
          "dst_fd",
          "set_failed",
          "dst_acked");
  static final Set<String> CONSTANTS =
      Set.of(
          "FlagSets",
          "MaxVersion",
          "MayCancel",
          "NetFaults",
          "DeltaImages",
          "ArcSteps",
          "ArcsMayFail",
          "RejectedLoad",
          "Threshold",
          "SwitchoverAck",
          "Defects");
  static final Map<String, LoadDefect> DEVICE_DEFECTS =
      Map.of(
          "AcceptTruncated", LoadDefect.ACCEPT_TRUNCATED,
          "AcceptReordered", LoadDefect.ACCEPT_REORDERED);

  /** Defects of a source VF the driver never quiesces (the trace says in which state it works). */
  static final Set<String> FUNCTION_DEFECTS = Set.of("DeviceRunsInStopCopy", "BusyWhenStopped");

  /** Defects of the source device's saving side ({@code SaveDefect}). */
  static final Map<String, SaveDefect> SAVE_DEFECTS =
      Map.of("StaleDirtyChunk", SaveDefect.STALE_DIRTY_CHUNK);

  /** Defects that no binding drives (none left: each is bound or spec-only). */
  static final Map<String, String> UNBOUND_DEFECTS = Map.of();

  /**
   * QEMU defects of the binding's own driver steps: {@code NoResetOnError} (QemuRecover leaves a
   * device in ERROR: vfio_migration_set_state without its reset_device path), {@code
   * SwitchoverBeforeAck} (Switchover does not wait for the destination's ack), {@code
   * RetryFailedSet} (QemuRecover issues the failed SET again instead of its recover state) and
   * {@code WriteBeforeResuming} (Deliver writes before the destination's RESUMING SET returned,
   * through no resuming fd).
   */
  static final Set<String> QEMU_ARC_DEFECTS =
      Set.of("NoResetOnError", "SwitchoverBeforeAck", "RetryFailedSet", "WriteBeforeResuming");

  /** Driver arc-table bugs: the emulated device follows the kernel's table (spec-only). */
  static final Map<String, String> DRIVER_TABLE_DEFECTS =
      Map.of(
          "NewFdInsideSavingGroup",
          "is a driver arc-table bug (a second session inside the saving group); the emulated"
              + " device follows the kernel's table");

  /** The VFs this binding's replays reuse (one binding serves one replay command). */
  private final VfPool pool;

  /** The binding, reusing VFs across its replays. */
  public VfioMigrationBinding() {
    this(new VfPool());
  }

  /** The binding with its VFs from {@code pool} (a test's). */
  VfioMigrationBinding(VfPool pool) {
    this.pool = pool;
  }

  /** The pool, for tests. */
  VfPool pool() {
    return pool;
  }

  @Override
  public String module() {
    return "VfioMigration";
  }

  @Override
  public List<String> variables() {
    return VARIABLES;
  }

  @Override
  public void checkConstants(String file, Map<String, TlaValue> constants)
      throws TraceFormatException {
    // every defect of VfioMigration's DefectNames is known: supported() or UNBOUND_DEFECTS
    Set<String> known = new TreeSet<>(supported());
    known.addAll(UNBOUND_DEFECTS.keySet());
    new Constants(file, constants, CONSTANTS).onlyNames("Defects", known, "defect");
  }

  private static final Set<String> DEVICES = Set.of("SRC", "DST");
  private static final Set<String> OUTCOMES = Set.of("STAY", "ERROR");

  @Override
  public MigrationAction decode(ActionSource a) throws TraceFormatException {
    // ArcFails(d, outcome) and QemuRecover(d) carry the device (and the arc's outcome)
    if (a.tag().equals("ArcFails")) {
      boolean src = a.oneOf("dev", DEVICES).equals("SRC");
      boolean error = a.oneOf("outcome", OUTCOMES).equals("ERROR");
      return src
          ? (error ? MigrationAction.ArcFailsSrcError : MigrationAction.ArcFailsSrcStay)
          : (error ? MigrationAction.ArcFailsDstError : MigrationAction.ArcFailsDstStay);
    }
    if (a.tag().equals("QemuRecover")) {
      return a.oneOf("dev", DEVICES).equals("SRC")
          ? MigrationAction.QemuRecoverSrc
          : MigrationAction.QemuRecoverDst;
    }
    for (MigrationAction m : MigrationAction.values()) {
      if (m.name().equals(a.tag())) {
        if (!a.params().isEmpty()) {
          throw a.error("VfioMigration's " + m + " has no parameters, got " + a.params().keySet());
        }
        return m;
      }
    }
    throw a.unknownTag(module());
  }

  @Override
  public SystemUnderTest<MigrationAction> configure(
      String file, Map<String, TlaValue> constants, Map<String, TlaValue> initialState)
      throws TraceFormatException {
    Constants c = new Constants(file, constants, CONSTANTS);
    List<Integer> flagSets = c.intSet("FlagSets");
    for (int f : flagSets) {
      if (f != 1 && f != 3 && f != 5 && f != 7) {
        throw c.error("FlagSets", "flag set " + f + " is not a legal VFIO flag word");
      }
    }
    int maxVersion = c.integer("MaxVersion");
    if (maxVersion < 0) {
      throw c.error("MaxVersion", "must be at least 0, got " + maxVersion);
    }
    boolean mayCancel = c.bool("MayCancel");
    Set<String> netFaults = c.stringSet("NetFaults");
    for (String f : netFaults) {
      if (!f.equals("LOSS") && !f.equals("REORDER")) {
        throw c.error("NetFaults", "unknown fault \"" + f + "\" (known: LOSS, REORDER)");
      }
    }
    boolean arcSteps = c.bool("ArcSteps");
    boolean arcsMayFail = c.bool("ArcsMayFail");
    if (arcsMayFail && !arcSteps) {
      throw c.error("ArcsMayFail", "TRUE needs ArcSteps = TRUE (the spec's ASSUME)");
    }
    boolean switchoverAck = c.bool("SwitchoverAck");
    Set<String> qemuArcDefects = new TreeSet<>();
    Set<LoadDefect> loadDefects = EnumSet.noneOf(LoadDefect.class);
    Set<ProtocolDefect> qemuDefects = EnumSet.noneOf(ProtocolDefect.class);
    Set<SaveDefect> saveDefects = EnumSet.noneOf(SaveDefect.class);
    boolean runsInStopCopy = false;
    for (String d : c.stringSet("Defects")) {
      if (DEVICE_DEFECTS.containsKey(d)) {
        loadDefects.add(DEVICE_DEFECTS.get(d));
      } else if (ProtocolDefect.bySpecName(d).isPresent()) {
        qemuDefects.add(ProtocolDefect.bySpecName(d).get());
      } else if (FUNCTION_DEFECTS.contains(d)) {
        runsInStopCopy = true;
      } else if (QEMU_ARC_DEFECTS.contains(d)) {
        qemuArcDefects.add(d);
      } else if (DRIVER_TABLE_DEFECTS.containsKey(d)) {
        throw c.unsupported("Defects", "defect \"" + d + "\" " + DRIVER_TABLE_DEFECTS.get(d));
      } else if (UNBOUND_DEFECTS.containsKey(d)) {
        throw c.unsupported("Defects", "defect \"" + d + "\" " + UNBOUND_DEFECTS.get(d));
      } else if (SAVE_DEFECTS.containsKey(d)) {
        saveDefects.add(SAVE_DEFECTS.get(d));
      } else {
        throw c.error(
            "Defects",
            "defect \""
                + d
                + "\" cannot be configured in the implementation (supported: "
                + supported()
                + ")");
      }
    }
    boolean deltaImages = c.bool("DeltaImages");
    if (deltaImages) {
      // the spec's destination applies increments without checking their base (LoadAccepts:
      // complete and in order; Apply: Corrupt on a wrong base)
      loadDefects.add(LoadDefect.UNCHECKED_DELTA_BASE);
    }
    boolean completeOnRejectedLoad =
        c.oneOf("RejectedLoad", Set.of("COMPLETE", "FAIL")).equals("COMPLETE");
    int threshold = c.integer("Threshold");
    if (threshold < 0) {
      throw c.error("Threshold", "must be at least 0, got " + threshold);
    }
    TlaValue flags = initialState.get("flags");
    if (!(flags instanceof TlaValue.Int fi) || !flagSets.contains(fi.value().intValue())) {
      throw new TraceFormatException(
          file, 0, "/states/0/flags", "initial flags must be one of FlagSets " + flagSets);
    }
    MigrationSut sut =
        new MigrationSut(
            pool,
            fi.value().intValue(),
            maxVersion,
            mayCancel,
            netFaults.contains("LOSS"),
            netFaults.contains("REORDER"),
            loadDefects,
            qemuDefects,
            runsInStopCopy,
            threshold,
            completeOnRejectedLoad);
    sut.configureSource(deltaImages ? ImageMode.DELTA : ImageMode.WHOLE, saveDefects);
    sut.configureArcs(
        new MigrationSut.ArcOptions(
            arcSteps,
            arcsMayFail,
            switchoverAck,
            qemuArcDefects.contains("NoResetOnError"),
            qemuArcDefects.contains("SwitchoverBeforeAck"),
            qemuArcDefects.contains("RetryFailedSet"),
            qemuArcDefects.contains("WriteBeforeResuming")));
    return sut;
  }

  private static Set<String> supported() {
    Set<String> s = new TreeSet<>(DEVICE_DEFECTS.keySet());
    for (ProtocolDefect d : ProtocolDefect.values()) {
      s.add(d.specName());
    }
    s.addAll(FUNCTION_DEFECTS);
    s.addAll(SAVE_DEFECTS.keySet());
    s.addAll(QEMU_ARC_DEFECTS);
    s.addAll(DRIVER_TABLE_DEFECTS.keySet());
    return s;
  }

  @Override
  public Optional<String> specOnlyDefects(Map<String, TlaValue> constants) {
    if (constants.get("Defects") instanceof TlaValue.SetValue set) {
      for (TlaValue e : set.elements()) {
        if (e instanceof TlaValue.Str str && DRIVER_TABLE_DEFECTS.containsKey(str.value())) {
          return Optional.of(str.value() + " " + DRIVER_TABLE_DEFECTS.get(str.value()));
        }
      }
    }
    return Optional.empty();
  }

  @Override
  public Map<String, TlaValue> correctConstants(Map<String, TlaValue> constants) {
    Map<String, TlaValue> m = new LinkedHashMap<>(constants);
    if (m.containsKey("Defects")) {
      m.put("Defects", new TlaValue.SetValue(List.of()));
    }
    return m;
  }
}
