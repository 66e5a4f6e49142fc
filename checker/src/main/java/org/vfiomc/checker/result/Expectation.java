package org.vfiomc.checker.result;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * What a model is expected to yield. Optional parts ({@code null}) are not compared.
 *
 * @param verdict the expected verdict
 * @param property for VIOLATED: the property TLC must report ({@code null}: any)
 * @param kind for VIOLATED: the kind of violation ({@code null}: any)
 * @param traceLength for VIOLATED: the number of states in the counterexample ({@code null}: any)
 * @param errorKind for ERROR: the error category ({@code null}: any)
 */
public record Expectation(
    Verdict verdict,
    String property,
    ViolationKind kind,
    Integer traceLength,
    ErrorKind errorKind) {
  public Expectation {
    Objects.requireNonNull(verdict, "verdict");
  }

  /** Expect HOLDS and nothing else. */
  public static Expectation holds() {
    return new Expectation(Verdict.HOLDS, null, null, null, null);
  }

  /** Human-readable differences between this expectation and an outcome; empty when met. */
  public List<String> mismatches(CheckOutcome outcome) {
    List<String> out = new ArrayList<>();
    if (outcome.verdict() != verdict) {
      out.add("expected " + verdict + " but got " + outcome.verdict());
      return out;
    }
    if (outcome instanceof CheckOutcome.Violated v) {
      if (kind != null && kind != v.kind()) {
        out.add("expected a " + kind.id() + " violation but got " + v.kind().id());
      }
      if (property != null && !property.equals(v.property())) {
        out.add("expected property " + property + " to be violated but got " + v.property());
      }
      if (traceLength != null && traceLength != v.trace().length()) {
        out.add(
            "expected a counterexample of "
                + traceLength
                + " states but got "
                + v.trace().length());
      }
    } else if (outcome instanceof CheckOutcome.Failed f
        && errorKind != null
        && errorKind != f.error().kind()) {
      out.add("expected a " + errorKind.id() + " error but got " + f.error().kind().id());
    }
    return out;
  }

  /** Short text, e.g. {@code VIOLATED invariant SumBelow5 (6 states)}. */
  public String describe() {
    StringBuilder b = new StringBuilder(verdict.name());
    if (kind != null) {
      b.append(' ').append(kind.id());
    }
    if (property != null) {
      b.append(' ').append(property);
    }
    if (traceLength != null) {
      b.append(" (").append(traceLength).append(" states)");
    }
    if (errorKind != null) {
      b.append(' ').append(errorKind.id());
    }
    return b.toString();
  }
}
