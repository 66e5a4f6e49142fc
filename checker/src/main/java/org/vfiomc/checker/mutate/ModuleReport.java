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
 * @param unmatched mutants generated but not selected by {@code --match}; 0 without it
 * @param excluded models that load the module but judge no mutant (slower than {@code
 *     --oracle-limit} unmutated)
 */
public record ModuleReport(
    String module,
    Path file,
    List<String> models,
    int sites,
    int unparsable,
    List<MutantResult> mutants,
    Map<String, Integer> killsByProperty,
    int notRun,
    int unmatched,
    List<String> excluded) {
  public ModuleReport {
    Objects.requireNonNull(module, "module");
    if (notRun < 0) {
      throw new IllegalArgumentException("notRun < 0");
    }
    models = List.copyOf(models);
    excluded = List.copyOf(excluded);
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
        start.mutants() - classified.size(),
        start.unmatched(),
        start.excluded());
  }

  /** Model checks TLC ran for this module's mutants in this run. */
  public long checks() {
    return mutants.stream().mapToLong(MutantResult::checks).sum();
  }

  /** Model checks taken from the {@code --history} of earlier runs. */
  public long reusedChecks() {
    return mutants.stream().mapToLong(MutantResult::reused).sum();
  }

  /** Mutants with this status. */
  public long count(MutantResult.Status status) {
    return mutants.stream().filter(m -> m.status() == status).count();
  }

  /** Mutants that parsed and are not listed as equivalent: what the scores divide by. */
  public long denominator() {
    return mutants.size() - count(MutantResult.Status.EQUIVALENT);
  }

  /** Mutants the suite's check would catch: killed by a violation or by a TLC error. */
  public long detected() {
    return count(MutantResult.Status.KILLED) + count(MutantResult.Status.KILLED_BY_ERROR);
  }

  /**
   * (killed + killed by TLC error) / (mutants that parsed - equivalent); NaN when nothing is left
   * to kill. A TLC error is an evaluation error in a reachable state (a function applied outside
   * its domain, an endless recursion): {@code checker check} reports the model as ERROR, so the
   * suite catches the mutant, as PIT counts a run error as a kill. Stillborn mutants (a swapped TLC
   * assignment) are not generated.
   */
  public double score() {
    long d = denominator();
    return d == 0 ? Double.NaN : (double) detected() / d;
  }

  /** killed / (mutants that parsed - equivalent): the mutants a property or deadlock caught. */
  public double violationScore() {
    long d = denominator();
    return d == 0 ? Double.NaN : (double) count(MutantResult.Status.KILLED) / d;
  }

  /** Properties that killed no mutant. */
  public List<String> possiblyVacuous() {
    return killsByProperty.entrySet().stream()
        .filter(e -> e.getValue() == 0)
        .map(Map.Entry::getKey)
        .toList();
  }
}
