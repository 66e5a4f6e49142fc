package org.vfiomc.checker.result;

import java.util.Locale;

/** Why a model could not be checked; the first three are input errors (CLI exit code 2). */
public enum ErrorKind {
  /** SANY could not parse a module. */
  PARSE,
  /**
   * SANY's semantic analysis or TLC's evaluation rejected the spec: undefined names, and runtime
   * errors such as division by zero, CHOOSE from an empty set, a function applied outside its
   * domain or endless recursion (with the failing expression's position).
   */
  SEMANTIC,
  /** The {@code .cfg} is missing, unparsable, or names something the spec does not define. */
  CONFIG,
  /** TLC or the checker itself failed (crash, lost child process, internal error). */
  TOOL;

  /** Whether this is the user's input rather than a tool failure. */
  public boolean isInputError() {
    return this != TOOL;
  }

  /** Lower-case name used in JSON and the manifest. */
  public String id() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** Parses {@link #id()}. */
  public static ErrorKind fromId(String id) {
    for (ErrorKind k : values()) {
      if (k.id().equals(id)) {
        return k;
      }
    }
    throw new IllegalArgumentException(
        "unknown error kind '" + id + "' (expected parse, semantic, config or tool)");
  }
}
