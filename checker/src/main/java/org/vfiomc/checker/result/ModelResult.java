package org.vfiomc.checker.result;

import java.util.List;
import java.util.Objects;

/**
 * One model's outcome next to its expectation.
 *
 * @param model the model name
 * @param expected what the manifest expects
 * @param outcome what the check produced
 * @param durationMillis wall time of the check, process start to end
 * @param properties the invariants and properties the model's configuration checks (empty when TLC
 *     did not get as far as reading them)
 * @param source the spec module and constant values TLC loaded ({@link ModelSource#UNKNOWN} when it
 *     did not get as far)
 * @param search how TLC searched (a simulation's HOLDS is no proof)
 * @param coverage TLC's per-action coverage when it was asked for ({@code check --coverage}), else
 *     empty
 */
public record ModelResult(
    String model,
    Expectation expected,
    CheckOutcome outcome,
    long durationMillis,
    List<String> properties,
    ModelSource source,
    Search search,
    List<ActionCoverage> coverage) {
  public ModelResult {
    Objects.requireNonNull(model, "model");
    Objects.requireNonNull(expected, "expected");
    Objects.requireNonNull(outcome, "outcome");
    properties = List.copyOf(properties);
    Objects.requireNonNull(source, "source");
    Objects.requireNonNull(search, "search");
    coverage = List.copyOf(coverage);
  }

  /** A result of an exhaustive search without coverage statistics. */
  public ModelResult(
      String model,
      Expectation expected,
      CheckOutcome outcome,
      long durationMillis,
      List<String> properties,
      ModelSource source) {
    this(
        model,
        expected,
        outcome,
        durationMillis,
        properties,
        source,
        Search.Exhaustive.INSTANCE,
        List.of());
  }

  /** Differences from the expectation; empty when met. */
  public List<String> mismatches() {
    return expected.mismatches(outcome);
  }

  public boolean met() {
    return mismatches().isEmpty();
  }
}
