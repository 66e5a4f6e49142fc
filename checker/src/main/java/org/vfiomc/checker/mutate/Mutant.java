package org.vfiomc.checker.mutate;

import java.util.Objects;

/**
 * One generated mutant of a module.
 *
 * @param id stable identity
 * @param site where SANY found it
 * @param source the whole mutated module text
 * @param diff the change on one line ({@code old => new})
 */
public record Mutant(MutantId id, MutationSite site, String source, String diff) {
  public Mutant {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(site, "site");
    Objects.requireNonNull(source, "source");
    Objects.requireNonNull(diff, "diff");
  }

  /** Where the first edit starts. */
  public Span location() {
    return site.edits().get(0).at();
  }
}
