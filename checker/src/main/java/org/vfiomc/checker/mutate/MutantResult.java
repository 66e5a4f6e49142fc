package org.vfiomc.checker.mutate;

import java.util.Objects;

/**
 * What checking one mutant gave.
 *
 * @param id the mutant
 * @param location where its first edit starts in the original module
 * @param diff its change on one line
 * @param status the classification
 * @param model the model that killed it (or timed out / failed), else null
 * @param property the invariant or property it violated ({@code deadlock} for a deadlock, the kind
 *     when TLC did not name one), else null
 * @param detail the TLC error for {@link Status#KILLED_BY_ERROR}, the reason for {@link
 *     Status#EQUIVALENT}, else null
 * @param millis wall time spent checking it
 * @param checks model checks TLC ran for it in this run
 * @param reused model checks taken from the {@code --history} of earlier runs instead
 */
public record MutantResult(
    MutantId id,
    Span location,
    String diff,
    Status status,
    String model,
    String property,
    String detail,
    long millis,
    int checks,
    int reused) {
  public MutantResult {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(location, "location");
    Objects.requireNonNull(status, "status");
    if (checks < 0 || reused < 0) {
      throw new IllegalArgumentException("checks and reused must be >= 0");
    }
  }

  /** The classification of a mutant. */
  public enum Status {
    /** Some HOLDS model found a violation. */
    KILLED,
    /** Some HOLDS model ended in a TLC error (and none found a violation before it). */
    KILLED_BY_ERROR,
    /** No model killed it and at least one ran out of time. */
    TIMED_OUT,
    /** Every HOLDS model still holds. */
    SURVIVED,
    /** Listed in {@code mutants.json} as equivalent; not checked. */
    EQUIVALENT;

    public String id() {
      return name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
    }
  }
}
