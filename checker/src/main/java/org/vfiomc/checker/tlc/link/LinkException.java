package org.vfiomc.checker.tlc.link;

/** A line on the child link that is not a well-formed {@link ChildMessage}. */
public final class LinkException extends Exception {
  private static final long serialVersionUID = 1L;

  private final int line;
  private final String field;

  /**
   * @param line 1-based line number on the link
   * @param field JSON pointer of the offending field ({@code ""}: the whole line)
   * @param problem what is wrong with it
   */
  public LinkException(int line, String field, String problem) {
    super("line " + line + (field.isEmpty() ? "" : ", field " + field) + ": " + problem);
    this.line = line;
    this.field = field;
  }

  public int line() {
    return line;
  }

  /** JSON pointer of the offending field, {@code ""} for the line as a whole. */
  public String field() {
    return field;
  }
}
