package org.vfiomc.checker.tour;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.vfiomc.checker.explore.StateGraph;

/**
 * Greedy transition tour: from the current state walk (breadth-first shortest path) to the nearest
 * state that still has an uncovered outgoing edge and take that edge; when no uncovered edge is
 * reachable from the current state, end the path and start a new one from the initial state nearest
 * to an uncovered edge. Ties go to the lower state and edge index, so the tour is a function of the
 * graph.
 */
public final class TourBuilder {
  private TourBuilder() {}

  /**
   * One path of a tour.
   *
   * @param start index of the initial state it starts in
   * @param edges indices of the edges it takes, in order
   */
  public record Path(int start, List<Integer> edges) {
    public Path {
      edges = List.copyOf(edges);
    }
  }

  /**
   * A tour.
   *
   * @param paths the paths, each from an initial state
   * @param covered number of distinct edges the paths take
   * @param steps total number of steps (edges taken, with repetitions)
   */
  public record Tour(List<Path> paths, int covered, long steps) {
    public Tour {
      paths = List.copyOf(paths);
    }
  }

  /**
   * The tour of {@code graph}, stopping before {@code maxSteps} would be exceeded (0: no limit).
   */
  public static Tour build(StateGraph graph, long maxSteps) {
    int n = graph.states().size();
    List<List<Integer>> out = graph.outgoing();
    boolean[] covered = new boolean[graph.edges().size()];
    int[] open = new int[n];
    for (StateGraph.Edge e : graph.edges()) {
      open[e.from()]++;
    }
    int remaining = graph.edges().size();
    long steps = 0;
    List<Path> paths = new ArrayList<>();
    List<Integer> current = null;
    int start = -1;
    int at = -1;
    while (remaining > 0) {
      int[] sources = current == null ? toArray(graph.initial()) : new int[] {at};
      List<Integer> walk = nearestOpen(graph, out, open, sources);
      if (walk == null) {
        if (current == null) {
          break; // nothing uncovered is reachable (cannot happen for a reachable graph)
        }
        paths.add(new Path(start, current));
        current = null;
        continue;
      }
      int from = walk.get(0);
      List<Integer> prefix = walk.subList(1, walk.size());
      int stateWithOpen =
          prefix.isEmpty() ? from : graph.edges().get(prefix.get(prefix.size() - 1)).to();
      int next = -1;
      for (int e : out.get(stateWithOpen)) {
        if (!covered[e]) {
          next = e;
          break;
        }
      }
      if (maxSteps > 0 && steps + prefix.size() + 1 > maxSteps) {
        break;
      }
      if (current == null) {
        current = new ArrayList<>();
        start = from;
      }
      List<Integer> taken = new ArrayList<>(prefix);
      taken.add(next);
      for (int e : taken) {
        current.add(e);
        steps++;
        if (!covered[e]) {
          covered[e] = true;
          open[graph.edges().get(e).from()]--;
          remaining--;
        }
      }
      at = graph.edges().get(next).to();
    }
    if (current != null) {
      paths.add(new Path(start, current));
    }
    return new Tour(paths, graph.edges().size() - remaining, steps);
  }

  private static int[] toArray(List<Integer> xs) {
    return xs.stream().mapToInt(Integer::intValue).toArray();
  }

  /**
   * Breadth-first from {@code sources} (in order) to the first state with an uncovered outgoing
   * edge: the source it starts from followed by the edges leading there, or {@code null}.
   */
  private static List<Integer> nearestOpen(
      StateGraph graph, List<List<Integer>> out, int[] open, int[] sources) {
    int n = open.length;
    int[] via = new int[n];
    int[] origin = new int[n];
    Arrays.fill(via, -2);
    ArrayDeque<Integer> queue = new ArrayDeque<>();
    for (int s : sources) {
      if (via[s] == -2) {
        via[s] = -1;
        origin[s] = s;
        queue.add(s);
      }
    }
    while (!queue.isEmpty()) {
      int s = queue.poll();
      if (open[s] > 0) {
        List<Integer> edges = new ArrayList<>();
        for (int x = s; via[x] != -1; x = graph.edges().get(via[x]).from()) {
          edges.add(via[x]);
        }
        java.util.Collections.reverse(edges);
        List<Integer> walk = new ArrayList<>();
        walk.add(origin[s]);
        walk.addAll(edges);
        return walk;
      }
      for (int e : out.get(s)) {
        int t = graph.edges().get(e).to();
        if (via[t] == -2) {
          via[t] = e;
          origin[t] = origin[s];
          queue.add(t);
        }
      }
    }
    return null;
  }
}
