package org.vfiomc.conformance.replay;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.vfiomc.checker.trace.TlaValue;
import org.vfiomc.checker.trace.TraceFormatException;

/** The decoding helpers bindings share: {@link Constants} and {@link ActionSource#tagIn}. */
final class BindingHelpersTest {
  private enum Step {
    Go,
    Stop
  }

  private static Constants constants(Map<String, TlaValue> values) throws TraceFormatException {
    return new Constants("t.itf.json", values, Set.of("Mode", "Defects", "N"));
  }

  private static TlaValue strings(String... s) {
    return new TlaValue.SetValue(
        List.of(s).stream().map(x -> (TlaValue) new TlaValue.Str(x)).toList());
  }

  @Test
  void oneOf_acceptsStringsAndModelValues_namesTheConstantOtherwise() throws Exception {
    Set<String> modes = Set.of("SHIFT", "REINIT");
    assertEquals(
        "SHIFT", constants(Map.of("Mode", new TlaValue.Str("SHIFT"))).oneOf("Mode", modes));
    assertEquals(
        "REINIT",
        constants(Map.of("Mode", new TlaValue.ModelValue("REINIT"))).oneOf("Mode", modes));
    TraceFormatException e =
        assertThrows(
            TraceFormatException.class,
            () -> constants(Map.of("Mode", TlaValue.Int.of(3))).oneOf("Mode", modes));
    assertEquals("/#meta/constants/Mode", e.pointer());
    assertEquals(
        "t.itf.json: at /#meta/constants/Mode: must be one of [REINIT, SHIFT], got 3",
        e.getMessage());
  }

  @Test
  void subsetOf_reportsTheFirstElementOutsideTheAllowedSet() throws Exception {
    Set<String> allowed = Set.of("A", "B");
    assertEquals(
        Set.of("A"),
        constants(Map.of("Defects", strings("A"))).subsetOf("Defects", allowed, d -> d));
    TraceFormatException e =
        assertThrows(
            TraceFormatException.class,
            () ->
                constants(Map.of("Defects", strings("A", "C", "D")))
                    .subsetOf("Defects", allowed, d -> "defect " + d + " unsupported"));
    // elements are checked in TLA+ set order: C is the first one outside {A, B}
    assertEquals("t.itf.json: at /#meta/constants/Defects: defect C unsupported", e.getMessage());
  }

  @Test
  void replacing_changesOnlyAConstantTheTraceHas() {
    Map<String, TlaValue> c = new LinkedHashMap<>();
    c.put("N", TlaValue.Int.of(8));
    c.put("Defects", strings("A"));
    Map<String, TlaValue> fixed = Constants.replacing(c, "Defects", strings());
    assertEquals(Map.of("N", TlaValue.Int.of(8), "Defects", strings()), fixed);
    assertEquals(List.of("N", "Defects"), List.copyOf(fixed.keySet())); // order kept
    assertEquals(c, Constants.replacing(c, "SkipLoopFixed", new TlaValue.Bool(true)));
    assertEquals(strings("A"), c.get("Defects")); // the input is not changed
  }

  @Test
  void tagIn_findsTheEnumConstantOfTheTag() {
    ActionSource stop = new ActionSource("t.itf.json", 3, "Stop", Map.of(), "/states/3/action");
    assertEquals(Optional.of(Step.Stop), stop.tagIn(Step.values(), Enum::name));
    ActionSource other = new ActionSource("t.itf.json", 3, "Halt", Map.of(), "/states/3/action");
    assertEquals(Optional.empty(), other.tagIn(Step.values(), Enum::name));
  }
}
