package org.vfiomc.checker.report.html;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.vfiomc.checker.result.CheckOutcome;
import org.vfiomc.checker.result.ModelResult;

/**
 * The report as one self-contained HTML page: inline CSS, SVG drawn here, no network access and a
 * few lines of script that only add a filter box to the suite table (the page reads the same with
 * scripts off). Everything on it is derived from the documents; every string from them is escaped.
 *
 * <p>Sections: the suite table (model, expected, verdict, property, states, depth, time); each
 * counterexample as a {@link TimelineSvg swimlane timeline}; per model the tours' coverage and the
 * actions they never exercised (coverage document); the replay summary per model with the first
 * divergence of a failure (replay document); and a {@link SimulationPlot plot} per simulation
 * document.
 */
public final class HtmlReport {
  /**
   * What the page is built from.
   *
   * @param resultsName the results file's name, for the heading
   * @param results the models of the results document
   * @param coverage the coverage document, if given
   * @param replay the replay document, if given
   * @param simulations the simulation documents, in the order given
   */
  public record Inputs(
      String resultsName,
      List<ModelResult> results,
      Optional<ReportDocument> coverage,
      Optional<ReportDocument> replay,
      List<ReportDocument> simulations) {
    public Inputs {
      Objects.requireNonNull(resultsName, "resultsName");
      results = List.copyOf(results);
      Objects.requireNonNull(coverage, "coverage");
      Objects.requireNonNull(replay, "replay");
      simulations = List.copyOf(simulations);
    }
  }

  private HtmlReport() {}

  /** The page. */
  public static String render(Inputs in) {
    StringBuilder b = new StringBuilder(1 << 16);
    b.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
        .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
        .append("<link rel=\"icon\" href=\"data:,\">\n")
        .append("<title>vfiomc report: ")
        .append(Html.esc(in.resultsName()))
        .append("</title>\n<style>\n")
        .append(CSS)
        .append("</style>\n</head>\n<body>\n");
    long met = in.results().stream().filter(ModelResult::met).count();
    b.append("<header><h1>vfiomc report</h1><p class=\"summary\">")
        .append(in.results().size())
        .append(" model(s) from <code>")
        .append(Html.esc(in.resultsName()))
        .append("</code>: <strong>")
        .append(met)
        .append(" as expected</strong>, <strong class=\"")
        .append(met == in.results().size() ? "ok" : "bad")
        .append("\">")
        .append(in.results().size() - met)
        .append(
            " not</strong>.</p>\n<nav><a href=\"#suite\">suite</a> \u00b7 <a"
                + " href=\"#counterexamples\">counterexamples</a>");
    in.coverage().ifPresent(c -> b.append(" \u00b7 <a href=\"#coverage\">coverage</a>"));
    in.replay().ifPresent(c -> b.append(" \u00b7 <a href=\"#replay\">replay</a>"));
    if (!in.simulations().isEmpty()) {
      b.append(" \u00b7 <a href=\"#simulation\">simulation</a>");
    }
    b.append("</nav></header>\n<main>\n");
    Map<String, Integer> cxIndex = new LinkedHashMap<>();
    for (ModelResult r : in.results()) {
      if (r.outcome() instanceof CheckOutcome.Violated) {
        cxIndex.put(r.model(), cxIndex.size());
      }
    }
    suite(b, in.results(), cxIndex);
    counterexamples(b, in.results(), cxIndex);
    in.coverage().ifPresent(c -> coverage(b, c));
    in.replay().ifPresent(r -> replay(b, r));
    if (!in.simulations().isEmpty()) {
      simulations(b, in.simulations());
    }
    b.append("</main>\n<script>\n").append(SCRIPT).append("</script>\n</body>\n</html>\n");
    return b.toString();
  }

  // ---- the suite table -----------------------------------------------------------------------

  private static void suite(StringBuilder b, List<ModelResult> results, Map<String, Integer> cx) {
    b.append("<section id=\"suite\"><h2>Suite</h2>\n")
        .append(
            "<p class=\"filter\" id=\"filter-row\" hidden><label>Filter: <input id=\"filter\""
                + " type=\"search\" placeholder=\"model, verdict or property\"></label>"
                + " <span id=\"filter-count\"></span></p>\n")
        .append(
            "<table id=\"suite-table\"><thead><tr><th>model</th><th>expected</th><th>verdict</th>"
                + "<th>property</th><th class=\"n\">states</th><th class=\"n\">depth</th>"
                + "<th class=\"n\">time (s)</th><th>note</th></tr></thead>\n<tbody>\n");
    for (ModelResult r : results) {
      CheckOutcome o = r.outcome();
      String property =
          o instanceof CheckOutcome.Violated v
              ? (v.property() == null ? "" : v.property()) + " (" + v.kind().id() + ")"
              : "";
      List<String> notes = new ArrayList<>(r.mismatches());
      if (o instanceof CheckOutcome.Failed f) {
        notes.add(f.error().kind().id() + " error: " + f.error().describe());
      } else if (o instanceof CheckOutcome.TimedOut t) {
        notes.add("timed out after " + t.limitSeconds() + " s");
      }
      b.append("<tr class=\"model ")
          .append(r.met() ? "met" : "unmet")
          .append("\" data-model=\"")
          .append(Html.esc(r.model()))
          .append("\" data-verdict=\"")
          .append(o.verdict().name())
          .append("\"><td class=\"model-name\">");
      Integer i = cx.get(r.model());
      if (i != null) {
        b.append("<a href=\"#cx-")
            .append(i)
            .append("\">")
            .append(Html.esc(r.model()))
            .append("</a>");
      } else {
        b.append(Html.esc(r.model()));
      }
      b.append("</td><td>")
          .append(Html.esc(r.expected().describe()))
          .append("</td><td class=\"verdict v-")
          .append(o.verdict().name().toLowerCase(Locale.ROOT))
          .append("\">")
          .append(o.verdict().name())
          .append("</td><td>")
          .append(Html.esc(property))
          .append("</td><td class=\"n\">")
          .append(o.stats().distinctStates())
          .append("</td><td class=\"n\">")
          .append(o.stats().depth())
          .append("</td><td class=\"n\">")
          .append(String.format(Locale.ROOT, "%.1f", r.durationMillis() / 1000.0))
          .append("</td><td class=\"note\">")
          .append(Html.esc(String.join("; ", notes)))
          .append("</td></tr>\n");
    }
    b.append("</tbody></table></section>\n");
  }

  // ---- counterexamples -----------------------------------------------------------------------

  private static void counterexamples(
      StringBuilder b, List<ModelResult> results, Map<String, Integer> cx) {
    b.append("<section id=\"counterexamples\"><h2>Counterexamples</h2>\n");
    if (cx.isEmpty()) {
      b.append("<p>No model has a counterexample.</p>\n");
    } else {
      b.append(
          "<p class=\"hint\">Time runs left to right, a column per state; a lane per actor"
              + " (see the lane rule in the README); a highlighted cell shows what that actor's"
              + " variables became in that step; hover for full values.</p>\n");
    }
    for (ModelResult r : results) {
      if (!(r.outcome() instanceof CheckOutcome.Violated v)) {
        continue;
      }
      int i = cx.get(r.model());
      b.append("<article class=\"counterexample\" id=\"cx-")
          .append(i)
          .append("\" data-model=\"")
          .append(Html.esc(r.model()))
          .append("\"><h3>")
          .append(Html.esc(r.model()))
          .append("</h3>\n<p>")
          .append(Html.esc(v.kind().id()))
          .append(' ')
          .append(Html.esc(v.property() == null ? "" : v.property()))
          .append(" violated; ")
          .append(v.trace().length())
          .append(" state(s)");
      if (v.trace().loop().isPresent()) {
        int loop = v.trace().loop().getAsInt();
        b.append(
            loop == v.trace().length() - 1
                ? "; the behaviour then stutters forever"
                : "; then back to state " + loop + ", forever");
      }
      b.append(r.met() ? " (as expected)" : " (<strong class=\"bad\">not as expected</strong>)")
          .append(".</p>\n<div class=\"scroll\">")
          .append(TimelineSvg.render(r.model(), v, i))
          .append("</div></article>\n");
    }
    b.append("</section>\n");
  }

  // ---- coverage ------------------------------------------------------------------------------

  private static void coverage(StringBuilder b, ReportDocument doc) {
    b.append("<section id=\"coverage\"><h2>Coverage of the tours</h2>\n<p>From <code>")
        .append(Html.esc(doc.name()))
        .append(
            "</code>: per model, the edges of its state graph the tours walk and the actions"
                + " no tour step takes (the document gives coverage per edge, not counts per"
                + " action).</p>\n")
        .append(
            "<table id=\"coverage-table\"><thead><tr><th>model</th><th>explored</th>"
                + "<th class=\"n\">states</th><th class=\"n\">edges</th><th class=\"n\">covered"
                + "</th><th class=\"n\">steps</th><th class=\"n\">steps/edge</th>"
                + "<th>actions never exercised</th></tr></thead>\n<tbody>\n");
    int counterexamples = 0;
    for (JsonNode m : doc.json().path("models")) {
      if (!m.path("status").asText().equals("tour")) {
        counterexamples++;
        continue;
      }
      long edges = m.path("edges").asLong();
      long covered = m.path("covered").asLong();
      List<String> unexercised = new ArrayList<>();
      m.path("unexercisedActions").forEach(a -> unexercised.add(a.asText()));
      b.append("<tr class=\"")
          .append(unexercised.isEmpty() ? "full" : "partial")
          .append("\" data-model=\"")
          .append(Html.esc(m.path("model").asText()))
          .append("\"><td>")
          .append(Html.esc(m.path("model").asText()))
          .append("</td><td>")
          .append(Html.esc(m.path("explored").asText()))
          .append("</td><td class=\"n\">")
          .append(m.path("states").asLong())
          .append("</td><td class=\"n\">")
          .append(edges)
          .append("</td><td class=\"n\">")
          .append(covered)
          .append(
              edges == 0
                  ? ""
                  : String.format(Locale.ROOT, " (%.0f%%)", 100.0 * covered / Math.max(1, edges)))
          .append("</td><td class=\"n\">")
          .append(m.path("steps").asLong())
          .append("</td><td class=\"n\">")
          .append(Html.esc(m.path("stepsPerEdge").asText()))
          .append("</td><td>");
      if (unexercised.isEmpty()) {
        b.append("<span class=\"ok\">none: every action taken</span>");
      } else {
        for (String a : unexercised) {
          b.append("<span class=\"tag\">").append(Html.esc(a)).append("</span> ");
        }
      }
      String note = m.path("note").asText();
      if (!note.isEmpty()) {
        b.append("<br><small>").append(Html.esc(note)).append("</small>");
      }
      b.append("</td></tr>\n");
    }
    b.append("</tbody></table>\n<p>")
        .append(counterexamples)
        .append(" more model(s) enter the corpus as their counterexample only.</p></section>\n");
  }

  // ---- replay --------------------------------------------------------------------------------

  private static void replay(StringBuilder b, ReportDocument doc) {
    JsonNode j = doc.json();
    b.append("<section id=\"replay\"><h2>Replay against the emulator</h2>\n<p>From <code>")
        .append(Html.esc(doc.name()))
        .append("</code>: ")
        .append(j.path("files").asLong())
        .append(" file(s), ")
        .append(j.path("stepsReplayed").asLong())
        .append(" steps replayed");
    if (j.path("malformed").isArray() && !j.path("malformed").isEmpty()) {
      b.append(", <strong class=\"bad\">")
          .append(j.path("malformed").size())
          .append(" malformed</strong>");
    }
    if (j.path("unbound").isArray() && !j.path("unbound").isEmpty()) {
      b.append(", ").append(j.path("unbound").size()).append(" unbound (no emulator binding)");
    }
    b.append(".</p>\n");
    Map<String, List<JsonNode>> byModel = new LinkedHashMap<>();
    for (JsonNode r : j.path("reports")) {
      byModel.computeIfAbsent(r.path("model").asText(), k -> new ArrayList<>()).add(r);
    }
    b.append(
        "<table id=\"replay-table\"><thead><tr><th>model</th><th>module</th>"
            + "<th class=\"n\">replays</th><th class=\"n\">steps</th><th class=\"n\">as expected"
            + "</th><th class=\"n\">failures</th><th>expected outcomes</th></tr></thead>\n"
            + "<tbody>\n");
    List<JsonNode> divergences = new ArrayList<>();
    for (Map.Entry<String, List<JsonNode>> e : byModel.entrySet()) {
      List<JsonNode> rs = e.getValue();
      long ok = rs.stream().filter(r -> r.path("asExpected").asBoolean()).count();
      long steps = rs.stream().mapToLong(r -> r.path("stepsReplayed").asLong()).sum();
      Map<String, Integer> expected = new LinkedHashMap<>();
      rs.forEach(r -> expected.merge(r.path("expected").asText(), 1, Integer::sum));
      b.append("<tr class=\"")
          .append(ok == rs.size() ? "met" : "unmet")
          .append("\" data-model=\"")
          .append(Html.esc(e.getKey()))
          .append("\"><td>")
          .append(Html.esc(e.getKey()))
          .append("</td><td>")
          .append(Html.esc(rs.get(0).path("module").asText()))
          .append("</td><td class=\"n\">")
          .append(rs.size())
          .append("</td><td class=\"n\">")
          .append(steps)
          .append("</td><td class=\"n\">")
          .append(ok)
          .append("</td><td class=\"n\">")
          .append(rs.size() - ok)
          .append("</td><td>");
      expected.forEach((k, n) -> b.append(Html.esc(k)).append(" \u00d7").append(n).append(' '));
      b.append("</td></tr>\n");
      rs.stream()
          .filter(r -> !r.path("asExpected").asBoolean())
          .findFirst()
          .or(() -> rs.stream().filter(r -> r.path("discrepancy").isObject()).findFirst())
          .ifPresent(divergences::add);
    }
    b.append("</tbody></table>\n");
    for (JsonNode r : divergences) {
      boolean failure = !r.path("asExpected").asBoolean();
      JsonNode d = r.path("discrepancy");
      b.append("<details class=\"divergence ")
          .append(failure ? "failure" : "expected")
          .append('"')
          .append(failure ? " open" : "")
          .append("><summary>")
          .append(Html.esc(r.path("model").asText()))
          .append(": ")
          .append(
              Html.esc(
                  failure
                      ? "FAILED (expected " + r.path("expected").asText() + ")"
                      : "first divergence (expected: " + r.path("expected").asText() + ")"))
          .append("</summary>\n<p><code>")
          .append(Html.esc(r.path("file").asText()))
          .append("</code>, mode ")
          .append(Html.esc(r.path("mode").asText()));
      if (d.isObject()) {
        b.append(": <strong>")
            .append(Html.esc(d.path("kind").asText()))
            .append("</strong> at step ")
            .append(d.path("step").asInt())
            .append(" <code>")
            .append(Html.esc(d.path("action").asText()))
            .append("</code>: ")
            .append(Html.esc(Html.shorten(d.path("detail").asText(), 300)))
            .append("</p>\n");
        if (d.path("diff").isArray() && !d.path("diff").isEmpty()) {
          b.append(
              "<table class=\"diff\"><thead><tr><th>variable</th><th>spec state</th>"
                  + "<th>emulator</th></tr></thead><tbody>\n");
          for (JsonNode x : d.path("diff")) {
            b.append("<tr><td>")
                .append(Html.esc(x.path("variable").asText()))
                .append("</td><td><code>")
                .append(Html.esc(x.path("expected").asText()))
                .append("</code></td><td><code>")
                .append(Html.esc(x.path("actual").asText()))
                .append("</code></td></tr>\n");
          }
          b.append("</tbody></table>\n");
        }
      } else {
        b.append(": ")
            .append(Html.esc(r.path("evidence").asText("no discrepancy recorded")))
            .append("</p>\n");
      }
      b.append("</details>\n");
    }
    b.append("</section>\n");
  }

  // ---- simulations ---------------------------------------------------------------------------

  private static void simulations(StringBuilder b, List<ReportDocument> docs) {
    b.append("<section id=\"simulation\"><h2>Simulated migrations</h2>\n");
    for (ReportDocument doc : docs) {
      JsonNode j = doc.json();
      List<String> strategy = new ArrayList<>();
      j.path("strategies")
          .properties()
          .forEach(e -> strategy.add(e.getKey() + "=" + e.getValue().asText()));
      boolean clean = j.path("clean").asBoolean();
      b.append("<figure class=\"sim ")
          .append(clean ? "clean" : "unclean")
          .append("\" data-name=\"")
          .append(Html.esc(doc.name()))
          .append("\">\n<h3>")
          .append(Html.esc(doc.name()))
          .append(": ")
          .append(Html.esc(j.path("outcome").asText()))
          .append(clean ? ", clean" : ", <span class=\"bad\">NOT CLEAN</span>")
          .append("</h3>\n<p><code>")
          .append(Html.esc(String.join(" ", strategy)))
          .append("</code></p>\n");
      if (SimulationPlot.plottable(j)) {
        b.append("<div class=\"scroll\">")
            .append(SimulationPlot.whole(j, "the whole run"))
            .append("</div>\n");
        String close = SimulationPlot.migration(j, "the migration close up");
        if (close != null) {
          b.append("<div class=\"scroll\">").append(close).append("</div>\n");
        }
      } else {
        b.append("<p>The document has no <code>timeline</code> to plot.</p>\n");
      }
      b.append("<figcaption><table class=\"kv\"><tbody>");
      // simulate --json names its host model (--host); older documents did not
      kv(b, "host model", j.has("host") ? j.path("host").asText() : "not recorded");
      transport(b, j.path("transport"));
      kv(b, "spec verdict of the strategy", j.path("specCorrect").asText("?"));
      for (String f :
          List.of("sent", "delivered", "droppedAndCounted", "lost", "corrupted", "duplicated")) {
        if (j.has(f)) {
          kv(b, f, j.path(f).asText());
        }
      }
      kv(b, "pre-copy rounds", j.path("precopyRounds").asText());
      kv(b, "vCPU downtime (ms)", SimulationPlot.ms(j.path("downtimeNanos").asLong()));
      if (j.has("serviceDowntimeNanos")) {
        kv(b, "service downtime (ms)", SimulationPlot.ms(j.path("serviceDowntimeNanos").asLong()));
      }
      List<String> violations = new ArrayList<>();
      j.path("violations").forEach(v -> violations.add(v.asText()));
      if (!violations.isEmpty()) {
        kv(b, "violations", violations.size() + ", first: " + Html.shorten(violations.get(0), 200));
      }
      b.append("</tbody></table></figcaption></figure>\n");
    }
    b.append("</section>\n");
  }

  /**
   * The transport rows of a simulation ({@code simulate --json}'s {@code transport}): a main
   * channel fault and the multifd transfer, each only when the run had one.
   */
  private static void transport(StringBuilder b, JsonNode t) {
    if (t.hasNonNull("streamFault")) {
      kv(b, "stream fault", t.path("streamFault").asText());
    }
    JsonNode m = t.path("multifd");
    if (m.isObject()) {
      kv(
          b,
          "multifd",
          m.path("channels").asText()
              + " channels, "
              + (m.hasNonNull("maxQueuedBufferBytes")
                  ? "queue bound " + m.path("maxQueuedBufferBytes").asText() + " bytes"
                  : "no queue bound")
              + (m.hasNonNull("fault") ? ", fault " + m.path("fault").asText() : ""));
    }
  }

  private static void kv(StringBuilder b, String k, String v) {
    b.append("<tr><th>")
        .append(Html.esc(k))
        .append("</th><td>")
        .append(Html.esc(v))
        .append("</td></tr>");
  }

  private static final String CSS =
      """
      body{font:14px/1.45 system-ui,-apple-system,"Segoe UI",sans-serif;margin:0;color:#1d2330;\
      background:#fafbfc}
      header{background:#1f3354;color:#fff;padding:12px 24px}header h1{margin:0;font-size:20px}
      header a{color:#cfe0ff}main{padding:8px 24px 40px}h2{border-bottom:1px solid #d5dae3;\
      padding-bottom:4px;margin-top:28px}
      table{border-collapse:collapse;background:#fff;margin:6px 0}th,td{border:1px solid #d5dae3;\
      padding:3px 8px;text-align:left;vertical-align:top}th{background:#eef1f6}
      td.n,th.n{text-align:right;font-variant-numeric:tabular-nums}
      tr.unmet td{background:#fff0f0}.bad{color:#b3261e}.ok{color:#1e7b34}
      .verdict{font-weight:600}.v-holds{color:#1e7b34}.v-violated{color:#a3500b}\
      .v-error,.v-timeout{color:#b3261e}
      .note{max-width:40em;font-size:12px}.tag{display:inline-block;background:#fde7c8;\
      border-radius:3px;padding:0 5px;margin:1px;font-size:12px}
      .scroll{overflow-x:auto;border:1px solid #d5dae3;background:#fff;margin:6px 0}
      .hint{color:#4b5563;font-size:13px}code{font-size:12px}
      svg text{font:12px ui-monospace,SFMono-Regular,Menlo,monospace;fill:#1d2330}
      svg .lane-name{font-weight:700;font-family:system-ui,sans-serif}
      svg .lane-0{fill:#f5f7fb}svg .lane-1{fill:#fff}svg .grid{stroke:#e2e6ee}
      svg .head{fill:#1f3354}svg .step text{fill:#fff}svg .step .params{fill:#cfe0ff}
      svg .cell.changed rect{fill:#fff3c4;stroke:#e0a800}svg .cell.initial rect{fill:#eef1f6;\
      stroke:#c5ccd8}
      svg .more{fill:#6b7280;font-style:italic}svg .violation rect{fill:#fde2e1;stroke:#b3261e}
      svg .violation text{fill:#8c1d18;font-weight:700}
      svg .lasso-path{fill:none;stroke:#8c1d18;stroke-width:2}svg .arrowhead{fill:#8c1d18}
      svg .lasso-label{fill:#8c1d18}
      svg .axis{stroke:#374151}svg .tick{fill:#4b5563;font-size:10px}
      svg .delivered{fill:none;stroke:#1f5fbf;stroke-width:2}svg .downtime{fill:#fde2e1}
      svg .mark line{stroke:#6b7280;stroke-dasharray:4 3}svg .mark-stop line{stroke:#b3261e}
      svg .mark-resume line{stroke:#1e7b34}svg .mark-label{font-size:10px;fill:#374151}
      svg .bar.dropped{fill:#e08a00}svg .bar.lost{fill:#c62828}svg .bar.corrupted{fill:#7b1fa2}
      svg .legend{font-size:11px;fill:#4b5563}svg .plot-title{font-weight:700}
      figure{margin:12px 0 24px}table.kv th{font-weight:500}
      details.divergence{margin:6px 0;background:#fff;border:1px solid #d5dae3;padding:4px 8px}
      details.failure{border-color:#b3261e}table.diff code{white-space:pre-wrap;\
      word-break:break-all}
      .filter input{font:inherit;padding:2px 6px;width:22em}
      """;

  /** Progressive enhancement only: shows the filter box and filters the suite table's rows. */
  private static final String SCRIPT =
      """
      (function () {
        var row = document.getElementById('filter-row');
        var box = document.getElementById('filter');
        var count = document.getElementById('filter-count');
        if (!row || !box) { return; }
        row.hidden = false;
        var rows = document.querySelectorAll('#suite-table tbody tr');
        box.addEventListener('input', function () {
          var q = box.value.trim().toLowerCase();
          var shown = 0;
          rows.forEach(function (r) {
            var hit = q === '' || r.textContent.toLowerCase().indexOf(q) >= 0;
            r.hidden = !hit;
            if (hit) { shown++; }
          });
          count.textContent = q === '' ? '' : shown + ' of ' + rows.length + ' shown';
        });
      })();
      """;
}
