package org.vfiomc.conformance.replay;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.vfiomc.checker.trace.TlaValue;
import org.vfiomc.checker.trace.TraceFormatException;
import org.vfiomc.checker.trace.TraceStep;

/**
 * Replays traces: decodes every action first (so malformed input is reported before anything runs),
 * configures the system under test, then applies each action, projects and compares the whole
 * state, stopping at the first discrepancy.
 */
public final class Replayer {
  private final Map<String, SpecBinding<?>> bindings;

  /**
   * A replayer for traces of the modules of {@code bindings}; two bindings of one module are an
   * error.
   */
  public Replayer(List<SpecBinding<?>> bindings) {
    Map<String, SpecBinding<?>> byModule = new LinkedHashMap<>();
    for (SpecBinding<?> b : bindings) {
      if (byModule.put(b.module(), b) != null) {
        throw new IllegalArgumentException("two bindings for module " + b.module());
      }
    }
    this.bindings = Map.copyOf(byModule);
  }

  /** Whether a binding for {@code module} is known. */
  public boolean binds(String module) {
    return bindings.containsKey(module);
  }

  /**
   * Replays a trace in every mode its kind calls for: a tour once (must conform); a counterexample
   * as configured (must conform and reproduce the violation) and against the correct implementation
   * (must diverge).
   */
  public List<ReplayReport> replayAll(TraceFile file) throws TraceFormatException {
    return plan(file).run();
  }

  /**
   * Decodes a trace once for every mode its kind calls for (see {@link #replayAll}); the plan can
   * then be run any number of times (throughput benchmarks), each run on a freshly configured
   * system under test.
   */
  public Plan plan(TraceFile file) throws TraceFormatException {
    SpecBinding<?> binding = binding(file);
    Prepared<?> prepared = prepare(binding, file);
    if (file.kind() == TraceKind.TOUR) {
      return new Plan(prepared, List.of(ReplayMode.AS_CONFIGURED), Optional.empty());
    }
    Optional<String> specOnly = binding.specOnlyDefects(file.constants());
    if (specOnly.isPresent()) {
      return new Plan(
          prepared,
          List.of(ReplayMode.CORRECT),
          Optional.of("defect exists only in the spec: " + specOnly.get()));
    }
    if (binding.correctConstants(file.constants()).equals(file.constants())) {
      // no defect to remove: the model is the real behaviour (a finding), there is no other
      // implementation to diverge; as configured it must reproduce the violation
      return new Plan(
          prepared,
          List.of(ReplayMode.AS_CONFIGURED),
          Optional.of("no defect: the counterexample is the real behaviour"));
    }
    return new Plan(
        prepared, List.of(ReplayMode.AS_CONFIGURED, ReplayMode.CORRECT), Optional.empty());
  }

  /**
   * A decoded trace and the modes to replay it in.
   *
   * @param prepared the decoded trace
   * @param modes the modes, in report order
   * @param note the remark every report of this plan carries, if any
   */
  public record Plan(Prepared<?> prepared, List<ReplayMode> modes, Optional<String> note) {
    public Plan {
      modes = List.copyOf(modes);
    }

    /** Replays once in every mode; one report per mode. */
    public List<ReplayReport> run() throws TraceFormatException {
      List<ReplayReport> out = new ArrayList<>(modes.size());
      for (ReplayMode m : modes) {
        ReplayReport r = prepared.run(m);
        out.add(note.isPresent() ? r.withNote(note.get()) : r);
      }
      return out;
    }
  }

  private SpecBinding<?> binding(TraceFile file) throws TraceFormatException {
    return Optional.ofNullable(bindings.get(file.module()))
        .orElseThrow(
            () ->
                TraceFormatException.unsupported(
                    file.source(),
                    -1,
                    "/#meta/module",
                    "no replay binding for module '"
                        + file.module()
                        + "' (known: "
                        + new TreeSet<>(bindings.keySet())
                        + ")"));
  }

  /** Replays a trace in one mode. */
  public ReplayReport replay(TraceFile file, ReplayMode mode) throws TraceFormatException {
    return prepare(binding(file), file).run(mode);
  }

  /** Decodes a trace for a binding; the result can be run repeatedly (benchmarks). */
  public static <A extends SpecAction> Prepared<A> prepare(SpecBinding<A> binding, TraceFile file)
      throws TraceFormatException {
    String src = file.source();
    binding.checkConstants(src, file.constants());
    List<String> vars = file.trace().vars();
    Set<String> expectedVars = new HashSet<>(binding.variables());
    for (String v : binding.variables()) {
      // 'action' is the history variable: without it, #meta.action/params are used
      if (!vars.contains(v) && !v.equals("action")) {
        throw new TraceFormatException(
            src, -1, "/vars", "variable '" + v + "' of " + binding.module() + " is missing");
      }
    }
    for (int i = 0; i < vars.size(); i++) {
      if (!expectedVars.contains(vars.get(i))) {
        throw new TraceFormatException(
            src,
            -1,
            "/vars/" + i,
            "'" + vars.get(i) + "' is not a variable of " + binding.module());
      }
    }
    List<TraceStep> steps = file.trace().steps();
    boolean hasActionVar = vars.contains("action");
    List<A> actions = new ArrayList<>(steps.size() - 1);
    List<String> labels = new ArrayList<>(steps.size());
    for (int i = 0; i < steps.size(); i++) {
      ActionSource as = source(src, i, steps.get(i), hasActionVar);
      labels.add(label(as));
      if (i == 0) {
        if (!as.tag().equals("Init")) {
          throw new TraceFormatException(
              src, 0, as.pointer(), "the first state's action must be Init, got " + as.tag());
        }
      } else {
        actions.add(binding.decode(as));
        List<String> unread = as.unread();
        if (!unread.isEmpty()) {
          throw as.unknownParameter(unread.get(0));
        }
      }
    }
    List<String> order = binding.variables();
    List<TlaValue[]> expected = new ArrayList<>(steps.size());
    // equal values of different steps become one instance, so that the comparison's cache of
    // equal (actual, expected) pairs hits by identity when a variable does not change
    Map<TlaValue, TlaValue> canonical = new HashMap<>();
    for (TraceStep s : steps) {
      TlaValue[] row = new TlaValue[order.size()];
      for (int v = 0; v < row.length; v++) {
        TlaValue x = s.state().get(order.get(v)); // null for an absent 'action' (never compared)
        row[v] = x == null ? null : canonical.computeIfAbsent(x, k -> k);
      }
      expected.add(row);
    }
    return new Prepared<>(binding, file, actions, labels, expected);
  }

  private static ActionSource source(String src, int i, TraceStep step, boolean hasActionVar)
      throws TraceFormatException {
    if (hasActionVar) {
      String ptr = "/states/" + i + "/action";
      TlaValue a = step.state().get("action");
      if (!(a instanceof TlaValue.Record r)) {
        throw new TraceFormatException(src, i, ptr, "expected a record [tag |-> ..., ...]");
      }
      TlaValue tag = r.fields().get("tag");
      if (!(tag instanceof TlaValue.Str t)) {
        throw new TraceFormatException(src, i, ptr + "/tag", "expected the action's name");
      }
      Map<String, TlaValue> params = new LinkedHashMap<>(r.fields());
      params.remove("tag");
      return new ActionSource(src, i, t.value(), params, ptr);
    }
    String ptr = "/states/" + i + "/#meta/params";
    if (step.action().isEmpty()) {
      throw new TraceFormatException(
          src, i, "/states/" + i + "/#meta/action", "no action variable and no #meta.action");
    }
    return new ActionSource(
        src, i, step.action(), step.params() == null ? Map.of() : step.params(), ptr);
  }

  private static String label(ActionSource as) {
    if (as.params().isEmpty()) {
      return as.tag();
    }
    StringBuilder b = new StringBuilder(as.tag()).append('(');
    String sep = "";
    for (Map.Entry<String, TlaValue> e : new java.util.TreeMap<>(as.params()).entrySet()) {
      b.append(sep).append(e.getKey()).append('=').append(e.getValue().toTla());
      sep = ", ";
    }
    return b.append(')').toString();
  }

  /**
   * A decoded trace, ready to run: actions decoded into the binding's typed actions, step labels
   * built, expected states laid out in the binding's variable order. Running it only configures a
   * system under test, applies, projects and compares.
   *
   * @param <A> the binding's action type
   */
  public static final class Prepared<A extends SpecAction> {
    private final SpecBinding<A> binding;
    private final TraceFile file;
    private final List<A> actions;
    private final List<String> labels;
    private final List<TlaValue[]> expected;
    private final boolean[] compared;
    private final List<String> unobservable;
    private final Map<String, TlaValue> correctConstants;

    Prepared(
        SpecBinding<A> binding,
        TraceFile file,
        List<A> actions,
        List<String> labels,
        List<TlaValue[]> expected) {
      this.binding = binding;
      this.file = file;
      this.actions = List.copyOf(actions);
      this.labels = List.copyOf(labels);
      this.expected = List.copyOf(expected);
      List<String> order = binding.variables();
      this.compared = new boolean[order.size()];
      for (int v = 0; v < order.size(); v++) {
        // the history variable 'action' is what replay dispatches on: equal by construction
        compared[v] =
            !binding.unobservable().contains(order.get(v)) && !order.get(v).equals("action");
      }
      this.unobservable = List.copyOf(new TreeSet<>(binding.unobservable()));
      // computed once: every run of a counterexample in CORRECT mode configures from the same map
      this.correctConstants =
          file.kind() == TraceKind.TOUR
              ? null
              : java.util.Collections.unmodifiableMap(binding.correctConstants(file.constants()));
    }

    /** The decoded actions (step i+1's action at index i). */
    public List<A> actions() {
      return actions;
    }

    /** Runs the replay once, on a freshly configured system under test. */
    public ReplayReport run(ReplayMode mode) throws TraceFormatException {
      Map<String, TlaValue> constants =
          mode == ReplayMode.CORRECT
              ? (correctConstants != null
                  ? correctConstants
                  : binding.correctConstants(file.constants()))
              : file.constants();
      ReplayReport.Expectation expectation =
          file.kind() == TraceKind.TOUR
              ? ReplayReport.Expectation.CONFORMS
              : mode == ReplayMode.CORRECT
                  ? ReplayReport.Expectation.DIVERGES
                  : ReplayReport.Expectation.REPRODUCES_VIOLATION;
      SystemUnderTest<A> sut =
          binding.configure(file.source(), constants, file.trace().steps().get(0).state());
      try {
        return run(sut, mode, expectation);
      } finally {
        sut.close();
      }
    }

    private ReplayReport run(
        SystemUnderTest<A> sut, ReplayMode mode, ReplayReport.Expectation expectation) {
      long t0 = System.nanoTime();
      List<String> order = binding.variables();
      if (!sut.variables().equals(order)) {
        throw new IllegalStateException(
            binding.module() + ": projection variables " + sut.variables() + " != " + order);
      }
      Comparison cmp = new Comparison(order.size());
      Discrepancy found = compare(sut, cmp, 0);
      int replayed = 0;
      for (int i = 0; found == null && i < actions.size(); i++) {
        StepOutcome out = sut.apply(actions.get(i));
        int step = i + 1;
        if (out instanceof StepOutcome.NotPossible np) {
          found = new Discrepancy.MissingAction(step, labels.get(step), np.reason());
        } else if (out instanceof StepOutcome.Unexpected u) {
          found = new Discrepancy.UnexpectedAction(step, labels.get(step), u.reason());
        } else {
          found = compare(sut, cmp, step);
        }
        if (found == null) {
          replayed++;
        }
      }
      Optional<String> evidence =
          expectation == ReplayReport.Expectation.REPRODUCES_VIOLATION && found == null
              ? sut.violationEvidence(file.property().orElse(""))
              : Optional.empty();
      if (expectation == ReplayReport.Expectation.DIVERGES && found == null) {
        // every step was followed: the correct implementation still must not be in a violating
        // state; if it shows no evidence of the violation, the violating last step is the one the
        // implementation does not take
        Optional<String> shown = sut.violationEvidence(file.property().orElse(""));
        if (shown.isEmpty()) {
          int last = actions.size();
          found =
              new Discrepancy.MissingAction(
                  last,
                  labels.get(last),
                  "the trace ends in a violation of "
                      + file.property().orElse("its property")
                      + "; the implementation shows none");
          replayed = Math.max(0, replayed - 1);
        }
      }
      long nanos = System.nanoTime() - t0;
      return new ReplayReport(
          file.source(),
          file.model(),
          file.module(),
          file.kind(),
          file.property(),
          mode,
          replayed,
          actions.size(),
          Optional.ofNullable(found),
          evidence,
          unobservable,
          nanos,
          expectation,
          sut.note());
    }

    /**
     * The projection buffer of one run and, per variable, the last (actual, expected) pair found
     * equal. Values are immutable, so a pair that was equal stays equal: when neither side changed
     * (the projection reuses its value instances, the expected values are canonical per trace), the
     * variable is equal without a deep comparison.
     */
    private static final class Comparison {
      final TlaValue[] actual;
      final TlaValue[] equalActual;
      final TlaValue[] equalExpected;

      Comparison(int n) {
        actual = new TlaValue[n];
        equalActual = new TlaValue[n];
        equalExpected = new TlaValue[n];
      }
    }

    private Discrepancy compare(SystemUnderTest<A> sut, Comparison cmp, int step) {
      TlaValue[] actual = cmp.actual;
      sut.project(actual);
      TlaValue[] want = expected.get(step);
      List<VarDiff> diffs = null;
      for (int v = 0; v < want.length; v++) {
        if (!compared[v]) {
          continue;
        }
        TlaValue a = actual[v];
        TlaValue w = want[v];
        if (a == cmp.equalActual[v] && w == cmp.equalExpected[v] && a != null) {
          continue;
        }
        if (a == null) {
          throw new IllegalStateException(
              binding.module()
                  + ": projection left observable variable "
                  + binding.variables().get(v)
                  + " unset");
        }
        if (a == w || a.equals(w) || TlaEquality.equal(a, w)) {
          cmp.equalActual[v] = a;
          cmp.equalExpected[v] = w;
        } else {
          if (diffs == null) {
            diffs = new ArrayList<>();
          }
          diffs.add(new VarDiff(binding.variables().get(v), w, a));
        }
      }
      return diffs == null ? null : binding.classify(step, labels.get(step), diffs);
    }
  }
}
