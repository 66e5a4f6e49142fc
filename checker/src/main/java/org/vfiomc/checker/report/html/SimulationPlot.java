package org.vfiomc.checker.report.html;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * One {@code conformance simulate --json} document as an SVG plot: the frames delivered to the
 * guest stack so far (a line) over simulated time, the migration's milestones from the document's
 * {@code timeline.marks} (start, each pre-copy round sent, the vCPU stop, resume) as vertical
 * lines, the downtime window (vCPU stop to resume) shaded, and per time bucket the frames dropped
 * and counted, lost and corrupted as bars under the axis (where the document places them: a lost
 * frame at its arrival, a corrupted one at its delivery).
 */
final class SimulationPlot {
  private static final int W = 820;
  private static final int H = 330;
  private static final int ML = 64;
  private static final int MR = 20;
  private static final int MT = 34;
  private static final int PLOT_H = 190;
  private static final int BAR_H = 40;

  private SimulationPlot() {}

  /** Whether {@code doc} has a {@code timeline} to plot. */
  static boolean plottable(JsonNode doc) {
    JsonNode t = doc.path("timeline");
    return t.isObject() && t.path("delivered").isArray();
  }

  /** The whole run, from time 0 to its last frame or milestone. */
  static String whole(JsonNode doc, String title) {
    JsonNode t = doc.path("timeline");
    long bucket = Math.max(1, t.path("bucketNanos").asLong(1));
    long end = Math.max(1, t.path("delivered").size()) * bucket;
    for (JsonNode m : t.path("marks")) {
      end = Math.max(end, m.path("atNanos").asLong());
    }
    return render(doc, title, 0, end);
  }

  /**
   * The migration close up: from a fifth of its length before the first milestone to half its
   * length after the last one; {@code null} without milestones.
   */
  static String migration(JsonNode doc, String title) {
    long first = Long.MAX_VALUE;
    long last = Long.MIN_VALUE;
    for (JsonNode m : doc.path("timeline").path("marks")) {
      first = Math.min(first, m.path("atNanos").asLong());
      last = Math.max(last, m.path("atNanos").asLong());
    }
    if (first > last) {
      return null;
    }
    long len = Math.max(last - first, doc.path("timeline").path("bucketNanos").asLong(1) * 8);
    return render(doc, title, Math.max(0, first - len / 5), last + len / 2);
  }

  /** The plot of {@code [from, to)} ns. */
  private static String render(JsonNode doc, String title, long from, long to) {
    JsonNode t = doc.path("timeline");
    long bucket = Math.max(1, t.path("bucketNanos").asLong(1));
    long[] delivered = longs(t.path("delivered"));
    long[] dropped = longs(t.path("dropped"));
    long[] lost = longs(t.path("lost"));
    long[] corrupted = longs(t.path("corrupted"));
    long total = 0;
    long before = 0;
    long upTo = 0;
    for (int i = 0; i < delivered.length; i++) {
      total += delivered[i];
      if ((i + 1) * bucket <= from) {
        before += delivered[i];
      }
      if (i * bucket < to) {
        upTo += delivered[i];
      }
    }
    // the whole run from 0 to what was sent; a close up from what its window starts and ends with
    long yMin = from == 0 ? 0 : before;
    long yMax = from == 0 ? Math.max(total, doc.path("sent").asLong(0)) : Math.max(upTo, yMin + 1);
    long yRange = Math.max(1, yMax - yMin);
    double plotW = W - ML - MR;
    long span = Math.max(1, to - from);
    double scaleX = plotW / span;
    int y0 = MT + PLOT_H;
    StringBuilder b = new StringBuilder();
    b.append("<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"simulation\" width=\"")
        .append(W)
        .append("\" height=\"")
        .append(H)
        .append("\" viewBox=\"0 0 ")
        .append(W)
        .append(' ')
        .append(H)
        .append("\" role=\"img\" aria-label=\"")
        .append(Html.esc(title))
        .append("\">\n");
    Html.svgText(
        b, "plot-title", ML, 16, title + ": frames delivered to the guest stack (cumulative)");
    // downtime window: from a stop to the next resume
    long stop = -1;
    for (JsonNode m : t.path("marks")) {
      String kind = m.path("kind").asText();
      long at = m.path("atNanos").asLong();
      if (kind.equals("stop")) {
        stop = at;
      } else if (kind.equals("resume") && stop >= 0) {
        b.append("<rect class=\"downtime\" x=\"")
            .append(Html.num(ML + (stop - from) * scaleX))
            .append("\" y=\"")
            .append(MT)
            .append("\" width=\"")
            .append(Html.num(Math.max(2, (at - stop) * scaleX)))
            .append("\" height=\"")
            .append(PLOT_H)
            .append("\"><title>")
            .append(Html.esc("downtime window: " + ms(at - stop) + " ms (vCPUs stopped to resume)"))
            .append("</title></rect>\n");
        stop = -1;
      }
    }
    // axes
    b.append("<line class=\"axis\" x1=\"")
        .append(ML)
        .append("\" y1=\"")
        .append(MT)
        .append("\" x2=\"")
        .append(ML)
        .append("\" y2=\"")
        .append(y0)
        .append("\"/><line class=\"axis\" x1=\"")
        .append(ML)
        .append("\" y1=\"")
        .append(y0)
        .append("\" x2=\"")
        .append(W - MR)
        .append("\" y2=\"")
        .append(y0)
        .append("\"/>\n");
    for (int k = 0; k <= 4; k++) {
      double x = ML + plotW * k / 4;
      Html.svgText(b, "tick", (int) x - 12, y0 + 14, ms(from + span * k / 4) + " ms");
      long v = yMin + yRange * k / 4;
      Html.svgText(b, "tick", 4, (int) (y0 - (double) PLOT_H * k / 4) + 4, Long.toString(v));
    }
    // milestones
    int labelRow = 0;
    for (JsonNode m : t.path("marks")) {
      String kind = m.path("kind").asText();
      if (kind.equals("other")) {
        continue;
      }
      long at = m.path("atNanos").asLong();
      if (at < from || at > to) {
        continue;
      }
      double x = ML + (at - from) * scaleX;
      b.append("<g class=\"mark mark-")
          .append(Html.esc(kind))
          .append("\"><title>")
          .append(Html.esc(ms(m.path("atNanos").asLong()) + " ms: " + m.path("label").asText()))
          .append("</title><line x1=\"")
          .append(Html.num(x))
          .append("\" y1=\"")
          .append(MT)
          .append("\" x2=\"")
          .append(Html.num(x))
          .append("\" y2=\"")
          .append(y0)
          .append("\"/>");
      String label =
          switch (kind) {
            case "round" -> m.path("label").asText().replace("pre-copy ", "").replace(" sent", "");
            default -> kind;
          };
      Html.svgText(b, "mark-label", (int) x + 3, MT + 12 + (labelRow++ % 4) * 12, label);
      b.append("</g>\n");
    }
    // delivered so far
    List<String> pts = new ArrayList<>();
    long sum = 0;
    for (int i = 0; i < delivered.length && i * bucket < to; i++) {
      if ((i + 1) * bucket < from) {
        sum += delivered[i];
        continue;
      }
      if (pts.isEmpty()) {
        double x0 = ML + Math.max(0, i * bucket - from) * scaleX;
        pts.add(Html.num(x0) + "," + Html.num(y0 - (double) PLOT_H * (sum - yMin) / yRange));
      }
      sum += delivered[i];
      double x = ML + (Math.min(to, (i + 1) * bucket) - from) * scaleX;
      pts.add(Html.num(x) + "," + Html.num(y0 - (double) PLOT_H * (sum - yMin) / yRange));
    }
    b.append("<polyline class=\"delivered\" points=\"")
        .append(String.join(" ", pts))
        .append("\"><title>")
        .append(Html.esc(total + " frames delivered"))
        .append("</title></polyline>\n");
    // dropped, lost and corrupted per bucket, under the axis
    int barTop = y0 + 22;
    long barMax = 1;
    for (long[] a : List.of(dropped, lost, corrupted)) {
      for (long c : a) {
        barMax = Math.max(barMax, c);
      }
    }
    bars(b, "dropped", dropped, bucket, from, to, scaleX, barTop, barMax, 0);
    bars(b, "lost", lost, bucket, from, to, scaleX, barTop, barMax, 1);
    bars(b, "corrupted", corrupted, bucket, from, to, scaleX, barTop, barMax, 2);
    Html.svgText(
        b,
        "legend",
        ML,
        barTop + BAR_H + 26,
        "bars: frames per "
            + us(bucket)
            + " \u00b5s dropped+counted (orange), lost (red), corrupted (purple); shaded:"
            + " downtime");
    b.append("</svg>");
    return b.toString();
  }

  private static void bars(
      StringBuilder b,
      String cls,
      long[] counts,
      long bucket,
      long from,
      long to,
      double scaleX,
      int top,
      long max,
      int lane) {
    double w = Math.max(4.5, bucket * scaleX);
    for (int i = 0; i < counts.length; i++) {
      if (counts[i] == 0 || (i + 1) * bucket <= from || i * bucket >= to) {
        continue;
      }
      double h = Math.max(3, (double) BAR_H * counts[i] / max);
      b.append("<rect class=\"bar ")
          .append(cls)
          .append("\" x=\"")
          .append(Html.num(ML + Math.max(0, i * bucket - from) * scaleX + lane * w / 3))
          .append("\" y=\"")
          .append(Html.num(top + BAR_H - h))
          .append("\" width=\"")
          .append(Html.num(Math.max(1.5, w / 3)))
          .append("\" height=\"")
          .append(Html.num(h))
          .append("\"><title>")
          .append(Html.esc(counts[i] + " " + cls + " at " + ms(i * bucket) + " ms"))
          .append("</title></rect>");
    }
    b.append('\n');
  }

  private static long[] longs(JsonNode a) {
    long[] out = new long[a.isArray() ? a.size() : 0];
    for (int i = 0; i < out.length; i++) {
      out[i] = a.get(i).asLong();
    }
    return out;
  }

  static String ms(long nanos) {
    return String.format(Locale.ROOT, "%.3f", nanos / 1e6);
  }

  private static String us(long nanos) {
    return String.format(Locale.ROOT, "%.0f", nanos / 1e3);
  }
}
