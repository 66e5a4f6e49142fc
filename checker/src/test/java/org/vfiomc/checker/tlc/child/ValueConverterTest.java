package org.vfiomc.checker.tlc.child;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.vfiomc.checker.trace.TlaValue;
import tlc2.value.impl.BoolValue;
import tlc2.value.impl.FcnRcdValue;
import tlc2.value.impl.IntValue;
import tlc2.value.impl.IntervalValue;
import tlc2.value.impl.RecordValue;
import tlc2.value.impl.SetEnumValue;
import tlc2.value.impl.StringValue;
import tlc2.value.impl.SubsetValue;
import tlc2.value.impl.TupleValue;
import tlc2.value.impl.Value;
import util.UniqueString;

/** TLC values built directly (no spec) and their conversion. */
final class ValueConverterTest {
  private static final TlaValue.Int ONE = TlaValue.Int.of(1);
  private static final TlaValue.Int TWO = TlaValue.Int.of(2);

  @Test
  void function_withDomain1ToN_isASequence() {
    Value f =
        new FcnRcdValue(new IntervalValue(1, 2), new Value[] {IntValue.gen(7), BoolValue.ValTrue});
    assertEquals(
        new TlaValue.Seq(List.of(TlaValue.Int.of(7), new TlaValue.Bool(true))),
        ValueConverter.convert(f));
  }

  @Test
  void function_withStringDomain_isARecord_otherwiseAFun() {
    Value rcd =
        new FcnRcdValue(
            new Value[] {new StringValue("b"), new StringValue("a")},
            new Value[] {IntValue.gen(2), IntValue.gen(1)},
            false);
    TreeMap<String, TlaValue> fields = new TreeMap<>();
    fields.put("a", ONE);
    fields.put("b", TWO);
    assertEquals(new TlaValue.Record(fields), ValueConverter.convert(rcd));
    Value fun =
        new FcnRcdValue(
            new Value[] {IntValue.gen(5), IntValue.gen(3)},
            new Value[] {IntValue.gen(1), IntValue.gen(2)},
            false);
    assertEquals("(3 :> 2 @@ 5 :> 1)", ValueConverter.convert(fun).toTla());
  }

  @Test
  void sets_areNormalised_andLazySetsEnumerated() {
    Value set =
        new SetEnumValue(new Value[] {IntValue.gen(2), IntValue.gen(1), IntValue.gen(2)}, false);
    assertEquals(new TlaValue.SetValue(List.of(ONE, TWO)), ValueConverter.convert(set));
    assertEquals("{1, 2, 3}", ValueConverter.convert(new IntervalValue(1, 3)).toTla());
    // SUBSET {1, 2} is lazy in TLC; it has 2^2 = 4 elements.
    Value subsets =
        new SubsetValue(new SetEnumValue(new Value[] {IntValue.gen(1), IntValue.gen(2)}, false));
    assertEquals("{{}, {1}, {2}, {1, 2}}", ValueConverter.convert(subsets).toTla());
  }

  @Test
  void recordsAndTuples_convertFieldByField() {
    Value r =
        new RecordValue(
            new UniqueString[] {UniqueString.uniqueStringOf("tag")},
            new Value[] {new StringValue("Init")},
            false);
    assertEquals("[tag |-> \"Init\"]", ValueConverter.convert(r).toTla());
    Value t = new TupleValue(new Value[] {IntValue.gen(1), new StringValue("x")});
    assertEquals("<<1, \"x\">>", ValueConverter.convert(t).toTla());
  }
}
