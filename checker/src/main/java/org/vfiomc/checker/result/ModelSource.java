package org.vfiomc.checker.result;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import org.vfiomc.checker.trace.TlaValue;

/**
 * The spec behind a checked model, as TLC loaded it: the module that declares the variables and the
 * value of every constant of the model's root module, in declaration order. Trace generation writes
 * both into a counterexample's ITF {@code #meta}.
 */
public record ModelSource(String module, Map<String, TlaValue> constants) {
  /** Nothing known (TLC stopped before the spec was loaded). */
  public static final ModelSource UNKNOWN = new ModelSource("", Map.of());

  public ModelSource {
    Objects.requireNonNull(module, "module");
    constants = Collections.unmodifiableMap(new LinkedHashMap<>(constants));
  }
}
