package org.vfiomc.checker.result;

import java.util.Objects;

/**
 * How often one action of a spec produced states, as TLC's coverage statistics count it ({@code
 * -coverage}): for an action of {@code Next}, {@code generated} successor states of which {@code
 * distinct} were new; for the initial predicate, the initial states generated and distinct.
 *
 * @param action the action's operator name ({@code Init} for the initial predicate)
 * @param module the module that defines it
 * @param line the line of its definition (1-based)
 * @param column the column of its definition (1-based)
 * @param initial whether this is the initial predicate rather than an action of {@code Next}
 * @param distinct new states the action found
 * @param generated states the action generated, seen before or not
 */
public record ActionCoverage(
    String action,
    String module,
    int line,
    int column,
    boolean initial,
    long distinct,
    long generated) {
  public ActionCoverage {
    Objects.requireNonNull(action, "action");
    Objects.requireNonNull(module, "module");
    if (distinct < 0 || generated < 0) {
      throw new IllegalArgumentException("coverage counts must not be negative");
    }
  }

  /** An action that never produced a state: its guard was never true in a reachable state. */
  public boolean neverEnabled() {
    return generated == 0;
  }

  /** An action whose every successor had been seen already: it adds no state to the model. */
  public boolean neverNew() {
    return generated > 0 && distinct == 0;
  }
}
