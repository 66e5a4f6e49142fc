package org.vfiomc.checker.tlc.child;

import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.vfiomc.checker.result.ActionCoverage;

/**
 * Reads the location TLC's coverage messages give an action ({@code <Inc line 9, col 1 to line 9,
 * col 6 of module Counter>}, as {@code tlc2.tool.coverage.ActionWrapper} prints it).
 */
final class CoverageLocation {
  private static final Pattern LOCATION =
      Pattern.compile(
          "<(.+?) line (\\d+), col (\\d+) to line \\d+, col \\d+ of module ([A-Za-z0-9_]+)>");

  private CoverageLocation() {}

  /**
   * One action's counts; a location TLC formats otherwise keeps its text as the name, with no
   * module or position.
   */
  static ActionCoverage parse(String location, boolean initial, long distinct, long generated) {
    String text = location == null ? "?" : location.strip();
    Matcher m = LOCATION.matcher(text);
    long d = Math.max(0, distinct);
    long g = Math.max(0, generated);
    if (m.matches()) {
      return new ActionCoverage(
          m.group(1),
          m.group(4),
          Integer.parseInt(m.group(2)),
          Integer.parseInt(m.group(3)),
          initial,
          d,
          g);
    }
    return new ActionCoverage(text, "", 0, 0, initial, d, g);
  }
}
