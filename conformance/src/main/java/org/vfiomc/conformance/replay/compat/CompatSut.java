package org.vfiomc.conformance.replay.compat;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.vfiomc.checker.trace.TlaValue;
import org.vfiomc.conformance.orchestrator.DestinationPicker;
import org.vfiomc.conformance.replay.StepOutcome;
import org.vfiomc.conformance.replay.SystemUnderTest;
import org.vfiomc.conformance.vfio.CompatPolicy;
import org.vfiomc.conformance.vfio.CompatProfile;
import org.vfiomc.conformance.vfio.MigrationState;

/** {@code VfioCompat}'s world: one {@link DestinationPicker} over the trace's devices. */
final class CompatSut implements SystemUnderTest<CompatAction> {
  private final CompatPolicy policy;
  private final DestinationPicker picker;

  CompatSut(
      CompatPolicy policy, CompatProfile source, List<CompatProfile> targets, boolean maySkip) {
    this.policy = policy;
    this.picker = new DestinationPicker(policy, source, targets, maySkip);
  }

  @Override
  public StepOutcome apply(CompatAction a) {
    if (a.kind().hasTarget() && a.kind() != CompatAction.Kind.PICK) {
      String picked = picker.destination().map(CompatProfile::name).orElse("none");
      if (!picked.equals(a.target())) {
        return new StepOutcome.Unexpected(
            a.tag() + " on " + a.target() + " but management has picked " + picked);
      }
    }
    if (a.kind() == CompatAction.Kind.LOAD_OK || a.kind() == CompatAction.Kind.LOAD_REFUSED) {
      Optional<Boolean> accepted = picker.load();
      if (accepted.isEmpty()) {
        return new StepOutcome.NotPossible(a.tag() + " in phase " + picker.phase());
      }
      return accepted.get() == (a.kind() == CompatAction.Kind.LOAD_OK)
          ? StepOutcome.OK
          : new StepOutcome.Unexpected(
              "the destination " + (accepted.get() ? "accepted" : "refused") + " the load");
    }
    boolean done =
        switch (a.kind()) {
          case PICK -> picker.pick(a.target());
          case NO_TARGET -> picker.noTarget();
          case REJECT -> picker.reject();
          case TYPE_CHECK -> picker.typeCheck();
          case CREATE -> picker.create();
          case INSTANCE_CHECK -> picker.instanceCheck();
          case SKIP_CHECKS -> picker.skipChecks();
          case MIGRATE -> picker.migrate();
          case LOAD_OK, LOAD_REFUSED -> throw new AssertionError(a);
          case COMPLETE -> picker.complete();
          case FAIL -> picker.fail();
          case FINISHED -> picker.finished();
        };
    return done
        ? StepOutcome.OK
        : new StepOutcome.NotPossible(a.tag() + " in phase " + picker.phase());
  }

  @Override
  public Optional<String> violationEvidence(String property) {
    CompatProfile s = picker.source();
    Optional<CompatProfile> d = picker.destination();
    if (d.isEmpty()) {
      return Optional.empty();
    }
    CompatProfile t = d.get();
    boolean compatible = CompatPolicy.compatible(s, t);
    DestinationPicker.Phase p = picker.phase();
    return switch (property) {
      case "NoIncompatibleCompletion" ->
          p == DestinationPicker.Phase.DONE && !compatible
              ? Optional.of("migration to incompatible " + t.name() + " completed")
              : Optional.empty();
      case "IncompatibleRefusedAtResume" ->
          (p == DestinationPicker.Phase.LOADED || p == DestinationPicker.Phase.DONE) && !compatible
              ? Optional.of(t.name() + " loaded a stream it cannot carry on")
              : Optional.empty();
      case "ChecksNeverContradict" ->
          CompatPolicy.typeApplies(s, t) && !policy.typeCheck(s, t) && policy.instanceCheck(s, t)
              ? Optional.of(
                  "type-level check refuses " + t.name() + ", instance-level check accepts it")
              : Optional.empty();
      case "NoFalseRefusal" ->
          (picker.typeVerdict() == DestinationPicker.Verdict.NO
                      || picker.instanceVerdict() == DestinationPicker.Verdict.NO)
                  && compatible
              ? Optional.of("a check refused compatible " + t.name())
              : Optional.empty();
      case "CheckPredictsLoad" ->
          p == DestinationPicker.Phase.REFUSED
                  && picker.instanceVerdict() != DestinationPicker.Verdict.SKIPPED
              ? Optional.of(
                  t.name()
                      + " refused the load after the instance check said "
                      + picker.instanceVerdict())
              : Optional.empty();
      case "SourceResumed" ->
          choosing(p)
                  && (picker.vm() != DestinationPicker.Vm.SRC
                      || picker.sourceState() != MigrationState.RUNNING)
              ? Optional.of(
                  "management is in "
                      + p
                      + " with the source device in "
                      + picker.sourceState()
                      + ", VM on "
                      + picker.vm())
              : Optional.empty();
      case "AdminPreserved" ->
          !picker.destinationAdmin().orElse("").equals(t.admin())
              ? Optional.of(
                  t.name()
                      + " runs with administrator settings "
                      + picker.destinationAdmin().orElse("")
                      + " instead of its own "
                      + t.admin())
              : Optional.empty();
      case "StreamVersionAgreed" -> {
        CompatProfile.VersionRange common = s.save().intersect(t.load());
        yield picker
            .header()
            .filter(h -> !common.isEmpty() && !common.contains(h.version()))
            .map(
                h ->
                    "the source wrote version "
                        + h.version()
                        + ", both support "
                        + common.min()
                        + ".."
                        + common.max());
      }
      default -> Optional.empty();
    };
  }

  private static boolean choosing(DestinationPicker.Phase p) {
    return switch (p) {
      case SELECT, PICKED, CREATED, READY, NOTARGET -> true;
      default -> false;
    };
  }

  @Override
  public List<String> variables() {
    return VfioCompatBinding.VARIABLES;
  }

  @Override
  public void project(TlaValue[] out) {
    out[0] = null; // action: the history variable is the trace's label, compared by dispatch
    out[1] = str(picker.phase().name());
    out[2] = picker.destination().map(CompatSut::device).orElse(none());
    List<TlaValue> tried = new ArrayList<>();
    for (String n : picker.tried()) {
      tried.add(new TlaValue.Str(n));
    }
    out[3] = new TlaValue.SetValue(tried);
    out[4] = str(picker.typeVerdict().name().toLowerCase(java.util.Locale.ROOT));
    out[5] = str(picker.instanceVerdict().name().toLowerCase(java.util.Locale.ROOT));
    out[6] = new TlaValue.Bool(picker.created());
    out[7] = str(picker.sourceState().name());
    out[8] = str(picker.destinationState().name());
    out[9] = str(picker.vm().name());
    out[10] = picker.header().map(CompatSut::header).orElse(none());
    out[11] = str(picker.destinationAdmin().orElse("none"));
  }

  private static TlaValue str(String s) {
    return new TlaValue.Str(s);
  }

  private static TlaValue none() {
    return TlaValue.Record.of(Map.of("name", str("none")));
  }

  private static TlaValue versions(CompatProfile.VersionRange r) {
    List<TlaValue> v = new ArrayList<>();
    for (int i = r.min(); i <= r.max(); i++) {
      v.add(TlaValue.Int.of(i));
    }
    return new TlaValue.SetValue(v);
  }

  /** A device as the spec's record. */
  static TlaValue device(CompatProfile d) {
    Map<String, TlaValue> m = new LinkedHashMap<>();
    m.put("name", str(d.name()));
    m.put("vendor", str(d.vendor()));
    m.put("fn", str(d.function()));
    m.put("kind", str(d.kind() == CompatProfile.Kind.MDEV ? "mdev" : "phys"));
    m.put("type", str(d.type()));
    m.put("psize", TlaValue.Int.of(d.parentSize()));
    m.put("share", TlaValue.Int.of(d.share()));
    m.put("save", versions(d.save()));
    m.put("load", versions(d.load()));
    m.put("hostcfg", TlaValue.Int.of(d.hostConfig()));
    m.put("admin", str(d.admin()));
    return TlaValue.Record.of(m);
  }

  private static TlaValue header(CompatPolicy.StreamHeader h) {
    CompatPolicy.CompatString s = h.string();
    Map<String, TlaValue> str = new LinkedHashMap<>();
    str.put("ns", str(s.namespace()));
    str.put("fn", str(s.function()));
    str.put("psize", TlaValue.Int.of(s.parentSize()));
    str.put("share", TlaValue.Int.of(s.share()));
    str.put("save", versions(s.save()));
    Map<String, TlaValue> m = new LinkedHashMap<>();
    m.put("str", TlaValue.Record.of(str));
    m.put("ver", TlaValue.Int.of(h.version()));
    m.put("hostcfg", TlaValue.Int.of(h.hostConfig()));
    m.put("admin", str(h.admin()));
    return TlaValue.Record.of(m);
  }
}
