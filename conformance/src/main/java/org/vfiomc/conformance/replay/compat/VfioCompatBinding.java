package org.vfiomc.conformance.replay.compat;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.vfiomc.checker.trace.TlaValue;
import org.vfiomc.checker.trace.TraceFormatException;
import org.vfiomc.conformance.replay.ActionSource;
import org.vfiomc.conformance.replay.Constants;
import org.vfiomc.conformance.replay.SpecBinding;
import org.vfiomc.conformance.replay.SystemUnderTest;
import org.vfiomc.conformance.vfio.CompatPolicy;
import org.vfiomc.conformance.vfio.CompatProfile;

/**
 * {@code VfioCompat} onto management's {@code orchestrator.DestinationPicker} and the {@code
 * vfio.CompatPolicy} it asks ({@link CompatSut}).
 *
 * <p>Mapping: each action is the picker's method of the same name ({@code LoadOk} and {@code
 * LoadRefused} are both {@code load()}, whose answer must be the one the trace took); an action
 * naming another candidate than the picked one is unexpected. Constants: {@code Source} and {@code
 * Targets} are device records (fields {@code name, vendor, fn, kind, type, psize, share, save,
 * load, hostcfg, admin}; {@code save} and {@code load} must be contiguous ranges of versions, the
 * implementation's {@link CompatProfile.VersionRange}); {@code MaySkipChecks}; every defect of the
 * spec's {@code DefectNames} is a {@link CompatPolicy.Fault}. All variables are observable.
 */
public final class VfioCompatBinding implements SpecBinding<CompatAction> {
  static final List<String> VARIABLES =
      List.of(
          "action",
          "phase",
          "dst",
          "tried",
          "type_verdict",
          "inst_verdict",
          "created",
          "src_state",
          "dst_state",
          "vm",
          "hdr",
          "dst_admin");
  static final Set<String> CONSTANTS = Set.of("Source", "Targets", "MaySkipChecks", "Defects");
  private static final Set<String> FIELDS =
      Set.of(
          "name", "vendor", "fn", "kind", "type", "psize", "share", "save", "load", "hostcfg",
          "admin");

  @Override
  public String module() {
    return "VfioCompat";
  }

  @Override
  public List<String> variables() {
    return VARIABLES;
  }

  @Override
  public void checkConstants(String file, Map<String, TlaValue> constants)
      throws TraceFormatException {
    new Constants(file, constants, CONSTANTS).onlyNames("Defects", defectNames(), "defect");
  }

  private static Set<String> defectNames() {
    Set<String> s = new TreeSet<>();
    for (CompatPolicy.Fault f : CompatPolicy.Fault.values()) {
      s.add(f.specName());
    }
    return s;
  }

  @Override
  public CompatAction decode(ActionSource a) throws TraceFormatException {
    for (CompatAction.Kind k : CompatAction.Kind.values()) {
      if (k.tag().equals(a.tag())) {
        return new CompatAction(k, k.hasTarget() ? a.string("target") : "");
      }
    }
    throw a.unknownTag(module());
  }

  @Override
  public SystemUnderTest<CompatAction> configure(
      String file, Map<String, TlaValue> constants, Map<String, TlaValue> initialState)
      throws TraceFormatException {
    Constants c = new Constants(file, constants, CONSTANTS);
    CompatProfile source = device(c, "Source", constants.get("Source"));
    List<CompatProfile> targets = new ArrayList<>();
    if (!(constants.get("Targets") instanceof TlaValue.SetValue set)) {
      throw c.error("Targets", "missing or not a set of device records");
    }
    for (TlaValue v : set.elements()) {
      targets.add(device(c, "Targets", v));
    }
    Set<CompatPolicy.Fault> faults = EnumSet.noneOf(CompatPolicy.Fault.class);
    for (String d : c.stringSet("Defects")) {
      for (CompatPolicy.Fault f : CompatPolicy.Fault.values()) {
        if (f.specName().equals(d)) {
          faults.add(f);
        }
      }
    }
    return new CompatSut(new CompatPolicy(faults), source, targets, c.bool("MaySkipChecks"));
  }

  private static CompatProfile device(Constants c, String constant, TlaValue v)
      throws TraceFormatException {
    if (!(v instanceof TlaValue.Record r) || !r.fields().keySet().equals(FIELDS)) {
      throw c.error(constant, "not a device record with the fields " + new TreeSet<>(FIELDS));
    }
    Map<String, TlaValue> f = r.fields();
    String kind = string(c, constant, f, "kind");
    if (!kind.equals("mdev") && !kind.equals("phys")) {
      throw c.error(constant, "kind must be \"mdev\" or \"phys\", got \"" + kind + "\"");
    }
    try {
      return new CompatProfile(
          string(c, constant, f, "name"),
          string(c, constant, f, "vendor"),
          string(c, constant, f, "fn"),
          kind.equals("mdev") ? CompatProfile.Kind.MDEV : CompatProfile.Kind.PHYS,
          string(c, constant, f, "type"),
          integer(c, constant, f, "psize"),
          integer(c, constant, f, "share"),
          range(c, constant, f, "save"),
          range(c, constant, f, "load"),
          integer(c, constant, f, "hostcfg"),
          string(c, constant, f, "admin"));
    } catch (IllegalArgumentException e) {
      throw c.unsupported(constant, e.getMessage());
    }
  }

  private static String string(Constants c, String constant, Map<String, TlaValue> f, String k)
      throws TraceFormatException {
    if (f.get(k) instanceof TlaValue.Str s) {
      return s.value();
    }
    throw c.error(constant, "field " + k + " is not a string");
  }

  private static int integer(Constants c, String constant, Map<String, TlaValue> f, String k)
      throws TraceFormatException {
    if (f.get(k) instanceof TlaValue.Int i && i.value().bitLength() < 31) {
      return i.value().intValue();
    }
    throw c.error(constant, "field " + k + " is not a small integer");
  }

  private static CompatProfile.VersionRange range(
      Constants c, String constant, Map<String, TlaValue> f, String k) throws TraceFormatException {
    if (!(f.get(k) instanceof TlaValue.SetValue s)) {
      throw c.error(constant, "field " + k + " is not a set of versions");
    }
    List<Integer> vs = new ArrayList<>();
    for (TlaValue e : s.elements()) {
      if (!(e instanceof TlaValue.Int i) || i.value().signum() < 0 || i.value().bitLength() > 30) {
        throw c.error(constant, "field " + k + " has a version that is not a natural number");
      }
      vs.add(i.value().intValue());
    }
    if (vs.isEmpty()) {
      return new CompatProfile.VersionRange(1, 0);
    }
    int min = vs.get(0);
    int max = vs.get(vs.size() - 1);
    if (max - min + 1 != vs.size()) {
      throw c.unsupported(
          constant, "field " + k + " = " + s.toTla() + ": the implementation takes ranges only");
    }
    return new CompatProfile.VersionRange(min, max);
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
