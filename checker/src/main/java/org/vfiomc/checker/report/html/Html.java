package org.vfiomc.checker.report.html;

import java.util.Locale;

/** Escaping for HTML text, attribute values and SVG (the one way any string reaches the page). */
final class Html {
  private Html() {}

  /** {@code s} escaped for element content and double- or single-quoted attribute values. */
  static String esc(String s) {
    if (s == null) {
      return "";
    }
    StringBuilder b = new StringBuilder(s.length() + 16);
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '&' -> b.append("&amp;");
        case '<' -> b.append("&lt;");
        case '>' -> b.append("&gt;");
        case '"' -> b.append("&quot;");
        case '\'' -> b.append("&#39;");
        default -> {
          if (c < 0x20 && c != '\n' && c != '\t') {
            b.append("&#xFFFD;");
          } else {
            b.append(c);
          }
        }
      }
    }
    return b.toString();
  }

  /** At most {@code max} characters of {@code s}, an ellipsis marking a cut. */
  static String shorten(String s, int max) {
    return s.length() <= max ? s : s.substring(0, Math.max(0, max - 1)) + "\u2026";
  }

  /** A number for SVG coordinates: two decimals at most, '.' as separator. */
  static String num(double v) {
    if (v == Math.rint(v)) {
      return Long.toString((long) v);
    }
    return String.format(Locale.ROOT, "%.2f", v);
  }

  /** An SVG {@code <text>} of class {@code cls} at ({@code x}, {@code y}), its content escaped. */
  static void svgText(StringBuilder b, String cls, int x, int y, String s) {
    b.append("<text class=\"")
        .append(cls)
        .append("\" x=\"")
        .append(x)
        .append("\" y=\"")
        .append(y)
        .append("\">")
        .append(esc(s))
        .append("</text>");
  }
}
