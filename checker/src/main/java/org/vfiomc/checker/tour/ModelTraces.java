package org.vfiomc.checker.tour;

import java.util.List;

/**
 * What {@code checker traces} produced for one model.
 *
 * @param model the manifest name
 * @param status {@code tour}, {@code walks} (seeded random walks of a tour model too large to tour:
 *     {@code states} and {@code edges} count only what the walks visited), {@code counterexample},
 *     {@code no tour} (graph too large and no tour block), {@code skipped} (expected ERROR or
 *     TIMEOUT), {@code failed} or, in the coverage document of a stopped run only, {@code not run}
 * @param explored the model explored for the tour (its own name or its tour model's file), or empty
 * @param states reachable states of the explored model (0 if not explored)
 * @param edges reachable labelled edges (0 if not explored)
 * @param covered edges the tour takes
 * @param steps total tour steps (for a counterexample: its number of steps, states - 1)
 * @param unexercised action operators the tour never takes, in TLC's order
 * @param files written files, relative to the output folder
 * @param note why there is no tour / what failed; empty otherwise
 * @param actionPairs for {@code walks}: every pair of actions one walk takes one right after the
 *     other, as {@code "A>B"}, sorted; empty otherwise
 */
public record ModelTraces(
    String model,
    String status,
    String explored,
    long states,
    long edges,
    long covered,
    long steps,
    List<String> unexercised,
    List<String> files,
    String note,
    List<String> actionPairs) {
  public ModelTraces {
    unexercised = List.copyOf(unexercised);
    files = List.copyOf(files);
    actionPairs = List.copyOf(actionPairs);
  }

  /** Traces without walks (no action pairs). */
  public ModelTraces(
      String model,
      String status,
      String explored,
      long states,
      long edges,
      long covered,
      long steps,
      List<String> unexercised,
      List<String> files,
      String note) {
    this(
        model,
        status,
        explored,
        states,
        edges,
        covered,
        steps,
        unexercised,
        files,
        note,
        List.of());
  }

  /** Steps per edge of the tour, or 0 without edges. */
  public double ratio() {
    return edges == 0 ? 0 : (double) steps / edges;
  }

  /** Whether the tour takes every reachable edge. */
  public boolean complete() {
    return covered == edges;
  }

  /** A model a stopped run (SIGINT, SIGTERM) did not finish. */
  public static ModelTraces notRun(String model) {
    return new ModelTraces(
        model,
        "not run",
        "",
        0,
        0,
        0,
        0,
        List.of(),
        List.of(),
        "the checker was stopped (SIGINT or SIGTERM) before this model finished");
  }
}
