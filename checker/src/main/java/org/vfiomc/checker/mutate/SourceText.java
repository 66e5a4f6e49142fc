package org.vfiomc.checker.mutate;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** A module's source text with SANY's line/column addressing, and the edits of a mutant applied. */
public final class SourceText {
  private final String text;
  private final List<Integer> lineStarts = new ArrayList<>();

  public SourceText(String text) {
    this.text = text;
    lineStarts.add(0);
    for (int i = 0; i < text.length(); i++) {
      if (text.charAt(i) == '\n') {
        lineStarts.add(i + 1);
      }
    }
  }

  public String text() {
    return text;
  }

  /** Offset of the first character of the span. */
  int begin(Span s) {
    return offset(s.beginLine(), s.beginColumn());
  }

  /** Offset just past the last character of the span (end column inclusive). */
  int end(Span s) {
    return offset(s.endLine(), s.endColumn()) + 1;
  }

  private int offset(int line, int column) {
    if (line > lineStarts.size()) {
      throw new IllegalArgumentException("line " + line + " is past the end of the text");
    }
    int o = lineStarts.get(line - 1) + column - 1;
    int lineEnd = line < lineStarts.size() ? lineStarts.get(line) - 1 : text.length();
    if (o > lineEnd) {
      throw new IllegalArgumentException("column " + column + " is past the end of line " + line);
    }
    return o;
  }

  /** The text a span covers. */
  public String at(Span s) {
    return text.substring(begin(s), end(s));
  }

  /** The text of each edit's replacement. */
  public String replacement(MutationSite.Edit e) {
    return e.text() != null ? e.text() : at(e.copyOf());
  }

  /** The whole text with the site's edits applied; overlapping edits are refused. */
  public String apply(MutationSite site) {
    List<MutationSite.Edit> edits = new ArrayList<>(site.edits());
    edits.sort(Comparator.comparingInt((MutationSite.Edit e) -> begin(e.at())).reversed());
    StringBuilder b = new StringBuilder(text);
    int limit = text.length();
    for (MutationSite.Edit e : edits) {
      if (end(e.at()) > limit) {
        throw new IllegalArgumentException("overlapping edits in " + site);
      }
      b.replace(begin(e.at()), end(e.at()), replacement(e));
      limit = begin(e.at());
    }
    return b.toString();
  }

  /**
   * One line showing the change: the original lines the edits touch and the same lines after the
   * edits, whitespace collapsed, as {@code old => new}.
   */
  public String diff(MutationSite site, String mutated) {
    int firstLine = Integer.MAX_VALUE;
    int lastLine = 0;
    for (MutationSite.Edit e : site.edits()) {
      firstLine = Math.min(firstLine, e.at().beginLine());
      lastLine = Math.max(lastLine, e.at().endLine());
    }
    int from = lineStarts.get(firstLine - 1);
    int to = lastLine < lineStarts.size() ? lineStarts.get(lastLine) - 1 : text.length();
    String before = text.substring(from, to);
    String after = mutated.substring(from, mutated.length() - (text.length() - to));
    return collapse(before) + " => " + collapse(after);
  }

  /** Whitespace runs (newlines included) as one space, trimmed. */
  public static String collapse(String s) {
    return s.strip().replaceAll("\\s+", " ");
  }
}
