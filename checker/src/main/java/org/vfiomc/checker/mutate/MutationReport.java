package org.vfiomc.checker.mutate;

import java.util.List;
import org.vfiomc.checker.spec.Profile;

/**
 * A whole {@code checker mutate} run.
 *
 * @param profile the profile whose models checked the mutants
 * @param oracle which of its models judged the mutants
 * @param operators the operators applied
 * @param modules one report per module, by suite then module name
 * @param millis wall time of the run
 * @param complete false when the run was stopped (SIGINT, SIGTERM) before every mutant was
 *     classified: the report then holds the modules and mutants finished by then
 * @param notStarted the modules the run had selected but not begun when it was stopped, in the
 *     order they would have run; empty in a complete run
 */
public record MutationReport(
    Profile profile,
    Oracle oracle,
    List<MutationOperator> operators,
    List<ModuleReport> modules,
    long millis,
    boolean complete,
    List<String> notStarted) {
  public MutationReport {
    operators = List.copyOf(operators);
    modules = List.copyOf(modules);
    notStarted = List.copyOf(notStarted);
    if (complete && !notStarted.isEmpty()) {
      throw new IllegalArgumentException("a complete run has started every module: " + notStarted);
    }
  }

  /** A complete run's report. */
  public MutationReport(
      Profile profile,
      Oracle oracle,
      List<MutationOperator> operators,
      List<ModuleReport> modules,
      long millis) {
    this(profile, oracle, operators, modules, millis, true, List.of());
  }
}
