package org.vfiomc.checker.result;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.math.BigInteger;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.vfiomc.checker.trace.JsonLite;
import org.vfiomc.checker.trace.TlaValue;
import org.vfiomc.checker.trace.Trace;
import org.vfiomc.checker.trace.TraceStep;

/** The Jackson-free writer used by the TLC child agrees with the Jackson encoder and decoder. */
final class OutcomeTextTest {
  private static final ObjectMapper MAPPER = new ObjectMapper();

  private static TlaValue everything() {
    Map<TlaValue, TlaValue> fun = new LinkedHashMap<>();
    fun.put(new TlaValue.ModelValue("p1"), new TlaValue.Int(BigInteger.TEN.pow(30)));
    fun.put(new TlaValue.Str("q\"\\\n\t\u0001"), new TlaValue.Bool(false));
    TreeMap<String, TlaValue> fields = new TreeMap<>();
    fields.put("fun", TlaValue.Fun.of(fun));
    fields.put("set", new TlaValue.SetValue(List.of(TlaValue.Int.of(-3), TlaValue.Int.of(2))));
    fields.put("seq", new TlaValue.Seq(List.of()));
    fields.put("tup", new TlaValue.Tuple(List.of(new TlaValue.ModelValue("m"))));
    return new TlaValue.Record(fields);
  }

  private static void assertAgree(CheckOutcome o) throws Exception {
    // byte for byte the compact Jackson serialisation
    assertEquals(
        MAPPER.writeValueAsString(OutcomeJson.encodeOutcome(o, true)), OutcomeText.encode(o));
    assertEquals(o, OutcomeJson.decodeOutcome(MAPPER.readTree(OutcomeText.encode(o))));
    // and the Jackson-free reader the checker uses on the link gives the same outcome back
    assertEquals(o, OutcomeText.decode(JsonLite.parse(OutcomeText.encode(o))));
  }

  @Test
  void violated_withEveryValueKindAndALoop_roundTrips() throws Exception {
    Trace t =
        new Trace(
            List.of("v", "w"),
            List.of(
                new TraceStep("Init", Map.of(), Map.of("v", everything(), "w", TlaValue.Int.of(0))),
                new TraceStep(
                    "Go",
                    Map.of("p", new TlaValue.ModelValue("p1")),
                    Map.of("v", everything(), "w", TlaValue.Int.of(1))),
                new TraceStep("Go", null, Map.of("v", everything(), "w", TlaValue.Int.of(2)))),
            OptionalInt.of(0),
            Map.of());
    assertAgree(
        new CheckOutcome.Violated("P \"x\"", ViolationKind.TEMPORAL, new Stats(3, 4, 0), t));
  }

  @Test
  void jsonLite_rejectsMalformedText_withTheOffset() {
    IllegalArgumentException e =
        org.junit.jupiter.api.Assertions.assertThrows(
            IllegalArgumentException.class, () -> JsonLite.parse("{\"a\": [1, 2.5]}"));
    assertEquals("JSON at offset 11: only integers are supported", e.getMessage());
    assertEquals(
        "JSON at offset 5: expected ':'",
        org.junit.jupiter.api.Assertions.assertThrows(
                IllegalArgumentException.class, () -> JsonLite.parse("{\"a\" 1}"))
            .getMessage());
  }

  @Test
  void holdsAndFailed_roundTrip() throws Exception {
    assertAgree(new CheckOutcome.Holds(new Stats(16, 33, 7)));
    assertAgree(
        new CheckOutcome.Failed(
            new ErrorInfo(ErrorKind.PARSE, "bad \"token\"\nhere", "/a/B.tla", 5, 20), Stats.NONE));
    assertAgree(new CheckOutcome.Failed(ErrorInfo.of(ErrorKind.TOOL, "lost"), Stats.NONE));
  }
}
