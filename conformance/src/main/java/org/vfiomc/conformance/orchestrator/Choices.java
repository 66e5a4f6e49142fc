package org.vfiomc.conformance.orchestrator;

import java.util.SplittableRandom;

/**
 * Where a simulated run takes its scheduling decisions (how many device and guest micro-steps
 * happen in one simulated microsecond, frame lengths). A seeded generator for real runs; a test can
 * record the decisions as a list and replay (and shrink) it.
 */
public interface Choices {
  /** A value in {@code [0, bound)}. */
  int next(int bound);

  /** Decisions drawn from a {@link SplittableRandom} with {@code seed}: same seed, same run. */
  static Choices seeded(long seed) {
    SplittableRandom r = new SplittableRandom(seed);
    return r::nextInt;
  }
}
