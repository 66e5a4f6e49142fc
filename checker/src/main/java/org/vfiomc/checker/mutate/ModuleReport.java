package org.vfiomc.checker.mutate;

import java.nio.file.Path;
import java.util.Collection;
import java.util.Comparator;
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
 * @param notRun mutants that parsed but were not classified because the run was stopped (SIGINT,
 *     SIGTERM); 0 in a complete run
 */
public record ModuleReport(
    String module,
    Path file,
    List<String> models,
    int sites,
    int unparsable,
    List<MutantResult> mutants,
    Map<String, Integer> killsByProperty,
    int notRun) {
  public ModuleReport {
    Objects.requireNonNull(module, "module");
    if (notRun < 0) {
      throw new IllegalArgumentException("notRun < 0");
    }
    models = List.copyOf(models);
    mutants = List.copyOf(mutants);
    killsByProperty = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(killsByProperty));
  }

  /**
   * The report of a module from its start and the mutants classified so far, in source order; the
   * rest of the start's mutants count as not run.
   */
  public static ModuleReport of(ModuleStart start, Collection<MutantResult> classified) {
    Map<String, Integer> kills = new LinkedHashMap<>();
    start.properties().forEach(p -> kills.put(p, 0));
    for (MutantResult r : classified) {
      if (r.status() == MutantResult.Status.KILLED && r.property() != null) {
        kills.merge(r.property(), 1, Integer::sum);
      }
    }
    List<MutantResult> ordered =
        classified.stream()
            .sorted(
                Comparator.comparingInt((MutantResult r) -> r.location().beginLine())
                    .thenComparingInt(r -> r.location().beginColumn()))
            .toList();
    return new ModuleReport(
        start.module(),
        start.file(),
        start.models(),
        start.sites(),
        start.unparsable(),
        ordered,
        kills,
        start.mutants() - classified.size());
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
