package org.vfiomc.checker.tour;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.vfiomc.checker.explore.StateGraph;
import org.vfiomc.checker.trace.TlaValue;

class TourBuilderTest {
  private static StateGraph graph(int states, List<Integer> initial, int[][] edges) {
    List<Map<String, TlaValue>> s = new ArrayList<>();
    for (int i = 0; i < states; i++) {
      s.add(Map.of("x", TlaValue.Int.of(i)));
    }
    List<StateGraph.Edge> e = new ArrayList<>();
    for (int i = 0; i < edges.length; i++) {
      e.add(new StateGraph.Edge(edges[i][0], edges[i][1], edges[i][1], "A" + i, Map.of()));
    }
    return new StateGraph("M", Map.of(), List.of("x"), s, s, initial, e, List.of());
  }

  // 0 -e0-> 1 -e1-> 2 -e3-> 0, a self-loop e2 on 1 and a chord e4: 0 -> 2.
  private static final int[][] TRIANGLE = {{0, 1}, {1, 2}, {1, 1}, {2, 0}, {0, 2}};

  @Test
  void greedyWalksToTheNearestUncoveredEdge() {
    TourBuilder.Tour t = TourBuilder.build(graph(3, List.of(0), TRIANGLE), 0);
    // e0 e1 e3 e4 cover four edges in four steps; stuck in 2 (its only edge e3 is covered), the
    // nearest state with an uncovered edge is 1 (via e3, e0), then e2: 7 steps for 5 edges.
    assertEquals(List.of(new TourBuilder.Path(0, List.of(0, 1, 3, 4, 3, 0, 2))), t.paths());
    assertEquals(5, t.covered());
    assertEquals(7, t.steps());
  }

  @Test
  void stopsBeforeExceedingMaxSteps() {
    // after 4 steps the next walk (e3, e0, e2) would make 7 > 5: stop with 4 of 5 edges covered
    TourBuilder.Tour t = TourBuilder.build(graph(3, List.of(0), TRIANGLE), 5);
    assertEquals(4, t.steps());
    assertEquals(4, t.covered());
  }

  @Test
  void restartsFromAnotherInitialStateWhenStuck() {
    // two components, each an initial state with a self-loop, plus 1 -> 2 (a dead end)
    int[][] edges = {{0, 0}, {1, 1}, {1, 2}};
    TourBuilder.Tour t = TourBuilder.build(graph(3, List.of(0, 1), edges), 0);
    assertEquals(
        List.of(new TourBuilder.Path(0, List.of(0)), new TourBuilder.Path(1, List.of(1, 2))),
        t.paths());
    assertEquals(3, t.steps());
  }
}
