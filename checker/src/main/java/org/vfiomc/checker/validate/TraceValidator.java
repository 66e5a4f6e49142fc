package org.vfiomc.checker.validate;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.vfiomc.checker.explore.StateGraph;
import org.vfiomc.checker.trace.ObservedTrace;
import org.vfiomc.checker.trace.TlaEquality;
import org.vfiomc.checker.trace.TlaValue;
import org.vfiomc.checker.trace.TraceStep;

/**
 * Validates a recorded run against a model's reachable graph: step 0 keeps the initial states that
 * agree with the observed variables; each later step keeps the successors, through an edge whose
 * action (if recorded) and recorded parameters match, that agree with the observed variables. The
 * run is accepted when the set never becomes empty, else rejected at the first step that empties
 * it, with the states of the set before that step and the values the run observed there.
 *
 * <p>Values are compared by TLA+ equality in ITF's view ({@link TlaEquality#itfEquals}): a {@code
 * #map} with domain {@code 1..n} equals TLC's sequence, one with string keys TLC's record, a tuple
 * the sequence, and a model value the string of its name.
 */
public final class TraceValidator {
  /** Most candidate states shown in a rejection. */
  public static final int SHOWN = 5;

  private final StateGraph graph;
  private final List<List<Integer>> out;
  // canonical forms (TlaEquality#itfCanonical) of graph.states and graph.values, made on demand
  private final List<Map<String, TlaValue>> canonicalStates;
  private final List<Map<String, TlaValue>> canonicalValues;

  public TraceValidator(StateGraph graph) {
    this.graph = graph;
    this.out = graph.outgoing();
    this.canonicalStates =
        new ArrayList<>(java.util.Collections.nCopies(graph.states().size(), null));
    this.canonicalValues =
        new ArrayList<>(java.util.Collections.nCopies(graph.values().size(), null));
  }

  /** The module the spec's variables are declared in (compared with a trace's #meta.module). */
  public String module() {
    return graph.module();
  }

  /** Every action name the spec's edges can carry. */
  public java.util.Set<String> actions() {
    java.util.Set<String> names = new java.util.LinkedHashSet<>(graph.actions());
    graph.edges().forEach(e -> names.add(e.action()));
    return names;
  }

  /**
   * Constants the run fixes (ADR-015 {@code params}) that the model sets differently or does not
   * have, one sentence each; empty when they agree.
   */
  public List<String> constantMismatches(ObservedTrace run) {
    List<String> problems = new ArrayList<>();
    run.params()
        .forEach(
            (name, value) -> {
              TlaValue model = graph.constants().get(name);
              if (model == null) {
                problems.add("constant " + name + " is not a constant of the spec");
              } else if (!TlaEquality.itfEquals(model, value)) {
                problems.add(
                    "constant "
                        + name
                        + " is "
                        + TlaEquality.show(value, model)
                        + " in the trace but "
                        + TlaEquality.show(model, value)
                        + " in the model");
              }
            });
    return problems;
  }

  /**
   * Observed values whose kind no spec state has for that variable (a string where the spec only
   * has integers, ...): the trace does not fit the spec's types, an input error rather than a
   * behaviour the spec rejects. One sentence each, naming step and variable.
   */
  public List<String> typeMismatches(ObservedTrace run) {
    Map<String, java.util.Set<String>> kinds = new LinkedHashMap<>();
    for (int i = 0; i < graph.values().size(); i++) {
      canonicalValue(i)
          .forEach((k, v) -> kinds.computeIfAbsent(k, x -> new java.util.TreeSet<>()).add(kind(v)));
    }
    for (int i = 0; i < graph.states().size(); i++) {
      canonicalState(i)
          .forEach((k, v) -> kinds.computeIfAbsent(k, x -> new java.util.TreeSet<>()).add(kind(v)));
    }
    List<String> problems = new ArrayList<>();
    for (int i = 0; i < run.steps().size(); i++) {
      for (Map.Entry<String, TlaValue> o : run.steps().get(i).state().entrySet()) {
        java.util.Set<String> spec = kinds.get(o.getKey());
        String kind = kind(TlaEquality.itfCanonical(o.getValue()));
        if (spec != null && !spec.contains(kind)) {
          problems.add(
              "step "
                  + i
                  + ": "
                  + o.getKey()
                  + " is "
                  + article(kind)
                  + " ("
                  + o.getValue().toTla()
                  + ") but the spec's "
                  + o.getKey()
                  + " is always "
                  + String.join(" or ", spec.stream().map(TraceValidator::article).toList()));
        }
      }
    }
    return problems;
  }

  private static String kind(TlaValue canonical) {
    return TlaEquality.form(canonical);
  }

  private static String article(String kind) {
    return ("aeiouAEIOU".indexOf(kind.charAt(0)) >= 0 ? "an " : "a ") + kind;
  }

  private Map<String, TlaValue> canonicalState(int s) {
    Map<String, TlaValue> c = canonicalStates.get(s);
    if (c == null) {
      c = TlaEquality.itfCanonical(graph.states().get(s));
      canonicalStates.set(s, c);
    }
    return c;
  }

  private Map<String, TlaValue> canonicalValue(int v) {
    Map<String, TlaValue> c = canonicalValues.get(v);
    if (c == null) {
      c = TlaEquality.itfCanonical(graph.values().get(v));
      canonicalValues.set(v, c);
    }
    return c;
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
    Map<String, TlaValue> observed0 = TlaEquality.itfCanonical(first.state());
    for (int s : graph.initial()) {
      if (agrees(canonicalState(s), observed0)) {
        current.add(s);
      }
    }
    if (current.isEmpty()) {
      return reject(
          0, first, "no initial state has the observed values", new TreeSet<>(graph.initial()));
    }
    for (int i = 1; i < run.steps().size(); i++) {
      TraceStep step = run.steps().get(i);
      Map<String, TlaValue> observed = TlaEquality.itfCanonical(step.state());
      Map<String, TlaValue> observedParams =
          step.params() == null ? null : TlaEquality.itfCanonical(step.params());
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
          if (!paramsAgree(edge.params(), observedParams)) {
            continue;
          }
          paramsMatch = true;
          if (agrees(canonicalValue(edge.reached()), observed)) {
            next.add(edge.to());
          }
        }
      }
      if (next.isEmpty()) {
        boolean known = !step.action().isEmpty();
        String reason =
            !enabled
                ? known
                    ? step.action() + " is not enabled in any candidate state"
                    : "no action is enabled in any candidate state"
                : !paramsMatch
                    ? (known ? "no " + step.action() + " step" : "no step")
                        + " has parameters "
                        + show(step.params(), null)
                    : (known ? "no " + step.action() + " step" : "no step")
                        + " leads to a state with the observed values "
                        + show(step.state(), null);
        return reject(i, step, reason, current);
      }
      current = next;
    }
    return new ValidationOutcome.Accepted(run.steps().size(), current.size());
  }

  private ValidationOutcome reject(
      int step, TraceStep observed, String reason, java.util.SortedSet<Integer> candidates) {
    List<Map<String, TlaValue>> shown = new ArrayList<>();
    for (int s : candidates) {
      if (shown.size() == SHOWN) {
        break;
      }
      shown.add(graph.states().get(s));
    }
    return new ValidationOutcome.Rejected(
        step,
        observed.action(),
        reason,
        shown,
        candidates.size(),
        observed.state(),
        observed.params());
  }

  /**
   * {@code [k |-> v, ...]}; a value that prints like {@code other}'s value for the same name but
   * differs is followed by its form ({@link TlaEquality#show}).
   */
  static String show(Map<String, TlaValue> values, Map<String, TlaValue> other) {
    if (values == null) {
      return "(unknown)";
    }
    StringBuilder b = new StringBuilder("[");
    values.forEach(
        (k, v) ->
            b.append(b.length() > 1 ? ", " : "")
                .append(k)
                .append(" |-> ")
                .append(TlaEquality.show(v, other == null ? null : other.get(k))));
    return b.append(']').toString();
  }

  /** Whether every observed (canonical) value equals the spec's (canonical) value. */
  private static boolean agrees(Map<String, TlaValue> spec, Map<String, TlaValue> observed) {
    return TlaEquality.agrees(spec, observed);
  }

  private static boolean paramsAgree(Map<String, TlaValue> spec, Map<String, TlaValue> observed) {
    if (observed == null || observed.isEmpty()) {
      return true;
    }
    return spec != null && agrees(TlaEquality.itfCanonical(spec), observed);
  }
}
