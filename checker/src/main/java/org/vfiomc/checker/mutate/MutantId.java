package org.vfiomc.checker.mutate;

import java.util.Objects;

/**
 * A mutant's identity that survives edits elsewhere in the file (no line numbers): module,
 * operator, enclosing definition, the original and the mutated text (whitespace runs collapsed to
 * one space; several edits joined by {@code " | "}), and which occurrence of that same change in
 * that definition it is (1-based, in source order).
 */
public record MutantId(
    String module,
    MutationOperator operator,
    String definition,
    String original,
    String replacement,
    int occurrence) {
  public MutantId {
    Objects.requireNonNull(module, "module");
    Objects.requireNonNull(operator, "operator");
    Objects.requireNonNull(definition, "definition");
    Objects.requireNonNull(original, "original");
    Objects.requireNonNull(replacement, "replacement");
    if (occurrence < 1) {
      throw new IllegalArgumentException("occurrence must be at least 1: " + occurrence);
    }
  }

  /** E.g. {@code Counter.Inc drop-guard [x < 3] -> [TRUE]}, with {@code #k} when k > 1. */
  public String display() {
    return module
        + "."
        + definition
        + " "
        + operator.id()
        + " ["
        + original
        + "] -> ["
        + replacement
        + "]"
        + (occurrence > 1 ? " #" + occurrence : "");
  }
}
