package org.vfiomc.checker.run;

import java.nio.file.Path;
import java.util.List;

/**
 * Builds a model's labelled reachable state graph ({@code traces}, {@code validate}); the
 * counterpart of {@link ModelChecker} for exploration. Implementations must be safe to call from
 * several threads at once and never throw for a bad model (that is an {@link Exploration.Failed}).
 */
public interface StateGraphExplorer extends AutoCloseable {
  /**
   * Explores {@code spec} with {@code config}; gives up with {@link Exploration.TooLarge} after
   * {@code maxEdges} edges (0: no limit) and fails after {@code timeoutSeconds}. The modules the
   * spec names are looked up beside it, then in {@code libraries}.
   */
  Exploration explore(
      Path spec, Path config, List<Path> libraries, long maxEdges, long timeoutSeconds);

  /**
   * Seeded, coverage-directed random walks of {@code spec} with {@code config} ({@link
   * org.vfiomc.checker.spec.WalkSpec}), at most {@code maxSteps} steps in all: an {@link
   * Exploration.Walked}, or {@link Exploration.Failed}. Explorers that cannot walk say so.
   */
  default Exploration walk(
      Path spec,
      Path config,
      List<Path> libraries,
      org.vfiomc.checker.spec.WalkSpec walks,
      long maxSteps,
      long timeoutSeconds) {
    return new Exploration.Failed(spec + ": this explorer cannot walk");
  }

  /**
   * The part of the reachable graph that validating the recorded run in {@code observedItf} (an ITF
   * file) can visit: every initial state, every successor of a state that agrees with the run's
   * state at some step k and was reached at step k (the initial states at step 0), and the edges
   * between them. A behaviour that matches the run lies inside it, so a validation against it gives
   * the verdict a validation against the whole graph gives, at the cost of the run's length rather
   * than the model's size. Explorers that cannot guide explore the whole graph.
   */
  default Exploration guided(
      Path spec, Path config, List<Path> libraries, Path observedItf, long timeoutSeconds) {
    return explore(spec, config, libraries, 0, timeoutSeconds);
  }

  /** Ends what the explorer keeps between explorations (idle child JVMs); nothing by default. */
  @Override
  default void close() {}
}
