package org.vfiomc.conformance.replay;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.vfiomc.checker.trace.TlaValue;
import org.vfiomc.checker.trace.TraceFormatException;

/**
 * The replay loop compares every step's whole state, also when one side of a variable keeps the
 * very value instance it had when it last matched (the comparison's identity cache must not hide a
 * change on the other side), and a plan run many times reports the same thing every time.
 */
final class ReplayCompareTest {
  /** {@code Inc} adds one to x; {@code Stall} leaves it. */
  private record Toy(String tag) implements SpecAction {}

  /** A counter whose projection reuses one value instance while x does not change. */
  private static final class Counter implements SystemUnderTest<Toy> {
    private final int stuckAt;
    private final boolean stallIncrements;
    private int x;
    private int applied;
    private TlaValue projected = TlaValue.Int.of(0);

    Counter(int stuckAt, boolean stallIncrements) {
      this.stuckAt = stuckAt;
      this.stallIncrements = stallIncrements;
    }

    @Override
    public List<String> variables() {
      return VARS;
    }

    @Override
    public StepOutcome apply(Toy a) {
      applied++;
      boolean inc = a.tag().equals("Inc") ? applied != stuckAt : stallIncrements;
      if (inc) {
        x++;
        projected = TlaValue.Int.of(x);
      }
      return StepOutcome.OK;
    }

    @Override
    public void project(TlaValue[] out) {
      out[0] = null;
      out[1] = projected;
    }

    @Override
    public Optional<String> violationEvidence(String property) {
      return Optional.empty();
    }
  }

  private static final List<String> VARS = List.of("action", "x");

  private record ToyBinding(int stuckAt, boolean stallIncrements) implements SpecBinding<Toy> {
    @Override
    public String module() {
      return "Toy";
    }

    @Override
    public List<String> variables() {
      return VARS;
    }

    @Override
    public Set<String> unobservable() {
      return Set.of();
    }

    @Override
    public void checkConstants(String file, Map<String, TlaValue> constants) {}

    @Override
    public Toy decode(ActionSource source) throws TraceFormatException {
      if (source.tagIn(new String[] {"Inc", "Stall"}, s -> s).isEmpty()) {
        throw source.unknownTag(module());
      }
      return new Toy(source.tag());
    }

    @Override
    public SystemUnderTest<Toy> configure(
        String file, Map<String, TlaValue> constants, Map<String, TlaValue> initialState) {
      return new Counter(stuckAt, stallIncrements);
    }

    @Override
    public Map<String, TlaValue> correctConstants(Map<String, TlaValue> constants) {
      return constants;
    }
  }

  /** A tour of Toy: Init then the given actions, with the given x after each state. */
  private static TraceFile trace(List<String> actions, int... xs) throws TraceFormatException {
    StringBuilder b =
        new StringBuilder(
            "{\"#meta\": {\"module\": \"Toy\", \"kind\": \"tour\"}, \"vars\": [\"action\", \"x\"],"
                + " \"states\": [");
    for (int i = 0; i < xs.length; i++) {
      b.append(i == 0 ? "" : ", ")
          .append("{\"#meta\": {\"index\": ")
          .append(i)
          .append("}, \"action\": {\"tag\": \"")
          .append(i == 0 ? "Init" : actions.get(i - 1))
          .append("\"}, \"x\": {\"#bigint\": \"")
          .append(xs[i])
          .append("\"}}");
    }
    return TraceFile.parse(b.append("]}").toString(), "toy.itf.json");
  }

  private static ReplayReport replay(ToyBinding binding, TraceFile file) throws Exception {
    return new Replayer(List.of(binding)).replay(file, ReplayMode.AS_CONFIGURED);
  }

  @Test
  void conformingCounter_everyStepReplayed_sameReportOnEveryRun() throws Exception {
    TraceFile t = trace(List.of("Inc", "Stall", "Inc", "Stall"), 0, 1, 1, 2, 2);
    Replayer.Plan plan = new Replayer(List.of(new ToyBinding(0, false))).plan(t);
    for (int run = 0; run < 3; run++) {
      ReplayReport r = plan.run().get(0);
      assertTrue(r.discrepancy().isEmpty(), r.summary());
      assertEquals(4, r.stepsReplayed()); // all four actions applied and their states compared
    }
  }

  @Test
  void expectedChanges_actualKeepsItsInstance_mismatchAtThatStep() throws Exception {
    // the second Inc (step 3) does nothing: the projection still holds the instance of x = 1 that
    // matched at steps 1 and 2, while the trace says 2
    ReplayReport r =
        replay(new ToyBinding(3, false), trace(List.of("Inc", "Stall", "Inc"), 0, 1, 1, 2));
    Discrepancy d = r.discrepancy().orElseThrow();
    assertEquals(3, d.step());
    assertEquals("x: expected 2, actual 1", d.detail());
    assertEquals(2, r.stepsReplayed());
  }

  @Test
  void actualChanges_expectedKeepsItsInstance_mismatchAtThatStep() throws Exception {
    // Stall increments (step 2): the trace's x = 1 of step 2 is the same canonical instance as
    // step 1's, the projection is a new value 2
    ReplayReport r =
        replay(new ToyBinding(0, true), trace(List.of("Inc", "Stall", "Inc"), 0, 1, 1, 2));
    Discrepancy d = r.discrepancy().orElseThrow();
    assertEquals(2, d.step());
    assertEquals("StateMismatch", d.kind());
    assertEquals("Stall", d.action());
    assertEquals("x: expected 1, actual 2", d.detail());
    assertEquals(1, r.stepsReplayed());
  }
}
