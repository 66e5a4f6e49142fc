package org.vfiomc.checker.result;

/**
 * How TLC searched a model: the whole reachable state graph (breadth first), or random behaviours
 * (TLC's simulation mode, {@code -simulate}), which can find a violation but never prove that a
 * property holds.
 */
public sealed interface Search {
  /** Breadth-first search of every reachable state: a HOLDS verdict is a proof at these bounds. */
  record Exhaustive() implements Search {
    /** The one exhaustive search (all are equal). */
    public static final Exhaustive INSTANCE = new Exhaustive();
  }

  /**
   * Random simulation: {@code behaviours} behaviours of at most {@code depth} states each, drawn
   * with {@code seed} (the same seed and worker count give the same behaviours).
   *
   * @param behaviours how many behaviours TLC generates ({@code -simulate num=N})
   * @param depth the states in each behaviour, the initial state included ({@code -depth D})
   * @param seed the random seed ({@code -seed S})
   */
  record Simulation(long behaviours, int depth, long seed) implements Search {
    public Simulation {
      if (behaviours < 1 || depth < 1) {
        throw new IllegalArgumentException("simulation needs at least 1 behaviour of depth 1");
      }
    }
  }

  /** Whether a HOLDS verdict covers every reachable state. */
  default boolean exhaustive() {
    return this instanceof Exhaustive;
  }
}
