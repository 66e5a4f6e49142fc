package org.vfiomc.checker.mutate;

import java.util.List;
import java.util.Objects;

/**
 * Where and how one mutant changes a module, as SANY found it.
 *
 * @param operator the mutation operator
 * @param definition the top-level definition the site is in
 * @param edits non-overlapping replacements, applied together
 */
public record MutationSite(MutationOperator operator, String definition, List<Edit> edits) {
  public MutationSite {
    Objects.requireNonNull(operator, "operator");
    Objects.requireNonNull(definition, "definition");
    edits = List.copyOf(edits);
    if (edits.isEmpty()) {
      throw new IllegalArgumentException("a site needs at least one edit");
    }
  }

  /**
   * One replacement: the text at {@code at} becomes {@code text}, or (when {@code text} is null)
   * the original text at {@code copyOf}.
   */
  public record Edit(Span at, String text, Span copyOf) {
    public Edit {
      Objects.requireNonNull(at, "at");
      if ((text == null) == (copyOf == null)) {
        throw new IllegalArgumentException("an edit has exactly one of text and copyOf");
      }
    }
  }
}
