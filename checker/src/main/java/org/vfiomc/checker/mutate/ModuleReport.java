package org.vfiomc.checker.mutate;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The mutation result of one module.
 *
 * @param module the module name
 * @param file its source file
 * @param models the HOLDS models that check it, in the order they ran (cheapest first)
 * @param sites mutants generated before the parse check
 * @param unparsable generated mutants SANY rejected (discarded)
 * @param mutants the mutants that parsed, each with its result, in source order
 * @param killsByProperty every property (invariant, temporal property, {@code deadlock} when it
 *     killed something) of the models, with how many mutants it killed first
 */
public record ModuleReport(
    String module,
    Path file,
    List<String> models,
    int sites,
    int unparsable,
    List<MutantResult> mutants,
    Map<String, Integer> killsByProperty) {
  public ModuleReport {
    Objects.requireNonNull(module, "module");
    models = List.copyOf(models);
    mutants = List.copyOf(mutants);
    killsByProperty = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(killsByProperty));
  }

  /** Mutants with this status. */
  public long count(MutantResult.Status status) {
    return mutants.stream().filter(m -> m.status() == status).count();
  }

  /** killed / (mutants that parsed - equivalent); NaN when nothing is left to kill. */
  public double score() {
    long denominator = mutants.size() - count(MutantResult.Status.EQUIVALENT);
    return denominator == 0 ? Double.NaN : (double) count(MutantResult.Status.KILLED) / denominator;
  }

  /** Properties that killed no mutant. */
  public List<String> possiblyVacuous() {
    return killsByProperty.entrySet().stream()
        .filter(e -> e.getValue() == 0)
        .map(Map.Entry::getKey)
        .toList();
  }
}
