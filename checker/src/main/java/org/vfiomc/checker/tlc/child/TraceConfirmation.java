package org.vfiomc.checker.tlc.child;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.vfiomc.checker.result.ViolationKind;
import tlc2.tool.Action;
import tlc2.tool.ITool;
import tlc2.tool.StateVec;
import tlc2.tool.TLCState;
import tlc2.tool.TLCStateInfo;

/**
 * Checks, with TLC's own evaluator, that a counterexample is a behaviour of the spec that violates
 * what it claims: its first state is initial, every later state is a successor of the one before
 * under some action, and its last state breaks the named invariant (or, for a deadlock, has no
 * successor). TLC 2.18's distributed server is known to report wrong counterexamples on violations,
 * so the checker passes one on only when it passes this check.
 */
final class TraceConfirmation {
  private final ITool tool;

  TraceConfirmation(ITool tool) {
    this.tool = tool;
  }

  /** {@code null} when the trace is confirmed, else why not. */
  String problem(List<TLCStateInfo> states, ViolationKind kind, String property) {
    if (states.isEmpty()) {
      return "the counterexample has no state";
    }
    Set<Long> initial = new HashSet<>();
    StateVec inits = tool.getInitStates();
    for (int i = 0; i < inits.size(); i++) {
      initial.add(inits.elementAt(i).fingerPrint());
    }
    if (!initial.contains(states.get(0).state.fingerPrint())) {
      return "state 1 is not an initial state";
    }
    for (int i = 1; i < states.size(); i++) {
      if (!successor(states.get(i - 1).state, states.get(i).state.fingerPrint())) {
        return "state " + (i + 1) + " is not a successor of state " + i + " under any action";
      }
    }
    TLCState last = states.get(states.size() - 1).state;
    if (kind == ViolationKind.INVARIANT) {
      String[] names = tool.getInvNames();
      Action[] invariants = tool.getInvariants();
      for (int i = 0; i < names.length; i++) {
        if (names[i].equals(property)) {
          return tool.isValid(invariants[i], last) ? "the last state satisfies " + property : null;
        }
      }
      return "the configuration checks no invariant " + property;
    }
    if (kind == ViolationKind.DEADLOCK) {
      for (Action a : tool.getActions()) {
        if (tool.getNextStates(a, last).size() > 0) {
          return "the last state has a successor: no deadlock";
        }
      }
      return null;
    }
    return null; // a behaviour of the spec; other kinds are not re-evaluated
  }

  /** The first invariant of the configuration that {@code state} breaks, or {@code null}. */
  String brokenInvariant(TLCState state) {
    String[] names = tool.getInvNames();
    Action[] invariants = tool.getInvariants();
    for (int i = 0; i < names.length; i++) {
      if (!tool.isValid(invariants[i], state)) {
        return names[i];
      }
    }
    return null;
  }

  private boolean successor(TLCState from, long target) {
    for (Action a : tool.getActions()) {
      StateVec next;
      try {
        next = tool.getNextStates(a, from);
      } catch (RuntimeException e) {
        continue;
      }
      for (int j = 0; j < next.size(); j++) {
        if (next.elementAt(j).fingerPrint() == target) {
          return true;
        }
      }
    }
    return false;
  }
}
