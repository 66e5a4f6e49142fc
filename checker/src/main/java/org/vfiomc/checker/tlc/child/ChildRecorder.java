package org.vfiomc.checker.tlc.child;

import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;
import java.util.function.Consumer;
import org.vfiomc.checker.result.ActionCoverage;
import org.vfiomc.checker.result.Stats;
import org.vfiomc.checker.result.ViolationKind;
import tlc2.output.EC;
import tlc2.output.MPRecorder;
import tlc2.tool.TLCStateInfo;

/**
 * Receives every message TLC emits (code plus raw parameters) in the child process and keeps what
 * the outcome needs: counts, the violation, the counterexample states and the errors. Never parses
 * TLC's formatted text: counts come from message parameters, states as {@link TLCStateInfo}.
 */
final class ChildRecorder extends MPRecorder {
  /** One recorded message: TLC's code and its raw parameters. */
  // TLC's own parameter array, read once and never compared: the record's equality is not used
  @SuppressWarnings("ArrayRecordComponent")
  record Event(int code, Object[] objects) {}

  /**
   * TLC's code for the simulator's "Progress: N states checked." ({@code tlc2.output.MP}; 2.18's
   * {@code EC} has no name for it).
   */
  private static final int TLC_PROGRESS_SIMU = 2209;

  private final Consumer<long[]> progress;
  private final Runnable beforeInit;
  private final java.io.PrintStream debug;
  private final List<Event> events = new ArrayList<>();
  private final List<TLCStateInfo> trace = new ArrayList<>();
  private long generated;
  private long distinct;
  private int depth;
  private ViolationKind kind;
  private String property;
  private OptionalInt loop = OptionalInt.empty();
  private final List<ActionCoverage> coverage = new ArrayList<>();

  /**
   * @param progress receives {depth, generated, distinct, queue} for each progress report
   * @param beforeInit runs when TLC starts computing initial states (spec and config loaded)
   * @param debug where to log every message, or {@code null}
   */
  ChildRecorder(Consumer<long[]> progress, Runnable beforeInit, java.io.PrintStream debug) {
    this.progress = progress;
    this.beforeInit = beforeInit;
    this.debug = debug;
  }

  @Override
  public void record(int code, Object... objects) {
    if (debug != null) {
      StringBuilder b = new StringBuilder("[tlc] ").append(code);
      for (Object o : objects) {
        b.append(" | ")
            .append(o == null ? "null" : o.getClass().getSimpleName())
            .append(o instanceof String || o instanceof Number ? ":" + o : "");
      }
      debug.println(b);
    }
    events.add(new Event(code, objects.clone()));
    try {
      handle(code, objects);
    } catch (RuntimeException e) {
      // never let a bookkeeping problem abort TLC; the event list still has the raw message
      events.add(new Event(EC.GENERAL, new Object[] {e}));
    }
  }

  private void handle(int code, Object[] objects) {
    switch (code) {
      case EC.TLC_PROGRESS_STATS ->
          progress.accept(
              new long[] {num(objects, 0), num(objects, 1), num(objects, 2), num(objects, 3)});
      case EC.TLC_STATS -> {
        generated = num(objects, 0);
        distinct = num(objects, 1);
      }
      case EC.TLC_SEARCH_DEPTH -> depth = (int) num(objects, 0);
      // simulation ({@code -simulate}): states generated over all behaviours; no distinct count
      case TLC_PROGRESS_SIMU, EC.TLC_STATS_SIMU -> generated = Math.max(generated, num(objects, 0));
      case EC.TLC_COMPUTING_INIT -> beforeInit.run();
      case EC.TLC_COVERAGE_START -> coverage.clear(); // a later report replaces an earlier one
      // TLC's ActionWrapper.report: {location, generated, distinct} for the initial predicate,
      // {location, distinct, generated} for an action of Next
      case EC.TLC_COVERAGE_INIT ->
          coverage.add(
              CoverageLocation.parse(text(objects, 0), true, num(objects, 2), num(objects, 1)));
      case EC.TLC_COVERAGE_NEXT ->
          coverage.add(
              CoverageLocation.parse(text(objects, 0), false, num(objects, 1), num(objects, 2)));
      case EC.TLC_INVARIANT_VIOLATED_INITIAL, EC.TLC_INVARIANT_VIOLATED_BEHAVIOR ->
          violation(ViolationKind.INVARIANT, text(objects, 0));
      case EC.TLC_PROPERTY_VIOLATED_INITIAL, EC.TLC_ACTION_PROPERTY_VIOLATED_BEHAVIOR ->
          violation(ViolationKind.TEMPORAL, text(objects, 0));
      case EC.TLC_TEMPORAL_PROPERTY_VIOLATED -> violation(ViolationKind.TEMPORAL, null);
      case EC.TLC_DEADLOCK_REACHED -> violation(ViolationKind.DEADLOCK, null);
      case EC.TLC_VALUE_ASSERT_FAILED ->
          violation(ViolationKind.ASSERTION, unquote(text(objects, 0)));
      case EC.TLC_STATE_PRINT1, EC.TLC_STATE_PRINT2 -> {
        if (objects.length > 0 && objects[0] instanceof TLCStateInfo info) {
          trace.add(info);
        }
      }
      case EC.TLC_STATE_PRINT3 -> {
        if (!trace.isEmpty()) {
          loop = OptionalInt.of(trace.size() - 1); // stuttering: the last state repeats forever
        }
      }
      case EC.TLC_BACK_TO_STATE -> {
        long target = num(objects, 0);
        if (target >= 1) {
          loop = OptionalInt.of((int) target - 1);
        }
      }
      default -> {}
    }
  }

  private void violation(ViolationKind k, String name) {
    if (kind == null) {
      kind = k;
      property = name;
    }
  }

  private static String text(Object[] objects, int i) {
    if (objects.length <= i || objects[i] == null) {
      return null;
    }
    Object o = objects[i];
    if (o instanceof tlc2.tool.EvalException e) {
      return e.getMessage();
    }
    if (o instanceof Throwable t) {
      return t.getMessage();
    }
    return o.toString();
  }

  private static String unquote(String s) {
    if (s == null) {
      return null;
    }
    String t = s.strip();
    return t.length() >= 2 && t.startsWith("\"") && t.endsWith("\"")
        ? t.substring(1, t.length() - 1)
        : t;
  }

  /** A count from a message parameter TLC formatted as {@code 1,234,567}; -1 if absent. */
  private static long num(Object[] objects, int i) {
    if (objects.length <= i || objects[i] == null) {
      return -1;
    }
    String digits = objects[i].toString().replaceAll("[^0-9]", "");
    return digits.isEmpty() ? -1 : Long.parseLong(digits);
  }

  /** The per-action coverage TLC reported last (empty unless TLC ran with {@code -coverage}). */
  List<ActionCoverage> coverage() {
    return List.copyOf(coverage);
  }

  List<Event> events() {
    return events;
  }

  List<TLCStateInfo> trace() {
    return trace;
  }

  ViolationKind kind() {
    return kind;
  }

  String property() {
    return property;
  }

  OptionalInt loop() {
    return loop;
  }

  Stats stats() {
    return new Stats(Math.max(distinct, 0), Math.max(generated, 0), Math.max(depth, 0));
  }
}
