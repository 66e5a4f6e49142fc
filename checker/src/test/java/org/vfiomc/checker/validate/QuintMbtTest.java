package org.vfiomc.checker.validate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.vfiomc.checker.trace.ItfCodec;
import org.vfiomc.checker.trace.ObservedTrace;
import org.vfiomc.checker.trace.TlaValue;
import org.vfiomc.checker.trace.TraceFormatException;

/** Quint's mbt::actionTaken and mbt::nondetPicks read as action and parameters. */
class QuintMbtTest {
  private static final String NONE = "{\"tag\":\"None\",\"value\":{\"#tup\":[]}}";

  private static ObservedTrace read(String states) throws TraceFormatException {
    return ItfCodec.readObserved(
        "{\"vars\":[\"x\",\"mbt::actionTaken\",\"mbt::nondetPicks\"],\"states\":[" + states + "]}",
        "q.itf.json");
  }

  @Test
  void actionTakenAndSomePicks_becomeActionAndParameters() throws Exception {
    ObservedTrace run =
        read(
            "{\"x\":0,\"mbt::actionTaken\":\"init\",\"mbt::nondetPicks\":{\"k\":"
                + NONE
                + "}},{\"x\":2,\"mbt::actionTaken\":\"inc\",\"mbt::nondetPicks\":"
                + "{\"k\":{\"tag\":\"Some\",\"value\":2},\"j\":"
                + NONE
                + "}}");
    ObservedTrace q = QuintMbt.interpret(run, Map.of("inc", "Inc"), "q.itf.json");
    assertEquals(List.of("x"), q.vars());
    assertEquals("init", q.steps().get(0).action()); // not in the map: kept
    assertEquals(Map.of(), q.steps().get(0).params());
    assertEquals("Inc", q.steps().get(1).action());
    // the None pick belongs to another action and is left out
    assertEquals(Map.of("k", TlaValue.Int.of(2)), q.steps().get(1).params());
    assertEquals(Map.of("x", TlaValue.Int.of(2)), q.steps().get(1).state());
  }

  @Test
  void runWithoutMbtVariablesOrMap_isUnchanged() throws Exception {
    ObservedTrace run = ItfCodec.readObserved("{\"vars\":[\"x\"],\"states\":[{\"x\":0}]}", "f");
    assertSame(run, QuintMbt.interpret(run, Map.of(), "f"));
    assertNull(QuintMbt.interpret(run, Map.of("a", "b"), "f").steps().get(0).params());
  }

  @Test
  void malformedMbtValues_areInputErrorsWithPointer() {
    TraceFormatException action =
        assertThrows(
            TraceFormatException.class,
            () ->
                QuintMbt.interpret(
                    read("{\"x\":0,\"mbt::actionTaken\":1,\"mbt::nondetPicks\":{}}"),
                    Map.of(),
                    "q"));
    assertEquals("/states/0/mbt::actionTaken", action.pointer());
    TraceFormatException pick =
        assertThrows(
            TraceFormatException.class,
            () ->
                QuintMbt.interpret(
                    read("{\"x\":0,\"mbt::actionTaken\":\"a\",\"mbt::nondetPicks\":{\"k\":3}}"),
                    Map.of(),
                    "q"));
    assertEquals("/states/0/mbt::nondetPicks/k", pick.pointer());
  }
}
