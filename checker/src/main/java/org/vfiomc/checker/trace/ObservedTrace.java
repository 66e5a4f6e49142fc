package org.vfiomc.checker.trace;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A recorded run whose states may be partial: each step's state holds only the variables that were
 * observed (a subset of {@code vars}); the action name may be empty (unknown) and the parameters
 * {@code null} (unknown). Read by {@link ItfCodec#readObserved}.
 *
 * @param vars the variables the file declares
 * @param steps the steps, the first one initial
 * @param params constants the file fixes (ADR-015 {@code params}), in the file's order
 * @param meta the string entries of the file's {@code #meta} (e.g. {@code module})
 */
public record ObservedTrace(
    List<String> vars,
    List<TraceStep> steps,
    Map<String, TlaValue> params,
    Map<String, String> meta) {
  public ObservedTrace {
    vars = List.copyOf(vars);
    steps = List.copyOf(steps);
    params = Collections.unmodifiableMap(new LinkedHashMap<>(params));
    meta = Collections.unmodifiableMap(new LinkedHashMap<>(meta));
  }

  /** A run without {@code params} or annotations. */
  public ObservedTrace(List<String> vars, List<TraceStep> steps) {
    this(vars, steps, Map.of(), Map.of());
  }
}
