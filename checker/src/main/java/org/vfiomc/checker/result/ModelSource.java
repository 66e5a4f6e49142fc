package org.vfiomc.checker.result;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import org.vfiomc.checker.trace.TlaValue;

/**
 * The spec behind a checked model: the fingerprint of its files ({@code
 * org.vfiomc.checker.spec.SpecFingerprint}, empty when unknown) and, as TLC loaded it, the module
 * that declares the variables and the value of every constant of the model's root module, in
 * declaration order (module empty when TLC stopped before loading the spec). Trace generation
 * writes module and constants into a counterexample's ITF {@code #meta}.
 */
public record ModelSource(String specSha256, String module, Map<String, TlaValue> constants) {
  /** Nothing known. */
  public static final ModelSource UNKNOWN = new ModelSource("", "", Map.of());

  public ModelSource {
    Objects.requireNonNull(specSha256, "specSha256");
    Objects.requireNonNull(module, "module");
    constants = Collections.unmodifiableMap(new LinkedHashMap<>(constants));
  }

  /** This source with the fingerprint of the files it was loaded from. */
  public ModelSource withSpecSha256(String sha) {
    return new ModelSource(sha, module, constants);
  }
}
