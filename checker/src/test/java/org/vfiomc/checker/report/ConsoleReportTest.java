package org.vfiomc.checker.report;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;
import org.vfiomc.checker.trace.TlaValue;
import org.vfiomc.checker.trace.Trace;
import org.vfiomc.checker.trace.TraceStep;

final class ConsoleReportTest {
  private static Map<String, TlaValue> state(long x, boolean busy) {
    return Map.of("x", TlaValue.Int.of(x), "busy", new TlaValue.Bool(busy));
  }

  @Test
  void printTrace_showsAllVariablesFirst_thenOnlyChangedOnes_andTheLoop() {
    Trace t =
        new Trace(
            List.of("x", "busy"),
            List.of(
                new TraceStep("Init", Map.of(), state(0, false)),
                new TraceStep("Go", Map.of("n", TlaValue.Int.of(1)), state(1, false)),
                new TraceStep("Flip", null, state(1, true)),
                new TraceStep("Idle", Map.of(), state(1, true))),
            OptionalInt.of(1),
            Map.of());
    StringWriter text = new StringWriter();
    new ConsoleReport(new PrintWriter(text), false).printTrace(t);
    assertEquals(
        """
          1: Init
               x = 0
               busy = FALSE
          2: Go(n = 1)
               x = 1
          3: Flip (parameters unknown)
               busy = TRUE
          4: Idle
               (no variable changed)
          then back to state 2 (the loop repeats forever)
        """,
        text.toString());
  }
}
