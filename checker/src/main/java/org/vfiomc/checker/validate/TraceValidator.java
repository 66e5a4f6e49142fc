package org.vfiomc.checker.validate;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.vfiomc.checker.explore.StateGraph;
import org.vfiomc.checker.trace.ObservedTrace;
import org.vfiomc.checker.trace.TlaValue;
import org.vfiomc.checker.trace.TraceStep;

/**
 * Validates a recorded run against a model's reachable graph: step 0 keeps the initial states that
 * agree with the observed variables; each later step keeps the successors, through an edge whose
 * action (if recorded) and recorded parameters match, that agree with the observed variables. The
 * run is accepted when the set never becomes empty, else rejected at the first step that empties
 * it, with the states of the set before that step.
 */
public final class TraceValidator {
  /** Most candidate states shown in a rejection. */
  public static final int SHOWN = 5;

  private final StateGraph graph;
  private final List<List<Integer>> out;

  public TraceValidator(StateGraph graph) {
    this.graph = graph;
    this.out = graph.outgoing();
  }

  /** How many spec states (nodes of the reachable graph) runs are validated against. */
  public int states() {
    return graph.states().size();
  }

  /** Variables the run observes that the spec does not have; empty when the run fits the spec. */
  public List<String> unknownVariables(ObservedTrace run) {
    List<String> unknown = new ArrayList<>();
    for (String v : run.vars()) {
      if (!graph.vars().contains(v)) {
        unknown.add(v);
      }
    }
    return unknown;
  }

  /** Validates {@code run}. */
  public ValidationOutcome validate(ObservedTrace run) {
    TreeSet<Integer> current = new TreeSet<>();
    TraceStep first = run.steps().get(0);
    for (int s : graph.initial()) {
      if (agrees(graph.states().get(s), first.state())) {
        current.add(s);
      }
    }
    if (current.isEmpty()) {
      return reject(
          0, "", "no initial state has the observed values", new TreeSet<>(graph.initial()));
    }
    for (int i = 1; i < run.steps().size(); i++) {
      TraceStep step = run.steps().get(i);
      TreeSet<Integer> next = new TreeSet<>();
      boolean enabled = false;
      boolean paramsMatch = false;
      for (int s : current) {
        for (int e : out.get(s)) {
          StateGraph.Edge edge = graph.edges().get(e);
          if (!step.action().isEmpty() && !step.action().equals(edge.action())) {
            continue;
          }
          enabled = true;
          if (!paramsAgree(edge.params(), step.params())) {
            continue;
          }
          paramsMatch = true;
          if (agrees(graph.values().get(edge.reached()), step.state())) {
            next.add(edge.to());
          }
        }
      }
      if (next.isEmpty()) {
        String what = step.action().isEmpty() ? "any action" : step.action();
        String reason =
            !enabled
                ? what + " is not enabled in any candidate state"
                : !paramsMatch
                    ? "no " + what + " step has parameters " + show(step.params())
                    : "no "
                        + what
                        + " step leads to a state with the observed values "
                        + show(step.state());
        return reject(i, step.action(), reason, current);
      }
      current = next;
    }
    return new ValidationOutcome.Accepted(run.steps().size(), current.size());
  }

  private ValidationOutcome reject(
      int step, String action, String reason, TreeSet<Integer> candidates) {
    List<Map<String, TlaValue>> shown = new ArrayList<>();
    for (int s : candidates) {
      if (shown.size() == SHOWN) {
        break;
      }
      shown.add(graph.states().get(s));
    }
    return new ValidationOutcome.Rejected(step, action, reason, shown, candidates.size());
  }

  private static String show(Map<String, TlaValue> values) {
    if (values == null) {
      return "(unknown)";
    }
    StringBuilder b = new StringBuilder("[");
    values.forEach(
        (k, v) -> b.append(b.length() > 1 ? ", " : "").append(k).append(" |-> ").append(v.toTla()));
    return b.append(']').toString();
  }

  private static boolean agrees(Map<String, TlaValue> spec, Map<String, TlaValue> observed) {
    for (Map.Entry<String, TlaValue> o : observed.entrySet()) {
      TlaValue v = spec.get(o.getKey());
      if (v == null || !plain(v).equals(plain(o.getValue()))) {
        return false;
      }
    }
    return true;
  }

  private static boolean paramsAgree(Map<String, TlaValue> spec, Map<String, TlaValue> observed) {
    if (observed == null || observed.isEmpty()) {
      return true;
    }
    return spec != null && agrees(spec, observed);
  }

  /** The value as ITF sees it: model values as strings, tuples as sequences. */
  static TlaValue plain(TlaValue v) {
    if (v instanceof TlaValue.ModelValue m) {
      return new TlaValue.Str(m.name());
    } else if (v instanceof TlaValue.Tuple t) {
      return new TlaValue.Seq(t.elements().stream().map(TraceValidator::plain).toList());
    } else if (v instanceof TlaValue.Seq s) {
      return new TlaValue.Seq(s.elements().stream().map(TraceValidator::plain).toList());
    } else if (v instanceof TlaValue.SetValue s) {
      return new TlaValue.SetValue(s.elements().stream().map(TraceValidator::plain).toList());
    } else if (v instanceof TlaValue.Record r) {
      java.util.TreeMap<String, TlaValue> f = new java.util.TreeMap<>();
      r.fields().forEach((k, x) -> f.put(k, plain(x)));
      return new TlaValue.Record(f);
    } else if (v instanceof TlaValue.Fun fn) {
      Map<TlaValue, TlaValue> m = new LinkedHashMap<>();
      fn.mapping().forEach((k, x) -> m.put(plain(k), plain(x)));
      return TlaValue.Fun.of(m);
    }
    return v;
  }
}
