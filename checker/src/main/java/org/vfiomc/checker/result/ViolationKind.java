package org.vfiomc.checker.result;

import java.util.Locale;

/** Which kind of property a counterexample violates. */
public enum ViolationKind {
  /** A state predicate named under {@code INVARIANT}. */
  INVARIANT,
  /** A reachable state without successors (and deadlock checking on). */
  DEADLOCK,
  /** A temporal or action property named under {@code PROPERTY}. */
  TEMPORAL,
  /** An {@code Assert} evaluated to FALSE while computing a step. */
  ASSERTION;

  /** Lower-case name used in JSON and the manifest. */
  public String id() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** Parses {@link #id()}; throws {@link IllegalArgumentException} naming the valid values. */
  public static ViolationKind fromId(String id) {
    for (ViolationKind k : values()) {
      if (k.id().equals(id)) {
        return k;
      }
    }
    throw new IllegalArgumentException(
        "unknown violation kind '"
            + id
            + "' (expected invariant, deadlock, temporal or assertion)");
  }
}
