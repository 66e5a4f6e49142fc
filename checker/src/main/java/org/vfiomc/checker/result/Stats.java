package org.vfiomc.checker.result;

/**
 * TLC's state counts at the end of a run (or at the last progress report for a timeout).
 *
 * @param distinctStates distinct states found
 * @param generatedStates states generated, duplicates included
 * @param depth length of the longest shortest path from an initial state, counted in states (TLC's
 *     "depth of the complete state graph search"; 0 when TLC did not report it)
 */
public record Stats(long distinctStates, long generatedStates, int depth) {
  public static final Stats NONE = new Stats(0, 0, 0);

  public Stats {
    if (distinctStates < 0 || generatedStates < 0 || depth < 0) {
      throw new IllegalArgumentException("negative statistic");
    }
  }
}
