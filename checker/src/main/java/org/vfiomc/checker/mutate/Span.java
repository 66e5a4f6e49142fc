package org.vfiomc.checker.mutate;

/**
 * A region of a module's source as SANY locates syntax tree nodes: 1-based lines and columns, the
 * end column inclusive.
 */
public record Span(int beginLine, int beginColumn, int endLine, int endColumn) {
  public Span {
    if (beginLine < 1
        || beginColumn < 1
        || endLine < beginLine
        || (endLine == beginLine && endColumn < beginColumn)) {
      throw new IllegalArgumentException(
          "not a span: " + beginLine + ":" + beginColumn + "-" + endLine + ":" + endColumn);
    }
  }

  /** {@code line:column}. */
  public String start() {
    return beginLine + ":" + beginColumn;
  }
}
