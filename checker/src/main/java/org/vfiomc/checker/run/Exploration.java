package org.vfiomc.checker.run;

import java.util.Objects;
import org.vfiomc.checker.explore.StateGraph;
import org.vfiomc.checker.result.ErrorInfo;
import org.vfiomc.checker.result.ErrorKind;

/** What an exploration ({@link StateGraphExplorer}) gave. */
public sealed interface Exploration {
  /** The whole reachable graph. */
  record Explored(StateGraph graph) implements Exploration {
    public Explored {
      Objects.requireNonNull(graph, "graph");
    }
  }

  /**
   * Random walks ({@link StateGraphExplorer#walk}) and the part of the graph they visited.
   *
   * @param graph the visited states and edges only
   * @param walks the walks, in order
   */
  record Walked(StateGraph graph, java.util.List<org.vfiomc.checker.explore.Walk> walks)
      implements Exploration {
    public Walked {
      Objects.requireNonNull(graph, "graph");
      walks = java.util.List.copyOf(walks);
    }
  }

  /** The graph has more edges than allowed. */
  record TooLarge(long maxEdges) implements Exploration {}

  /**
   * Exploration failed.
   *
   * @param message names the model and the cause
   * @param error the cause classified as {@code check} classifies it (kind, file, line, column):
   *     input errors (parse, semantic, config) are the user's, {@code tool} the checker's
   */
  record Failed(String message, ErrorInfo error) implements Exploration {
    public Failed {
      Objects.requireNonNull(message, "message");
      Objects.requireNonNull(error, "error");
    }

    /** A failure of the tool (time-out, lost child, unreadable output). */
    public Failed(String message) {
      this(message, ErrorInfo.of(ErrorKind.TOOL, message));
    }
  }
}
