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
 */
public record MutationReport(
    Profile profile, List<MutationOperator> operators, List<ModuleReport> modules, long millis) {
  public MutationReport {
    operators = List.copyOf(operators);
    modules = List.copyOf(modules);
  }
}
