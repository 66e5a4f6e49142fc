package org.vfiomc.checker.trace;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

final class ItfCodecTest {
  private static final TlaValue ONE = TlaValue.Int.of(1);
  private static final TlaValue TWO = TlaValue.Int.of(2);

  private static TlaValue everyKind() {
    Map<TlaValue, TlaValue> fun = new LinkedHashMap<>();
    fun.put(new TlaValue.Str("b"), ONE);
    fun.put(TWO, new TlaValue.Bool(true));
    TreeMap<String, TlaValue> fields = new TreeMap<>();
    fields.put("big", new TlaValue.Int(BigInteger.TWO.pow(70)));
    fields.put("set", new TlaValue.SetValue(List.of(TWO, ONE)));
    fields.put("seq", new TlaValue.Seq(List.of(new TlaValue.Str("x"))));
    fields.put("tup", new TlaValue.Tuple(List.of(ONE, new TlaValue.Bool(false))));
    fields.put("fun", TlaValue.Fun.of(fun));
    return new TlaValue.Record(fields);
  }

  @Test
  void roundTrip_everyValueKind_isIdentity() throws Exception {
    Trace trace =
        new Trace(
            List.of("v"),
            List.of(
                new TraceStep("Init", Map.of(), Map.of("v", everyKind())),
                new TraceStep("Step", Map.of("p", ONE), Map.of("v", everyKind())),
                new TraceStep("Step", null, Map.of("v", ONE))),
            OptionalInt.of(1),
            Map.of("source", "test"));
    Trace back = ItfCodec.read(ItfCodec.write(trace), "mem");
    assertEquals(trace, back);
  }

  @Test
  void encode_usesAdr015Tags() {
    String json = ItfCodec.encode(everyKind()).toString();
    // 2^70 = 1180591620717411303424 needs #bigint; sets, tuples and maps carry their tags.
    assertTrue(json.contains("\"big\":{\"#bigint\":\"1180591620717411303424\"}"), json);
    assertTrue(json.contains("\"set\":{\"#set\":[{\"#bigint\":\"1\"},{\"#bigint\":\"2\"}]}"), json);
    assertTrue(json.contains("\"tup\":{\"#tup\":[{\"#bigint\":\"1\"},false]}"), json);
    assertTrue(json.contains("\"seq\":[\"x\"]"), json);
    // canonical key order: integers before strings
    assertTrue(
        json.contains("\"#map\":[[{\"#bigint\":\"2\"},true],[\"b\",{\"#bigint\":\"1\"}]]"), json);
  }

  @Test
  void sets_inAnyOrderWithDuplicates_areEqualAndEncodeIdentically() {
    TlaValue a = new TlaValue.SetValue(List.of(TWO, ONE, TWO));
    TlaValue b = new TlaValue.SetValue(List.of(ONE, TWO));
    assertEquals(a, b);
    assertEquals(ItfCodec.encode(a).toString(), ItfCodec.encode(b).toString());
  }

  @Test
  void modelValues_areStringsUnlessTagged() throws Exception {
    TlaValue p1 = new TlaValue.ModelValue("p1");
    assertEquals("\"p1\"", ItfCodec.encode(p1).toString());
    var tagged = ItfCodec.encode(p1, true);
    assertEquals(p1, ItfCodec.decodeLinkValue(tagged, "mem"));
    // not ADR-015: an ITF file (or a standalone ITF value) with the tag is refused
    assertThrows(TraceFormatException.class, () -> ItfCodec.decodeValue(tagged, "mem"));
  }

  @Test
  void plainJsonIntegers_areAcceptedWithin53Bits() throws Exception {
    Trace t = ItfCodec.read("{\"vars\":[\"x\"],\"states\":[{\"x\":9007199254740991}]}", "f.json");
    assertEquals(TlaValue.Int.of(9007199254740991L), t.steps().get(0).state().get("x"));
  }

  private static TlaValue bigint(String digits) throws TraceFormatException {
    String text = "{\"vars\":[\"x\"],\"states\":[{\"x\":{\"#bigint\":\"" + digits + "\"}}]}";
    return ItfCodec.read(text, "n.itf.json").steps().get(0).state().get("x");
  }

  @Test
  void bigint_longAndLongerDigitStrings_decodeToTheirValue() throws Exception {
    // 18 digits are parsed as a long, 19 and more as a BigInteger: both give the exact value
    assertEquals(
        new TlaValue.Int(new BigInteger("-999999999999999999")), bigint("-999999999999999999"));
    assertEquals(
        new TlaValue.Int(new BigInteger("9223372036854775808")), bigint("9223372036854775808"));
    assertEquals(TlaValue.Int.of(7), bigint("007"));
    assertEquals(TlaValue.Int.of(0), bigint("-0"));
    // small values are the shared instances TlaValue.Int.of returns
    assertTrue(bigint("42") == TlaValue.Int.of(42));
    for (String bad : List.of("", "-", "+1", "1e3", "12a", "٣")) {
      TraceFormatException e = assertThrows(TraceFormatException.class, () -> bigint(bad), bad);
      assertEquals("/states/0/x/#bigint", e.pointer());
    }
  }

  @Test
  void read_malformedValue_namesFileStepAndPointer() {
    String text =
        "{\"vars\":[\"x\"],\"states\":[{\"x\":{\"#bigint\":\"1\"}},"
            + "{\"x\":{\"#set\":[{\"#bigint\":\"1\"},{\"#bigint\":\"one\"}]}}]}";
    TraceFormatException e =
        assertThrows(TraceFormatException.class, () -> ItfCodec.read(text, "bad.itf.json"));
    assertEquals("bad.itf.json", e.file());
    assertEquals(1, e.step());
    assertEquals("/states/1/x/#set/1/#bigint", e.pointer());
  }

  @Test
  void read_missingVariable_isReported() {
    String text = "{\"vars\":[\"x\",\"y\"],\"states\":[{\"x\":true}]}";
    TraceFormatException e =
        assertThrows(TraceFormatException.class, () -> ItfCodec.read(text, "f.json"));
    assertEquals(0, e.step());
    assertEquals("/states/0", e.pointer());
    assertTrue(e.getMessage().contains("variable 'y' is missing"), e.getMessage());
  }

  @Test
  void read_unknownTagAndTooLargeNumber_areRejected() {
    assertThrows(
        TraceFormatException.class,
        () -> ItfCodec.read("{\"vars\":[\"x\"],\"states\":[{\"x\":{\"#foo\":1}}]}", "f"));
    TraceFormatException big =
        assertThrows(
            TraceFormatException.class,
            () -> ItfCodec.read("{\"vars\":[\"x\"],\"states\":[{\"x\":9007199254740992}]}", "f"));
    assertEquals("/states/0/x", big.pointer());
  }

  @Test
  void read_notJson_reportsPosition() {
    TraceFormatException e =
        assertThrows(TraceFormatException.class, () -> ItfCodec.read("{\"vars\": [", "f"));
    assertEquals(-1, e.step());
    assertTrue(e.getMessage().contains("line 1"), e.getMessage());
  }

  @Test
  void read_loopOutsideStates_isRejected() {
    TraceFormatException e =
        assertThrows(
            TraceFormatException.class,
            () -> ItfCodec.read("{\"vars\":[],\"states\":[{}],\"loop\":1}", "f"));
    assertEquals("/loop", e.pointer());
  }

  @Test
  void toTla_printsLikeTlc() {
    Map<TlaValue, TlaValue> fun = new LinkedHashMap<>();
    fun.put(new TlaValue.ModelValue("p2"), TWO);
    fun.put(new TlaValue.ModelValue("p1"), ONE);
    assertEquals("(p1 :> 1 @@ p2 :> 2)", TlaValue.Fun.of(fun).toTla());
    assertEquals("{1, 2}", new TlaValue.SetValue(List.of(TWO, ONE)).toTla());
    assertEquals("<<\"a\">>", new TlaValue.Seq(List.of(new TlaValue.Str("a"))).toTla());
  }
}
