package org.vfiomc.checker.mutate;

import java.nio.file.Path;
import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.vfiomc.checker.spec.Profile;

/**
 * Everything a {@code mutate} run needs.
 *
 * @param paths suite folders (with {@code suite.json}) or manifest files
 * @param module only this module, when present
 * @param operators the operators to apply
 * @param parallel mutants checked at the same time
 * @param timeoutSeconds limit of one model check of a mutant; when absent, ten times the model's
 *     unmutated check time, at least 30 s, at most the model's own limit
 * @param profile whose models check the mutants
 * @param oracle which of the profile's models judge a mutant
 * @param match when not empty, only the mutants whose id (its display form) contains one of these
 *     texts are checked
 * @param history the file of earlier runs' model checks to reuse and append to, when present
 * @param oracleLimitSeconds when present, a model whose unmutated check takes longer judges no
 *     mutant (e.g. the largest models of {@code deep})
 * @param listOnly list the mutants that parse (after the unmutated checks, which name the
 *     properties that are not mutated) instead of checking them
 */
public record MutateOptions(
    List<Path> paths,
    Optional<String> module,
    Set<MutationOperator> operators,
    int parallel,
    Optional<Long> timeoutSeconds,
    Profile profile,
    Oracle oracle,
    List<String> match,
    Optional<Path> history,
    Optional<Long> oracleLimitSeconds,
    boolean listOnly) {
  public MutateOptions {
    paths = List.copyOf(paths);
    Objects.requireNonNull(module, "module");
    operators = operators.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(operators));
    if (parallel < 1) {
      throw new IllegalArgumentException("parallel must be at least 1");
    }
    Objects.requireNonNull(timeoutSeconds, "timeoutSeconds");
    Objects.requireNonNull(profile, "profile");
    Objects.requireNonNull(oracle, "oracle");
    match = List.copyOf(match);
    if (match.stream().anyMatch(String::isEmpty)) {
      throw new IllegalArgumentException("--match text must not be empty");
    }
    Objects.requireNonNull(history, "history");
    Objects.requireNonNull(oracleLimitSeconds, "oracleLimitSeconds");
    if (oracleLimitSeconds.isPresent() && oracleLimitSeconds.get() < 1) {
      throw new IllegalArgumentException("--oracle-limit must be at least 1 second");
    }
  }

  /** Whether a mutant is selected by {@link #match}. */
  public boolean selects(MutantId id) {
    return match.isEmpty() || match.stream().anyMatch(id.display()::contains);
  }
}
