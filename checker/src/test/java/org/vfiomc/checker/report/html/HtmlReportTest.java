package org.vfiomc.checker.report.html;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.vfiomc.checker.result.CheckOutcome;
import org.vfiomc.checker.result.Expectation;
import org.vfiomc.checker.result.ModelResult;
import org.vfiomc.checker.result.ModelSource;
import org.vfiomc.checker.result.Stats;
import org.vfiomc.checker.result.Verdict;
import org.vfiomc.checker.result.ViolationKind;
import org.vfiomc.checker.trace.TlaValue;
import org.vfiomc.checker.trace.Trace;
import org.vfiomc.checker.trace.TraceStep;

final class HtmlReportTest {
  private static final TlaValue P1 = new TlaValue.ModelValue("p1");
  private static final TlaValue P2 = new TlaValue.ModelValue("p2");

  /**
   * The example Counter's SumBelow5 counterexample: ctr over {p1, p2}, Inc(p) raising one counter;
   * the sum reaches 5 after five increments, so 6 states.
   */
  private static Trace counter() {
    int[][] ctr = {{0, 0}, {1, 0}, {2, 0}, {3, 0}, {3, 1}, {3, 2}};
    List<TraceStep> steps = new ArrayList<>();
    for (int i = 0; i < ctr.length; i++) {
      Map<TlaValue, TlaValue> m = new LinkedHashMap<>();
      m.put(P1, TlaValue.Int.of(ctr[i][0]));
      m.put(P2, TlaValue.Int.of(ctr[i][1]));
      Map<String, TlaValue> params = i == 0 ? Map.of() : Map.of("p", i <= 3 ? P1 : P2);
      steps.add(new TraceStep(i == 0 ? "Init" : "Inc", params, Map.of("ctr", TlaValue.Fun.of(m))));
    }
    return Trace.of(List.of("ctr"), steps);
  }

  private static ModelResult violated(String model, String property, Trace t, ViolationKind k) {
    return new ModelResult(
        model,
        new Expectation(Verdict.VIOLATED, property, k, t.length(), null),
        new CheckOutcome.Violated(property, k, new Stats(10, 20, t.length()), t),
        1234,
        List.of(property),
        ModelSource.UNKNOWN);
  }

  private static String page(List<ModelResult> results, List<ReportDocument> sims) {
    return HtmlReport.render(
        new HtmlReport.Inputs("results.json", results, Optional.empty(), Optional.empty(), sims));
  }

  private static int count(String haystack, String needle) {
    return haystack.split(Pattern.quote(needle), -1).length - 1;
  }

  @Test
  void counterTimeline_hasALanePerProcess_aColumnPerState_andOneChangedCellPerIncrement() {
    String html =
        page(
            List.of(violated("CounterSum", "SumBelow5", counter(), ViolationKind.INVARIANT)),
            List.of());
    assertTrue(html.contains("data-lanes=\"2\" data-steps=\"6\""), html);
    assertTrue(html.contains("data-lane=\"p1\""));
    assertTrue(html.contains("data-lane=\"p2\""));
    // each Inc changes exactly one process's counter: 5 changed cells; Init shows both lanes
    assertEquals(5, count(html, "class=\"cell changed\""));
    assertEquals(2, count(html, "class=\"cell initial\""));
    assertEquals(6, count(html, "<g class=\"step\""));
    assertTrue(html.contains("data-action=\"Inc\"><title>5: Inc(p = p2)</title>"), html);
    assertTrue(html.contains(">SumBelow5</text>"));
    assertFalse(html.contains("class=\"lasso\""));
  }

  @Test
  void lasso_isDrawnBackToTheLoopState_orAsAStutterLoop() {
    List<TraceStep> steps = new ArrayList<>();
    for (int x = 0; x < 3; x++) {
      steps.add(new TraceStep(x == 0 ? "Init" : "Step", Map.of(), Map.of("x", TlaValue.Int.of(x))));
    }
    Trace back = new Trace(List.of("x"), steps, OptionalInt.of(0), Map.of());
    Trace stutter = new Trace(List.of("x"), steps, OptionalInt.of(2), Map.of());
    String html =
        page(
            List.of(
                violated("CycleLasso", "InfinitelyOftenThree", back, ViolationKind.TEMPORAL),
                violated("Stutter", "EventuallyTwo", stutter, ViolationKind.TEMPORAL)),
            List.of());
    assertTrue(html.contains("<g class=\"lasso\" data-loop=\"0\">"), html);
    assertTrue(html.contains("back to state 0"));
    assertTrue(html.contains("<g class=\"lasso\" data-loop=\"2\">"));
    assertTrue(html.contains("stutters forever"));
    // x belongs to no actor of the table: one lane, "other"
    assertEquals(2, count(html, "data-lane=\"other\"><rect"));
  }

  @Test
  void lanes_followTheNameTable_inTableOrder_andSplitFunctionsOverTuples() {
    Map<String, TlaValue> s = new LinkedHashMap<>();
    for (String v :
        List.of("action", "flags", "phase", "src_state", "dst_state", "guest_view", "wire", "x")) {
      s.put(v, TlaValue.Int.of(0));
    }
    Map<TlaValue, TlaValue> dev = new LinkedHashMap<>();
    dev.put(
        new TlaValue.Seq(List.of(new TlaValue.Str("SRC"), TlaValue.Int.of(1))), TlaValue.Int.of(0));
    dev.put(
        new TlaValue.Seq(List.of(new TlaValue.Str("DST"), TlaValue.Int.of(1))), TlaValue.Int.of(0));
    s.put("device_state", TlaValue.Fun.of(dev));
    Map<TlaValue, TlaValue> ring = new LinkedHashMap<>();
    ring.put(TlaValue.Int.of(0), TlaValue.Int.of(5));
    ring.put(TlaValue.Int.of(1), TlaValue.Int.of(6));
    s.put("ring", TlaValue.Fun.of(ring));
    Trace t = Trace.of(new ArrayList<>(s.keySet()), List.of(new TraceStep("Init", Map.of(), s)));
    List<String> names = Lanes.of(t).lanes().stream().map(Lanes.Lane::name).toList();
    // action is on the axis; device_state splits by its tuple keys (sorted: DST before SRC);
    // ring is an array over integers and stays whole in the Rx ring lane
    assertEquals(
        List.of(
            "QEMU",
            "source",
            "wire",
            "destination",
            "device (VFIO uAPI)",
            "guest driver",
            "Rx ring (VF)",
            "DST 1",
            "SRC 1",
            "other"),
        names);
  }

  @Test
  void everyStringFromTheDocuments_isEscaped() throws Exception {
    String evil = "<script>alert(1)</script>\"'><img src=x onerror=alert(2)>";
    List<TraceStep> steps =
        List.of(
            new TraceStep("Init", Map.of(), Map.of("x", new TlaValue.Str(evil))),
            new TraceStep(
                "Step", Map.of("q", new TlaValue.Str(evil)), Map.of("x", new TlaValue.Str("ok"))));
    ModelResult r = violated(evil, evil, Trace.of(List.of("x"), steps), ViolationKind.INVARIANT);
    JsonNode sim =
        new ObjectMapper()
            .readTree(
                "{\"outcome\":\"<i>x</i>\",\"strategies\":{\"a\":\"<b>\"},\"clean\":false,"
                    + "\"violations\":[\"<script>v</script>\"],\"timeline\":{\"bucketNanos\":1000,"
                    + "\"delivered\":[1,2],\"dropped\":[0,0],\"lost\":[0,1],\"corrupted\":[0,0],"
                    + "\"marks\":[{\"atNanos\":500,\"kind\":\"<x>\",\"label\":\"<script>\"}]}}");
    JsonNode cov =
        new ObjectMapper()
            .readTree(
                "{\"models\":[{\"model\":\"<m>\",\"status\":\"tour\",\"explored\":\"<e>\","
                    + "\"unexercisedActions\":[\"<a>\"],\"note\":\"<n>\"}]}");
    JsonNode rep =
        new ObjectMapper()
            .readTree(
                "{\"files\":1,\"reports\":[{\"model\":\"<m>\",\"module\":\"<mod>\",\"asExpected\":"
                    + "false,\"expected\":\"<x>\",\"file\":\"<f>\",\"mode\":\"<o>\",\"discrepancy\":"
                    + "{\"kind\":\"<k>\",\"action\":\"<a>\",\"detail\":\"<d>\",\"diff\":[{\"variable"
                    + "\":\"<v>\",\"expected\":\"<e>\",\"actual\":\"<script>\"}]}}]}");
    String html =
        HtmlReport.render(
            new HtmlReport.Inputs(
                "<results>.json",
                List.of(r),
                Optional.of(ReportDocument.of("<c>", ReportDocument.Kind.COVERAGE, cov)),
                Optional.of(ReportDocument.of("<r>", ReportDocument.Kind.REPLAY, rep)),
                List.of(ReportDocument.of("<s>", ReportDocument.Kind.SIMULATION, sim))));
    // the page's one script is its own; no tag from the documents survives
    assertEquals(1, count(html, "<script"), html);
    assertFalse(html.contains("<img"));
    for (String tag :
        List.of("<i>", "<b>", "<m>", "<e>", "<a>", "<n>", "<x>", "<k>", "<d>", "<v>")) {
      assertFalse(html.contains(tag), tag + " in " + html);
    }
    assertTrue(html.contains("&lt;script&gt;alert(1)&lt;/script&gt;&quot;&#39;&gt;&lt;img"));
  }

  @Test
  void page_isSelfContained_noNetworkReferences() {
    String html =
        page(
            List.of(violated("CounterSum", "SumBelow5", counter(), ViolationKind.INVARIANT)),
            List.of());
    Matcher m = Pattern.compile("(?i)(src|href)\\s*=\\s*\"(?!#)([^\"]*)\"").matcher(html);
    while (m.find()) {
      assertTrue(m.group(2).startsWith("data:"), "external reference " + m.group());
    }
    // the only URL is the SVG namespace name, which is never fetched
    assertEquals(count(html, "http"), count(html, "xmlns=\"http://www.w3.org/2000/svg\""), html);
    assertFalse(html.contains("@import"));
  }

  @Test
  void simulationPlot_marksTheDowntimeWindow_andEveryLostBucket() throws Exception {
    // 10 buckets of 1 us; vCPUs stop at 4 us and the destination runs at 6 us; two frames lost
    JsonNode sim =
        new ObjectMapper()
            .readTree(
                "{\"outcome\":\"COMPLETED\",\"sent\":12,\"clean\":false,\"strategies\":{},"
                    + "\"timeline\":{\"bucketNanos\":1000,"
                    + "\"delivered\":[1,1,1,1,0,0,3,1,1,1],\"dropped\":[0,0,0,0,0,0,0,0,0,0],"
                    + "\"lost\":[0,0,0,0,1,0,0,0,0,1],\"corrupted\":[0,0,0,0,0,0,0,0,0,0],"
                    + "\"marks\":[{\"atNanos\":2000,\"kind\":\"start\",\"label\":\"s\"},"
                    + "{\"atNanos\":3000,\"kind\":\"round\",\"label\":\"pre-copy round 1 sent\"},"
                    + "{\"atNanos\":4000,\"kind\":\"stop\",\"label\":\"stop\"},"
                    + "{\"atNanos\":6000,\"kind\":\"resume\",\"label\":\"r\"}]}}");
    String html =
        page(List.of(), List.of(ReportDocument.of("s.json", ReportDocument.Kind.SIMULATION, sim)));
    // two plots (whole run, close up), each with the window and 4 milestones
    assertEquals(2, count(html, "<rect class=\"downtime\""));
    assertTrue(html.contains("downtime window: 0.002 ms"));
    assertEquals(8, count(html, "<g class=\"mark mark-"));
    assertTrue(html.contains(">round 1</text>"));
    // both plots show both lost buckets: the close up spans at least 8 buckets from a fifth of
    // that before the start (0.4 us .. 10 us)
    assertEquals(4, count(html, "<rect class=\"bar lost\""));
    assertTrue(html.contains("10 frames delivered"));
  }

  /**
   * A simulation names its host model ({@code simulate --host}) and, when it had them, its channel
   * fault and multifd transfer; a document from before the host was recorded says so.
   */
  @Test
  void simulation_showsHostModelAndTransport() throws Exception {
    JsonNode sim =
        new ObjectMapper()
            .readTree(
                "{\"outcome\":\"FAILED\",\"clean\":false,\"strategies\":{},\"host\":\"rfc-2015\","
                    + "\"transport\":{\"streamFault\":null,\"multifd\":{\"channels\":2,"
                    + "\"maxQueuedBufferBytes\":128,\"fault\":\"STALL@0\"}}}");
    String html =
        page(List.of(), List.of(ReportDocument.of("s.json", ReportDocument.Kind.SIMULATION, sim)));
    assertTrue(html.contains("<th>host model</th><td>rfc-2015</td>"), html);
    assertTrue(
        html.contains("<th>multifd</th><td>2 channels, queue bound 128 bytes, fault STALL@0</td>"),
        html);
    assertFalse(html.contains("stream fault"), html);

    JsonNode old =
        new ObjectMapper().readTree("{\"outcome\":\"COMPLETED\",\"clean\":true,\"strategies\":{}}");
    String before =
        page(List.of(), List.of(ReportDocument.of("o.json", ReportDocument.Kind.SIMULATION, old)));
    assertTrue(before.contains("<th>host model</th><td>not recorded</td>"), before);
    assertFalse(before.contains("<th>multifd</th>"), before);
  }

  @Test
  void documentOfTheWrongKind_isRejected_namingTheFileAndTheMissingField() throws Exception {
    JsonNode replayDoc = new ObjectMapper().readTree("{\"reports\":[]}");
    ReportInputException e =
        assertThrows(
            ReportInputException.class,
            () -> ReportDocument.of("replay.json", ReportDocument.Kind.COVERAGE, replayDoc));
    assertEquals(
        "replay.json: not a coverage document (checker traces --json): no \"models\" field",
        e.getMessage());
  }
}
