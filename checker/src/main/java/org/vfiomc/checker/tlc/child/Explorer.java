package org.vfiomc.checker.tlc.child;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.vfiomc.checker.explore.StateGraph;
import org.vfiomc.checker.tlc.link.ModuleSearch;
import org.vfiomc.checker.trace.TlaEquality;
import org.vfiomc.checker.trace.TlaValue;
import tla2sany.semantic.OpDefNode;
import tlc2.tool.Action;
import tlc2.tool.ITool;
import tlc2.tool.StateVec;
import tlc2.tool.TLCState;
import tlc2.tool.impl.FastTool;
import tlc2.util.Context;
import util.SimpleFilenameToStream;

/**
 * Breadth-first exploration of a model's reachable states with TLC's evaluator, every edge labelled
 * with its action operator and parameter values. Actions TLC leaves unsplit (an {@code \E} over a
 * state-dependent set) are split per state by {@link ActionRefiner}. CONSTRAINT and
 * ACTION_CONSTRAINT are honoured as TLC does: a successor outside them is neither an edge nor a
 * state. Nodes are states, or with a VIEW in the cfg the classes of states with equal view (as TLC
 * counts them): RxDma's view leaves out the history variable {@code action}, so a tour covers each
 * protocol transition once rather than once per way of arriving at its start. Every edge keeps the
 * full successor TLC computed ({@link StateGraph.Edge#reached}), so a written path carries every
 * variable, {@code action} included, exactly as replay compares it. (A node's successors are
 * computed from its first-found representative; this is exact when the variables the view leaves
 * out are history only, which is what a VIEW is for.)
 *
 * <p>Runs only in a forked JVM ({@link ExploreChild}): TLC's static state allows one spec per
 * process.
 */
final class Explorer {
  private final ITool tool;
  private final ActionRefiner refiner;
  private final tla2sany.semantic.SemanticNode view;

  Explorer(Path spec, Path config) {
    tlc2.util.FP64.Init(0);
    String dir = spec.toAbsolutePath().getParent().toString();
    String module = strip(spec.getFileName().toString(), ".tla");
    String cfg = strip(config.toAbsolutePath().toString(), ".cfg");
    this.tool =
        new FastTool(
            dir, module, cfg, new SimpleFilenameToStream(ModuleSearch.folders(Path.of(dir))));
    this.refiner = new ActionRefiner(tool);
    this.view = tool.getViewSpec();
  }

  private static String strip(String s, String suffix) {
    return s.endsWith(suffix) ? s.substring(0, s.length() - suffix.length()) : s;
  }

  /**
   * The reachable graph; throws {@link TooLarge} once more than {@code maxEdges} edges are found
   * ({@code maxEdges <= 0}: no limit).
   */
  StateGraph explore(long maxEdges) {
    try {
      return exploreAll(maxEdges);
    } catch (TooLarge | Evaluation e) {
      throw e;
    } catch (RuntimeException | StackOverflowError e) {
      throw new Evaluation(null, e);
    }
  }

  /**
   * Adds every distinct initial state inside the model, in TLC's order: its key to {@code index}
   * (the state's number), its values to {@code states}, its number to {@code initial} and TLC's
   * state to {@code tlcStates}; returns TLC's initial states (the variable names come from them).
   */
  private StateVec collectInitial(
      Map<Object, Integer> index,
      List<Map<String, TlaValue>> states,
      List<Integer> initial,
      List<TLCState> tlcStates) {
    StateVec inits;
    try {
      inits = tool.getInitStates();
    } catch (RuntimeException | StackOverflowError e) {
      throw new Evaluation(location(tool.getInitStateSpec()), e);
    }
    for (int i = 0; i < inits.size(); i++) {
      TLCState s = inits.elementAt(i);
      if (!tool.isInModel(s)) {
        continue;
      }
      Map<String, TlaValue> v = ValueConverter.state(s);
      Object key = key(s, v);
      if (!index.containsKey(key)) {
        index.put(key, states.size());
        initial.add(states.size());
        states.add(v);
        tlcStates.add(s);
      }
    }
    return inits;
  }

  private StateGraph exploreAll(long maxEdges) {
    Building b = new Building();
    for (int cur = 0; cur < b.states.size(); cur++) {
      for (Successor succ : successors(b.actions, b.tlcStates.get(cur))) {
        if (b.addEdge(cur, succ) >= 0 && maxEdges > 0 && b.edges.size() > maxEdges) {
          throw new TooLarge(maxEdges);
        }
      }
      b.tlcStates.set(cur, null); // expanded: only its value is kept
    }
    return b.graph();
  }

  /**
   * A graph being built, the whole or the guided one: the initial states inside the model (in TLC's
   * order), the nodes by key, the state values by number, the edges; TLC's state of a node is kept
   * until the node is expanded.
   */
  private final class Building {
    final Map<Object, Integer> index = new HashMap<>();
    final List<Map<String, TlaValue>> states = new ArrayList<>();
    final Map<Map<String, TlaValue>, Integer> valueIndex = new HashMap<>();
    final List<Map<String, TlaValue>> values = new ArrayList<>();
    final List<TLCState> tlcStates = new ArrayList<>();
    final List<Integer> initial = new ArrayList<>();
    final StateVec inits = collectInitial(index, states, initial, tlcStates);
    final Action[] actions = tool.getActions();
    final List<StateGraph.Edge> edges = new ArrayList<>();
    final Set<List<Object>> seen = new java.util.HashSet<>();

    /**
     * Adds the edge from node {@code cur} to {@code succ}: its target node (new if its key is) and
     * the value it reaches; returns the edge's index, or -1 when {@code cur} already has an edge
     * with that action and parameters to that node.
     */
    int addEdge(int cur, Successor succ) {
      TLCState t = succ.state();
      Map<String, TlaValue> v = ValueConverter.state(t);
      Object key = key(t, v);
      Integer to = index.get(key);
      if (to == null) {
        to = states.size();
        index.put(key, to);
        states.add(v);
        tlcStates.add(t);
      }
      if (!seen.add(java.util.Arrays.asList(cur, to, succ.name(), succ.params()))) {
        return -1;
      }
      int reached = valueId(v, valueIndex, values);
      edges.add(new StateGraph.Edge(cur, to, reached, succ.name(), succ.params()));
      return edges.size() - 1;
    }

    StateGraph graph() {
      return Explorer.this.graph(inits, states, values, initial, edges, actions);
    }
  }

  /** The index of state value {@code v} among {@code values}, added if it is new. */
  private static int valueId(
      Map<String, TlaValue> v,
      Map<Map<String, TlaValue>, Integer> valueIndex,
      List<Map<String, TlaValue>> values) {
    return valueIndex.computeIfAbsent(
        v,
        k -> {
          values.add(k);
          return values.size() - 1;
        });
  }

  /** The graph of the nodes and edges found from {@code inits}, with the model's provenance. */
  private StateGraph graph(
      StateVec inits,
      List<Map<String, TlaValue>> states,
      List<Map<String, TlaValue>> values,
      List<Integer> initial,
      List<StateGraph.Edge> edges,
      Action[] actions) {
    List<String> vars =
        states.isEmpty() ? List.of() : ValueConverter.variableNames(inits.elementAt(0));
    return new StateGraph(
        ModelProvenance.module(tool),
        ModelProvenance.constants(tool),
        vars,
        states,
        values,
        initial,
        edges,
        actionNames(actions));
  }

  /**
   * The part of the graph a validation of a run with the {@code observed} states can visit: level 0
   * is the initial states that agree with {@code observed[0]}; level k + 1 the successors of level
   * k's nodes, along edges whose reached value agrees with {@code observed[k + 1]}. Every node of
   * every level is expanded (all its edges are in the graph, so the validator sees each candidate's
   * whole choice; the last level's too, so the run's last states meet the spec's actions and an
   * evaluation error there is reported as a whole exploration reports it); nothing else is: an
   * error in a part of the spec the run never comes near goes unnoticed, as it does in a check of
   * the run alone. Agreement is the validator's ({@link TlaEquality#agrees} on {@link
   * TlaEquality#itfCanonical} forms), except that observed names the spec has no variable for are
   * not looked at: those only make the validator reject, so the graph here is never smaller than
   * what it needs.
   */
  StateGraph guided(List<Map<String, TlaValue>> observed) {
    try {
      return guidedAll(observed);
    } catch (Evaluation e) {
      throw e;
    } catch (RuntimeException | StackOverflowError e) {
      throw new Evaluation(null, e);
    }
  }

  private StateGraph guidedAll(List<Map<String, TlaValue>> observed) {
    Building b = new Building();
    Map<Integer, List<Integer>> out = new HashMap<>();
    java.util.SortedSet<Integer> level = new java.util.TreeSet<>();
    if (!observed.isEmpty()) {
      for (int s : b.initial) {
        if (agreesOnSpecVariables(b.states.get(s), observed.get(0))) {
          level.add(s);
        }
      }
    }
    // k = observed.size(): the last level is expanded too, but filters nothing
    for (int k = 1; k <= observed.size() && !level.isEmpty(); k++) {
      java.util.SortedSet<Integer> next = new java.util.TreeSet<>();
      for (int cur : level) {
        List<Integer> mine = out.get(cur);
        if (mine == null) {
          mine = new ArrayList<>();
          out.put(cur, mine);
          for (Successor succ : successors(b.actions, b.tlcStates.get(cur))) {
            int e = b.addEdge(cur, succ);
            if (e >= 0) {
              mine.add(e);
            }
          }
        }
        for (int e : mine) {
          StateGraph.Edge edge = b.edges.get(e);
          if (k < observed.size()
              && agreesOnSpecVariables(b.values.get(edge.reached()), observed.get(k))) {
            next.add(edge.to());
          }
        }
      }
      level = next;
    }
    return b.graph();
  }

  /** Whether {@code observed} agrees with {@code spec} on every variable the spec has. */
  private static boolean agreesOnSpecVariables(
      Map<String, TlaValue> spec, Map<String, TlaValue> observed) {
    Map<String, TlaValue> known = new java.util.LinkedHashMap<>();
    observed.forEach(
        (name, value) -> {
          if (spec.containsKey(name)) {
            known.put(name, value);
          }
        });
    return TlaEquality.agrees(TlaEquality.itfCanonical(spec), TlaEquality.itfCanonical(known));
  }

  /** Walks and the part of the graph they visited. */
  record Walked(StateGraph graph, List<org.vfiomc.checker.explore.Walk> walks) {}

  /**
   * Coverage-directed random walks ({@code checker traces}, a tour block's {@code walks}): {@code
   * count} walks of at most {@code depth} steps (all together at most {@code maxSteps}), each from
   * an initial state. At each step every successor is scored: 4 if its action was never taken, 2 if
   * the pair (previous action of this walk, its action) was never taken, 1 if it leads to a node
   * never visited; one of the best is drawn with a generator seeded by {@code seed}. Successors are
   * enumerated in TLC's fixed order, so the walks are a function of the spec and the seed. Only the
   * visited nodes and edges are kept, so a graph far too large to build whole can be walked.
   */
  Walked walk(int count, int depth, long seed, long maxSteps) {
    try {
      return walkAll(count, depth, seed, maxSteps);
    } catch (Evaluation e) {
      throw e;
    } catch (RuntimeException | StackOverflowError e) {
      throw new Evaluation(null, e);
    }
  }

  private record Successor(String name, Map<String, TlaValue> params, TLCState state) {}

  private Walked walkAll(int count, int depth, long seed, long maxSteps) {
    java.util.SplittableRandom rng = new java.util.SplittableRandom(seed);
    Map<Object, Integer> index = new HashMap<>();
    List<Map<String, TlaValue>> states = new ArrayList<>();
    Map<Map<String, TlaValue>, Integer> valueIndex = new HashMap<>();
    List<Map<String, TlaValue>> values = new ArrayList<>();
    List<Integer> initial = new ArrayList<>();
    List<TLCState> initStates = new ArrayList<>();
    StateVec inits = collectInitial(index, states, initial, initStates);
    Action[] actions = tool.getActions();
    List<StateGraph.Edge> edges = new ArrayList<>();
    Map<List<Object>, Integer> edgeIndex = new HashMap<>();
    Set<String> taken = new java.util.HashSet<>();
    Set<List<String>> pairs = new java.util.HashSet<>();
    List<org.vfiomc.checker.explore.Walk> walks = new ArrayList<>();
    long steps = 0;
    for (int w = 0; w < count && !initStates.isEmpty() && steps < maxSteps; w++) {
      int pick = rng.nextInt(initStates.size());
      TLCState s = initStates.get(pick);
      int cur = initial.get(pick);
      String prev = null;
      List<Integer> path = new ArrayList<>();
      for (int d = 0; d < depth && steps < maxSteps; d++) {
        List<Successor> next = successors(actions, s);
        if (next.isEmpty()) {
          break;
        }
        int best = -1;
        List<Integer> ties = new ArrayList<>();
        List<Map<String, TlaValue>> vs = new ArrayList<>();
        List<Object> keys = new ArrayList<>();
        for (int k = 0; k < next.size(); k++) {
          Successor c = next.get(k);
          Map<String, TlaValue> v = ValueConverter.state(c.state());
          Object key = key(c.state(), v);
          vs.add(v);
          keys.add(key);
          int score =
              (taken.contains(c.name()) ? 0 : 4)
                  + (prev == null || pairs.contains(List.of(prev, c.name())) ? 0 : 2)
                  + (index.containsKey(key) ? 0 : 1);
          if (score > best) {
            best = score;
            ties.clear();
          }
          if (score == best) {
            ties.add(k);
          }
        }
        int k = ties.get(rng.nextInt(ties.size()));
        Successor c = next.get(k);
        Integer to = index.get(keys.get(k));
        if (to == null) {
          to = states.size();
          index.put(keys.get(k), to);
          states.add(vs.get(k));
        }
        List<Object> edgeKey = java.util.Arrays.asList(cur, to, c.name(), c.params());
        Integer e = edgeIndex.get(edgeKey);
        if (e == null) {
          int reached = valueId(vs.get(k), valueIndex, values);
          e = edges.size();
          edgeIndex.put(edgeKey, e);
          edges.add(new StateGraph.Edge(cur, to, reached, c.name(), c.params()));
        }
        path.add(e);
        taken.add(c.name());
        if (prev != null) {
          pairs.add(List.of(prev, c.name()));
        }
        prev = c.name();
        cur = to;
        s = c.state();
        steps++;
      }
      walks.add(new org.vfiomc.checker.explore.Walk(initial.get(pick), path));
    }
    return new Walked(graph(inits, states, values, initial, edges, actions), walks);
  }

  /** Every successor of {@code s} inside the model's constraints, in TLC's order. */
  private List<Successor> successors(Action[] actions, TLCState s) {
    List<Successor> out = new ArrayList<>();
    for (Action a : actions) {
      for (Action finer : refine(a, s)) {
        StateVec next;
        try {
          next = tool.getNextStates(finer, s);
        } catch (RuntimeException | StackOverflowError e) {
          throw new Evaluation(finer.pred.getLocation(), e);
        }
        String name = ActionMatcher.name(finer);
        Map<String, TlaValue> params = ActionMatcher.params(finer);
        for (int j = 0; j < next.size(); j++) {
          TLCState t = next.elementAt(j);
          if (tool.isInModel(t) && tool.isInActions(s, t)) {
            out.add(new Successor(name, params, t));
          }
        }
      }
    }
    return out;
  }

  /** What tells nodes apart: the VIEW's value if the cfg has one, else the whole state. */
  private Object key(TLCState s, Map<String, TlaValue> value) {
    if (view == null) {
      return value;
    }
    return ValueConverter.convert(tool.eval(view, Context.Empty, s));
  }

  private List<Action> refine(Action a, TLCState s) {
    try {
      return refiner.refine(a, s);
    } catch (RuntimeException | StackOverflowError e) {
      throw new Evaluation(a.pred.getLocation(), e);
    }
  }

  private static tla2sany.st.Location location(tlc2.util.Vect<Action> init) {
    return init != null && init.size() > 0 ? init.elementAt(0).pred.getLocation() : null;
  }

  /** TLC failed evaluating the spec; {@code where} is the action or predicate evaluated. */
  static final class Evaluation extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final transient tla2sany.st.Location where;

    Evaluation(tla2sany.st.Location where, Throwable cause) {
      super(cause.getMessage(), cause);
      this.where = where;
    }

    tla2sany.st.Location where() {
      return where;
    }
  }

  /** Thrown when the graph has more edges than the caller allows. */
  static final class TooLarge extends RuntimeException {
    private static final long serialVersionUID = 1L;

    TooLarge(long maxEdges) {
      super("more than " + maxEdges + " reachable edges");
    }
  }

  /**
   * Names of the action operators: TLC's split actions, and for an action TLC left unsplit (an
   * {@code \E} over a state-dependent set) the operators applied under its {@code \/} and {@code
   * \E}, which are the names its per-state refinements carry.
   */
  private List<String> actionNames(Action[] actions) {
    Set<String> names = new LinkedHashSet<>();
    for (Action a : actions) {
      collect(a.pred, a.con, ActionMatcher.name(a), names);
    }
    return new ArrayList<>(names);
  }

  private void collect(
      tla2sany.semantic.SemanticNode node, Context con, String enclosing, Set<String> names) {
    if (node instanceof tla2sany.semantic.LetInNode let) {
      collect(let.getBody(), con, enclosing, names);
      return;
    }
    if (node instanceof tla2sany.semantic.OpApplNode appl) {
      int opcode = tlc2.tool.BuiltInOPs.getOpCode(appl.getOperator().getName());
      if (opcode == tlc2.tool.ToolGlobals.OPCODE_be) {
        collect(appl.getArgs()[0], con, enclosing, names);
        return;
      }
      if (opcode == tlc2.tool.ToolGlobals.OPCODE_dl || opcode == tlc2.tool.ToolGlobals.OPCODE_lor) {
        for (tla2sany.semantic.ExprOrOpArgNode arg : appl.getArgs()) {
          collect(arg, con, enclosing, names);
        }
        return;
      }
      if (opcode == 0
          && tool.lookup(appl.getOperator(), con, false) instanceof OpDefNode def
          && def.getBody() != null
          && tlc2.tool.BuiltInOPs.getOpCode(def.getName()) == 0) {
        names.add(def.getName().toString());
        return;
      }
    }
    names.add(enclosing);
  }
}
