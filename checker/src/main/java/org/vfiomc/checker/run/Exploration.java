package org.vfiomc.checker.run;

import java.util.Objects;
import org.vfiomc.checker.explore.StateGraph;

/** What an exploration ({@link StateGraphExplorer}) gave. */
public sealed interface Exploration {
  /** The whole reachable graph. */
  record Explored(StateGraph graph) implements Exploration {
    public Explored {
      Objects.requireNonNull(graph, "graph");
    }
  }

  /** The graph has more edges than allowed. */
  record TooLarge(long maxEdges) implements Exploration {}

  /** Exploration failed (message names the model and the cause). */
  record Failed(String message) implements Exploration {
    public Failed {
      Objects.requireNonNull(message, "message");
    }
  }
}
