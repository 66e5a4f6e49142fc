package org.vfiomc.checker.mutate;

import java.util.Locale;
import org.vfiomc.checker.result.Verdict;
import org.vfiomc.checker.spec.ModelSpec;

/** Which models of the profile judge a mutant. */
public enum Oracle {
  /**
   * Every model, with its own expectation: a mutant is killed when a HOLDS model finds a violation
   * or a VIOLATED model's violation is gone or changed (property, kind, counterexample length), as
   * {@code checker check} of the suite would report it. A suite's VIOLATED models are its
   * regression tests for known defects: they are the only models that reach a spec's defect
   * branches (a {@code Defects} constant), which every HOLDS model leaves disabled.
   */
  EXPECTATIONS,
  /** The HOLDS models only: killed means some invariant, property or deadlock freedom fails. */
  HOLDS;

  /** Whether this oracle checks mutants with {@code model}. */
  public boolean uses(ModelSpec model) {
    return this == EXPECTATIONS || model.expected().verdict() == Verdict.HOLDS;
  }

  /** Lower-case name used on the command line and in JSON. */
  public String id() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** Parses {@link #id()}. */
  public static Oracle fromId(String id) {
    for (Oracle o : values()) {
      if (o.id().equals(id)) {
        return o;
      }
    }
    throw new IllegalArgumentException("--oracle must be expectations or holds, got '" + id + "'");
  }
}
