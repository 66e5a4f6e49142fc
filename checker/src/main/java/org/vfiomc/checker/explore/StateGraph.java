package org.vfiomc.checker.explore;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.vfiomc.checker.trace.TlaValue;

/**
 * The reachable state graph of a model.
 *
 * @param module root module of the real spec (the module declaring the variables)
 * @param constants every constant's value, in declaration order
 * @param vars variable names in declaration order
 * @param states one representative value per graph node (each defines exactly {@code vars}), in BFS
 *     order; a node is a state, or with a VIEW in the cfg the class of states with one view
 * @param values every distinct full state value an edge reaches (without a VIEW: {@code states})
 * @param initial indices of the initial states
 * @param edges every labelled edge, in BFS order
 * @param actions names of every action operator of the next-state relation, in TLC's order
 */
public record StateGraph(
    String module,
    Map<String, TlaValue> constants,
    List<String> vars,
    List<Map<String, TlaValue>> states,
    List<Map<String, TlaValue>> values,
    List<Integer> initial,
    List<Edge> edges,
    List<String> actions) {
  public StateGraph {
    Objects.requireNonNull(module, "module");
    constants = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(constants));
    vars = List.copyOf(vars);
    states = List.copyOf(states);
    values = List.copyOf(values);
    initial = List.copyOf(initial);
    edges = List.copyOf(edges);
    actions = List.copyOf(actions);
    for (Edge e : edges) {
      if (e.from() < 0
          || e.from() >= states.size()
          || e.to() < 0
          || e.to() >= states.size()
          || e.reached() < 0
          || e.reached() >= values.size()) {
        throw new IllegalArgumentException("edge outside 0.." + (states.size() - 1) + ": " + e);
      }
    }
  }

  /**
   * One labelled step.
   *
   * @param from index of the state the step starts in
   * @param to index of the node it leads to
   * @param reached index in {@code values} of the full state it leads to (the successor TLC
   *     computed, which differs from node {@code to}'s representative only in variables the VIEW
   *     leaves out)
   * @param action name of the action operator
   * @param params its parameter values by formal name ({@code null}: unknown)
   */
  public record Edge(int from, int to, int reached, String action, Map<String, TlaValue> params) {
    public Edge {
      Objects.requireNonNull(action, "action");
      params =
          params == null
              ? null
              : java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(params));
    }
  }

  /** Outgoing edge indices of every state, each list in edge order. */
  public List<List<Integer>> outgoing() {
    List<List<Integer>> out = new ArrayList<>(states.size());
    for (int i = 0; i < states.size(); i++) {
      out.add(new ArrayList<>());
    }
    for (int i = 0; i < edges.size(); i++) {
      out.get(edges.get(i).from()).add(i);
    }
    return out;
  }
}
