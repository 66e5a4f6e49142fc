package org.vfiomc.checker.trace;

/**
 * A trace file that is not valid ITF: names the file, the step (or -1 outside the states) and the
 * JSON pointer of the offending node.
 */
public final class TraceFormatException extends Exception {
  private static final long serialVersionUID = 1L;

  private final String file;
  private final int step;
  private final String pointer;

  public TraceFormatException(String file, int step, String pointer, String problem) {
    super(
        file
            + (step >= 0 ? ": step " + step : "")
            + ": at "
            + (pointer.isEmpty() ? "/" : pointer)
            + ": "
            + problem);
    this.file = file;
    this.step = step;
    this.pointer = pointer;
  }

  public String file() {
    return file;
  }

  /** Index of the state being decoded, or -1 when the problem is outside {@code states}. */
  public int step() {
    return step;
  }

  /** RFC 6901 pointer of the offending JSON node ({@code ""} for the document). */
  public String pointer() {
    return pointer;
  }
}
