package org.vfiomc.checker.report.html;

/** A document given to the HTML report cannot be used; the message names the file and why. */
public final class ReportInputException extends Exception {
  private static final long serialVersionUID = 1L;

  public ReportInputException(String message) {
    super(message);
  }
}
