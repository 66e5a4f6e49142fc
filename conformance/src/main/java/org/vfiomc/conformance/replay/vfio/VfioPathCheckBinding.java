package org.vfiomc.conformance.replay.vfio;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import org.vfiomc.checker.trace.TlaValue;
import org.vfiomc.checker.trace.TraceFormatException;
import org.vfiomc.conformance.replay.ActionSource;
import org.vfiomc.conformance.replay.Constants;
import org.vfiomc.conformance.replay.SpecBinding;
import org.vfiomc.conformance.replay.SystemUnderTest;
import org.vfiomc.conformance.replay.TlaEquality;
import org.vfiomc.conformance.vfio.MigrationArcs;
import org.vfiomc.conformance.vfio.MigrationFeatures;
import org.vfiomc.conformance.vfio.MigrationState;
import org.vfiomc.conformance.vfio.NextStep;
import org.vfiomc.conformance.vfio.SetPath;

/**
 * {@code VfioPathCheck} onto the device's SET resolution ({@link PathCheckSut}): each trace is one
 * request {@code (flags, device_state, set_target)}, chosen by {@code Init}, and the spec's answers
 * to it (ABI values, table cell, rule candidates, kernel next step, walked path, new fd, the arcs
 * that open a session, the flags-7 outcome entry) are compared with what a real {@code
 * VfioMigrationDevice} does with the same SET.
 *
 * <p>Constants: {@code SkipLoopFixed} (both values: {@code FALSE} is bug K1, the pre-fix skip loop,
 * which the device's next-step function can run); {@code Defects}: none can be configured (they
 * change the spec's derivations: the ABI encoding, the interior rule, the per-arc fd list, ...), so
 * a counterexample that names one is spec-only. {@code Table} and {@code Outcome} are the reference
 * data the spec compares with; they are not configuration either: one that differs from the
 * device's own resolution (a wrong cell) makes the counterexample spec-only, and the correct device
 * must then diverge from the trace.
 */
public final class VfioPathCheckBinding implements SpecBinding<PathCheckAction> {
  static final List<String> VARIABLES =
      List.of(
          "action",
          "flags",
          "device_state",
          "set_target",
          "abi",
          "table_next",
          "rule_candidates",
          "kernel_next",
          "set_path",
          "new_fd",
          "fd_arcs",
          "outcome");
  static final Set<String> CONSTANTS = Set.of("SkipLoopFixed", "Defects", "Table", "Outcome");

  @Override
  public String module() {
    return "VfioPathCheck";
  }

  @Override
  public List<String> variables() {
    return VARIABLES;
  }

  @Override
  public void checkConstants(String file, Map<String, TlaValue> constants)
      throws TraceFormatException {
    new Constants(file, constants, CONSTANTS)
        .onlyNames("Defects", VfioFsmBinding.DEFECT_NAMES, "defect");
  }

  @Override
  public PathCheckAction decode(ActionSource a) throws TraceFormatException {
    if (a.tag().equals("Stay")) {
      return PathCheckAction.Stay;
    }
    throw a.unknownTag(module());
  }

  /** {@code Init} chooses the request: {@code flags}, {@code device_state}, {@code set_target}. */
  @Override
  public SystemUnderTest<PathCheckAction> configure(
      String file, Map<String, TlaValue> constants, Map<String, TlaValue> initialState)
      throws TraceFormatException {
    Constants c = new Constants(file, constants, CONSTANTS);
    boolean skipLoopFixed = c.bool("SkipLoopFixed");
    if (!c.stringSet("Defects").isEmpty()) {
      throw c.unsupported(
          "Defects", c.stringSet("Defects") + " change the spec's derivations, not the device");
    }
    int flags = flagsOf(file, initialState.get("flags"));
    MigrationFeatures features = MigrationFeatures.fromFlags(flags).orElseThrow();
    String current = stateOf(file, "device_state", initialState.get("device_state"), false);
    if (!current.equals("ERROR") && !features.supports(MigrationState.valueOf(current))) {
      throw new TraceFormatException(
          file, 0, "/states/0/device_state", current + " is not a state of flag set " + flags);
    }
    String target = stateOf(file, "set_target", initialState.get("set_target"), true);
    return new PathCheckSut(flags, current, target, skipLoopFixed);
  }

  private static int flagsOf(String file, TlaValue v) throws TraceFormatException {
    if (v instanceof TlaValue.Int i
        && i.value().bitLength() < 8
        && MigrationFeatures.fromFlags(i.value().intValue()).isPresent()) {
      return i.value().intValue();
    }
    throw new TraceFormatException(
        file, 0, "/states/0/flags", "expected a legal flag set (1, 3, 5 or 7), got " + show(v));
  }

  private static String stateOf(String file, String var, TlaValue v, boolean outOfRange)
      throws TraceFormatException {
    if (v instanceof TlaValue.Str s) {
      if (outOfRange && s.value().equals("OUT_OF_RANGE")) {
        return s.value();
      }
      for (MigrationState m : MigrationState.values()) {
        if (m.name().equals(s.value())) {
          return s.value();
        }
      }
    }
    throw new TraceFormatException(
        file, 0, "/states/0/" + var, "expected a device state name, got " + show(v));
  }

  private static String show(TlaValue v) {
    return v == null ? "nothing" : v.toTla();
  }

  /**
   * A non-empty {@code Defects}, or a {@code Table} or {@code Outcome} that is not the device's own
   * resolution: the device cannot be configured with either.
   */
  @Override
  public Optional<String> specOnlyDefects(Map<String, TlaValue> constants) {
    List<String> why = new ArrayList<>();
    if (constants.get("Defects") instanceof TlaValue.SetValue s && !s.elements().isEmpty()) {
      why.add(s.toTla() + " change the spec's derivations, not the device");
    }
    TlaValue t = constants.get("Table");
    if (t != null && !TlaEquality.equal(t, deviceTable())) {
      why.add("Table is not the device's resolution" + firstDifference(t, deviceTable()));
    }
    TlaValue o = constants.get("Outcome");
    if (o != null && !TlaEquality.equal(o, deviceOutcome())) {
      why.add("Outcome is not the device's resolution" + firstDifference(o, deviceOutcome()));
    }
    return why.isEmpty() ? Optional.empty() : Optional.of(String.join("; ", why));
  }

  @Override
  public Map<String, TlaValue> correctConstants(Map<String, TlaValue> constants) {
    Map<String, TlaValue> m =
        Constants.replacing(constants, "Defects", new TlaValue.SetValue(List.of()));
    m = Constants.replacing(m, "SkipLoopFixed", new TlaValue.Bool(true));
    return m;
  }

  /**
   * The reference table's shape filled from the device's next-step function: per legal flag set,
   * per usable current state and ERROR, per state as target: {@code "="} for a no-op, {@code "E!"}
   * where the kernel also warns (the current state is unusable), {@code "E"} for any other
   * rejection, else the next state.
   */
  static TlaValue deviceTable() {
    Map<TlaValue, TlaValue> byFlags = new LinkedHashMap<>();
    for (MigrationFeatures f : MigrationFeatures.values()) {
      Map<String, TlaValue> rows = new TreeMap<>();
      for (MigrationState cur : MigrationState.values()) {
        if (cur != MigrationState.ERROR && !f.supports(cur)) {
          continue;
        }
        Map<String, TlaValue> row = new TreeMap<>();
        for (MigrationState t : MigrationState.values()) {
          row.put(t.name(), new TlaValue.Str(cell(cur, t, f)));
        }
        rows.put(cur.name(), TlaValue.Record.of(row));
      }
      byFlags.put(TlaValue.Int.of(f.flags()), TlaValue.Record.of(rows));
    }
    return TlaValue.Fun.of(byFlags);
  }

  private static String cell(MigrationState cur, MigrationState t, MigrationFeatures f) {
    if (cur == t && f.supports(cur)) {
      return "=";
    }
    NextStep n = MigrationArcs.nextStep(cur, t, f);
    if (n instanceof NextStep.Next s) {
      return s.state().name();
    }
    return ((NextStep.Invalid) n).kernelWarns() ? "E!" : "E";
  }

  /** The "full SET outcome" of flags 7 from the device: every SET that moves, its arcs and fd. */
  static TlaValue deviceOutcome() {
    MigrationFeatures all = MigrationFeatures.of(true, true);
    Map<String, TlaValue> rows = new TreeMap<>();
    for (MigrationState cur : MigrationState.values()) {
      if (cur == MigrationState.ERROR) {
        continue;
      }
      Map<String, TlaValue> row = new TreeMap<>();
      for (MigrationState t : MigrationState.values()) {
        SetPath p = MigrationArcs.resolve(cur, t, all);
        if (t != cur && p.valid()) {
          row.put(
              t.name(),
              new TlaValue.Tuple(
                  List.of(TlaValue.Int.of(p.arcs().size()), new TlaValue.Bool(p.newDataFd()))));
        }
      }
      rows.put(cur.name(), TlaValue.Record.of(row));
    }
    return TlaValue.Record.of(rows);
  }

  /** " at KEY/KEY/...: theirs vs the device's" for the first differing entry, or "". */
  private static String firstDifference(TlaValue theirs, TlaValue mine) {
    String d = difference(theirs, mine, "");
    return d.isEmpty() ? "" : " at " + d;
  }

  private static String difference(TlaValue theirs, TlaValue mine, String at) {
    Map<TlaValue, TlaValue> a = entries(theirs);
    Map<TlaValue, TlaValue> b = entries(mine);
    if (a == null || b == null || !a.keySet().equals(b.keySet())) {
      return TlaEquality.equal(theirs, mine)
          ? ""
          : (at.isEmpty() ? "the top level" : at) + ": " + theirs.toTla() + " vs " + mine.toTla();
    }
    for (Map.Entry<TlaValue, TlaValue> e : b.entrySet()) {
      TlaValue other = a.get(e.getKey());
      if (!TlaEquality.equal(other, e.getValue())) {
        String key = e.getKey() instanceof TlaValue.Str s ? s.value() : e.getKey().toTla();
        return difference(other, e.getValue(), at.isEmpty() ? key : at + "/" + key);
      }
    }
    return "";
  }

  /** The entries of a record or a non-sequence function keyed by value, or null. */
  private static Map<TlaValue, TlaValue> entries(TlaValue v) {
    Map<TlaValue, TlaValue> m = new TreeMap<>(TlaValue.ORDER);
    if (v instanceof TlaValue.Record r) {
      r.fields().forEach((k, x) -> m.put(new TlaValue.Str(k), x));
      return m;
    }
    if (v instanceof TlaValue.Fun f) {
      m.putAll(f.mapping());
      return m;
    }
    return null;
  }
}
