package org.vfiomc.checker.validate;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.vfiomc.checker.trace.ObservedTrace;
import org.vfiomc.checker.trace.TlaValue;
import org.vfiomc.checker.trace.TraceFormatException;
import org.vfiomc.checker.trace.TraceStep;

/**
 * Quint's model-based-testing variables ({@code quint run --mbt}) read as what they are: {@code
 * mbt::actionTaken} (a string) is the name of the action taken into the state, {@code
 * mbt::nondetPicks} (a record of {@code Option} variants, {@code {"tag": "Some", "value": v}} or
 * {@code {"tag": "None", ...}}) the values of the action's nondeterministic choices, which play the
 * role of the TLA+ action's parameters ({@code \E k \in S: A(k)}): a {@code Some} pick is the
 * parameter of that name, a {@code None} pick (a choice of another action) is left out. Both
 * variables are removed from the run's variables. Quint's action names can be mapped to the spec's
 * ({@code init=Init,step=Step}); names not in the map are kept.
 *
 * <p>Modelled on the ITF Quint writes for {@code --mbt} (variables {@code mbt::actionTaken} and
 * {@code mbt::nondetPicks} in {@code quint/src/itf.ts} and the simulator's trace recorder).
 */
public final class QuintMbt {
  /** Quint's variable naming the action taken. */
  public static final String ACTION_TAKEN = "mbt::actionTaken";

  /** Quint's variable holding the action's nondeterministic picks. */
  public static final String NONDET_PICKS = "mbt::nondetPicks";

  private QuintMbt() {}

  /**
   * {@code run} with the MBT variables turned into actions and parameters and every action name
   * mapped through {@code actionMap}; {@code source} names the file in errors.
   */
  public static ObservedTrace interpret(
      ObservedTrace run, Map<String, String> actionMap, String source) throws TraceFormatException {
    boolean mbt = run.vars().contains(ACTION_TAKEN) || run.vars().contains(NONDET_PICKS);
    if (!mbt && actionMap.isEmpty()) {
      return run;
    }
    List<String> vars = new ArrayList<>(run.vars());
    vars.remove(ACTION_TAKEN);
    vars.remove(NONDET_PICKS);
    List<TraceStep> steps = new ArrayList<>();
    for (int i = 0; i < run.steps().size(); i++) {
      TraceStep step = run.steps().get(i);
      Map<String, TlaValue> state = new LinkedHashMap<>(step.state());
      String action = step.action();
      TlaValue taken = state.remove(ACTION_TAKEN);
      if (taken != null) {
        if (!(taken instanceof TlaValue.Str s)) {
          throw new TraceFormatException(
              source,
              i,
              "/states/" + i + "/" + ACTION_TAKEN,
              "expected the action name as a string");
        }
        action = s.value();
      }
      Map<String, TlaValue> params = step.params();
      TlaValue picks = state.remove(NONDET_PICKS);
      if (picks != null) {
        params = picks(picks, source, i);
      }
      steps.add(new TraceStep(actionMap.getOrDefault(action, action), params, state));
    }
    return new ObservedTrace(vars, steps, run.params(), run.meta());
  }

  private static Map<String, TlaValue> picks(TlaValue picks, String source, int step)
      throws TraceFormatException {
    String at = "/states/" + step + "/" + NONDET_PICKS;
    if (!(picks instanceof TlaValue.Record r)) {
      throw new TraceFormatException(source, step, at, "expected a record of Option values");
    }
    Map<String, TlaValue> params = new LinkedHashMap<>();
    for (Map.Entry<String, TlaValue> e : r.fields().entrySet()) {
      if (!(e.getValue() instanceof TlaValue.Record option)
          || !(option.fields().get("tag") instanceof TlaValue.Str tag)
          || !option.fields().containsKey("value")
          || option.fields().size() != 2
          || !(tag.value().equals("Some") || tag.value().equals("None"))) {
        throw new TraceFormatException(
            source,
            step,
            at + "/" + e.getKey(),
            "expected an Option variant {\"tag\": \"Some\"|\"None\", \"value\": ...}");
      }
      if (tag.value().equals("Some")) {
        params.put(e.getKey(), option.fields().get("value"));
      }
    }
    return params;
  }
}
