package org.vfiomc.checker.result;

import java.util.Objects;

/**
 * Why a model could not be checked, and where when SANY or TLC says so.
 *
 * @param kind the category
 * @param message the tool's message
 * @param file the file at fault, or {@code null}
 * @param line 1-based line, or {@code null}
 * @param column 1-based column, or {@code null}
 */
public record ErrorInfo(ErrorKind kind, String message, String file, Integer line, Integer column) {
  public ErrorInfo {
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(message, "message");
  }

  public static ErrorInfo of(ErrorKind kind, String message) {
    return new ErrorInfo(kind, message, null, null, null);
  }

  /** {@code file:line:column: message}, leaving out what is unknown. */
  public String describe() {
    StringBuilder b = new StringBuilder();
    if (file != null) {
      b.append(file);
      if (line != null) {
        b.append(':').append(line);
        if (column != null) {
          b.append(':').append(column);
        }
      }
      b.append(": ");
    }
    return b.append(message).toString();
  }
}
