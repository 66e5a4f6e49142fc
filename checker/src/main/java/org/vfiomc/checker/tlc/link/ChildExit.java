package org.vfiomc.checker.tlc.link;

/**
 * Exit statuses of the forked exploring JVM, and the prefixes of the lines on a child's standard
 * error that the parent reads, shared by the child and the parent.
 */
public final class ChildExit {
  /** The graph was written. */
  public static final int OK = 0;

  /** Failed; the message is on standard error. */
  public static final int FAILED = 2;

  /**
   * Starts the one line on standard error that says why a child failed (kind, position, cause),
   * e.g. {@code vfiomc-error: parse error: /specs/A.tla:5:20: Was expecting ...}.
   */
  public static final String ERROR_PREFIX = "vfiomc-error: ";

  /** Starts a line on a child's standard error that the checker passes on as a warning. */
  public static final String WARNING_PREFIX = "vfiomc-warning: ";

  /** The graph has more edges than allowed. */
  public static final int TOO_LARGE = 4;

  private ChildExit() {}
}
