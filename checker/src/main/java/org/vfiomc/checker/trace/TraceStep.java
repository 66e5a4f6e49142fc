package org.vfiomc.checker.trace;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * One state of a behaviour and the step that led to it.
 *
 * @param action name of the action operator taken into this state ({@code "Init"} for the first
 *     state)
 * @param params the action's parameter values by formal name, or {@code null} when they could not
 *     be recovered (an empty map means the action has no parameters)
 * @param state every variable's value, in the variable order of the trace
 */
public record TraceStep(String action, Map<String, TlaValue> params, Map<String, TlaValue> state) {
  public TraceStep {
    Objects.requireNonNull(action, "action");
    params = params == null ? null : Collections.unmodifiableMap(new LinkedHashMap<>(params));
    state =
        Collections.unmodifiableMap(new LinkedHashMap<>(Objects.requireNonNull(state, "state")));
  }

  /** Whether the parameters of {@link #action} are known. */
  public boolean paramsKnown() {
    return params != null;
  }
}
