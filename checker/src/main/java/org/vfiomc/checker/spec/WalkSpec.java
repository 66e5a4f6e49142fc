package org.vfiomc.checker.spec;

/**
 * A {@code tour} block's optional {@code walks}: instead of an edge tour of the whole graph (too
 * large to build), {@code count} coverage-directed random walks of at most {@code depth} steps from
 * an initial state, drawn with a generator seeded by {@code seed}, so the same spec always gives
 * the same walks.
 *
 * @param count how many walks
 * @param depth the most steps of one walk (a walk ends earlier in a state with no successor)
 * @param seed the random generator's seed
 */
public record WalkSpec(int count, int depth, long seed) {
  public WalkSpec {
    if (count <= 0 || depth <= 0 || seed < 0) {
      throw new IllegalArgumentException(
          "walks need count > 0, depth > 0 and seed >= 0, got "
              + count
              + ", "
              + depth
              + ", "
              + seed);
    }
  }
}
