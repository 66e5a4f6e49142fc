package org.vfiomc.checker.trace;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;

/**
 * A finite behaviour, possibly a lasso.
 *
 * @param vars variable names; every step's state defines exactly these
 * @param steps the states in order, the first one initial
 * @param loop index of the state the behaviour returns to after the last one (ITF {@code loop}); a
 *     loop equal to the last index means the behaviour stutters there forever
 * @param meta free-form text annotations (ITF {@code #meta}, string entries only)
 * @param params constants the trace fixes (ADR-015 {@code params}, set in the initial state), in
 *     the file's order; empty when the file has none
 */
public record Trace(
    List<String> vars,
    List<TraceStep> steps,
    OptionalInt loop,
    Map<String, String> meta,
    Map<String, TlaValue> params) {
  public Trace {
    vars = List.copyOf(vars);
    steps = List.copyOf(steps);
    meta = Collections.unmodifiableMap(new LinkedHashMap<>(meta));
    params = Collections.unmodifiableMap(new LinkedHashMap<>(params));
    if (loop.isPresent() && (loop.getAsInt() < 0 || loop.getAsInt() >= steps.size())) {
      throw new IllegalArgumentException(
          "loop " + loop.getAsInt() + " outside 0.." + (steps.size() - 1));
    }
    for (int i = 0; i < steps.size(); i++) {
      if (!steps.get(i).state().keySet().equals(new java.util.HashSet<>(vars))) {
        throw new IllegalArgumentException(
            "step " + i + " defines " + steps.get(i).state().keySet() + ", expected " + vars);
      }
    }
  }

  /** A trace without {@code params}. */
  public Trace(
      List<String> vars, List<TraceStep> steps, OptionalInt loop, Map<String, String> meta) {
    this(vars, steps, loop, meta, Map.of());
  }

  /** A finite trace without loop or annotations. */
  public static Trace of(List<String> vars, List<TraceStep> steps) {
    return new Trace(vars, steps, OptionalInt.empty(), Map.of());
  }

  /** Number of states. */
  public int length() {
    return steps.size();
  }
}
