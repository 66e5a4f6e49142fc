package org.vfiomc.checker.tlc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.vfiomc.checker.RepoRoot;
import org.vfiomc.checker.result.CheckOutcome;
import org.vfiomc.checker.result.ErrorKind;
import org.vfiomc.checker.result.ModelResult;
import org.vfiomc.checker.result.Stats;
import org.vfiomc.checker.result.ViolationKind;
import org.vfiomc.checker.run.ProgressListener;
import org.vfiomc.checker.run.SuiteRunner;
import org.vfiomc.checker.run.TlcFlags;
import org.vfiomc.checker.spec.Manifest;
import org.vfiomc.checker.spec.ModelSpec;
import org.vfiomc.checker.trace.TlaValue;
import org.vfiomc.checker.trace.Trace;
import org.vfiomc.checker.trace.TraceStep;

/** Real TLC runs of the models in {@code specs/examples}, one at a time, with exact numbers. */
final class ExampleModelsTest {
  private static final Map<String, ModelSpec> MODELS = new LinkedHashMap<>();
  private static final Map<String, ModelResult> ALONE = new LinkedHashMap<>();
  private static Set<Path> tempBefore;

  @BeforeAll
  static void checkEachModelAlone() throws Exception {
    tempBefore = ourTempDirs();
    for (ModelSpec m : Manifest.resolve(RepoRoot.examples(), java.util.Optional.empty())) {
      MODELS.put(m.name(), m);
    }
    // alone: one JVM per model (twoSpecs_... below compares a reused JVM with these)
    ForkedTlcRunner runner = new ForkedTlcRunner(1, List.of(), TlcFlags.DEFAULT, null, 1);
    for (String name :
        List.of(
            "CounterOK",
            "CounterSum",
            "BadInit",
            "Deadlock",
            "CycleStutter",
            "CycleLasso",
            "Asserting",
            "Reset",
            "ParseError",
            "UndefinedInvariant",
            "UndefinedConstant",
            "UndefinedName",
            "OutOfDomain",
            "Forever")) {
      ALONE.put(name, runner.check(MODELS.get(name), ProgressListener.NONE));
    }
  }

  private static Set<Path> ourTempDirs() throws IOException {
    try (Stream<Path> s = Files.list(Path.of(System.getProperty("java.io.tmpdir")))) {
      return s.filter(p -> p.getFileName().toString().startsWith("vfiomc-tlc-"))
          .collect(Collectors.toSet());
    }
  }

  private static <T extends CheckOutcome> T outcome(String model, Class<T> type) {
    return assertInstanceOf(type, ALONE.get(model).outcome(), () -> ALONE.get(model).toString());
  }

  private static TlaValue ctr(long p1, long p2) {
    Map<TlaValue, TlaValue> m = new LinkedHashMap<>();
    m.put(new TlaValue.ModelValue("p1"), TlaValue.Int.of(p1));
    m.put(new TlaValue.ModelValue("p2"), TlaValue.Int.of(p2));
    return TlaValue.Fun.of(m);
  }

  @Test
  void counterOk_holds_with16States() {
    CheckOutcome.Holds h = outcome("CounterOK", CheckOutcome.Holds.class);
    // Two counters in 0..3 give 4 * 4 = 16 states, all reachable. Each state has exactly two
    // successors (per process: Inc below 3, Reset at 3), so 1 initial + 16 * 2 = 33 generated.
    // The farthest state (3, 3) is 6 steps from (0, 0); TLC counts depth in states: 7.
    assertEquals(new Stats(16, 33, 7), h.stats());
  }

  @Test
  void counterSum_violatesSumBelow5_withSixStateTraceAndRecoveredParameters() {
    CheckOutcome.Violated v = outcome("CounterSum", CheckOutcome.Violated.class);
    assertEquals("SumBelow5", v.property());
    assertEquals(ViolationKind.INVARIANT, v.kind());
    // The sum first reaches 5 after five increments: BFS finds a shortest trace, 6 states.
    Trace t = v.trace();
    assertEquals(6, t.length());
    assertEquals(List.of("ctr"), t.vars());
    assertEquals(OptionalInt.empty(), t.loop());
    assertEquals(new TraceStep("Init", Map.of(), Map.of("ctr", ctr(0, 0))), t.steps().get(0));
    // TLC's BFS explores p1 first: three increments of p1 (to its limit 3), then two of p2.
    List<String> labels =
        t.steps().stream()
            .map(s -> s.action() + s.params().values().stream().map(TlaValue::toTla).toList())
            .toList();
    assertEquals(List.of("Init[]", "Inc[p1]", "Inc[p1]", "Inc[p1]", "Inc[p2]", "Inc[p2]"), labels);
    assertEquals(ctr(3, 2), t.steps().get(5).state().get("ctr"));
    // TLC stopped with 14 distinct / 23 generated states (same as the raw tlc2.TLC CLI).
    assertEquals(new Stats(14, 23, 6), v.stats());
  }

  @Test
  void badInit_isAOneStateCounterexample_foundAgainAsData() {
    CheckOutcome.Violated v = outcome("BadInit", CheckOutcome.Violated.class);
    assertEquals("Small", v.property());
    // TLC reports an initial-state violation only as text; the checker re-evaluates Small on the
    // initial states {x = 0, x = 5} and returns x = 5.
    assertEquals(1, v.trace().length());
    assertEquals(TlaValue.Int.of(5), v.trace().steps().get(0).state().get("x"));
  }

  @Test
  void deadlock_isReportedWithoutProperty_afterFourStates() {
    CheckOutcome.Violated v = outcome("Deadlock", CheckOutcome.Violated.class);
    assertEquals(ViolationKind.DEADLOCK, v.kind());
    assertNull(v.property());
    // x = 0, 1, 2, 3 and then no Step is enabled.
    assertEquals(4, v.trace().length());
    assertEquals(TlaValue.Int.of(3), v.trace().steps().get(3).state().get("x"));
    assertEquals("Step", v.trace().steps().get(3).action());
    assertEquals(Map.of(), v.trace().steps().get(3).params());
  }

  @Test
  void cycleStutter_violatesEventuallyTwo_byStutteringAtX1() {
    CheckOutcome.Violated v = outcome("CycleStutter", CheckOutcome.Violated.class);
    assertEquals(ViolationKind.TEMPORAL, v.kind());
    assertEquals("EventuallyTwo", v.property());
    // TLC's counterexample: x = 0, x = 1, then stuttering forever (loop on the last state).
    assertEquals(2, v.trace().length());
    assertEquals(OptionalInt.of(1), v.trace().loop());
    assertEquals(TlaValue.Int.of(1), v.trace().steps().get(1).state().get("x"));
  }

  @Test
  void cycleLasso_violatesInfinitelyOftenThree_withLoopBackToTheFirstState() {
    CheckOutcome.Violated v = outcome("CycleLasso", CheckOutcome.Violated.class);
    assertEquals("InfinitelyOftenThree", v.property());
    // x = 0, 1, 2 and back to state 1 (index 0): the cycle never visits 3.
    assertEquals(3, v.trace().length());
    assertEquals(OptionalInt.of(0), v.trace().loop());
    // all three reachable states were found: 0, 1, 2
    assertEquals(3, v.stats().distinctStates());
  }

  @Test
  void asserting_reportsTheAssertMessage_andTheStateWhereItFailed() {
    CheckOutcome.Violated v = outcome("Asserting", CheckOutcome.Violated.class);
    assertEquals(ViolationKind.ASSERTION, v.kind());
    assertEquals("x must stay below 2", v.property());
    // States x = 0, 1, 2; evaluating Step in x = 2 trips the Assert.
    assertEquals(3, v.trace().length());
    assertEquals(TlaValue.Int.of(2), v.trace().steps().get(2).state().get("x"));
  }

  @Test
  void reset_overAStateDependentSet_stillGetsItsParameter() {
    CheckOutcome.Violated v = outcome("Reset", CheckOutcome.Violated.class);
    assertEquals("NoReset", v.property());
    // Shortest way to a reset with Limit = 2: Inc(p1), Inc(p1), Reset(p1): 4 states.
    // TLC itself labels the last step only "Next" (the \E domain depends on ctr).
    List<String> labels =
        v.trace().steps().stream()
            .map(s -> s.action() + s.params().values().stream().map(TlaValue::toTla).toList())
            .toList();
    assertEquals(List.of("Init[]", "Inc[p1]", "Inc[p1]", "Reset[p1]"), labels);
    assertEquals(List.of("ctr", "resets"), v.trace().vars());
  }

  @Test
  void parseError_hasFileLineAndColumn() {
    CheckOutcome.Failed f = outcome("ParseError", CheckOutcome.Failed.class);
    assertEquals(ErrorKind.PARSE, f.error().kind());
    // Line 5 is "Next == x' = x + + 1"; SANY stops at the "1" after the second "+", column 20.
    assertEquals(MODELS.get("ParseError").spec().toString(), f.error().file());
    assertEquals(5, f.error().line());
    assertEquals(20, f.error().column());
  }

  @Test
  void undefinedInvariant_pointsAtTheCfgLine() {
    CheckOutcome.Failed f = outcome("UndefinedInvariant", CheckOutcome.Failed.class);
    assertEquals(ErrorKind.CONFIG, f.error().kind());
    assertTrue(f.error().message().contains("NoSuchInvariant"), f.error().message());
    // UndefinedInvariant.cfg line 3 is "INVARIANT NoSuchInvariant": the name starts in column 11.
    assertEquals(MODELS.get("UndefinedInvariant").config().toString(), f.error().file());
    assertEquals(3, f.error().line());
    assertEquals(11, f.error().column());
  }

  @Test
  void undefinedConstant_isIgnored_asTlcDoes() {
    // UndefinedConstant.cfg assigns NoSuchConstant, which Undefined.tla does not declare: TLC 2.18
    // checks the model as if the line were absent (x alternates 0, 1: two states)
    CheckOutcome.Holds h = outcome("UndefinedConstant", CheckOutcome.Holds.class);
    assertEquals(2, h.stats().distinctStates());
  }

  @Test
  void undefinedName_isASemanticErrorAtItsPosition() {
    CheckOutcome.Failed f = outcome("UndefinedName", CheckOutcome.Failed.class);
    assertEquals(ErrorKind.SEMANTIC, f.error().kind());
    // line 5 is "Next == x' = y": y is in column 14
    assertEquals("Unknown operator: `y'.", f.error().message());
    assertEquals(5, f.error().line());
    assertEquals(14, f.error().column());
  }

  @Test
  void outOfDomain_isAnEvaluationErrorAtTheInnermostExpression() {
    CheckOutcome.Failed f = outcome("OutOfDomain", CheckOutcome.Failed.class);
    assertEquals(ErrorKind.SEMANTIC, f.error().kind());
    assertEquals(
        "Attempted to apply tuple <<1, 2>> to integer 3 which is out of domain.",
        f.error().message());
    // line 6 is "Next == f' = <<f[3]>>": f[3] starts in column 16
    assertEquals(MODELS.get("OutOfDomain").spec().toString(), f.error().file());
    assertEquals(6, f.error().line());
    assertEquals(16, f.error().column());
  }

  @Test
  void forever_timesOut_andLeavesNoProcessOrTempDirectory() throws Exception {
    CheckOutcome.TimedOut t = outcome("Forever", CheckOutcome.TimedOut.class);
    assertEquals(3, t.limitSeconds());
    // the run was killed at the limit, not earlier: at least 3 s elapsed
    assertTrue(ALONE.get("Forever").durationMillis() >= 3000);
    assertEquals(0, ProcessHandle.current().descendants().count(), "orphan child processes");
    assertEquals(tempBefore, ourTempDirs(), "per-run temp directories were not removed");
    assertFalse(Files.exists(RepoRoot.examples().resolve("states")), "TLC wrote into specs/");
  }

  @Test
  void everyModel_meetsItsManifestExpectation() {
    ALONE.values().forEach(r -> assertTrue(r.met(), () -> r.model() + ": " + r.mismatches()));
  }

  @Test
  void twoSpecs_backToBackAndInParallel_giveTheSameResultsAsAlone() throws Exception {
    List<ModelSpec> pair = List.of(MODELS.get("CounterSum"), MODELS.get("CycleLasso"));
    List<ModelResult> sequential;
    List<ModelResult> parallel;
    try (ForkedTlcRunner reused = new ForkedTlcRunner(1)) {
      SuiteRunner runner = new SuiteRunner(reused);
      sequential = runner.run(pair, 1, ProgressListener.NONE);
      parallel = runner.run(pair, 2, ProgressListener.NONE);
    }
    for (List<ModelResult> run : List.of(sequential, parallel)) {
      for (ModelResult r : run) {
        assertEquals(ALONE.get(r.model()).outcome(), r.outcome(), r.model());
      }
    }
  }
}
