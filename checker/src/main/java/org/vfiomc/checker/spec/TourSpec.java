package org.vfiomc.checker.spec;

import java.nio.file.Path;

/**
 * A manifest entry's optional {@code tour} block: a smaller model (same spec, smaller constants)
 * whose edge tour stands in for the model's own when its graph is too large to tour.
 *
 * @param spec the tour model's {@code .tla} (absolute)
 * @param config its {@code .cfg} (absolute)
 * @param maxSteps the most tour steps to write (the tour stops there; coverage then says so)
 * @param walks {@code null} for an edge tour of the tour model's whole graph; otherwise seeded
 *     random walks of it (its graph is then never built whole)
 */
public record TourSpec(Path spec, Path config, long maxSteps, WalkSpec walks) {
  /** An edge tour. */
  public TourSpec(Path spec, Path config, long maxSteps) {
    this(spec, config, maxSteps, null);
  }

  public TourSpec {
    spec = spec.toAbsolutePath().normalize();
    config = config.toAbsolutePath().normalize();
    if (maxSteps <= 0) {
      throw new IllegalArgumentException("maxSteps must be positive: " + maxSteps);
    }
  }
}
