package org.vfiomc.checker.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vfiomc.checker.RepoRoot;
import org.vfiomc.checker.explore.StateGraph;
import org.vfiomc.checker.run.Exploration;
import org.vfiomc.checker.tlc.ForkedExplorer;
import org.vfiomc.checker.tour.ItfDocument;
import org.vfiomc.checker.tour.TourBuilder;
import org.vfiomc.checker.trace.ItfCodec;
import org.vfiomc.checker.trace.TraceFormatException;
import org.vfiomc.checker.validate.TraceValidator;
import org.vfiomc.checker.validate.ValidationOutcome;

/**
 * Trace validation on the test model {@code Tally} (two counters 0..2 and a history variable {@code
 * action}; 19 states, 38 edges): runs are derived from its own tour, then damaged.
 */
class ValidateCommandTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  @TempDir static Path tmp;
  static Path spec;
  static StateGraph graph;
  static String tour;

  @BeforeAll
  static void explore() {
    spec = RepoRoot.get().resolve("checker/src/test/resources/tour/Tally.tla");
    var r = new ForkedExplorer().explore(spec, spec.resolveSibling("Tally.cfg"), List.of(), 0, 60);
    graph = ((Exploration.Explored) r).graph();
    TourBuilder.Tour t = TourBuilder.build(graph, 0);
    tour =
        ItfDocument.tour(
            graph,
            t.paths().get(0),
            new ItfDocument.Meta("Tally.tla", "Tally", "Tally", "tour", graph.constants(), null));
  }

  private static ValidationOutcome validate(ObjectNode doc) throws Exception {
    return new TraceValidator(graph)
        .validate(ItfCodec.readObserved(JSON.writeValueAsString(doc), "run.itf.json"));
  }

  /** The tour with ctr unobserved in every even state and action in every third. */
  private static ObjectNode partial() throws Exception {
    ObjectNode doc = (ObjectNode) JSON.readTree(tour);
    ArrayNode states = (ArrayNode) doc.get("states");
    for (int i = 0; i < states.size(); i++) {
      ObjectNode s = (ObjectNode) states.get(i);
      if (i % 2 == 0) {
        s.remove("ctr");
      }
      if (i % 3 == 0) {
        s.remove("action");
      }
    }
    return doc;
  }

  @Test
  void tourWithUnobservedVariables_isAccepted() throws Exception {
    ObjectNode doc = partial();
    // Tally's tour is 42 steps: the initial state (action = Init) has no incoming edge, so the
    // first path (41 steps, 42 states) covers all edges but one of the initial state's two, and
    // a second path of 1 step takes that one
    assertEquals(42, doc.get("states").size());
    ValidationOutcome v = validate(doc);
    // the last state keeps ctr (index 41 is odd) and action: exactly one spec state fits
    assertEquals(new ValidationOutcome.Accepted(42, 1), v);
  }

  @Test
  void oneChangedValue_isRejectedAtThatStep() throws Exception {
    ObjectNode doc = partial();
    // state 5 keeps ctr (odd index); p1's counter there becomes 7, outside 0..2
    ObjectNode s5 = (ObjectNode) doc.get("states").get(5);
    ((ArrayNode) s5.get("ctr").get("#map").get(0)).set(1, JSON.readTree("{\"#bigint\":\"7\"}"));
    ValidationOutcome v = validate(doc);
    ValidationOutcome.Rejected r = assertInstanceOf(ValidationOutcome.Rejected.class, v);
    assertEquals(5, r.step());
    assertTrue(r.reason().contains("leads to a state with the observed values"), r.reason());
    // state 4 has ctr unobserved but action observed; with state 3's ctr the prefix pins one state
    assertEquals(1, r.total());
  }

  @Test
  void actionNotEnabled_isRejected() throws Exception {
    ObjectNode doc = partial();
    // in the initial state both counters are 0: Reset (needs a counter at Limit 2) is not enabled
    ObjectNode meta = (ObjectNode) doc.get("states").get(1).get("#meta");
    meta.put("action", "Reset");
    ValidationOutcome.Rejected r =
        assertInstanceOf(ValidationOutcome.Rejected.class, validate(doc));
    assertEquals(1, r.step());
    assertEquals("Reset is not enabled in any candidate state", r.reason());
  }

  /**
   * {@code doc} validated against the part of the graph a validation of it can visit ({@link
   * ForkedExplorer#guided}), and that part's size.
   */
  private static ValidationOutcome validateGuided(ObjectNode doc, int[] states) throws Exception {
    Path run = Files.createTempFile(tmp, "run", ".itf.json");
    Files.writeString(run, JSON.writeValueAsString(doc));
    var r = new ForkedExplorer().guided(spec, spec.resolveSibling("Tally.cfg"), List.of(), run, 60);
    StateGraph part = ((Exploration.Explored) r).graph();
    states[0] = part.states().size();
    return new TraceValidator(part).validate(ItfCodec.readObserved(run));
  }

  /** An outcome with its shown candidates as a set (the two graphs number states apart). */
  private static Object comparable(ValidationOutcome v) {
    return v instanceof ValidationOutcome.Rejected r
        ? List.of(r.step(), r.action(), r.reason(), r.total(), java.util.Set.copyOf(r.candidates()))
        : v;
  }

  @Test
  void guidedExploration_givesTheWholeGraphsVerdict_onASmallerGraph() throws Exception {
    ObjectNode changed = partial();
    ((ArrayNode) changed.get("states").get(5).get("ctr").get("#map").get(0))
        .set(1, JSON.readTree("{\"#bigint\":\"7\"}"));
    ObjectNode disabled = partial();
    ((ObjectNode) disabled.get("states").get(1).get("#meta")).put("action", "Reset");
    ObjectNode prefix = partial();
    ArrayNode states = (ArrayNode) prefix.get("states");
    while (states.size() > 3) {
      states.remove(states.size() - 1);
    }
    int[] size = new int[1];
    for (ObjectNode doc : List.of(partial(), changed, disabled, prefix)) {
      assertEquals(comparable(validate(doc)), comparable(validateGuided(doc, size)));
      assertTrue(size[0] <= graph.states().size(), size[0] + " states");
    }
    // three observed states: the initial state, its successors and theirs, not all 19
    assertTrue(size[0] < graph.states().size(), size[0] + " of " + graph.states().size());
  }

  private static CliRun cli(String... args) {
    return CliRun.of(args);
  }

  @Test
  void cliExitCodes_acceptedRejectedAndMalformed() throws Exception {
    Path ok = tmp.resolve("ok.itf.json");
    Files.writeString(ok, JSON.writeValueAsString(partial()));
    CliRun accepted = cli("validate", spec.toString(), "--trace", ok.toString());
    assertEquals(0, accepted.code(), accepted.err());
    assertTrue(accepted.out().contains("accepted: 42 states"), accepted.out());

    ObjectNode doc = partial();
    ((ObjectNode) doc.get("states").get(1).get("#meta")).put("action", "Reset");
    Path bad = tmp.resolve("reset.itf.json");
    Files.writeString(bad, JSON.writeValueAsString(doc));
    CliRun rejected = cli("validate", spec.toString(), "--trace", bad.toString());
    assertEquals(1, rejected.code());
    assertTrue(rejected.out().contains("rejected at step 1 (Reset)"), rejected.out());
    // the candidate shown is the initial state
    assertTrue(rejected.out().contains("ctr = (p1 :> 0 @@ p2 :> 0)"), rejected.out());

    Path notJson = tmp.resolve("broken.itf.json");
    Files.writeString(notJson, "{\"vars\": [");
    CliRun malformed = cli("validate", spec.toString(), "--trace", notJson.toString());
    assertEquals(2, malformed.code());
    assertTrue(malformed.err().contains("broken.itf.json: at /: not JSON"), malformed.err());
  }

  @Test
  void malformedItf_namesFileStepAndPointer() {
    TraceFormatException noVars =
        assertInstanceOf(
            TraceFormatException.class,
            org.junit.jupiter.api.Assertions.assertThrows(
                TraceFormatException.class,
                () -> ItfCodec.readObserved("{\"states\": []}", "f.itf.json")));
    assertEquals("/vars", noVars.pointer());
    TraceFormatException wrongType =
        org.junit.jupiter.api.Assertions.assertThrows(
            TraceFormatException.class,
            () ->
                ItfCodec.readObserved(
                    "{\"vars\": [\"ctr\"], \"states\": [{}, {\"ctr\": {\"#bigint\": 5}}]}",
                    "f.itf.json"));
    assertEquals(1, wrongType.step());
    assertEquals("/states/1/ctr/#bigint", wrongType.pointer());
    assertEquals(
        "f.itf.json: step 1: at /states/1/ctr/#bigint: expected a decimal integer string",
        wrongType.getMessage());
  }
}
