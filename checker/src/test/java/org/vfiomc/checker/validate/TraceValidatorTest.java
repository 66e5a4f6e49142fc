package org.vfiomc.checker.validate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.vfiomc.checker.explore.StateGraph;
import org.vfiomc.checker.trace.ItfCodec;
import org.vfiomc.checker.trace.ObservedTrace;
import org.vfiomc.checker.trace.TlaValue;

/**
 * The validator on a hand-made graph: {@code log} goes {@code <<>> -> <<"a">>} by {@code Add(k)}
 * with {@code k = 1}, after which nothing is enabled; the model's constant {@code N} is 2.
 */
class TraceValidatorTest {
  private static final TlaValue EMPTY = new TlaValue.Seq(List.of());
  private static final TlaValue A = new TlaValue.Seq(List.of(new TlaValue.Str("a")));
  private static final StateGraph GRAPH =
      new StateGraph(
          "Log",
          Map.of("N", TlaValue.Int.of(2)),
          List.of("log"),
          List.of(Map.of("log", EMPTY), Map.of("log", A)),
          List.of(Map.of("log", EMPTY), Map.of("log", A)),
          List.of(0),
          List.of(new StateGraph.Edge(0, 1, 1, "Add", Map.of("k", TlaValue.Int.of(1)))),
          List.of("Add"));

  private static ObservedTrace run(String text) throws Exception {
    return ItfCodec.readObserved(text, "run.itf.json");
  }

  @Test
  void mapsOnOneToN_andEmptyMaps_matchTlcsSequences() throws Exception {
    ObservedTrace r =
        run(
            "{\"vars\":[\"log\"],\"states\":[{\"log\":{\"#map\":[]}},"
                + "{\"#meta\":{\"action\":\"Add\",\"params\":{\"k\":1}},"
                + "\"log\":{\"#map\":[[1,\"a\"]]}}]}");
    assertEquals(new ValidationOutcome.Accepted(2, 1), new TraceValidator(GRAPH).validate(r));
  }

  @Test
  void rejections_carryTheObservedValues_andReadAsEnglish() throws Exception {
    ObservedTrace r =
        run("{\"vars\":[\"log\"],\"states\":[{\"log\":[]},{\"log\":[\"a\"]},{\"log\":[]}]}");
    ValidationOutcome.Rejected rej =
        assertInstanceOf(ValidationOutcome.Rejected.class, new TraceValidator(GRAPH).validate(r));
    assertEquals(2, rej.step());
    assertEquals("no action is enabled in any candidate state", rej.reason());
    assertEquals(Map.of("log", EMPTY), rej.observed());

    ObservedTrace params =
        run(
            "{\"vars\":[\"log\"],\"states\":[{\"log\":[]},"
                + "{\"#meta\":{\"params\":{\"k\":2}},\"log\":[\"a\"]}]}");
    ValidationOutcome.Rejected p =
        assertInstanceOf(
            ValidationOutcome.Rejected.class, new TraceValidator(GRAPH).validate(params));
    assertEquals("no step has parameters [k |-> 2]", p.reason());
    assertEquals(Map.of("k", TlaValue.Int.of(2)), p.params());
  }

  @Test
  void constantsAndValueKinds_thatDoNotFitTheModel_areReported() throws Exception {
    TraceValidator v = new TraceValidator(GRAPH);
    ObservedTrace r =
        run(
            "{\"params\":[\"N\",\"M\"],\"vars\":[\"log\"],"
                + "\"states\":[{\"N\":3,\"M\":1,\"log\":[]},{\"log\":{\"#set\":[]}}]}");
    assertEquals(
        List.of(
            "constant N is 3 in the trace but 2 in the model",
            "constant M is not a constant of the spec"),
        v.constantMismatches(r));
    List<String> types = v.typeMismatches(r);
    assertEquals(1, types.size(), types.toString());
    assertTrue(
        types
            .get(0)
            .startsWith("step 1: log is a set ({}) but the spec's log is always a sequence"),
        types.get(0));
  }
}
