package org.vfiomc.checker.tlc.link;

/** Exit statuses of the forked exploring JVM, shared by the child and the parent reading them. */
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

  /** The graph has more edges than allowed. */
  public static final int TOO_LARGE = 4;

  private ChildExit() {}
}
