package org.vfiomc.conformance.replay.vfio;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.vfiomc.checker.trace.TlaValue;
import org.vfiomc.conformance.function.ActivityFunction;
import org.vfiomc.conformance.function.SyntheticFunction;
import org.vfiomc.conformance.replay.StepOutcome;
import org.vfiomc.conformance.replay.SystemUnderTest;
import org.vfiomc.conformance.vfio.Arc;
import org.vfiomc.conformance.vfio.ArcFault;
import org.vfiomc.conformance.vfio.MigrationArcs;
import org.vfiomc.conformance.vfio.MigrationFeatures;
import org.vfiomc.conformance.vfio.MigrationState;
import org.vfiomc.conformance.vfio.NextStep;
import org.vfiomc.conformance.vfio.SetResult;
import org.vfiomc.conformance.vfio.VfioMigrationDevice;

/**
 * One SET request on a real {@link VfioMigrationDevice}: the device is driven to the request's
 * current state (ERROR through an injected arc failure), then the SET is issued once and its
 * answers are read back: the states it walked (the device's arc listener order, from its {@link
 * SetResult}), whether it returned a new data fd, and its first hop. The device's SET runs the
 * fixed next-step function ({@link MigrationArcs#nextStep}): its answer is what {@code table_next}
 * and {@code rule_candidates} are compared with. {@code kernel_next} is the next-step function as
 * configured: {@link MigrationArcs#nextStepBeforeFix} for {@code SkipLoopFixed = FALSE} (bug K1),
 * which answers "SPIN" where the pre-fix loop never returns; the spec's {@code set_path} for such a
 * request is empty, as is the device's (its fixed loop rejects it). Every answer variable of the
 * spec is projected from that one answer, so a spec derivation that disagrees with the
 * implementation (a wrong table cell, a dropped rule, a wrong ABI value) shows as a state mismatch
 * at the request.
 */
final class PathCheckSut implements SystemUnderTest<PathCheckAction> {
  private final MigrationFeatures features;
  private final MigrationState current;

  /** Empty for a target outside 0..7 ({@code "OUT_OF_RANGE"}): the ioctl rejects it. */
  private final Optional<MigrationState> target;

  private final boolean skipLoopFixed;
  private final TlaValue[] answers;

  PathCheckSut(int flags, String current, String target, boolean skipLoopFixed) {
    this.features = MigrationFeatures.fromFlags(flags).orElseThrow();
    this.current = MigrationState.valueOf(current);
    this.target =
        target.equals("OUT_OF_RANGE")
            ? Optional.empty()
            : Optional.of(MigrationState.valueOf(target));
    this.skipLoopFixed = skipLoopFixed;
    this.answers = ask(TlaValue.Int.of(flags), str(current), str(target));
  }

  /** Brings a fresh device to the current state and issues the SET once. */
  private TlaValue[] ask(TlaValue flags, TlaValue cur, TlaValue tgt) {
    VfioMigrationDevice device =
        new VfioMigrationDevice(
            "path-check",
            new ActivityFunction(SyntheticFunction.IDENTITY, ActivityFunction.Misbehaviour.NONE),
            features);
    if (current == MigrationState.ERROR) {
      // a failed arc that enters ERROR (the uAPI: "the device may enter ERROR on any failure")
      device.setFaultInjector(arc -> Optional.of(ArcFault.FAIL_TO_ERROR));
      device.set(MigrationState.STOP);
      device.setFaultInjector(arc -> Optional.empty());
    } else if (current != MigrationState.RUNNING) {
      SetResult r = device.set(current);
      if (current == MigrationState.RESUMING && r.dataFd().isPresent()) {
        // a destination's resuming fd holds a saved stream before it leaves RESUMING
        FsmSut.feedValidStream(r.dataFd().get(), features)
            .ifPresent(
                why -> {
                  throw new IllegalStateException("could not fill the resuming fd: " + why);
                });
      }
    }
    if (device.state() != current) {
      throw new IllegalStateException("the device did not reach " + current + ": " + device);
    }
    List<TlaValue> path = new ArrayList<>();
    boolean newFd = false;
    if (target.isPresent()) {
      SetResult r = device.set(target.get());
      if (r.ok()) {
        path.add(str(current.name()));
        for (Arc a : r.arcs()) {
          path.add(str(a.to().name()));
        }
        newFd = r.dataFd().isPresent();
      }
    }
    return new TlaValue[] {
      null, // action: the history variable is the trace's label, compared by dispatch
      flags,
      cur,
      tgt,
      abi(),
      str(next(true)),
      candidates(),
      str(next(skipLoopFixed)),
      new TlaValue.Seq(path),
      new TlaValue.Bool(newFd),
      sessionArcs(),
      outcome(path, newFd)
    };
  }

  /**
   * The next step: a state name, "EINVAL", or "SPIN" (the pre-fix loop hangs). {@code fixed}: the
   * loop the device's SET runs, the answer {@code table_next} and {@code rule_candidates} are
   * compared with; else the pre-fix loop, the configured next-step function ({@code kernel_next}).
   */
  private String next(boolean fixed) {
    if (target.isEmpty()) {
      return "EINVAL";
    }
    if (current == target.get() && features.supports(current)) {
      return current.name();
    }
    NextStep n =
        fixed
            ? MigrationArcs.nextStep(current, target.get(), features)
            : MigrationArcs.nextStepBeforeFix(current, target.get(), features);
    if (n instanceof NextStep.Next s) {
      return s.state().name();
    }
    return n instanceof NextStep.Hangs ? "SPIN" : "EINVAL";
  }

  /**
   * The implementation's first hop as the rules' candidate set: one state when it steps, none when
   * it rejects or the SET is a no-op (the rules' shortest path then has length 0).
   */
  private TlaValue candidates() {
    String n = next(true);
    boolean steps =
        target.isPresent() && current != target.get() && !n.equals("EINVAL") && !n.equals("SPIN");
    return new TlaValue.SetValue(steps ? List.of(str(n)) : List.of());
  }

  private static TlaValue abi() {
    Map<String, TlaValue> m = new TreeMap<>();
    for (MigrationState s : MigrationState.values()) {
      m.put(s.name(), TlaValue.Int.of(s.abi()));
    }
    return TlaValue.Record.of(m);
  }

  private TlaValue sessionArcs() {
    List<TlaValue> arcs = new ArrayList<>();
    for (Arc a : MigrationArcs.directArcs(features)) {
      if (a.startsSession().isPresent()) {
        arcs.add(new TlaValue.Tuple(List.of(str(a.from().name()), str(a.to().name()))));
      }
    }
    return new TlaValue.SetValue(arcs);
  }

  /** For flags 7 and a SET that moves: the arcs walked and the new fd; arcs = -1 elsewhere. */
  private TlaValue outcome(List<TlaValue> path, boolean newFd) {
    boolean entry =
        features == MigrationFeatures.of(true, true)
            && target.isPresent()
            && current != target.get()
            && path.size() > 1;
    Map<String, TlaValue> m = new TreeMap<>();
    m.put("arcs", TlaValue.Int.of(entry ? path.size() - 1 : -1));
    m.put("fd", new TlaValue.Bool(entry && newFd));
    return TlaValue.Record.of(m);
  }

  private static TlaValue str(String s) {
    return new TlaValue.Str(s);
  }

  @Override
  public List<String> variables() {
    return VfioPathCheckBinding.VARIABLES;
  }

  @Override
  public void project(TlaValue[] out) {
    System.arraycopy(answers, 0, out, 0, answers.length);
  }

  @Override
  public StepOutcome apply(PathCheckAction action) {
    return StepOutcome.OK; // Stay: the request and its answers do not change
  }

  @Override
  public Optional<String> violationEvidence(String property) {
    // the only violation the implementation can be configured into: the pre-fix skip loop
    if (property.equals("KernelMatchesTable") && next(skipLoopFixed).equals("SPIN")) {
      return Optional.of(
          "SET "
              + current
              + " -> "
              + target.map(Enum::name).orElse("OUT_OF_RANGE")
              + " with flags "
              + features.flags()
              + ": the pre-fix next-step function never returns where the table says EINVAL");
    }
    return Optional.empty();
  }
}
