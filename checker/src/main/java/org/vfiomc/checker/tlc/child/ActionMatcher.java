package org.vfiomc.checker.tlc.child;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.vfiomc.checker.trace.TlaValue;
import org.vfiomc.checker.trace.TraceStep;
import tla2sany.semantic.FormalParamNode;
import tla2sany.semantic.OpDefNode;
import tlc2.tool.Action;
import tlc2.tool.ITool;
import tlc2.tool.StateVec;
import tlc2.tool.TLCState;
import tlc2.tool.TLCStateInfo;
import tlc2.value.IValue;

/**
 * Names each counterexample step and recovers its parameters by replaying it through TLC's split
 * actions: the step {@code s -> t} is labelled with the first action {@code A} (in TLC's order)
 * such that {@code t} is among {@code A}'s successors of {@code s}. The parameters are the values
 * {@code A}'s context binds to the formal parameters of its operator ({@code Inc(p)} split under
 * {@code \E p \in Procs} binds {@code p}).
 *
 * <p>TLC splits {@code \E} only when the domain is constant; for a step through an unsplit {@code
 * \E} the matching action is split again in the step's start state ({@link ActionRefiner}), which
 * recovers the binding. An {@code \E} nested inside a conjunction is never split, so its witness
 * stays unknown. When no action reproduces a step (e.g. an {@code Assert} failed while computing
 * it), the spec's {@code action} history variable is used if present, else the step keeps the
 * operator name of TLC's own trace and {@code null} parameters.
 */
final class ActionMatcher {
  private final ITool tool;
  private final Action[] actions;
  private final ActionRefiner refiner;

  ActionMatcher(ITool tool) {
    this.tool = tool;
    this.actions = tool.getActions();
    this.refiner = new ActionRefiner(tool);
  }

  /** Steps for TLC's trace states, the first one labelled {@code Init}. */
  List<TraceStep> label(List<TLCStateInfo> states) {
    List<TraceStep> steps = new ArrayList<>(states.size());
    for (int i = 0; i < states.size(); i++) {
      TLCState cur = states.get(i).state;
      Map<String, TlaValue> values = ValueConverter.state(cur);
      if (i == 0) {
        steps.add(new TraceStep("Init", Map.of(), values));
        continue;
      }
      steps.add(match(states.get(i - 1).state, cur, states.get(i).info, values));
    }
    return steps;
  }

  private TraceStep match(TLCState prev, TLCState cur, Object info, Map<String, TlaValue> values) {
    long target = cur.fingerPrint();
    for (Action action : actions) {
      if (!reaches(action, prev, target)) {
        continue;
      }
      // TLC leaves \E over state-dependent sets unsplit: split again in prev for the binding.
      for (Action finer : refiner.refine(action, prev)) {
        if (finer != action && reaches(finer, prev, target)) {
          return new TraceStep(name(finer), params(finer), values);
        }
      }
      return new TraceStep(name(action), params(action), values);
    }
    return historyVariable(values).orElse(new TraceStep(operatorName(info), null, values));
  }

  private boolean reaches(Action action, TLCState prev, long target) {
    StateVec next;
    try {
      next = tool.getNextStates(action, prev);
    } catch (RuntimeException e) {
      return false; // this action fails on prev (e.g. the Assert that stopped TLC)
    }
    for (int j = 0; j < next.size(); j++) {
      if (next.elementAt(j).fingerPrint() == target) {
        return true;
      }
    }
    return false;
  }

  /**
   * For a step no action reproduces: the spec's {@code action} history variable, if it is a record
   * with a string {@code tag} (Modelator style), names the step and gives its parameters.
   */
  private static java.util.Optional<TraceStep> historyVariable(Map<String, TlaValue> values) {
    if (values.get("action") instanceof TlaValue.Record r
        && r.fields().get("tag") instanceof TlaValue.Str tag) {
      Map<String, TlaValue> params = new LinkedHashMap<>(r.fields());
      params.remove("tag");
      return java.util.Optional.of(new TraceStep(tag.value(), params, values));
    }
    return java.util.Optional.empty();
  }

  /** The operator a (split) action came from, or TLC's own name for an unsplit one. */
  static String name(Action action) {
    OpDefNode def = action.getOpDef();
    return def != null ? def.getName().toString() : action.getName().toString();
  }

  /** The action's parameters by formal name, {@code null} if one is not bound to a value. */
  static Map<String, TlaValue> params(Action action) {
    OpDefNode def = action.getOpDef();
    Map<String, TlaValue> out = new LinkedHashMap<>();
    if (def == null) {
      return out;
    }
    for (FormalParamNode formal : def.getParams()) {
      Object v = action.con.lookup(formal);
      if (!(v instanceof IValue)) {
        return null; // bound to an expression TLC did not evaluate: unknown
      }
      out.put(formal.getName().toString(), ValueConverter.convert((IValue) v));
    }
    return out;
  }

  /**
   * The operator name from TLC's own trace label ({@code <Inc line 9, col 11 ... of module M>}),
   * for steps no split action reproduces.
   */
  static String operatorName(Object info) {
    if (info instanceof Action a) {
      return name(a);
    }
    String text = String.valueOf(info);
    if (text.startsWith("<")) {
      text = text.substring(1);
    }
    int space = text.indexOf(' ');
    return space > 0 ? text.substring(0, space) : text.replace(">", "");
  }
}
