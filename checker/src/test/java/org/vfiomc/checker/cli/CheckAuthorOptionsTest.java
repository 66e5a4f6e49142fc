package org.vfiomc.checker.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vfiomc.checker.RepoRoot;
import org.vfiomc.checker.result.ActionCoverage;
import org.vfiomc.checker.result.CheckOutcome;
import org.vfiomc.checker.result.ModelResult;
import org.vfiomc.checker.result.OutcomeReader;
import org.vfiomc.checker.result.Search;
import org.vfiomc.checker.trace.ItfCodec;
import org.vfiomc.checker.trace.Trace;

/**
 * The options a spec author reaches for ({@code --coverage}, {@code --simulate}, {@code
 * --no-deadlock}, {@code --dot}, {@code --trace-out}) on the example models, with the numbers
 * derived from the specs.
 *
 * <p>{@code Counter} with {@code Procs = {p1, p2}}, {@code Limit = 3}: the state is a pair of
 * counters in 0..3, all 16 reachable. {@code Inc(p)} is enabled for the 12 values of {@code ctr[p]}
 * below 3 in each of the 4 values of the other counter: 2 x 12 = 24 transitions, which reach every
 * state but the initial one (15 new). {@code Reset(p)} is enabled where {@code ctr[p] = 3}: 2 x 4 =
 * 8 transitions, all to states {@code Inc} found first (0 new). No two transitions share both ends,
 * so the graph has 24 + 8 = 32 edges.
 */
final class CheckAuthorOptionsTest {
  private static final Path EXAMPLES = RepoRoot.examples();

  private static String counter() {
    return EXAMPLES.resolve("Counter.tla").toString();
  }

  private static String cfg(String name) {
    return EXAMPLES.resolve(name).toString();
  }

  private static ModelResult only(Path json) throws Exception {
    List<ModelResult> results = OutcomeReader.readResults(json);
    assertEquals(1, results.size());
    return results.get(0);
  }

  @Test
  void coverageCountsEachActionAndNamesTheOneThatNeverFindsAState(@TempDir Path dir)
      throws Exception {
    Path json = dir.resolve("r.json");
    CliRun run =
        CliRun.of(
            "check",
            counter(),
            "--config",
            cfg("CounterOK.cfg"),
            "--coverage",
            "--json",
            json.toString());
    assertEquals(0, run.code(), run.out() + run.err());
    Map<String, ActionCoverage> byAction =
        only(json).coverage().stream().collect(Collectors.toMap(ActionCoverage::action, a -> a));
    assertEquals(3, byAction.size(), byAction.toString());
    assertEquals(new ActionCoverage("Init", "Counter", 7, 1, true, 1, 1), byAction.get("Init"));
    assertEquals(new ActionCoverage("Inc", "Counter", 9, 1, false, 15, 24), byAction.get("Inc"));
    assertEquals(new ActionCoverage("Reset", "Counter", 11, 1, false, 0, 8), byAction.get("Reset"));
    assertTrue(run.out().contains("enabled, never a new state: Reset (Counter:11:1)"), run.out());
    assertTrue(run.out().contains("never enabled: none"), run.out());
    // the report prints the same again from the file
    CliRun again = CliRun.of("report", json.toString(), "--format", "json");
    assertEquals(0, again.code(), again.err());
    assertTrue(again.out().contains("\"coverage\""), again.out());
  }

  @Test
  void coverageNamesAnActionThatIsNeverEnabled(@TempDir Path dir) throws Exception {
    // x counts to 3 and stays there: Jump, guarded by x > 5, is never enabled (line 6)
    Path spec = dir.resolve("Unreached.tla");
    Files.writeString(
        spec,
        """
        ---- MODULE Unreached ----
        EXTENDS Naturals
        VARIABLES x
        Init == x = 0
        Step == x < 3 /\\ x' = x + 1
        Jump == x > 5 /\\ x' = 0
        Stay == x = 3 /\\ UNCHANGED x
        Next == Step \\/ Jump \\/ Stay
        ====
        """,
        StandardCharsets.UTF_8);
    Files.writeString(dir.resolve("Unreached.cfg"), "INIT Init\nNEXT Next\n");
    CliRun run = CliRun.of("check", spec.toString(), "--coverage");
    assertEquals(0, run.code(), run.out() + run.err());
    assertTrue(run.out().contains("never enabled: Jump (Unreached:6:1)"), run.out());
  }

  @Test
  void simulationIsReproducibleAndCountsBehavioursTimesDepth(@TempDir Path dir) throws Exception {
    // Counter never deadlocks (Inc or Reset is always enabled), so each of the 50 behaviours runs
    // its full 20 steps: 50 x 20 successor states plus the one initial state = 1,001 generated.
    Path a = dir.resolve("a.json");
    Path b = dir.resolve("b.json");
    for (Path json : List.of(a, b)) {
      CliRun run =
          CliRun.of(
              "check",
              counter(),
              "--config",
              cfg("CounterOK.cfg"),
              "--simulate",
              "50",
              "--depth",
              "20",
              "--seed",
              "7",
              "--json",
              json.toString());
      assertEquals(0, run.code(), run.out() + run.err());
      assertTrue(run.out().contains("HOLDS*"), run.out());
      assertTrue(run.out().contains("not a proof"), run.out());
    }
    ModelResult first = only(a);
    assertEquals(new Search.Simulation(50, 20, 7), first.search());
    assertEquals(1001, first.outcome().stats().generatedStates());
    assertEquals(first.outcome().stats(), only(b).outcome().stats());
  }

  @Test
  void simulationFindsTheViolationWithTheSameTraceForTheSameSeed(@TempDir Path dir)
      throws Exception {
    Trace[] traces = new Trace[2];
    for (int i = 0; i < 2; i++) {
      Path out = dir.resolve("t" + i);
      CliRun run =
          CliRun.of(
              "check",
              counter(),
              "--config",
              cfg("CounterSum.cfg"),
              "--simulate",
              "50",
              "--depth",
              "20",
              "--seed",
              "7",
              "--trace-out",
              out.toString());
      assertEquals(1, run.code(), run.out() + run.err()); // expected HOLDS, got VIOLATED
      traces[i] = ItfCodec.read(out.resolve("Counter.itf.json"));
    }
    assertEquals(traces[0], traces[1]);
    // SumBelow5 fails exactly when the two counters first sum to 5: at least 5 Inc steps
    assertTrue(traces[0].steps().size() >= 6, traces[0].toString());
  }

  @Test
  void noDeadlockTurnsTheDeadlockCheckOff(@TempDir Path dir) throws Exception {
    String spec = EXAMPLES.resolve("Deadlock.tla").toString();
    CliRun with = CliRun.of("check", spec, "--config", cfg("Deadlock.cfg"));
    assertEquals(1, with.code(), with.out()); // a single .tla is expected to hold: x = 3 deadlocks
    Path json = dir.resolve("r.json");
    CliRun without =
        CliRun.of(
            "check",
            spec,
            "--config",
            cfg("Deadlock.cfg"),
            "--no-deadlock",
            "--json",
            json.toString());
    assertEquals(0, without.code(), without.out() + without.err());
    // x takes 0..3: 4 states, 4 generated (the initial one and 3 steps)
    ModelResult r = only(json);
    assertTrue(r.outcome() instanceof CheckOutcome.Holds, r.toString());
    assertEquals(4, r.outcome().stats().distinctStates());
  }

  @Test
  void dotWritesTheStateGraph(@TempDir Path dir) throws Exception {
    Path dot = dir.resolve("counter.dot");
    CliRun run =
        CliRun.of("check", counter(), "--config", cfg("CounterOK.cfg"), "--dot", dot.toString());
    assertEquals(0, run.code(), run.out() + run.err());
    List<String> lines = Files.readAllLines(dot, StandardCharsets.UTF_8);
    assertEquals(32, lines.stream().filter(l -> l.contains(" -> ")).count());
    assertEquals(24, lines.stream().filter(l -> l.contains("label=\"Inc\"")).count());
    assertEquals(8, lines.stream().filter(l -> l.contains("label=\"Reset\"")).count());
  }

  @Test
  void traceOutWritesEachCounterexampleAsItf(@TempDir Path dir) throws Exception {
    Path out = dir.resolve("cex");
    CliRun run =
        CliRun.of(
            "check", counter(), "--config", cfg("CounterSum.cfg"), "--trace-out", out.toString());
    assertEquals(1, run.code(), run.out());
    Trace t = ItfCodec.read(out.resolve("Counter.itf.json"));
    // breadth first: the shortest way to ctr[p1] + ctr[p2] = 5 is 5 Inc steps, 6 states
    assertEquals(6, t.steps().size());
    assertEquals("Inc", t.steps().get(5).action());
  }

  @Test
  void badCombinationsAreInputErrors(@TempDir Path dir) {
    assertEquals(2, CliRun.of("check", counter(), "--depth", "5").code());
    assertEquals(2, CliRun.of("check", counter(), "--simulate", "0").code());
    assertEquals(2, CliRun.of("check", counter(), "--simulate", "5", "--seed", "-1").code());
    CliRun suite =
        CliRun.of("check", EXAMPLES.toString(), "--dot", dir.resolve("g.dot").toString());
    assertEquals(2, suite.code());
    assertTrue(suite.err().contains("exactly one model"), suite.err());
    CliRun both =
        CliRun.of("check", counter(), "--simulate", "5", "--dot", dir.resolve("g.dot").toString());
    assertEquals(2, both.code());
    assertTrue(both.err().contains("--dot needs an exhaustive search"), both.err());
  }
}
