package org.vfiomc.checker.mutate;

import java.util.List;
import org.vfiomc.checker.spec.Profile;

/**
 * A whole {@code checker mutate} run.
 *
 * @param profile the profile whose HOLDS models checked the mutants
 * @param operators the operators applied
 * @param modules one report per module, by suite then module name
 * @param millis wall time of the run
 * @param complete false when the run was stopped (SIGINT, SIGTERM) before every mutant was
 *     classified: the report then holds the modules and mutants finished by then
 */
public record MutationReport(
    Profile profile,
    List<MutationOperator> operators,
    List<ModuleReport> modules,
    long millis,
    boolean complete) {
  public MutationReport {
    operators = List.copyOf(operators);
    modules = List.copyOf(modules);
  }

  /** A complete run's report. */
  public MutationReport(
      Profile profile, List<MutationOperator> operators, List<ModuleReport> modules, long millis) {
    this(profile, operators, modules, millis, true);
  }
}
