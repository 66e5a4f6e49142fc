package org.vfiomc.checker.explore;

import java.util.List;

/**
 * One random walk through a {@link StateGraph} that holds only what the walks visited.
 *
 * @param start index of the initial state it starts in
 * @param edges indices of the edges it takes, in order
 */
public record Walk(int start, List<Integer> edges) {
  public Walk {
    edges = List.copyOf(edges);
  }
}
