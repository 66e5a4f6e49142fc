package org.vfiomc.conformance.replay.vfio;

import java.util.ArrayList;
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
import org.vfiomc.conformance.vfio.DataFd;
import org.vfiomc.conformance.vfio.MigrationFeatures;
import org.vfiomc.conformance.vfio.MigrationState;
import org.vfiomc.conformance.vfio.ReadResult;
import org.vfiomc.conformance.vfio.SetResult;
import org.vfiomc.conformance.vfio.VfioMigrationDevice;
import org.vfiomc.conformance.vfio.WriteResult;

/** Source and destination devices of one VM and QEMU's multi-device policy, step by step. */
final class P2pSut implements SystemUnderTest<P2pAction> {
  private static final String SRC = "SRC";
  private static final String DST = "DST";

  private final List<Integer> devices;
  private final Set<Integer> p2p;
  private final Set<Integer> precopy;
  private final P2pOrdering stopOrdering;
  private final P2pOrdering startOrdering;
  private final boolean blockerEnforced;
  private final boolean drains;
  private final boolean prepareWaitsForAll;
  private final Map<String, Map<Integer, VfioMigrationDevice>> dev = new LinkedHashMap<>();
  private final Map<String, Map<Integer, P2pFunction>> fn = new LinkedHashMap<>();
  private final Map<Integer, DataFd> saving = new TreeMap<>();
  private final Map<Integer, DataFd> resuming = new TreeMap<>();
  private final TreeSet<Integer> pending = new TreeSet<>();
  private String phase = "VM_RUNNING";

  P2pSut(List<Integer> devices, List<Integer> p2p, List<Integer> precopy, Set<String> defects) {
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
    }
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
      if (!dev.get(h).containsKey(d)) {
        return false;
      }
    }
    return true;
  }

  @Override
  public StepOutcome apply(P2pAction a) {
    if (a instanceof P2pAction.P2pIssue i) {
      if (i.initiator() == i.target() || !known(i.host(), i.initiator(), i.target())) {
        return no("no such pair of distinct devices");
      }
      return fn.get(i.host()).get(i.initiator()).issue(i.target())
          ? StepOutcome.OK
          : no(
              "device "
                  + i.initiator()
                  + " on "
                  + i.host()
                  + " may not initiate P2P in "
                  + st(i.host(), i.initiator())
                  + (pending.contains(i.initiator()) && i.host().equals(SRC)
                      ? " (a SET has begun)"
                      : ""));
    } else if (a instanceof P2pAction.P2pLand l) {
      if (!known(l.host(), l.initiator(), l.target())) {
        return no("no such devices");
      }
      return fn.get(l.host()).get(l.initiator()).land(l.target(), fn.get(l.host()).get(l.target()))
          ? StepOutcome.OK
          : no("no write " + l.initiator() + " -> " + l.target() + " in flight");
    } else if (a instanceof P2pAction.OnDevice o) {
      if (!known(SRC, o.device())) {
        return no("no device " + o.device());
      }
      return onDevice(o.step(), o.device());
    }
    return phaseStep(((P2pAction.Phase) a).step());
  }

  private StepOutcome set(String h, int d, MigrationState target) {
    SetResult r = dev.get(h).get(d).set(target);
    if (!r.ok()) {
      return new StepOutcome.Unexpected("SET " + h + "-" + d + " -> " + target + " failed: " + r);
    }
    r.dataFd().ifPresent(fd -> saving.put(d, fd));
    return StepOutcome.OK;
  }

  private StepOutcome onDevice(P2pAction.DeviceStep step, int d) {
    MigrationState s = st(SRC, d);
    switch (step) {
      case SaveSetup -> {
        if (!phase.equals("SETUP") || !precopy.contains(d) || s != MigrationState.RUNNING) {
          return no("save_setup moves a PRE_COPY device from RUNNING during SETUP only");
        }
        return set(SRC, d, MigrationState.PRE_COPY);
      }
      case StopPrepare -> {
        if (!phase.equals("STOP_PREPARE")
            || !p2p.contains(d)
            || (s != MigrationState.RUNNING && s != MigrationState.PRE_COPY)
            || pending.contains(d)) {
          return no("the prepare callback does not run for device " + d + " in " + s);
        }
        pending.add(d);
        fn.get(SRC).get(d).beginArc(true);
        return StepOutcome.OK;
      }
      case StopMain -> {
        if (!phase.equals("STOP_MAIN")
            || !(s == MigrationState.RUNNING
                || s == MigrationState.PRE_COPY
                || s == MigrationState.RUNNING_P2P
                || s == MigrationState.PRE_COPY_P2P)
            || pending.contains(d)) {
          return no("the main callback does not run for device " + d + " in " + s);
        }
        pending.add(d);
        fn.get(SRC).get(d).beginArc(true);
        return StepOutcome.OK;
      }
      case StopArcReturns -> {
        if (!pending.contains(d)) {
          return no("no SET in flight on device " + d);
        }
        P2pFunction f = fn.get(SRC).get(d);
        if (drains && f.hasOutstanding()) {
          return no("the arc waits for device " + d + "'s outstanding P2P writes " + f.inflight());
        }
        MigrationState target;
        if (phase.equals("STOP_PREPARE")) {
          target =
              s == MigrationState.RUNNING
                  ? MigrationState.RUNNING_P2P
                  : MigrationState.PRE_COPY_P2P;
        } else {
          target =
              s == MigrationState.PRE_COPY || s == MigrationState.PRE_COPY_P2P
                  ? MigrationState.STOP_COPY
                  : MigrationState.STOP;
        }
        StepOutcome out = set(SRC, d, target);
        pending.remove(d);
        f.beginArc(false);
        return out;
      }
      case StartPrepare -> {
        if (!phase.equals("START_PREPARE")
            || !p2p.contains(d)
            || st(DST, d) != MigrationState.RESUMING) {
          return no("the start prepare callback does not run for device " + d);
        }
        return set(DST, d, MigrationState.RUNNING_P2P);
      }
      case StartMain -> {
        MigrationState t = st(DST, d);
        if (!phase.equals("START_MAIN")
            || (t != MigrationState.RUNNING_P2P && t != MigrationState.RESUMING)) {
          return no("the start main callback does not run for device " + d + " in " + t);
        }
        return set(DST, d, MigrationState.RUNNING);
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

  private StepOutcome phaseStep(P2pAction.PhaseStep step) {
    switch (step) {
      case StartMigration -> {
        if (!phase.equals("VM_RUNNING")) {
          return no("migration already started");
        }
        if (!migrationAllowed()) {
          return no("migration blocker: " + MigrationOrchestrator.MULTI_DEVICE_BLOCKER);
        }
        phase = "SETUP";
        return StepOutcome.OK;
      }
      case Switchover -> {
        if (!phase.equals("SETUP") || !all(SRC, precopy, Set.of(MigrationState.PRE_COPY))) {
          return no("switchover needs every PRE_COPY device in PRE_COPY during SETUP");
        }
        phase = stopOrdering == P2pOrdering.PREPARE_THEN_MAIN ? "STOP_PREPARE" : "STOP_MAIN";
        return StepOutcome.OK;
      }
      case EndStopPrepare -> {
        if (!phase.equals("STOP_PREPARE")
            || !all(
                SRC,
                prepareWaitsForAll ? devices : p2p,
                Set.of(MigrationState.RUNNING_P2P, MigrationState.PRE_COPY_P2P))) {
          return no("the prepare phase has not finished");
        }
        phase = "STOP_MAIN";
        return StepOutcome.OK;
      }
      case EndStopMain -> {
        if (!phase.equals("STOP_MAIN")
            || !all(SRC, devices, Set.of(MigrationState.STOP, MigrationState.STOP_COPY))) {
          return no("not every source device is stopped");
        }
        phase = "LOAD";
        return StepOutcome.OK;
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
        return StepOutcome.OK;
      }
      case EndStartPrepare -> {
        if (!phase.equals("START_PREPARE") || !all(DST, p2p, Set.of(MigrationState.RUNNING_P2P))) {
          return no("the start prepare phase has not finished");
        }
        phase = "START_MAIN";
        return StepOutcome.OK;
      }
      case EndStartMain -> {
        if (!phase.equals("START_MAIN") || !all(DST, devices, Set.of(MigrationState.RUNNING))) {
          return no("not every destination device runs");
        }
        phase = "DONE";
        return StepOutcome.OK;
      }
      case Finished -> {
        return phase.equals("DONE") || (phase.equals("VM_RUNNING") && !migrationAllowed())
            ? StepOutcome.OK
            : no("the migration is not finished");
      }
    }
    throw new IllegalArgumentException(step.toString());
  }

  /** Moves every source's device stream into its destination's resuming fd. */
  private Optional<String> transferStreams() {
    for (int d : devices) {
      VfioMigrationDevice src = dev.get(SRC).get(d);
      DataFd fd = saving.get(d);
      boolean restore = false;
      if (src.state() == MigrationState.STOP) {
        SetResult r = src.set(MigrationState.STOP_COPY);
        if (!r.ok() || r.dataFd().isEmpty()) {
          return Optional.of("source " + d + ": STOP -> STOP_COPY failed: " + r);
        }
        fd = r.dataFd().get();
        restore = true;
      }
      if (fd == null) {
        return Optional.of("source " + d + " has no saving fd in " + src.state());
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
      if (restore && !src.set(MigrationState.STOP).ok()) {
        return Optional.of("source " + d + ": STOP_COPY -> STOP failed");
      }
    }
    return Optional.empty();
  }

  @Override
  public void project(TlaValue[] out) {
    out[0] = null;
    TreeMap<TlaValue, TlaValue> states = new TreeMap<>(TlaValue.ORDER);
    List<TlaValue> inflight = new ArrayList<>();
    long lost = 0;
    for (String h : List.of(SRC, DST)) {
      TlaValue hv = new TlaValue.Str(h);
      for (int d : devices) {
        TlaValue dv = TlaValue.Int.of(d);
        states.put(new TlaValue.Seq(List.of(hv, dv)), new TlaValue.Str(st(h, d).name()));
        P2pFunction f = fn.get(h).get(d);
        for (int t : f.inflight()) {
          inflight.add(new TlaValue.Seq(List.of(hv, dv, TlaValue.Int.of(t))));
        }
        lost += f.dropped();
      }
    }
    out[1] = new TlaValue.Fun(states);
    out[2] = new TlaValue.SetValue(inflight);
    out[3] = TlaValue.Int.of(lost);
    List<TlaValue> pend = new ArrayList<>();
    for (int d : pending) {
      pend.add(TlaValue.Int.of(d));
    }
    out[4] = new TlaValue.SetValue(pend);
    out[5] = new TlaValue.Str(phase);
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
        for (int d : devices) {
          MigrationState s = st(SRC, d);
          if (fn.get(SRC).get(d).hasOutstanding()
              && s != MigrationState.RUNNING
              && s != MigrationState.PRE_COPY) {
            return Optional.of(
                "device " + d + " left RUNNING/PRE_COPY (now " + s + ") with P2P writes in flight");
          }
        }
        return Optional.empty();
      }
      case "BlockerRespected" -> {
        return !phase.equals("VM_RUNNING") && blockedConfig()
            ? Optional.of("migration started although a device lacks P2P (" + phase + ")")
            : Optional.empty();
      }
      case "MigrationCompletes" -> {
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
