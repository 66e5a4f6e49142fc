package org.vfiomc.checker.trace;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** TLA+ equality across the encodings ITF and TLC use for one value (issue 19). */
class TlaEqualityTest {
  private static final TlaValue A = new TlaValue.Str("a");
  private static final TlaValue B = new TlaValue.Str("b");

  private static TlaValue fun(TlaValue... keysAndValues) {
    Map<TlaValue, TlaValue> m = new LinkedHashMap<>();
    for (int i = 0; i < keysAndValues.length; i += 2) {
      m.put(keysAndValues[i], keysAndValues[i + 1]);
    }
    return TlaValue.Fun.of(m);
  }

  private static TlaValue.Int i(long v) {
    return TlaValue.Int.of(v);
  }

  @Test
  void functionOnOneToN_equalsTheSequence() {
    // (1 :> "a" @@ 2 :> "b") = <<"a", "b">>, in any key order
    assertTrue(TlaEquality.tlaEquals(fun(i(2), B, i(1), A), new TlaValue.Seq(List.of(A, B))));
    assertTrue(
        TlaEquality.tlaEquals(new TlaValue.Tuple(List.of(A, B)), new TlaValue.Seq(List.of(A, B))));
    // domain 0..1 or 1..3 with a gap is not a sequence
    assertFalse(TlaEquality.tlaEquals(fun(i(0), A, i(1), B), new TlaValue.Seq(List.of(A, B))));
    assertFalse(TlaEquality.tlaEquals(fun(i(1), A, i(3), B), new TlaValue.Seq(List.of(A, B))));
  }

  @Test
  void functionOnStrings_equalsTheRecord() {
    TlaValue record = TlaValue.Record.of(Map.of("n", i(1)));
    assertTrue(TlaEquality.tlaEquals(record, fun(new TlaValue.Str("n"), i(1))));
    assertFalse(TlaEquality.tlaEquals(record, fun(new TlaValue.Str("n"), i(2))));
  }

  @Test
  void emptyFunction_equalsEmptySequenceAndEmptyRecord() {
    TlaValue empty = fun();
    assertTrue(TlaEquality.tlaEquals(empty, new TlaValue.Seq(List.of())));
    assertTrue(TlaEquality.tlaEquals(empty, TlaValue.Record.of(Map.of())));
    assertTrue(TlaEquality.tlaEquals(empty, new TlaValue.Tuple(List.of())));
    assertFalse(TlaEquality.tlaEquals(empty, new TlaValue.SetValue(List.of())));
  }

  @Test
  void equalityReachesIntoSetsRecordsAndKeys() {
    // {<<1>>, (1 :> 1)} has one element; a record whose field is a #map equals one with a sequence
    TlaValue set = new TlaValue.SetValue(List.of(new TlaValue.Seq(List.of(i(1))), fun(i(1), i(1))));
    assertEquals(1, ((TlaValue.SetValue) TlaEquality.canonical(set)).elements().size());
    assertTrue(
        TlaEquality.tlaEquals(
            TlaValue.Record.of(Map.of("f", fun(i(1), A))),
            TlaValue.Record.of(Map.of("f", new TlaValue.Seq(List.of(A))))));
    assertTrue(
        TlaEquality.tlaEquals(
            fun(new TlaValue.Tuple(List.of(i(1), i(2))), A),
            fun(new TlaValue.Seq(List.of(i(1), i(2))), A)));
  }

  @Test
  void modelValues_equalTheirNameOnlyInTheItfView() {
    TlaValue p1 = new TlaValue.ModelValue("p1");
    assertFalse(TlaEquality.tlaEquals(p1, new TlaValue.Str("p1")));
    assertTrue(TlaEquality.itfEquals(p1, new TlaValue.Str("p1")));
  }

  @Test
  void show_namesTheFormOnlyWhenUnequalValuesPrintAlike() {
    // a model value named "1" prints like the integer 1 but is not equal to it
    TlaValue mv = new TlaValue.ModelValue("1");
    assertEquals("1 (model value)", TlaEquality.show(mv, i(1)));
    assertEquals("1 (integer)", TlaEquality.show(i(1), mv));
    // equal values, or values that print differently, are shown plainly
    assertEquals("<<>>", TlaEquality.show(fun(), new TlaValue.Seq(List.of())));
    assertEquals("2", TlaEquality.show(i(2), i(1)));
    assertEquals("function (#map)", TlaEquality.form(fun(i(0), A)));
    assertEquals("tuple (#tup)", TlaEquality.form(new TlaValue.Tuple(List.of())));
  }
}
