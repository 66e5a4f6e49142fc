package org.vfiomc.conformance.testing;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.function.BiConsumer;
import java.util.function.BiFunction;
import java.util.function.BiPredicate;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import java.util.function.LongFunction;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * The one stateful-property engine of the test suite (no property-testing library, no JUnit
 * dependency: a failure is an {@link AssertionError}, which every test framework reports).
 *
 * <p>A property is a system {@code S} built fresh for every run by a seeded factory, and a stream
 * of actions {@code A} (a sealed interface of records per test, each record carrying its own
 * behaviour, so the dispatch is exhaustive by construction). One run of seed {@code s}:
 *
 * <ol>
 *   <li>{@code S state = factory(s)}, {@code SplittableRandom r = new SplittableRandom(s)};
 *   <li>up to {@link Builder#steps} times: draw {@code A a = generator(r, state)} (redrawn up to
 *       {@link #MAX_DRAWS} times while a precondition refuses it), apply {@code step(state, a)}
 *       (which checks its own postconditions with {@link #check}), then every postcondition and
 *       every invariant;
 *   <li>then every end check (for example: drain the system and balance its books).
 * </ol>
 *
 * <p>Any {@link AssertionError} or {@link RuntimeException} out of a step or a check fails the run.
 * The failing action list is then shrunk with {@link Shrinker} (delta debugging: chunks, then
 * single actions, then small windows), replaying each candidate on a fresh {@code factory(s)}; a
 * candidate counts only if every action still satisfies the preconditions and the run still fails.
 * The {@link AssertionError} thrown names the property, the seed (and how to rerun it), the check
 * that failed, and the shrunk sequence one action per line.
 *
 * <p>Coverage: every run counts the actions applied per kind (the simple name of the record), and
 * every {@linkplain Builder#cover labelled state} reached. After all runs, every permitted subclass
 * of the sealed action type and every label must have been seen at least once, or the property
 * fails: a generator that never produces an action, or a run that never reaches the interesting
 * states, is a failure of the test, not a pass.
 *
 * <p>Seeds are {@code 1..runs}. {@code -Dvfiomc.seed=S} runs seed {@code S} alone (no coverage
 * requirement: one run need not cover everything); {@code -Dvfiomc.runs=N} overrides the number of
 * runs of every property.
 *
 * @param <S> the system under test together with the test's model of it
 * @param <A> the action type
 */
public final class StatefulProperty<S, A> {
  /** Precondition refusals tolerated per step before the step is skipped. */
  public static final int MAX_DRAWS = 20;

  /** System property naming the one seed to run. */
  public static final String SEED_PROPERTY = "vfiomc.seed";

  /** System property overriding the number of runs. */
  public static final String RUNS_PROPERTY = "vfiomc.runs";

  private final Builder<S, A> b;

  private StatefulProperty(Builder<S, A> b) {
    this.b = b;
  }

  /** Starts a property named {@code name} over actions of (sealed) type {@code actionType}. */
  public static <S, A> Builder<S, A> named(String name, Class<A> actionType) {
    return new Builder<>(name, actionType);
  }

  /** A failed postcondition or invariant: throws {@link AssertionError} with {@code what}. */
  public static void check(boolean ok, String what) {
    if (!ok) {
      throw new AssertionError(what);
    }
  }

  /** Two values must be equal: throws {@link AssertionError} naming both and {@code what}. */
  public static void checkEquals(Object expected, Object actual, String what) {
    if (!java.util.Objects.equals(expected, actual)) {
      throw new AssertionError(what + ": expected " + expected + ", got " + actual);
    }
  }

  /** What the runs covered. */
  public record Report(
      String name, int runs, long steps, Map<String, Long> actions, Map<String, Long> labels) {
    @Override
    public String toString() {
      return name + ": " + runs + " runs, " + steps + " steps, actions " + actions + ", " + labels;
    }
  }

  /** One run's outcome: the actions applied, and the failure if any. */
  private record Outcome(List<Object> applied, Optional<Throwable> failure, boolean valid) {}

  /** Runs every seed; throws {@link AssertionError} on the first failing one (shrunk). */
  public Report check() {
    String fixed = System.getProperty(SEED_PROPERTY);
    List<Long> seeds = new ArrayList<>();
    if (fixed != null && !fixed.isBlank()) {
      seeds.add(Long.parseLong(fixed.trim()));
    } else {
      int runs = Integer.getInteger(RUNS_PROPERTY, b.runs);
      for (long s = 1; s <= runs; s++) {
        seeds.add(s);
      }
    }
    Map<String, Long> actions = new TreeMap<>();
    for (Class<?> k : kinds()) {
      actions.put(k.getSimpleName(), 0L);
    }
    Map<String, Long> labels = new LinkedHashMap<>();
    b.labels.keySet().forEach(l -> labels.put(l, 0L));
    long steps = 0;
    for (long seed : seeds) {
      Outcome o = generate(seed, actions, labels);
      steps += o.applied().size();
      if (o.failure().isPresent()) {
        throw failure(seed, o);
      }
    }
    Report report = new Report(b.name, seeds.size(), steps, actions, labels);
    b.log.accept(report.toString());
    if (fixed == null || fixed.isBlank()) {
      List<String> missing = new ArrayList<>();
      actions.forEach((k, n) -> missing.addAll(n == 0 ? List.of("action " + k) : List.of()));
      labels.forEach((k, n) -> missing.addAll(n == 0 ? List.of("label " + k) : List.of()));
      if (!missing.isEmpty()) {
        throw new AssertionError(
            b.name
                + ": coverage: never exercised in "
                + seeds.size()
                + " runs: "
                + missing
                + " ("
                + report
                + ")");
      }
    }
    return report;
  }

  /** The permitted subclasses of a sealed action type, or none. */
  private List<Class<?>> kinds() {
    Class<?>[] permitted = b.actionType.getPermittedSubclasses();
    return permitted == null ? List.of() : List.of(permitted);
  }

  private String kind(Object a) {
    return a.getClass().getSimpleName();
  }

  private Outcome generate(long seed, Map<String, Long> actions, Map<String, Long> labels) {
    SplittableRandom r = new SplittableRandom(seed);
    List<Object> applied = new ArrayList<>();
    S state;
    try {
      state = b.factory.apply(seed);
    } catch (RuntimeException | AssertionError e) {
      return new Outcome(applied, Optional.of(e), true);
    }
    Map<String, Boolean> reached = new LinkedHashMap<>();
    try {
      for (int i = 0; i < b.steps; i++) {
        A a = null;
        for (int d = 0; d < MAX_DRAWS && a == null; d++) {
          A cand = b.generator.apply(r, state);
          if (b.precondition.test(state, cand)) {
            a = cand;
          }
        }
        if (a == null) {
          continue;
        }
        applied.add(a);
        actions.merge(kind(a), 1L, Long::sum);
        apply(state, a);
        for (Map.Entry<String, Predicate<S>> l : b.labels.entrySet()) {
          if (!reached.containsKey(l.getKey()) && l.getValue().test(state)) {
            reached.put(l.getKey(), true);
            labels.merge(l.getKey(), 1L, Long::sum);
          }
        }
      }
      for (Consumer<S> end : b.atEnd) {
        end.accept(state);
      }
    } catch (RuntimeException | AssertionError e) {
      return new Outcome(applied, Optional.of(e), true);
    }
    return new Outcome(applied, Optional.empty(), true);
  }

  private void apply(S state, A a) {
    b.step.accept(state, a);
    for (Map.Entry<String, BiPredicate<S, A>> p : b.postconditions.entrySet()) {
      holds(
          () -> p.getValue().test(state, a), () -> "postcondition '" + p.getKey() + "' after " + a);
    }
    for (Map.Entry<String, Predicate<S>> inv : b.invariants.entrySet()) {
      holds(() -> inv.getValue().test(state), () -> "invariant '" + inv.getKey() + "' after " + a);
    }
  }

  /**
   * Evaluates a check that returns false or throws its own message; either way the failure names
   * {@code what} (built only on failure: action descriptions are not free).
   */
  private static void holds(BooleanSupplier check, Supplier<String> what) {
    boolean ok;
    try {
      ok = check.getAsBoolean();
    } catch (AssertionError e) {
      throw new AssertionError(what.get() + ": " + e.getMessage(), e);
    }
    if (!ok) {
      throw new AssertionError(what.get());
    }
  }

  /** Replays {@code seq} on a fresh system of {@code seed}. */
  private Outcome replay(long seed, List<Object> seq) {
    S state;
    try {
      state = b.factory.apply(seed);
    } catch (RuntimeException | AssertionError e) {
      return new Outcome(seq, Optional.of(e), true);
    }
    try {
      for (Object o : seq) {
        A a = b.actionType.cast(o);
        if (!b.precondition.test(state, a)) {
          return new Outcome(seq, Optional.empty(), false);
        }
        apply(state, a);
      }
      for (Consumer<S> end : b.atEnd) {
        end.accept(state);
      }
    } catch (RuntimeException | AssertionError e) {
      return new Outcome(seq, Optional.of(e), true);
    }
    return new Outcome(seq, Optional.empty(), true);
  }

  private AssertionError failure(long seed, Outcome original) {
    int[] replays = {0};
    List<Object> shrunk =
        Shrinker.shrink(
            original.applied(),
            cand -> {
              replays[0]++;
              Outcome o = replay(seed, cand);
              return o.valid() && o.failure().isPresent();
            });
    Outcome last = replay(seed, shrunk);
    Throwable cause = last.failure().orElse(original.failure().orElseThrow());
    StringBuilder m = new StringBuilder();
    m.append("property '")
        .append(b.name)
        .append("' failed for seed ")
        .append(seed)
        .append(" (rerun with -D")
        .append(SEED_PROPERTY)
        .append('=')
        .append(seed)
        .append(")\n")
        .append("failing check: ")
        .append(describe(cause))
        .append('\n');
    if (last.failure().isPresent()
        && !describe(cause).equals(describe(original.failure().orElseThrow()))) {
      m.append("(the unshrunk run failed with: ")
          .append(describe(original.failure().orElseThrow()))
          .append(")\n");
    }
    m.append("shrunk from ")
        .append(original.applied().size())
        .append(" to ")
        .append(shrunk.size())
        .append(" actions in ")
        .append(replays[0])
        .append(" replays:\n");
    for (int i = 0; i < shrunk.size(); i++) {
      m.append("  ").append(i + 1).append(". ").append(shrunk.get(i)).append('\n');
    }
    AssertionError e = new AssertionError(m.toString(), cause);
    return e;
  }

  private static String describe(Throwable t) {
    return t instanceof AssertionError
        ? String.valueOf(t.getMessage())
        : t.getClass().getSimpleName() + ": " + t.getMessage();
  }

  /**
   * Checks that {@code property} fails, as it must against a mutant: the failure message contains
   * {@code expected} and the shrunk sequence has at most {@code maxActions} actions. Returns the
   * failure.
   */
  public static AssertionError assertCaught(
      Builder<?, ?> property, String expected, int maxActions) {
    AssertionError e;
    try {
      property.check();
    } catch (AssertionError failure) {
      e = failure;
      if (!e.getMessage().contains(expected)) {
        throw new AssertionError("the failure does not say '" + expected + "': " + e.getMessage());
      }
      if (shrunkActions(e).size() > maxActions) {
        throw new AssertionError(
            "shrunk to more than " + maxActions + " actions: " + e.getMessage());
      }
      return e;
    }
    throw new AssertionError("property " + property.name + " held: the mutant was not caught");
  }

  /** The shrunk failing sequence a failure message lists (for tests of tests). */
  public static List<String> shrunkActions(AssertionError e) {
    String msg = e.getMessage();
    int at = msg.indexOf(" replays:\n");
    if (at < 0) {
      return List.of();
    }
    List<String> out = new ArrayList<>();
    for (String line : msg.substring(at + " replays:\n".length()).split("\n", -1)) {
      if (line.startsWith("  ")) {
        out.add(line.substring(line.indexOf(". ") + 2));
      }
    }
    return Collections.unmodifiableList(out);
  }

  /** Configures a {@link StatefulProperty}. */
  public static final class Builder<S, A> {
    private final String name;
    private final Class<A> actionType;
    private LongFunction<S> factory;
    private BiFunction<SplittableRandom, S, A> generator;
    private BiPredicate<S, A> precondition = (s, a) -> true;
    private BiConsumer<S, A> step;
    private final Map<String, BiPredicate<S, A>> postconditions = new LinkedHashMap<>();
    private final Map<String, Predicate<S>> invariants = new LinkedHashMap<>();
    private final Map<String, Predicate<S>> labels = new LinkedHashMap<>();
    private final List<Consumer<S>> atEnd = new ArrayList<>();
    private Consumer<String> log = System.out::println;
    private int runs = 100;
    private int steps = 50;

    private Builder(String name, Class<A> actionType) {
      this.name = name;
      this.actionType = actionType;
    }

    /** The system of a run, built from the run's seed (deterministically). */
    public Builder<S, A> system(LongFunction<S> factory) {
      this.factory = factory;
      return this;
    }

    /** Draws the next action from the run's random source and the current state. */
    public Builder<S, A> actions(BiFunction<SplittableRandom, S, A> generator) {
      this.generator = generator;
      return this;
    }

    /** Whether an action may be applied in a state (checked at generation and when shrinking). */
    public Builder<S, A> precondition(BiPredicate<S, A> p) {
      BiPredicate<S, A> prev = precondition;
      this.precondition = (s, a) -> prev.test(s, a) && p.test(s, a);
      return this;
    }

    /** Applies an action; checks its own postconditions (with {@link StatefulProperty#check}). */
    public Builder<S, A> step(BiConsumer<S, A> step) {
      this.step = step;
      return this;
    }

    /** A named check of the state after each action, given the action. */
    public Builder<S, A> postcondition(String label, BiPredicate<S, A> p) {
      postconditions.put(label, p);
      return this;
    }

    /** A named check of the state after every action. */
    public Builder<S, A> invariant(String label, Predicate<S> p) {
      invariants.put(label, p);
      return this;
    }

    /** A check after the last action of a run (throws on failure). */
    public Builder<S, A> atEnd(Consumer<S> end) {
      atEnd.add(end);
      return this;
    }

    /** A state some run must reach (counted once per run in which it held after some action). */
    public Builder<S, A> cover(String label, Predicate<S> reached) {
      labels.put(label, reached);
      return this;
    }

    /** Where the coverage report goes (default: standard output). */
    public Builder<S, A> log(Consumer<String> log) {
      this.log = log;
      return this;
    }

    /** Number of seeded runs (seeds 1..n). */
    public Builder<S, A> runs(int n) {
      this.runs = n;
      return this;
    }

    /** Actions drawn per run. */
    public Builder<S, A> steps(int n) {
      this.steps = n;
      return this;
    }

    /** The property; {@link StatefulProperty#check()} runs it. */
    public StatefulProperty<S, A> build() {
      if (factory == null || generator == null || step == null) {
        throw new IllegalStateException(name + ": system, actions and step are required");
      }
      return new StatefulProperty<>(this);
    }

    /** Builds and runs the property. */
    public Report check() {
      return build().check();
    }
  }
}
