package org.vfiomc.conformance.replay.vfio;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.vfiomc.checker.trace.TlaValue;
import org.vfiomc.checker.trace.TraceFormatException;
import org.vfiomc.conformance.function.P2pFunction;
import org.vfiomc.conformance.replay.ActionSource;
import org.vfiomc.conformance.replay.Constants;
import org.vfiomc.conformance.replay.Discrepancy;
import org.vfiomc.conformance.replay.SpecBinding;
import org.vfiomc.conformance.replay.SystemUnderTest;
import org.vfiomc.conformance.replay.VarDiff;

/**
 * {@code VfioP2p} onto one {@code VfioMigrationDevice} per (host, device) over a {@link
 * P2pFunction}, driven by QEMU's multi-device policy in the orchestrator's vocabulary ({@code
 * P2pOrdering.PREPARE_THEN_MAIN}, or {@code NAIVE} for the defects {@code NoPreparePhase} on stop
 * and {@code StartBeforeAllLoaded} on start; the multi-device migration blocker of {@code
 * MigrationOrchestrator}).
 *
 * <p>The orchestrator itself runs a migration in one call, so the binding performs the same policy
 * one spec step at a time: a callback step ({@code StopPrepare}, {@code StopMain}, {@code
 * SaveComplete}, ...) records the SET QEMU issues ({@code set_target}; the driver stops new
 * outbound P2P when the SET's next arc leaves RUNNING/PRE_COPY), and each {@code ArcStep} makes the
 * device take one arc with a real SET of the next hop its own {@code MigrationArcs.nextStep} gives,
 * allowed out of RUNNING/PRE_COPY only when the device's own P2P writes have landed (unless {@code
 * PrepareDoesNotDrain}). {@code LoadComplete} moves every source's stream to its destination's
 * resuming fd, so the destination's RESUMING &rarr; STOP arc really validates and loads it. {@code
 * phase}, {@code called} and {@code set_target} are the policy's own state; {@code device_state},
 * {@code p2p_inflight} and {@code p2p_lost} are read from the devices and functions.
 *
 * <p>The user's stop and cont during pre-copy ({@code UserPause}: {@code UserStop}, {@code
 * PausePrepare}, ..., {@code EndContMain}) are the same two-phase callbacks with {@code
 * vfio_vmstate_change}'s targets for {@code RUN_STATE_PAUSED} and {@code RUNNING}. QEMU's data_fd
 * is the fd the binding keeps per source device ({@code qemu_fd}: which of the fds the device's
 * SETs returned, 1, 2, ...; {@code kernel_fd}: the one whose session is still live and open, read
 * from the device), with {@code vfio_migration_set_state}'s rule: a SET that returns a new fd while
 * QEMU holds one closes the new fd and fails the migration ("data_fd out of sync"), unless {@code
 * AdoptNewFd}; a failed source SET fails the migration ({@code migration_file_set_error}), unless
 * {@code SourceFailureIgnored}.
 *
 * <p>Constants: {@code Devices} (integers), {@code P2PDevices}, {@code PreCopyDevices}, {@code
 * Defects} (all defects are configurable: they are policy or driver behaviours). All variables are
 * observable. A state mismatch on {@code p2p_lost} where the implementation lost more than the spec
 * is reported as {@link Discrepancy.PacketLost}.
 */
public final class VfioP2pBinding implements SpecBinding<P2pAction> {
  static final List<String> VARIABLES =
      List.of(
          "action",
          "device_state",
          "set_target",
          "called",
          "p2p_inflight",
          "p2p_lost",
          "phase",
          "failures",
          "reset_devs",
          "mig_error",
          "qemu_fd",
          "kernel_fd",
          "sent",
          "user_run");
  static final Set<String> CONSTANTS =
      Set.of(
          "Devices",
          "P2PDevices",
          "PreCopyDevices",
          "FailableArcs",
          "MaxFailures",
          "ResetDeviceInitiatesP2P",
          "VmPaused",
          "CpuMmio",
          "MigrationMayFail",
          "UserPause",
          "Defects");

  /** {@code DefectNames} of {@code specs/VfioP2p/VfioP2p.tla}; all of them are configurable. */
  static final Set<String> DEFECTS =
      Set.of(
          "NoPreparePhase",
          "NoMigrationBlocker",
          "StartBeforeAllLoaded",
          "PrepareDoesNotDrain",
          "PrepareWaitsForAll",
          "PrepareWithoutP2p",
          "StopBeforeVcpuPause",
          "NoResetOnFailure",
          "AdoptNewFd",
          "SourceFailureIgnored");

  private static final Set<String> MIG_STATE_NAMES =
      Set.of(
          "ERROR",
          "STOP",
          "RUNNING",
          "STOP_COPY",
          "RESUMING",
          "RUNNING_P2P",
          "PRE_COPY",
          "PRE_COPY_P2P");

  @Override
  public String module() {
    return "VfioP2p";
  }

  @Override
  public List<String> variables() {
    return VARIABLES;
  }

  @Override
  public void checkConstants(String file, Map<String, TlaValue> constants)
      throws TraceFormatException {
    new Constants(file, constants, CONSTANTS).onlyNames("Defects", DEFECTS, "defect");
  }

  @Override
  public P2pAction decode(ActionSource a) throws TraceFormatException {
    switch (a.tag()) {
      case "P2pIssue", "P2pLand" -> {
        String h = a.oneOf(a.name("host", "h"), Set.of("SRC", "DST"));
        int s = a.integer(a.name("initiator", "s"));
        int t = a.integer(a.name("target", "t"));
        return a.tag().equals("P2pIssue")
            ? new P2pAction.P2pIssue(h, s, t)
            : new P2pAction.P2pLand(h, s, t);
      }
      case "ArcStep" -> {
        String h = a.oneOf(a.name("host", "h"), Set.of("SRC", "DST"));
        return new P2pAction.ArcStep(
            h, a.integer(a.name("device", "d")), a.oneOf("to", MIG_STATE_NAMES));
      }
      default -> {}
    }
    Optional<P2pAction.FailureStep> f = a.tagIn(P2pAction.FailureStep.values(), Enum::name);
    if (f.isPresent()) {
      return new P2pAction.OnFailure(
          f.get(),
          a.oneOf(a.name("host", "h"), Set.of("SRC", "DST")),
          a.integer(a.name("device", "d")));
    }
    Optional<P2pAction.DeviceStep> d = a.tagIn(P2pAction.DeviceStep.values(), Enum::name);
    if (d.isPresent()) {
      return new P2pAction.OnDevice(d.get(), a.integer(a.name("device", "d")));
    }
    Optional<P2pAction.PhaseStep> p = a.tagIn(P2pAction.PhaseStep.values(), Enum::name);
    if (p.isPresent()) {
      return new P2pAction.Phase(p.get());
    }
    throw a.unknownTag(module());
  }

  @Override
  public SystemUnderTest<P2pAction> configure(
      String file, Map<String, TlaValue> constants, Map<String, TlaValue> initialState)
      throws TraceFormatException {
    Constants c = new Constants(file, constants, CONSTANTS);
    List<Integer> devices = c.intSet("Devices");
    List<Integer> p2p = c.intSet("P2PDevices");
    List<Integer> precopy = c.intSet("PreCopyDevices");
    if (!devices.containsAll(p2p) || !devices.containsAll(precopy)) {
      throw c.error("P2PDevices", "P2PDevices and PreCopyDevices must be subsets of Devices");
    }
    Set<String> defects =
        c.subsetOf(
            "Defects", DEFECTS, d -> "unknown defect \"" + d + "\" (known: " + DEFECTS + ")");
    Set<List<String>> failable = arcs(c, constants.get("FailableArcs"));
    int maxFailures = c.integer("MaxFailures");
    if (maxFailures < 0) {
      throw c.error("MaxFailures", "must be >= 0");
    }
    return new P2pSut(
        new P2pSut.Config(
            devices,
            p2p,
            precopy,
            defects,
            failable,
            maxFailures,
            c.bool("VmPaused"),
            c.bool("MigrationMayFail"),
            c.bool("ResetDeviceInitiatesP2P"),
            c.bool("CpuMmio"),
            c.bool("UserPause")));
  }

  /** {@code FailableArcs}: a set of pairs of state names. */
  private static Set<List<String>> arcs(Constants c, TlaValue v) throws TraceFormatException {
    if (!(v instanceof TlaValue.SetValue set)) {
      throw c.error("FailableArcs", "expected a set of <<from, to>> pairs of state names");
    }
    Set<List<String>> out = new java.util.LinkedHashSet<>();
    for (TlaValue e : set.elements()) {
      List<TlaValue> pair =
          e instanceof TlaValue.Seq q
              ? q.elements()
              : e instanceof TlaValue.Tuple t ? t.elements() : List.of();
      if (pair.size() != 2
          || !(pair.get(0) instanceof TlaValue.Str from)
          || !(pair.get(1) instanceof TlaValue.Str to)
          || !MIG_STATE_NAMES.contains(from.value())
          || !MIG_STATE_NAMES.contains(to.value())) {
        throw c.error("FailableArcs", "not a <<from, to>> pair of state names: " + e.toTla());
      }
      out.add(List.of(from.value(), to.value()));
    }
    return out;
  }

  @Override
  public Map<String, TlaValue> correctConstants(Map<String, TlaValue> constants) {
    return Constants.replacing(constants, "Defects", new TlaValue.SetValue(List.of()));
  }

  @Override
  public Discrepancy classify(int step, String action, List<VarDiff> diffs) {
    for (VarDiff d : diffs) {
      if (d.variable().equals("p2p_lost")
          && d.expected() instanceof TlaValue.Int e
          && d.actual() instanceof TlaValue.Int a
          && a.value().compareTo(e.value()) > 0) {
        return new Discrepancy.PacketLost(
            step,
            action,
            "the implementation dropped "
                + a.value().subtract(e.value())
                + " P2P write(s) the spec delivers",
            diffs);
      }
    }
    return new Discrepancy.StateMismatch(step, action, diffs);
  }

  /** Unused: every defect is configurable. */
  @Override
  public Optional<String> specOnlyDefects(Map<String, TlaValue> constants) {
    return Optional.empty();
  }
}
