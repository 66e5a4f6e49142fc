package org.vfiomc.checker.trace;

import java.util.List;

/**
 * A recorded run whose states may be partial: each step's state holds only the variables that were
 * observed (a subset of {@code vars}); the action name may be empty (unknown) and the parameters
 * {@code null} (unknown). Read by {@link ItfCodec#readObserved}.
 *
 * @param vars the variables the file declares
 * @param steps the steps, the first one initial
 */
public record ObservedTrace(List<String> vars, List<TraceStep> steps) {
  public ObservedTrace {
    vars = List.copyOf(vars);
    steps = List.copyOf(steps);
  }
}
