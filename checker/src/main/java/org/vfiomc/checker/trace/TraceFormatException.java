package org.vfiomc.checker.trace;

/**
 * A trace file that is not valid ITF, or valid ITF that its consumer cannot take ({@link
 * #unsupported()}: e.g. constants an implementation cannot be configured with): names the file, the
 * step (or -1 outside the states) and the JSON pointer of the offending node.
 */
public final class TraceFormatException extends Exception {
  private static final long serialVersionUID = 1L;

  private final String file;
  private final int step;
  private final String pointer;
  private final boolean unsupported;

  public TraceFormatException(String file, int step, String pointer, String problem) {
    this(file, step, pointer, problem, false);
  }

  private TraceFormatException(
      String file, int step, String pointer, String problem, boolean unsupported) {
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
    this.unsupported = unsupported;
  }

  /** Well-formed input its consumer does not support (the message says why). */
  public static TraceFormatException unsupported(
      String file, int step, String pointer, String problem) {
    return new TraceFormatException(file, step, pointer, problem, true);
  }

  /** Whether the input is well-formed but not supported by its consumer. */
  public boolean unsupported() {
    return unsupported;
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
