package org.vfiomc.checker.tlc.link;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.vfiomc.checker.result.CheckOutcome;
import org.vfiomc.checker.result.ErrorInfo;
import org.vfiomc.checker.result.ErrorKind;
import org.vfiomc.checker.result.ModelSource;
import org.vfiomc.checker.result.OutcomeJson;
import org.vfiomc.checker.result.Stats;
import org.vfiomc.checker.result.ViolationKind;
import org.vfiomc.checker.trace.TlaValue;
import org.vfiomc.checker.trace.Trace;
import org.vfiomc.checker.trace.TraceStep;

/** The link protocol: what the child writes, the parent reads back equal; bad lines are named. */
final class ChildLinkTest {
  private static final TlaValue P1 = new TlaValue.ModelValue("p1");

  /** A lasso through every kind of ITF value, model values included. */
  private static CheckOutcome.Violated violated() {
    TreeMap<TlaValue, TlaValue> ctr = new TreeMap<>(TlaValue.ORDER);
    ctr.put(P1, TlaValue.Int.of(2));
    Map<String, TlaValue> s0 =
        Map.of(
            "ctr", new TlaValue.Fun(ctr),
            "log", new TlaValue.Seq(List.of(new TlaValue.Str("a\"b\n"), new TlaValue.Bool(true))),
            "set", new TlaValue.SetValue(List.of(TlaValue.Int.of(1), TlaValue.Int.of(-3))),
            "tup", new TlaValue.Tuple(List.of(P1, TlaValue.Int.of(1L << 60))));
    Trace trace =
        new Trace(
            List.of("ctr", "log", "set", "tup"),
            List.of(
                new TraceStep("Init", Map.of(), s0),
                new TraceStep("Inc", Map.of("p", P1), s0),
                new TraceStep("Odd", null, s0)),
            OptionalInt.of(1),
            Map.of());
    return new CheckOutcome.Violated("Live", ViolationKind.TEMPORAL, new Stats(14, 23, 0), trace);
  }

  private static List<CheckOutcome> outcomes() {
    return List.of(
        new CheckOutcome.Holds(new Stats(14, 23, 6)),
        new CheckOutcome.Holds(Stats.NONE),
        violated(),
        new CheckOutcome.Failed(
            new ErrorInfo(ErrorKind.PARSE, "bad \"syntax\"", "/x/M.tla", 3, 7), Stats.NONE),
        new CheckOutcome.Failed(ErrorInfo.of(ErrorKind.TOOL, "lost"), new Stats(1, 2, 1)));
  }

  @Test
  void everyOutcome_readsBackEqual_andIsWrittenAsOutcomeJsonBuildsIt() throws Exception {
    ModelSource source =
        new ModelSource("", "Counter", Map.of("Procs", P1, "N", TlaValue.Int.of(3)));
    for (CheckOutcome o : outcomes()) {
      ChildMessage.Result sent = new ChildMessage.Result(List.of("TypeOK", "Live"), source, o);
      String line = LinkWriter.encode(sent);
      assertTrue(!line.contains("\n"), line);
      assertEquals(sent, ChildLink.read(line, 1));
      // the child's streaming form is the tree OutcomeJson builds, field order included
      assertEquals(
          OutcomeJson.encodeOutcome(o, true).toString(),
          new ObjectMapper().readTree(line).get("outcome").toString());
    }
  }

  @Test
  void progress_readsBackEqual() throws Exception {
    ChildMessage p = new ChildMessage.Progress(5, 100, 40, -1);
    assertEquals(p, ChildLink.read(LinkWriter.encode(p), 9));
  }

  @Test
  void malformedLines_areRejectedNamingLineAndField() {
    String ok =
        LinkWriter.encode(new ChildMessage.Result(List.of(), ModelSource.UNKNOWN, violated()));
    LinkException json = assertThrows(LinkException.class, () -> ChildLink.read("{", 4));
    assertTrue(json.getMessage().startsWith("line 4: not JSON: "), json.getMessage());
    LinkException kind =
        assertThrows(LinkException.class, () -> ChildLink.read("{\"event\":\"hello\"}", 2));
    assertEquals("/event", kind.field());
    assertEquals(2, kind.line());
    LinkException count =
        assertThrows(
            LinkException.class,
            () ->
                ChildLink.read(
                    "{\"event\":\"progress\",\"depth\":\"3\",\"generated\":1,\"distinct\":1,"
                        + "\"queue\":0}",
                    7));
    assertEquals("line 7, field /depth: expected an integer", count.getMessage());
    LinkException verdict =
        assertThrows(
            LinkException.class, () -> ChildLink.read(ok.replace("\"VIOLATED\"", "\"MAYBE\""), 3));
    assertEquals("/outcome/verdict", verdict.field());
    LinkException value =
        assertThrows(
            LinkException.class,
            () -> ChildLink.read(ok.replaceFirst("\"#bigint\":\"2\"", "\"#bigint\":\"two\""), 3));
    assertTrue(value.field().startsWith("/outcome/trace/0/state/ctr"), value.field());
    LinkException missing =
        assertThrows(
            LinkException.class, () -> ChildLink.read(ok.replace("\"properties\":[],", ""), 1));
    assertEquals("line 1, field /properties: missing", missing.getMessage());
  }
}
