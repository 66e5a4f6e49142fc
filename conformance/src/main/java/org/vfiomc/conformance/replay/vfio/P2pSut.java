package org.vfiomc.conformance.replay.vfio;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.vfiomc.checker.trace.TlaValue;
import org.vfiomc.conformance.function.P2pFunction;
import org.vfiomc.conformance.function.SyntheticFunction;
import org.vfiomc.conformance.orchestrator.MigrationOrchestrator;
import org.vfiomc.conformance.orchestrator.P2pOrdering;
import org.vfiomc.conformance.orchestrator.P2pSafety;
import org.vfiomc.conformance.replay.StepOutcome;
import org.vfiomc.conformance.replay.SystemUnderTest;
import org.vfiomc.conformance.vfio.Arc;
import org.vfiomc.conformance.vfio.ArcFault;
import org.vfiomc.conformance.vfio.ArcFaultInjector;
import org.vfiomc.conformance.vfio.DataFd;
import org.vfiomc.conformance.vfio.Errno;
import org.vfiomc.conformance.vfio.MigrationArcs;
import org.vfiomc.conformance.vfio.MigrationFeatures;
import org.vfiomc.conformance.vfio.MigrationState;
import org.vfiomc.conformance.vfio.NextStep;
import org.vfiomc.conformance.vfio.ReadResult;
import org.vfiomc.conformance.vfio.SetResult;
import org.vfiomc.conformance.vfio.VfioMigrationDevice;
import org.vfiomc.conformance.vfio.WriteResult;

/**
 * Source and destination devices of one VM and QEMU's multi-device policy, one spec step at a time.
 * A QEMU callback records the SET it issues (the ioctl begins); each {@code ArcStep} then issues a
 * real SET of the next hop the device's own arc algorithm ({@link MigrationArcs#nextStep}) gives,
 * so the device takes exactly that one arc, and the SET is over when the device reaches the
 * callback's target.
 *
 * <p>Failures use the device's real fault path: {@code ArcFails} installs a one-shot {@link
 * ArcFault#FAIL_TO_ERROR} for exactly that arc and issues the SET, {@code SetRejected} issues the
 * SET the kernel refuses and checks the EINVAL, {@code DeviceReset} is {@link
 * VfioMigrationDevice#reset}. The emulator's function has no notion of a guest that must reprogram
 * it after a reset: it may initiate P2P at once (it implements {@code ResetDeviceInitiatesP2P =
 * TRUE}); a trace with FALSE replays, since the spec then never issues from a reset device, but its
 * refusal is the spec's alone.
 */
final class P2pSut implements SystemUnderTest<P2pAction> {
  /** The constants of one trace. */
  record Config(
      List<Integer> devices,
      List<Integer> p2p,
      List<Integer> precopy,
      Set<String> defects,
      Set<List<String>> failableArcs,
      int maxFailures,
      boolean vmPaused,
      boolean migrationMayFail,
      boolean resetDeviceInitiatesP2p,
      boolean cpuMmio,
      boolean userPause) {}

  private static final String SRC = "SRC";
  private static final String DST = "DST";
  private static final Set<MigrationState> INITIATE =
      EnumSet.of(MigrationState.RUNNING, MigrationState.PRE_COPY);

  private final List<Integer> devices;
  private final Set<Integer> p2p;
  private final Set<Integer> precopy;
  private final P2pOrdering stopOrdering;
  private final P2pOrdering startOrdering;
  private final boolean blockerEnforced;
  private final boolean drains;
  private final boolean prepareWaitsForAll;
  private final boolean prepareWithoutP2p;
  private final boolean resetsOnFailure;

  /**
   * A failed source SET fails the migration ({@code migration_file_set_error} in {@code
   * vfio_vmstate_change(_prepare)}); not with {@code SourceFailureIgnored}.
   */
  private final boolean sourceFailureFails;

  private final Config config;
  private final Set<List<Object>> resetDevs = new java.util.LinkedHashSet<>();
  private final Map<String, Map<Integer, Boolean>> resetPending = new LinkedHashMap<>();

  /** Per host, the guest's vCPUs as initiator 0 (a function of no device: never quiesced). */
  private final Map<String, P2pFunction> vcpus = new LinkedHashMap<>();

  private final boolean stopBeforeVcpuPause;
  private int failures;
  private boolean migError;
  private long absorbedByError;
  private final Map<String, Map<Integer, VfioMigrationDevice>> dev = new LinkedHashMap<>();
  private final Map<String, Map<Integer, P2pFunction>> fn = new LinkedHashMap<>();
  private final Map<String, Map<Integer, MigrationState>> target = new LinkedHashMap<>();

  /** QEMU's data_fd per source device ({@code VFIOMigration.data_fd}). */
  private final Map<Integer, DataFd> saving = new TreeMap<>();

  /** Every saving fd the source device's SETs returned, in order (session 1, 2, ...). */
  private final Map<Integer, List<DataFd>> returned = new TreeMap<>();

  /** (device, session) whose final data went into the stream. */
  private final Set<List<Integer>> sent = new java.util.LinkedHashSet<>();

  /** The migration failed: QEMU's fds are no longer read (the spec stops tracking them). */
  private boolean fdsForgotten;

  /** The user's stop and cont during pre-copy: NONE, PAUSED, RESUMED. */
  private String userRun = "NONE";

  private final boolean adoptNewFd;
  private final Map<Integer, DataFd> resuming = new TreeMap<>();
  private final TreeSet<Integer> called = new TreeSet<>();
  private String phase = "VM_RUNNING";

  P2pSut(Config config) {
    this.config = config;
    List<Integer> devices = config.devices();
    List<Integer> precopy = config.precopy();
    Set<String> defects = config.defects();
    List<Integer> p2p = config.p2p();
    this.prepareWithoutP2p = defects.contains("PrepareWithoutP2p");
    this.resetsOnFailure = !defects.contains("NoResetOnFailure");
    this.sourceFailureFails = !defects.contains("SourceFailureIgnored");
    this.stopBeforeVcpuPause = defects.contains("StopBeforeVcpuPause");
    this.adoptNewFd = defects.contains("AdoptNewFd");
    this.devices = List.copyOf(new TreeSet<>(devices));
    this.p2p = Set.copyOf(p2p);
    this.precopy = Set.copyOf(precopy);
    this.stopOrdering =
        defects.contains("NoPreparePhase") ? P2pOrdering.NAIVE : P2pOrdering.PREPARE_THEN_MAIN;
    this.startOrdering =
        defects.contains("StartBeforeAllLoaded")
            ? P2pOrdering.NAIVE
            : P2pOrdering.PREPARE_THEN_MAIN;
    this.blockerEnforced = !defects.contains("NoMigrationBlocker");
    this.drains = !defects.contains("PrepareDoesNotDrain");
    this.prepareWaitsForAll = defects.contains("PrepareWaitsForAll");
    for (String h : List.of(SRC, DST)) {
      Map<Integer, VfioMigrationDevice> ds = new TreeMap<>();
      Map<Integer, P2pFunction> fs = new TreeMap<>();
      for (int d : this.devices) {
        P2pFunction f = new P2pFunction(SyntheticFunction.IDENTITY);
        MigrationFeatures features =
            MigrationFeatures.of(this.p2p.contains(d), precopy.contains(d));
        VfioMigrationDevice v = new VfioMigrationDevice(h + "-" + d, f, features);
        if (h.equals(DST)) {
          // load_setup: the destination devices wait in RESUMING with their resuming fds
          SetResult r = v.set(MigrationState.RESUMING);
          com.google.common.base.Verify.verify(r.ok(), "destination setup failed: %s", r);
          resuming.put(d, r.dataFd().orElseThrow());
        }
        ds.put(d, v);
        fs.put(d, f);
      }
      dev.put(h, ds);
      fn.put(h, fs);
      target.put(h, new TreeMap<>());
      resetPending.put(h, new TreeMap<>());
      vcpus.put(h, new P2pFunction(SyntheticFunction.IDENTITY));
    }
    if (config.vmPaused()) {
      // QMP stop before the migration: vm_state_notify(false, PAUSED), prepare then main
      for (int d : this.devices) {
        if (this.p2p.contains(d)) {
          verifySet(dev.get(SRC).get(d), MigrationState.RUNNING_P2P);
        }
      }
      for (int d : this.devices) {
        verifySet(dev.get(SRC).get(d), MigrationState.STOP);
      }
    }
  }

  private static void verifySet(VfioMigrationDevice v, MigrationState t) {
    SetResult r = v.set(t);
    com.google.common.base.Verify.verify(r.ok(), "pausing %s failed: %s", v.name(), r);
  }

  @Override
  public List<String> variables() {
    return VfioP2pBinding.VARIABLES;
  }

  private MigrationState st(String h, int d) {
    return dev.get(h).get(d).state();
  }

  /** QEMU's realize-time check (the orchestrator's {@code MULTI_DEVICE_BLOCKER}). */
  private boolean blockedConfig() {
    return devices.size() > 1 && !p2p.containsAll(devices);
  }

  private boolean migrationAllowed() {
    return !blockedConfig() || !blockerEnforced;
  }

  private static StepOutcome no(String why) {
    return new StepOutcome.NotPossible(why);
  }

  private boolean known(String h, int... ds) {
    for (int d : ds) {
      if (!dev.get(h).containsKey(d) && !(d == 0 && config.cpuMmio())) {
        return false;
      }
    }
    return true;
  }

  private boolean hostIdle(String h) {
    return target.get(h).isEmpty() && resetPending.get(h).isEmpty();
  }

  /** Whether the guest's vCPUs run on host h. */
  private boolean vcpusRun(String h) {
    return h.equals(SRC)
        ? !srcPaused()
            && (Set.of("VM_RUNNING", "SETUP", "SRC_RESUMED", "REFUSED").contains(phase)
                || (stopBeforeVcpuPause && Set.of("STOP_PREPARE", "STOP_MAIN").contains(phase)))
        : Set.of("CLEANUP", "DONE").contains(phase);
  }

  /** The source VM is paused: before the migration, or by the user during pre-copy. */
  private boolean srcPaused() {
    return config.vmPaused() || userRun.equals("PAUSED");
  }

  private static final Set<String> RUN_STATE_PHASES =
      Set.of(
          "STOP_PREPARE",
          "STOP_MAIN",
          "START_PREPARE",
          "START_MAIN",
          "RESTART_PREPARE",
          "RESTART_MAIN",
          "PAUSE_PREPARE",
          "PAUSE_MAIN",
          "CONT_PREPARE",
          "CONT_MAIN");

  /** The next hop of the SET in flight on (h, d), by the device's own arc algorithm. */
  private Optional<MigrationState> nextHop(String h, int d) {
    MigrationState t = target.get(h).get(d);
    if (t == null) {
      return Optional.empty();
    }
    NextStep n = MigrationArcs.nextStep(st(h, d), t, dev.get(h).get(d).features());
    return n instanceof NextStep.Next next ? Optional.of(next.state()) : Optional.empty();
  }

  /** Whether the SET in flight on (h, d) has begun an arc out of the initiating states. */
  private boolean leavingInitiate(String h, int d) {
    return INITIATE.contains(st(h, d))
        && nextHop(h, d).map(n -> !INITIATE.contains(n)).orElse(false);
  }

  private P2pFunction initiator(String h, int s) {
    return s == 0 ? vcpus.get(h) : fn.get(h).get(s);
  }

  @Override
  public StepOutcome apply(P2pAction a) {
    if (a instanceof P2pAction.P2pIssue i) {
      if (i.initiator() == i.target()
          || !known(i.host(), i.initiator(), i.target())
          || !dev.get(i.host()).containsKey(i.target())) {
        return no("no such pair of distinct devices");
      }
      if (i.initiator() == 0) {
        return vcpusRun(i.host()) && vcpus.get(i.host()).issue(i.target())
            ? StepOutcome.OK
            : no("the vCPUs on " + i.host() + " do not run (" + phase + ")");
      }
      if (resetDevs.contains(List.of(i.host(), i.initiator()))
          && !config.resetDeviceInitiatesP2p()
          && !vcpusRun(i.host())) {
        return no("device " + i.initiator() + " was reset and the guest has not reprogrammed it");
      }
      if (leavingInitiate(i.host(), i.initiator())) {
        return no("device " + i.initiator() + " on " + i.host() + " is leaving " + INITIATE);
      }
      return fn.get(i.host()).get(i.initiator()).issue(i.target())
          ? StepOutcome.OK
          : no(
              "device "
                  + i.initiator()
                  + " on "
                  + i.host()
                  + " may not initiate P2P in "
                  + st(i.host(), i.initiator()));
    } else if (a instanceof P2pAction.P2pLand l) {
      if (!known(l.host(), l.initiator(), l.target())
          || !dev.get(l.host()).containsKey(l.target())) {
        return no("no such devices");
      }
      P2pFunction peer = fn.get(l.host()).get(l.target());
      long before = peer.dropped();
      if (!initiator(l.host(), l.initiator()).land(l.target(), peer)) {
        return no("no write " + l.initiator() + " -> " + l.target() + " in flight");
      }
      if (peer.dropped() > before && st(l.host(), l.target()) == MigrationState.ERROR) {
        absorbedByError++; // the spec counts this with the device's lost state, not as a lost write
      }
      return StepOutcome.OK;
    } else if (a instanceof P2pAction.OnFailure f) {
      if (!known(f.host(), f.device())) {
        return no("no device " + f.device());
      }
      return failure(f.step(), f.host(), f.device());
    } else if (a instanceof P2pAction.ArcStep s) {
      if (!known(s.host(), s.device())) {
        return no("no device " + s.device());
      }
      return arcStep(s.host(), s.device(), s.to());
    } else if (a instanceof P2pAction.OnDevice o) {
      if (!known(SRC, o.device())) {
        return no("no device " + o.device());
      }
      return onDevice(o.step(), o.device());
    }
    return phaseStep(((P2pAction.Phase) a).step());
  }

  /** One arc of the SET in flight: a real SET of the next hop, which is one direct arc. */
  private StepOutcome arcStep(String h, int d, String to) {
    Optional<MigrationState> n = nextHop(h, d);
    if (n.isEmpty()) {
      return no("no SET in flight on " + h + "-" + d);
    }
    if (!n.get().name().equals(to)) {
      return new StepOutcome.Unexpected(
          "the device's next hop from " + st(h, d) + " is " + n.get() + ", the spec's " + to);
    }
    P2pFunction f = fn.get(h).get(d);
    if (drains && leavingInitiate(h, d) && f.hasOutstanding()) {
      return no("the arc waits for device " + d + "'s outstanding P2P writes " + f.inflight());
    }
    if (vcpus.get(h).inflight().contains(d)) {
      return no("a vCPU store to device " + d + " is posted ahead of the arc's commands");
    }
    SetResult r = dev.get(h).get(d).set(n.get());
    if (!r.ok()) {
      return new StepOutcome.Unexpected("SET " + h + "-" + d + " -> " + n.get() + " failed: " + r);
    }
    if (h.equals(SRC) && r.dataFd().isPresent()) {
      takeFd(d, r.dataFd().get());
    }
    if (st(h, d) == target.get(h).get(d)) {
      target.get(h).remove(d);
      f.beginArc(false);
    }
    return StepOutcome.OK;
  }

  /**
   * vfio_migration_set_state with the fd a SET returned: taken when QEMU holds none; otherwise
   * closed, and the SET fails ("data_fd out of sync", which fails the migration), unless {@code
   * AdoptNewFd} (the old fd is dropped and the new one taken).
   */
  private void takeFd(int d, DataFd fd) {
    returned.computeIfAbsent(d, k -> new ArrayList<>()).add(fd);
    DataFd old = saving.get(d);
    if (old == null || adoptNewFd) {
      if (old != null) {
        old.close();
      }
      saving.put(d, fd);
    } else {
      fd.close();
      migError = true;
    }
  }

  /** The migration failed: QEMU will only close its fds; the spec stops tracking them. */
  private void forgetFds() {
    fdsForgotten = true;
    sent.clear();
  }

  /** vfio_save_cleanup: QEMU closes its data_fds. */
  private void closeFds() {
    for (DataFd fd : saving.values()) {
      fd.close();
    }
    saving.clear();
    sent.clear();
    fdsForgotten = false;
  }

  /** The session number (1, 2, ...) of a source device's fd, or 0. */
  private int sessionOf(int d, DataFd fd) {
    return fd == null ? 0 : returned.getOrDefault(d, List.of()).indexOf(fd) + 1;
  }

  /** The source device's fd whose session is live and still open, or null. */
  private DataFd liveFd(int d) {
    for (DataFd fd : returned.getOrDefault(d, List.of())) {
      if (fd.live()) {
        return fd;
      }
    }
    return null;
  }

  /** vfio_save_complete_precopy can read d's final data: its fd is the live STOP_COPY session. */
  private boolean readable(int d) {
    DataFd fd = saving.get(d);
    return st(SRC, d) == MigrationState.STOP_COPY && fd != null && fd.live();
  }

  private StepOutcome failed(String h, int d) {
    target.get(h).remove(d);
    fn.get(h).get(d).beginArc(false);
    if (resetsOnFailure) {
      resetPending.get(h).put(d, true);
    }
    if (h.equals(SRC) && sourceFailureFails) {
      migError = true; // migration_file_set_error
    }
    return StepOutcome.OK;
  }

  private StepOutcome failure(P2pAction.FailureStep step, String h, int d) {
    VfioMigrationDevice v = dev.get(h).get(d);
    switch (step) {
      case ArcFails -> {
        Optional<MigrationState> n = nextHop(h, d);
        if (n.isEmpty()
            || !RUN_STATE_PHASES.contains(phase)
            || failures >= config.maxFailures()
            || !config.failableArcs().contains(List.of(st(h, d).name(), n.get().name()))) {
          return no("the arc out of " + st(h, d) + " on " + h + "-" + d + " may not fail now");
        }
        Arc arc = Arc.of(st(h, d), n.get());
        v.setFaultInjector(
            x -> x.equals(arc) ? Optional.of(ArcFault.FAIL_TO_ERROR) : Optional.empty());
        SetResult r = v.set(n.get());
        v.setFaultInjector(ArcFaultInjector.NONE);
        if (r.ok() || v.state() != MigrationState.ERROR) {
          return new StepOutcome.Unexpected("the injected failure of " + arc + " gave " + r);
        }
        failures++;
        return failed(h, d);
      }
      case SetRejected -> {
        MigrationState t = target.get(h).get(d);
        if (t == null || nextHop(h, d).isPresent()) {
          return no("no SET the kernel rejects is in flight on " + h + "-" + d);
        }
        SetResult r = v.set(t);
        if (r.ok() || r.errno().filter(e -> e == Errno.EINVAL).isEmpty()) {
          return new StepOutcome.Unexpected("SET " + t + " from " + v.state() + " gave " + r);
        }
        return failed(h, d);
      }
      case DeviceReset -> {
        if (!resetPending.get(h).containsKey(d)) {
          return no("QEMU resets " + h + "-" + d + " only after a failed SET");
        }
        if (fn.get(h).get(d).hasOutstanding()) {
          return no("the reset waits for the device's outstanding writes");
        }
        v.reset();
        resetPending.get(h).remove(d);
        resetDevs.add(List.of(h, d));
        // QEMU keeps its data_fd (the reset_device path does not close it)
        return StepOutcome.OK;
      }
    }
    throw new IllegalArgumentException(step.toString());
  }

  /** QEMU issues SET {@code t} on (h, d); a SET to the current state returns at once. */
  private StepOutcome issue(String h, int d, MigrationState t) {
    called.add(d);
    if (st(h, d) != t) {
      target.get(h).put(d, t);
      // the driver stops new outbound P2P when the arc out of RUNNING/PRE_COPY begins
      fn.get(h).get(d).beginArc(leavingInitiate(h, d));
    }
    return StepOutcome.OK;
  }

  private StepOutcome callback(String h, String inPhase, int d, boolean registered) {
    if (!phase.equals(inPhase) || !hostIdle(h) || !registered || called.contains(d)) {
      return no("the callback does not run for device " + d + " now (" + phase + ")");
    }
    return StepOutcome.OK;
  }

  private StepOutcome onDevice(P2pAction.DeviceStep step, int d) {
    MigrationState s = st(SRC, d);
    StepOutcome ok;
    switch (step) {
      case SaveSetup -> {
        ok = callback(SRC, "SETUP", d, precopy.contains(d));
        // a device already stopped (paused VM) is left in STOP
        return ok.equals(StepOutcome.OK)
            ? issue(SRC, d, s == MigrationState.RUNNING ? MigrationState.PRE_COPY : s)
            : ok;
      }
      case StopPrepare -> {
        ok = callback(SRC, "STOP_PREPARE", d, p2p.contains(d) || prepareWithoutP2p);
        return ok.equals(StepOutcome.OK)
            ? issue(
                SRC,
                d,
                s == MigrationState.PRE_COPY
                    ? MigrationState.PRE_COPY_P2P
                    : MigrationState.RUNNING_P2P)
            : ok;
      }
      case StopMain -> {
        ok = callback(SRC, "STOP_MAIN", d, true);
        return ok.equals(StepOutcome.OK)
            ? issue(
                SRC,
                d,
                s == MigrationState.PRE_COPY || s == MigrationState.PRE_COPY_P2P
                    ? MigrationState.STOP_COPY
                    : MigrationState.STOP)
            : ok;
      }
      case SaveComplete -> {
        ok = callback(SRC, "COMPLETE", d, true);
        return ok.equals(StepOutcome.OK) ? issue(SRC, d, MigrationState.STOP_COPY) : ok;
      }
      case StartPrepare -> {
        ok = callback(DST, "START_PREPARE", d, p2p.contains(d));
        return ok.equals(StepOutcome.OK) ? issue(DST, d, MigrationState.RUNNING_P2P) : ok;
      }
      case StartMain -> {
        ok = callback(DST, "START_MAIN", d, true);
        return ok.equals(StepOutcome.OK) ? issue(DST, d, MigrationState.RUNNING) : ok;
      }
      case SaveCleanup -> {
        ok = callback(SRC, "CLEANUP", d, true);
        return ok.equals(StepOutcome.OK) ? issue(SRC, d, MigrationState.STOP) : ok;
      }
      case RestartPrepare -> {
        ok = callback(SRC, "RESTART_PREPARE", d, p2p.contains(d));
        return ok.equals(StepOutcome.OK)
            ? issue(
                SRC,
                d,
                s == MigrationState.PRE_COPY
                    ? MigrationState.PRE_COPY_P2P
                    : MigrationState.RUNNING_P2P)
            : ok;
      }
      case RestartMain -> {
        ok = callback(SRC, "RESTART_MAIN", d, true);
        return ok.equals(StepOutcome.OK) ? issue(SRC, d, MigrationState.RUNNING) : ok;
      }
      case FailCleanup -> {
        ok = callback(SRC, "FAIL_CLEANUP", d, true);
        return ok.equals(StepOutcome.OK)
            ? issue(SRC, d, s == MigrationState.STOP_COPY ? MigrationState.STOP : s)
            : ok;
      }
      case NotifyFailed -> {
        ok = callback(SRC, "NOTIFY", d, true);
        return ok.equals(StepOutcome.OK) ? issue(SRC, d, MigrationState.RUNNING) : ok;
      }
      case PausePrepare, ContPrepare -> {
        ok =
            callback(
                SRC,
                step == P2pAction.DeviceStep.PausePrepare ? "PAUSE_PREPARE" : "CONT_PREPARE",
                d,
                p2p.contains(d));
        return ok.equals(StepOutcome.OK)
            ? issue(
                SRC,
                d,
                s == MigrationState.PRE_COPY
                    ? MigrationState.PRE_COPY_P2P
                    : MigrationState.RUNNING_P2P)
            : ok;
      }
      case PauseMain -> {
        // vfio_vmstate_change(false, RUN_STATE_PAUSED): STOP_COPY from a PRE_COPY state
        ok = callback(SRC, "PAUSE_MAIN", d, true);
        return ok.equals(StepOutcome.OK)
            ? issue(
                SRC,
                d,
                s == MigrationState.PRE_COPY || s == MigrationState.PRE_COPY_P2P
                    ? MigrationState.STOP_COPY
                    : MigrationState.STOP)
            : ok;
      }
      case ContMain -> {
        ok = callback(SRC, "CONT_MAIN", d, true);
        return ok.equals(StepOutcome.OK) ? issue(SRC, d, MigrationState.RUNNING) : ok;
      }
    }
    throw new IllegalArgumentException(step.toString());
  }

  private boolean all(String h, Iterable<Integer> ds, Set<MigrationState> allowed) {
    for (int d : ds) {
      if (!allowed.contains(st(h, d))) {
        return false;
      }
    }
    return true;
  }

  private StepOutcome endPhase(String h, String from, Set<Integer> mustHaveRun, String to) {
    if (!phase.equals(from) || !hostIdle(h) || !called.containsAll(mustHaveRun)) {
      return no("the " + from + " phase has not finished");
    }
    phase = to;
    called.clear();
    return StepOutcome.OK;
  }

  private StepOutcome phaseStep(P2pAction.PhaseStep step) {
    Set<Integer> all = Set.copyOf(devices);
    switch (step) {
      case MigrationRefused -> {
        if (!phase.equals("VM_RUNNING") || migrationAllowed()) {
          return no("no blocker refuses a migration now");
        }
        phase = "REFUSED";
        return StepOutcome.OK;
      }
      case StartMigration -> {
        if (!phase.equals("VM_RUNNING")) {
          return no("migration already started");
        }
        if (!migrationAllowed()) {
          return no("migration blocker: " + MigrationOrchestrator.MULTI_DEVICE_BLOCKER);
        }
        phase = "SETUP";
        called.clear();
        return StepOutcome.OK;
      }
      case Switchover -> {
        return endPhase(
            SRC,
            "SETUP",
            precopy,
            srcPaused()
                ? "COMPLETE"
                : stopOrdering == P2pOrdering.PREPARE_THEN_MAIN ? "STOP_PREPARE" : "STOP_MAIN");
      }
      case EndStopPrepare -> {
        if (prepareWaitsForAll
            && !all(
                SRC, devices, Set.of(MigrationState.RUNNING_P2P, MigrationState.PRE_COPY_P2P))) {
          return no("the main phase waits for every device to reach a *_P2P state");
        }
        return endPhase(SRC, "STOP_PREPARE", p2p, "STOP_MAIN");
      }
      case EndStopMain -> {
        boolean failing = migError;
        StepOutcome o = endPhase(SRC, "STOP_MAIN", all, failing ? "FAILED" : "COMPLETE");
        if (o.equals(StepOutcome.OK) && failing) {
          forgetFds();
        }
        return o;
      }
      case EndSaveComplete -> {
        boolean allReadable = true;
        for (int d : devices) {
          allReadable &= readable(d);
        }
        boolean failing = migError || !allReadable;
        StepOutcome o = endPhase(SRC, "COMPLETE", all, failing ? "FAILED" : "LOAD");
        if (o.equals(StepOutcome.OK)) {
          migError = failing;
          if (failing) {
            forgetFds();
          } else {
            for (int d : devices) {
              sent.add(List.of(d, sessionOf(d, saving.get(d))));
            }
          }
        }
        return o;
      }
      case LoadComplete -> {
        if (!phase.equals("LOAD")) {
          return no("not loading");
        }
        Optional<String> failed = transferStreams();
        if (failed.isPresent()) {
          return new StepOutcome.Unexpected(failed.get());
        }
        phase = startOrdering == P2pOrdering.PREPARE_THEN_MAIN ? "START_PREPARE" : "START_MAIN";
        called.clear();
        return StepOutcome.OK;
      }
      case EndStartPrepare -> {
        return endPhase(DST, "START_PREPARE", p2p, "START_MAIN");
      }
      case EndStartMain -> {
        return endPhase(DST, "START_MAIN", all, "CLEANUP");
      }
      case EndCleanup -> {
        StepOutcome o = endPhase(SRC, "CLEANUP", all, "DONE");
        if (o.equals(StepOutcome.OK)) {
          closeFds();
        }
        return o;
      }
      case MigrationFails -> {
        if (!config.migrationMayFail()
            || !hostIdle(SRC)
            || !Set.of("SETUP", "COMPLETE", "LOAD").contains(phase)) {
          return no("the migration does not fail in " + phase);
        }
        phase = phase.equals("SETUP") ? "FAIL_CLEANUP" : "FAILED";
        called.clear();
        forgetFds();
        return StepOutcome.OK;
      }
      case RestartSource -> {
        if (!phase.equals("FAILED")) {
          return no("no failed migration to restart from");
        }
        phase = srcPaused() ? "FAIL_CLEANUP" : "RESTART_PREPARE";
        called.clear();
        return StepOutcome.OK;
      }
      case EndRestartPrepare -> {
        return endPhase(SRC, "RESTART_PREPARE", p2p, "RESTART_MAIN");
      }
      case EndRestartMain -> {
        return endPhase(SRC, "RESTART_MAIN", all, "FAIL_CLEANUP");
      }
      case EndFailCleanup -> {
        StepOutcome o = endPhase(SRC, "FAIL_CLEANUP", all, "NOTIFY");
        if (o.equals(StepOutcome.OK)) {
          closeFds();
        }
        return o;
      }
      case UserStop -> {
        if (!config.userPause()
            || !userRun.equals("NONE")
            || config.vmPaused()
            || !phase.equals("SETUP")
            || !hostIdle(SRC)
            || !called.containsAll(precopy)) {
          return no("the user does not stop the VM now (" + phase + ", " + userRun + ")");
        }
        userRun = "PAUSED";
        phase = "PAUSE_PREPARE";
        called.clear();
        return StepOutcome.OK;
      }
      case EndPausePrepare -> {
        return endPhase(SRC, "PAUSE_PREPARE", p2p, "PAUSE_MAIN");
      }
      case EndPauseMain -> {
        StepOutcome o = endPhase(SRC, "PAUSE_MAIN", all, "SETUP");
        if (o.equals(StepOutcome.OK)) {
          called.addAll(precopy); // save_setup is done
        }
        return o;
      }
      case UserCont -> {
        if (!userRun.equals("PAUSED") || !phase.equals("SETUP") || !hostIdle(SRC)) {
          return no("the user does not resume the VM now (" + phase + ", " + userRun + ")");
        }
        phase = "CONT_PREPARE";
        called.clear();
        return StepOutcome.OK;
      }
      case EndContPrepare -> {
        return endPhase(SRC, "CONT_PREPARE", p2p, "CONT_MAIN");
      }
      case EndContMain -> {
        StepOutcome o = endPhase(SRC, "CONT_MAIN", all, "SETUP");
        if (o.equals(StepOutcome.OK)) {
          called.addAll(precopy);
          userRun = "RESUMED";
        }
        return o;
      }
      case EndNotify -> {
        return endPhase(SRC, "NOTIFY", all, "SRC_RESUMED");
      }
      case Finished -> {
        return Set.of("DONE", "SRC_RESUMED", "REFUSED").contains(phase)
            ? StepOutcome.OK
            : no("the migration is not finished");
      }
    }
    throw new IllegalArgumentException(step.toString());
  }

  /** Moves every source's device stream (read to its end) into its destination's resuming fd. */
  private Optional<String> transferStreams() {
    for (int d : devices) {
      DataFd fd = saving.get(d);
      if (fd == null) {
        return Optional.of("source " + d + " has no saving fd in " + st(SRC, d));
      }
      for (ReadResult r = fd.read(1 << 16); !r.endOfStreamReached(); r = fd.read(1 << 16)) {
        if (r.errno().isPresent()) {
          return Optional.of("source " + d + " read: " + r);
        }
        WriteResult w = resuming.get(d).write(r.data());
        if (w.errno().isPresent()) {
          return Optional.of("destination " + d + " write: " + w);
        }
      }
    }
    return Optional.empty();
  }

  @Override
  public void project(TlaValue[] out) {
    out[0] = null;
    TreeMap<TlaValue, TlaValue> states = new TreeMap<>(TlaValue.ORDER);
    TreeMap<TlaValue, TlaValue> targets = new TreeMap<>(TlaValue.ORDER);
    List<TlaValue> inflight = new ArrayList<>();
    long lost = 0;
    for (String h : List.of(SRC, DST)) {
      TlaValue hv = new TlaValue.Str(h);
      for (int d : devices) {
        TlaValue dv = TlaValue.Int.of(d);
        TlaValue key = new TlaValue.Seq(List.of(hv, dv));
        states.put(key, new TlaValue.Str(st(h, d).name()));
        MigrationState t = target.get(h).get(d);
        targets.put(
            key,
            new TlaValue.Str(
                resetPending.get(h).containsKey(d) ? "RESET" : t == null ? "NONE" : t.name()));
        P2pFunction f = fn.get(h).get(d);
        for (int w : f.inflight()) {
          inflight.add(new TlaValue.Seq(List.of(hv, dv, TlaValue.Int.of(w))));
        }
        lost += f.dropped();
      }
      for (int w : vcpus.get(h).inflight()) {
        inflight.add(new TlaValue.Seq(List.of(hv, TlaValue.Int.of(0), TlaValue.Int.of(w))));
      }
    }
    out[1] = new TlaValue.Fun(states);
    out[2] = new TlaValue.Fun(targets);
    List<TlaValue> cs = new ArrayList<>();
    for (int d : called) {
      cs.add(TlaValue.Int.of(d));
    }
    out[3] = new TlaValue.SetValue(cs);
    out[4] = new TlaValue.SetValue(inflight);
    // the spec's count saturates at 2
    out[5] = TlaValue.Int.of(Math.min(2, lost - absorbedByError));
    out[6] = new TlaValue.Str(phase);
    out[7] = TlaValue.Int.of(failures);
    List<TlaValue> rs = new ArrayList<>();
    for (List<Object> hd : resetDevs) {
      rs.add(
          new TlaValue.Seq(
              List.of(new TlaValue.Str((String) hd.get(0)), TlaValue.Int.of((Integer) hd.get(1)))));
    }
    out[8] = new TlaValue.SetValue(rs);
    out[9] = new TlaValue.Bool(migError);
    TreeMap<TlaValue, TlaValue> qfd = new TreeMap<>(TlaValue.ORDER);
    TreeMap<TlaValue, TlaValue> kfd = new TreeMap<>(TlaValue.ORDER);
    for (int d : devices) {
      qfd.put(TlaValue.Int.of(d), TlaValue.Int.of(fdsForgotten ? 0 : sessionOf(d, saving.get(d))));
      kfd.put(TlaValue.Int.of(d), TlaValue.Int.of(fdsForgotten ? 0 : sessionOf(d, liveFd(d))));
    }
    out[10] = new TlaValue.Fun(qfd);
    out[11] = new TlaValue.Fun(kfd);
    List<TlaValue> ss = new ArrayList<>();
    for (List<Integer> e : sent) {
      ss.add(new TlaValue.Seq(List.of(TlaValue.Int.of(e.get(0)), TlaValue.Int.of(e.get(1)))));
    }
    out[12] = new TlaValue.SetValue(ss);
    out[13] = new TlaValue.Str(userRun);
  }

  @Override
  public Optional<String> violationEvidence(String property) {
    switch (property) {
      case "NoP2pWriteLost" -> {
        long lost = 0;
        for (Map<Integer, P2pFunction> fs : fn.values()) {
          for (P2pFunction f : fs.values()) {
            lost += f.dropped();
          }
        }
        return lost > 0
            ? Optional.of(lost + " P2P write(s) dropped by a quiesced device")
            : Optional.empty();
      }
      case "P2pQuiesceOrder" -> {
        for (String h : List.of(SRC, DST)) {
          List<MigrationState> ss = new ArrayList<>();
          for (int d : devices) {
            ss.add(st(h, d));
          }
          if (P2pSafety.violated(ss)) {
            return Optional.of("P2pSafety violated on " + h + ": " + ss);
          }
        }
        return Optional.empty();
      }
      case "OutstandingP2pDrained" -> {
        for (String h : List.of(SRC, DST)) {
          for (int d : devices) {
            MigrationState s = st(h, d);
            if (fn.get(h).get(d).hasOutstanding() && !INITIATE.contains(s)) {
              return Optional.of(
                  "device "
                      + h
                      + "-"
                      + d
                      + " left RUNNING/PRE_COPY (now "
                      + s
                      + ") with P2P writes in flight");
            }
          }
        }
        return Optional.empty();
      }
      case "MigrateNeverRefused" -> {
        // VfioP2p_WitnessRefused: the witness that the blocker's refusal is reachable
        return phase.equals("REFUSED")
            ? Optional.of("QMP migrate was refused: a device lacks P2P (the migration blocker)")
            : Optional.empty();
      }
      case "BlockerRespected" -> {
        return !phase.equals("VM_RUNNING") && !phase.equals("REFUSED") && blockedConfig()
            ? Optional.of("migration started although a device lacks P2P (" + phase + ")")
            : Optional.empty();
      }
      case "SetsAccepted" -> {
        for (String h : List.of(SRC, DST)) {
          for (Map.Entry<Integer, MigrationState> e : target.get(h).entrySet()) {
            if (st(h, e.getKey()) != MigrationState.ERROR && nextHop(h, e.getKey()).isEmpty()) {
              return Optional.of(
                  "SET "
                      + e.getValue()
                      + " on "
                      + h
                      + "-"
                      + e.getKey()
                      + " in "
                      + st(h, e.getKey())
                      + " is rejected by the kernel");
            }
          }
        }
        return Optional.empty();
      }
      case "NoErrorAtRest", "VmRunsAgain" -> {
        if (!Set.of("DONE", "SRC_RESUMED", "REFUSED").contains(phase)) {
          return Optional.empty();
        }
        for (String h : List.of(SRC, DST)) {
          for (int d : devices) {
            if (st(h, d) == MigrationState.ERROR) {
              return Optional.of("device " + h + "-" + d + " is in ERROR after " + phase);
            }
          }
        }
        return Optional.empty();
      }
      case "NoSilentStateLoss" -> {
        if (!Set.of("DONE", "SRC_RESUMED", "REFUSED").contains(phase)) {
          return Optional.empty();
        }
        for (List<Object> hd : resetDevs) {
          if (vcpusRun((String) hd.get(0))) {
            return Optional.of(
                "the VM runs on " + hd.get(0) + " with device " + hd.get(1) + " reset");
          }
        }
        return Optional.empty();
      }
      case "SourceStateMigrated" -> {
        if (!phase.equals("DONE")) {
          return Optional.empty();
        }
        for (List<Object> hd : resetDevs) {
          if (hd.get(0).equals(SRC)) {
            return Optional.of(
                "the migration completed with source device " + hd.get(1) + " reset");
          }
        }
        return Optional.empty();
      }
      case "DataFdInSync" -> {
        if (migError || fdsForgotten) {
          return Optional.empty();
        }
        for (int d : devices) {
          DataFd fd = saving.get(d);
          if (fd != null && !fd.live()) {
            return Optional.of(
                "QEMU still holds " + fd + " of device " + d + " (" + st(SRC, d) + ") in " + phase);
          }
        }
        return Optional.empty();
      }
      case "SingleSessionStream" -> {
        for (List<Integer> e : sent) {
          if (e.get(1) != 1) {
            return Optional.of(
                "device " + e.get(0) + "'s final data came from its saving session " + e.get(1));
          }
        }
        return Optional.empty();
      }
      case "PausedVmStaysStopped" -> {
        if (srcPaused() && phase.equals("SRC_RESUMED")) {
          for (int d : devices) {
            if (INITIATE.contains(st(SRC, d))) {
              return Optional.of("the VM is paused but device " + d + " is " + st(SRC, d));
            }
          }
        }
        return Optional.empty();
      }
      case "MigrationCompletes", "MigrationEnds" -> {
        if (property.equals("MigrationCompletes") && phase.equals("SRC_RESUMED")) {
          return Optional.of("the migration failed and the source VM resumed");
        }
        if (phase.equals("STOP_PREPARE") && prepareWaitsForAll && !p2p.containsAll(devices)) {
          return Optional.of("the main phase waits for a device without P2P: it never starts");
        }
        return Optional.empty();
      }
      default -> {
        return Optional.empty();
      }
    }
  }
}
