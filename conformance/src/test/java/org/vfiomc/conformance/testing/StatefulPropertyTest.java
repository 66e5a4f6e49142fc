package org.vfiomc.conformance.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The harness on a tiny counter: it finds a planted bug, shrinks it to the known minimal sequence
 * (respecting preconditions), names the seed; it passes a correct counter; and it fails a generator
 * that never produces one of the action kinds.
 */
final class StatefulPropertyTest {
  /** A counter; the buggy one wraps to 0 when incremented at {@code wrapAt}. */
  static final class Counter {
    final int wrapAt;
    int value;
    int model;

    Counter(int wrapAt) {
      this.wrapAt = wrapAt;
    }
  }

  sealed interface Op {
    void apply(Counter c);

    record Inc() implements Op {
      @Override
      public void apply(Counter c) {
        c.value = c.value == c.wrapAt ? 0 : c.value + 1;
        c.model++;
      }
    }

    record Dec() implements Op {
      @Override
      public void apply(Counter c) {
        c.value--;
        c.model--;
      }
    }

    record Read() implements Op {
      @Override
      public void apply(Counter c) {
        StatefulProperty.checkEquals(c.model, c.value, "read");
      }
    }
  }

  private static StatefulProperty.Builder<Counter, Op> counter(int wrapAt, List<String> log) {
    return StatefulProperty.<Counter, Op>named("counter", Op.class)
        .system(seed -> new Counter(wrapAt))
        .actions(
            (r, c) ->
                switch (r.nextInt(3)) {
                  case 0 -> new Op.Inc();
                  case 1 -> new Op.Dec();
                  default -> new Op.Read();
                })
        .precondition((c, op) -> !(op instanceof Op.Dec) || c.model > 0)
        .step((c, op) -> op.apply(c))
        .invariant("never above the model", c -> c.value <= c.model)
        .log(log::add)
        .runs(50)
        .steps(40);
  }

  @Test
  void buggyCounter_isCaught_shrunkToFourIncrementsAndARead_withTheSeed() {
    List<String> log = new ArrayList<>();
    AssertionError e = assertThrows(AssertionError.class, () -> counter(3, log).check());
    String msg = e.getMessage();
    assertTrue(
        msg.matches(
            "(?s)property 'counter' failed for seed \\d+ \\(rerun with -Dvfiomc\\.seed=\\d+\\).*"),
        msg);
    // minimal: four increments reach the wrap (value 0, model 4), a read sees the difference; a
    // Dec would need a preceding Inc (precondition), so the shrinker cannot trade an Inc for it
    assertEquals(
        List.of("Inc[]", "Inc[]", "Inc[]", "Inc[]", "Read[]"),
        StatefulProperty.shrunkActions(e),
        msg);
    assertTrue(msg.contains("failing check: read: expected 4, got 0"), msg);
  }

  @Test
  void correctCounter_passes_andReportsCoverage() {
    List<String> log = new ArrayList<>();
    StatefulProperty.Report r = counter(Integer.MAX_VALUE, log).check();
    assertEquals(50, r.runs());
    assertTrue(r.actions().values().stream().allMatch(n -> n > 0), r.toString());
    assertEquals(List.of(r.toString()), log);
  }

  @Test
  void generatorThatNeverDecrements_failsCoverage() {
    AssertionError e =
        assertThrows(
            AssertionError.class,
            () ->
                counter(Integer.MAX_VALUE, new ArrayList<>())
                    .actions((r, c) -> r.nextBoolean() ? new Op.Inc() : new Op.Read())
                    .check());
    assertTrue(
        e.getMessage().contains("coverage") && e.getMessage().contains("action Dec"),
        e.getMessage());
  }

  @Test
  void unreachedLabel_failsCoverage() {
    AssertionError e =
        assertThrows(
            AssertionError.class,
            () ->
                counter(Integer.MAX_VALUE, new ArrayList<>())
                    .cover("above 1000", c -> c.value > 1000)
                    .check());
    assertTrue(e.getMessage().contains("label above 1000"), e.getMessage());
  }

  @Test
  void failingEndCheck_isReportedWithTheSeed() {
    AssertionError e =
        assertThrows(
            AssertionError.class,
            () ->
                counter(Integer.MAX_VALUE, new ArrayList<>())
                    .atEnd(c -> StatefulProperty.check(c.value < 2, "ends below 2"))
                    .check());
    assertTrue(
        e.getMessage().contains("seed ") && e.getMessage().contains("ends below 2"),
        e.getMessage());
    // two increments are the least that end at 2
    assertEquals(List.of("Inc[]", "Inc[]"), StatefulProperty.shrunkActions(e), e.getMessage());
  }
}
