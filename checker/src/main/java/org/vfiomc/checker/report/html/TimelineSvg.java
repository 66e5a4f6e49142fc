package org.vfiomc.checker.report.html;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Collectors;
import org.vfiomc.checker.result.CheckOutcome;
import org.vfiomc.checker.result.ViolationKind;
import org.vfiomc.checker.trace.TlaValue;
import org.vfiomc.checker.trace.Trace;
import org.vfiomc.checker.trace.TraceStep;

/**
 * A counterexample as an SVG swimlane timeline: time runs left to right, one column per state of
 * the trace (the initial state first), each column headed by the step's action and parameters; one
 * row per {@link Lanes lane}. A cell shows what its lane's variables became in that step (the
 * initial values in the first column), highlighted where anything changed; a lane untouched by a
 * step stays empty there. After the last state comes the violated property; a lasso (the behaviour
 * of a temporal violation returns to an earlier state forever) is an arrow from the last column
 * back to the state it returns to, or a loop on the last column when it stutters there forever.
 *
 * <p>Every cell's full text is in its SVG {@code <title>} (a browser's tooltip); the drawn text is
 * shortened.
 */
final class TimelineSvg {
  private static final int LABEL_W = 150;
  private static final int COL_W = 195;
  private static final int END_W = 190;
  private static final int LASSO_H = 44;
  private static final int HEAD_H = 50;
  private static final int LINE_H = 15;
  private static final int MAX_LINES = 4;
  private static final int CHARS = 25;

  private TimelineSvg() {}

  /** The timeline of {@code v}'s trace, drawn for {@code model}; {@code n} makes ids unique. */
  static String render(String model, CheckOutcome.Violated v, int n) {
    Trace t = v.trace();
    Lanes lanes = Lanes.of(t);
    List<TraceStep> steps = t.steps();
    int cols = steps.size();
    // what each lane shows in each column
    List<List<List<String>>> cells = new ArrayList<>();
    int[] laneH = new int[lanes.lanes().size()];
    for (int l = 0; l < lanes.lanes().size(); l++) {
      List<List<String>> row = new ArrayList<>();
      int lines = 1;
      for (int i = 0; i < cols; i++) {
        List<String> c = cell(lanes.lanes().get(l), steps, i);
        row.add(c);
        lines = Math.max(lines, Math.min(MAX_LINES, c.size()));
      }
      cells.add(row);
      laneH[l] = lines * LINE_H + 14;
    }
    int width = LABEL_W + cols * COL_W + END_W;
    int height = LASSO_H + HEAD_H;
    for (int h : laneH) {
      height += h;
    }
    height += 8;
    String marker = "arrow-" + n;
    StringBuilder b = new StringBuilder();
    b.append("<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"timeline\" width=\"")
        .append(width)
        .append("\" height=\"")
        .append(height)
        .append("\" viewBox=\"0 0 ")
        .append(width)
        .append(' ')
        .append(height)
        .append("\" data-model=\"")
        .append(Html.esc(model))
        .append("\" data-lanes=\"")
        .append(lanes.lanes().size())
        .append("\" data-steps=\"")
        .append(cols)
        .append("\" role=\"img\" aria-label=\"")
        .append(Html.esc("counterexample of " + model + ": " + cols + " states"))
        .append("\">\n");
    b.append("<defs><marker id=\"")
        .append(marker)
        .append(
            "\" viewBox=\"0 0 10 10\" refX=\"9\" refY=\"5\" markerWidth=\"7\" markerHeight=\"7\""
                + " orient=\"auto-start-reverse\"><path d=\"M0,0 L10,5 L0,10 z\""
                + " class=\"arrowhead\"/></marker></defs>\n");
    // column headers: the step's action and parameters
    for (int i = 0; i < cols; i++) {
      TraceStep s = steps.get(i);
      int x = LABEL_W + i * COL_W;
      String params = params(s);
      b.append("<g class=\"step\" data-step=\"")
          .append(i)
          .append("\" data-action=\"")
          .append(Html.esc(s.action()))
          .append("\"><title>")
          .append(Html.esc(i + ": " + s.action() + (params.isEmpty() ? "" : "(" + params + ")")))
          .append("</title>");
      b.append("<rect class=\"head\" x=\"")
          .append(x + 2)
          .append("\" y=\"")
          .append(LASSO_H)
          .append("\" width=\"")
          .append(COL_W - 4)
          .append("\" height=\"")
          .append(HEAD_H - 6)
          .append("\" rx=\"4\"/>");
      Html.svgText(b, "action", x + 8, LASSO_H + 18, Html.shorten(i + ": " + s.action(), CHARS));
      if (!params.isEmpty()) {
        Html.svgText(b, "params", x + 8, LASSO_H + 35, Html.shorten(params, CHARS + 3));
      }
      b.append("</g>\n");
    }
    // lanes
    int y = LASSO_H + HEAD_H;
    for (int l = 0; l < lanes.lanes().size(); l++) {
      Lanes.Lane lane = lanes.lanes().get(l);
      b.append("<g class=\"lane\" data-lane=\"").append(Html.esc(lane.name())).append("\">");
      b.append("<rect class=\"lane-bg lane-")
          .append(l % 2)
          .append("\" x=\"0\" y=\"")
          .append(y)
          .append("\" width=\"")
          .append(width - END_W)
          .append("\" height=\"")
          .append(laneH[l])
          .append("\"/>");
      b.append("<title>")
          .append(
              Html.esc(
                  lane.name()
                      + ": "
                      + lane.slots().stream().map(TimelineSvg::slotName).collect(joining())))
          .append("</title>");
      Html.svgText(b, "lane-name", 8, y + 19, Html.shorten(lane.name(), 20));
      b.append("</g>\n");
      for (int i = 0; i < cols; i++) {
        List<String> c = cells.get(l).get(i);
        if (c.isEmpty()) {
          continue;
        }
        int x = LABEL_W + i * COL_W;
        b.append("<g class=\"cell ")
            .append(i == 0 ? "initial" : "changed")
            .append("\" data-lane=\"")
            .append(Html.esc(lane.name()))
            .append("\" data-step=\"")
            .append(i)
            .append("\"><title>")
            .append(Html.esc(String.join("\n", c)))
            .append("</title>");
        b.append("<rect x=\"")
            .append(x + 4)
            .append("\" y=\"")
            .append(y + 4)
            .append("\" width=\"")
            .append(COL_W - 8)
            .append("\" height=\"")
            .append(laneH[l] - 8)
            .append("\" rx=\"3\"/>");
        int shown = c.size() > MAX_LINES ? MAX_LINES - 1 : c.size();
        for (int k = 0; k < shown; k++) {
          Html.svgText(b, "change", x + 9, y + 18 + k * LINE_H, Html.shorten(c.get(k), CHARS));
        }
        if (shown < c.size()) {
          Html.svgText(
              b, "more", x + 9, y + 18 + shown * LINE_H, "+" + (c.size() - shown) + " more");
        }
        b.append("</g>\n");
      }
      y += laneH[l];
    }
    // grid: one line between columns
    for (int i = 0; i <= cols; i++) {
      int x = LABEL_W + i * COL_W;
      b.append("<line class=\"grid\" x1=\"")
          .append(x)
          .append("\" y1=\"")
          .append(LASSO_H)
          .append("\" x2=\"")
          .append(x)
          .append("\" y2=\"")
          .append(y)
          .append("\"/>");
    }
    b.append('\n');
    // the violated property after the last state
    int ex = LABEL_W + cols * COL_W + 10;
    String what =
        v.kind() == ViolationKind.DEADLOCK
            ? "deadlock"
            : (v.property() == null ? "a " + v.kind().id() + " property" : v.property())
                + " violated";
    b.append("<g class=\"violation\"><title>")
        .append(Html.esc(v.kind().id() + ": " + what + " after state " + (cols - 1)))
        .append("</title><rect x=\"")
        .append(ex)
        .append("\" y=\"")
        .append(LASSO_H)
        .append("\" width=\"")
        .append(END_W - 20)
        .append("\" height=\"")
        .append(y - LASSO_H)
        .append("\" rx=\"6\"/>");
    Html.svgText(b, "violation-kind", ex + 10, LASSO_H + 20, "\u2717 " + v.kind().id());
    if (v.kind() != ViolationKind.DEADLOCK) {
      Html.svgText(
          b,
          "violation-property",
          ex + 10,
          LASSO_H + 38,
          Html.shorten(v.property() == null ? "(property not named)" : v.property(), 22));
      Html.svgText(b, "violation-word", ex + 10, LASSO_H + 56, "violated");
    }
    b.append("</g>\n");
    // the lasso
    if (t.loop().isPresent()) {
      int loop = t.loop().getAsInt();
      int last = cols - 1;
      double xl = LABEL_W + last * COL_W + COL_W / 2.0;
      double xt = LABEL_W + loop * COL_W + COL_W / 2.0;
      b.append("<g class=\"lasso\" data-loop=\"").append(loop).append("\"><title>");
      if (loop == last) {
        b.append(Html.esc("the behaviour stutters in state " + last + " forever"))
            .append("</title><path class=\"lasso-path\" d=\"M")
            .append(Html.num(xl - 14))
            .append(',')
            .append(LASSO_H)
            .append(" C")
            .append(Html.num(xl - 40))
            .append(",4 ")
            .append(Html.num(xl + 40))
            .append(",4 ")
            .append(Html.num(xl + 14))
            .append(',')
            .append(LASSO_H)
            .append("\" marker-end=\"url(#")
            .append(marker)
            .append(")\"/>");
        Html.svgText(b, "lasso-label", (int) xl + 34, 16, "stutters forever");
      } else {
        b.append(Html.esc("after state " + last + " the behaviour returns to state " + loop))
            .append("</title><path class=\"lasso-path\" d=\"M")
            .append(Html.num(xl))
            .append(',')
            .append(LASSO_H)
            .append(" C")
            .append(Html.num(xl))
            .append(",2 ")
            .append(Html.num(xt))
            .append(",2 ")
            .append(Html.num(xt))
            .append(',')
            .append(LASSO_H)
            .append("\" marker-end=\"url(#")
            .append(marker)
            .append(")\"/>");
        Html.svgText(b, "lasso-label", (int) ((xl + xt) / 2) - 40, 14, "back to state " + loop);
      }
      b.append("</g>\n");
    }
    b.append("</svg>");
    return b.toString();
  }

  /** {@code name = value} for each slot of {@code lane} that step {@code i} set. */
  private static List<String> cell(Lanes.Lane lane, List<TraceStep> steps, int i) {
    List<String> out = new ArrayList<>();
    for (Lanes.Slot s : lane.slots()) {
      TlaValue now = s.value(steps.get(i));
      if (i == 0 || !Objects.equals(now, s.value(steps.get(i - 1)))) {
        out.add(s.variable() + " = " + Html.shorten(now == null ? "?" : now.toTla(), 400));
      }
    }
    return out;
  }

  private static String slotName(Lanes.Slot s) {
    return s.key() == null ? s.variable() : s.variable() + "[" + s.key().toTla() + "]";
  }

  private static java.util.stream.Collector<CharSequence, ?, String> joining() {
    return Collectors.joining(", ");
  }

  /** {@code p = p2, q = 1}; empty without parameters; a note when they are unknown. */
  static String params(TraceStep s) {
    if (!s.paramsKnown()) {
      return "(parameters unknown)";
    }
    return s.params().entrySet().stream()
        .map((Map.Entry<String, TlaValue> e) -> e.getKey() + " = " + e.getValue().toTla())
        .collect(Collectors.joining(", "));
  }
}
