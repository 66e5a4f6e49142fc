package org.vfiomc.conformance.replay;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.vfiomc.checker.trace.TlaValue;

/** TLA+ equality across ITF forms (issue 19): the examples of the issue, and what must differ. */
final class TlaEqualityTest {
  private static TlaValue i(long v) {
    return TlaValue.Int.of(v);
  }

  private static TlaValue s(String v) {
    return new TlaValue.Str(v);
  }

  @Test
  void aFunctionOnOneToN_isASequence() {
    // (1 :> "a" @@ 2 :> "b") = <<"a", "b">>, also as a tuple
    TlaValue fun = TlaValue.Fun.of(Map.of(i(2), s("b"), i(1), s("a")));
    assertTrue(TlaEquality.equal(fun, new TlaValue.Seq(List.of(s("a"), s("b")))));
    assertTrue(TlaEquality.equal(new TlaValue.Tuple(List.of(s("a"), s("b"))), fun));
    assertFalse(TlaEquality.equal(fun, new TlaValue.Seq(List.of(s("b"), s("a")))));
    // domain {1, 3} is not 1..n
    assertFalse(
        TlaEquality.equal(
            TlaValue.Fun.of(Map.of(i(1), s("a"), i(3), s("b"))),
            new TlaValue.Seq(List.of(s("a"), s("b")))));
  }

  @Test
  void aFunctionOnStrings_isARecord() {
    // [n |-> 1] = ("n" :> 1)
    assertTrue(
        TlaEquality.equal(
            TlaValue.Record.of(Map.of("n", i(1))), TlaValue.Fun.of(Map.of(s("n"), i(1)))));
    assertFalse(
        TlaEquality.equal(
            TlaValue.Record.of(Map.of("n", i(1))), TlaValue.Fun.of(Map.of(s("n"), i(2)))));
  }

  @Test
  void theEmptyFunction_isTheEmptySequence_andTheEmptyRecord() {
    TlaValue empty = TlaValue.Fun.of(Map.of());
    assertTrue(TlaEquality.equal(empty, new TlaValue.Seq(List.of())));
    assertTrue(TlaEquality.equal(TlaValue.Record.of(Map.of()), new TlaValue.Seq(List.of())));
    assertFalse(TlaEquality.equal(empty, new TlaValue.SetValue(List.of())));
  }

  @Test
  void nestedInSets_andAsFunctionKeys() {
    TlaValue asMaps =
        new TlaValue.SetValue(
            List.of(TlaValue.Fun.of(Map.of(i(1), i(5))), TlaValue.Fun.of(Map.of())));
    TlaValue asSeqs =
        new TlaValue.SetValue(
            List.of(new TlaValue.Seq(List.of()), new TlaValue.Seq(List.of(i(5)))));
    assertTrue(TlaEquality.equal(asMaps, asSeqs));
    TlaValue keyedBySeq = TlaValue.Fun.of(Map.of(new TlaValue.Seq(List.of(i(1))), s("x")));
    TlaValue keyedByMap = TlaValue.Fun.of(Map.of(TlaValue.Fun.of(Map.of(i(1), i(1))), s("x")));
    assertTrue(TlaEquality.equal(keyedBySeq, keyedByMap));
  }
}
