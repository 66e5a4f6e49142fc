package org.vfiomc.checker.tour;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Consumer;
import org.vfiomc.checker.explore.StateGraph;
import org.vfiomc.checker.result.CheckOutcome;
import org.vfiomc.checker.result.ModelResult;
import org.vfiomc.checker.result.ModelSource;
import org.vfiomc.checker.result.OutcomeReader;
import org.vfiomc.checker.result.Verdict;
import org.vfiomc.checker.run.Exploration;
import org.vfiomc.checker.run.ModelChecker;
import org.vfiomc.checker.run.ProgressListener;
import org.vfiomc.checker.run.StateGraphExplorer;
import org.vfiomc.checker.spec.ModelSpec;
import org.vfiomc.checker.spec.SpecFingerprint;
import org.vfiomc.checker.spec.TourSpec;
import org.vfiomc.checker.trace.TraceFormatException;

/**
 * Builds the trace corpus in memory: for each HOLDS model an edge tour of its graph (or of its
 * {@code tour} model), for each VIOLATED model TLC's counterexample (one worker, {@code -fp 0 -seed
 * 0}), plus {@code coverage.json} and {@code README.md}. The result maps paths relative to the
 * output folder to file contents and depends only on the specs, so it is byte-for-byte
 * reproducible.
 */
public final class CorpusGenerator {
  /** Timeout of one exploration. */
  private static final long EXPLORE_TIMEOUT_SECONDS = 300;

  private final long maxEdges;
  private final int parallel;
  private final Map<String, Prior> prior;
  private final java.util.concurrent.atomic.AtomicInteger reused =
      new java.util.concurrent.atomic.AtomicInteger();
  private final StateGraphExplorer explorer;
  private final ModelChecker tlc;

  /**
   * @param checker checks VIOLATED models for their counterexamples (one TLC worker, so they are
   *     reproducible)
   * @param explorer builds the graphs of HOLDS models
   * @param maxEdges largest graph (in edges) toured for a model without a tour block
   * @param parallel models processed at the same time
   */
  public CorpusGenerator(
      ModelChecker checker, StateGraphExplorer explorer, long maxEdges, int parallel) {
    this(checker, explorer, maxEdges, parallel, Map.of());
  }

  /**
   * @param checker as above
   * @param explorer as above
   * @param maxEdges as above
   * @param parallel as above
   * @param prior counterexamples of an earlier {@code check} run by model name ({@link
   *     #readPrior}); one whose spec fingerprint still matches the model's files is used instead of
   *     running TLC again
   */
  public CorpusGenerator(
      ModelChecker checker,
      StateGraphExplorer explorer,
      long maxEdges,
      int parallel,
      Map<String, Prior> prior) {
    this.tlc = java.util.Objects.requireNonNull(checker, "checker");
    this.explorer = java.util.Objects.requireNonNull(explorer, "explorer");
    this.maxEdges = maxEdges;
    this.parallel = Math.max(1, parallel);
    this.prior = Map.copyOf(prior);
  }

  /** A VIOLATED result of an earlier check, with the source it was checked from. */
  public record Prior(CheckOutcome.Violated outcome, ModelSource source) {}

  /**
   * The VIOLATED models of a results file written by {@code checker check --json} (models without a
   * {@code source} are left out: they cannot be matched to their files).
   */
  public static Map<String, Prior> readPrior(Path resultsJson)
      throws IOException, TraceFormatException {
    Map<String, Prior> out = new TreeMap<>();
    for (ModelResult m : OutcomeReader.readResults(resultsJson)) {
      if (m.outcome() instanceof CheckOutcome.Violated v && !m.source().specSha256().isEmpty()) {
        out.put(m.model(), new Prior(v, m.source()));
      }
    }
    return out;
  }

  /** How many counterexamples the last {@link #generate} took from the prior results. */
  public int reused() {
    return reused.get();
  }

  /** The corpus and the per-model report. */
  public record Corpus(SortedMap<String, String> files, List<ModelTraces> models) {}

  /** One model with where it came from. */
  public record Input(ModelSpec model, Path specsDir, TourSpec tour) {}

  /** Generates the corpus for {@code inputs}; {@code command} is recorded in the README. */
  public Corpus generate(List<Input> inputs, String command) throws InterruptedException {
    return generate(inputs, command, m -> {});
  }

  /**
   * Generates the corpus for {@code inputs}, telling {@code finished} about each model as soon as
   * its traces are made (from the worker threads, in completion order).
   */
  public Corpus generate(List<Input> inputs, String command, Consumer<ModelTraces> finished)
      throws InterruptedException {
    ExecutorService pool = Executors.newFixedThreadPool(parallel);
    List<Future<Result>> futures = new ArrayList<>();
    try {
      for (Input in : inputs) {
        futures.add(
            pool.submit(
                () -> {
                  Result r = one(in);
                  finished.accept(r.traces());
                  return r;
                }));
      }
      SortedMap<String, String> files = new TreeMap<>();
      List<ModelTraces> models = new ArrayList<>();
      for (Future<Result> f : futures) {
        Result r;
        try {
          r = f.get();
        } catch (java.util.concurrent.ExecutionException e) {
          throw new IllegalStateException("trace generation failed: " + e.getCause(), e.getCause());
        }
        files.putAll(r.files());
        models.add(r.traces());
      }
      files.put("coverage.json", CorpusReport.coverageJson(models));
      files.put("README.md", CorpusReport.readme(models, command));
      return new Corpus(files, models);
    } finally {
      pool.shutdownNow();
    }
  }

  private record Result(ModelTraces traces, Map<String, String> files) {}

  private Result one(Input in) {
    ModelSpec m = in.model();
    Verdict v = m.expected().verdict();
    if (v == Verdict.HOLDS) {
      return tour(in);
    } else if (v == Verdict.VIOLATED) {
      return counterexample(in);
    }
    return new Result(
        new ModelTraces(m.name(), "skipped", "", 0, 0, 0, 0, List.of(), List.of(), "expected " + v),
        Map.of());
  }

  private Result tour(Input in) {
    ModelSpec m = in.model();
    TourSpec t = in.tour();
    Path spec = t != null ? t.spec() : m.spec();
    Path config = t != null ? t.config() : m.config();
    String explored = t != null ? in.specsDir().relativize(config).toString() : m.name();
    if (t != null && t.walks() != null) {
      return walks(in, spec, explored);
    }
    Exploration r =
        explorer.explore(
            spec, config, m.libraries(), t != null ? 0 : maxEdges, EXPLORE_TIMEOUT_SECONDS);
    if (r instanceof Exploration.TooLarge tl) {
      return failed(m, "no tour", explored, "more than " + tl.maxEdges() + " edges, no tour block");
    } else if (r instanceof Exploration.Failed f) {
      return failed(m, "failed", explored, f.message());
    }
    StateGraph g = ((Exploration.Explored) r).graph();
    TourBuilder.Tour tour = TourBuilder.build(g, t != null ? t.maxSteps() : 0);
    ItfDocument.Meta meta =
        new ItfDocument.Meta(source(in, spec), m.name(), g.module(), "tour", g.constants(), null);
    Map<String, String> files = new TreeMap<>();
    Set<String> taken = new LinkedHashSet<>();
    for (int i = 0; i < tour.paths().size(); i++) {
      TourBuilder.Path p = tour.paths().get(i);
      files.put(
          String.format(java.util.Locale.ROOT, "tours/%s-%03d.itf.json", m.name(), i + 1),
          ItfDocument.tour(g, p, meta));
      p.edges().forEach(e -> taken.add(g.edges().get(e).action()));
    }
    List<String> unexercised = new ArrayList<>(g.actions());
    unexercised.removeAll(taken);
    String note =
        tour.covered() == g.edges().size()
            ? ""
            : "stopped at maxSteps " + t.maxSteps() + " before covering every edge";
    return new Result(
        new ModelTraces(
            m.name(),
            "tour",
            explored,
            g.states().size(),
            g.edges().size(),
            tour.covered(),
            tour.steps(),
            unexercised,
            new ArrayList<>(files.keySet()),
            note),
        files);
  }

  /**
   * Seeded random walks of the tour model (a tour block with {@code walks}): one file per walk;
   * states and edges count what the walks visited, so {@code covered} equals {@code edges}.
   */
  private Result walks(Input in, Path spec, String explored) {
    ModelSpec m = in.model();
    TourSpec t = in.tour();
    Exploration r =
        explorer.walk(
            spec, t.config(), m.libraries(), t.walks(), t.maxSteps(), EXPLORE_TIMEOUT_SECONDS);
    if (r instanceof Exploration.Failed f) {
      return failed(m, "failed", explored, f.message());
    }
    if (!(r instanceof Exploration.Walked walked)) {
      return failed(m, "failed", explored, "the explorer did not walk");
    }
    StateGraph g = walked.graph();
    // a walk is a path from an initial state like a tour's (the ITF contract's kinds are tour and
    // counterexample); coverage.json's status tells the two apart
    ItfDocument.Meta meta =
        new ItfDocument.Meta(source(in, spec), m.name(), g.module(), "tour", g.constants(), null);
    Map<String, String> files = new TreeMap<>();
    Set<String> taken = new LinkedHashSet<>();
    Set<String> pairs = new java.util.TreeSet<>();
    long steps = 0;
    for (int i = 0; i < walked.walks().size(); i++) {
      org.vfiomc.checker.explore.Walk w = walked.walks().get(i);
      files.put(
          String.format(java.util.Locale.ROOT, "tours/%s-%03d.itf.json", m.name(), i + 1),
          ItfDocument.tour(g, new TourBuilder.Path(w.start(), w.edges()), meta));
      String prev = null;
      for (int e : w.edges()) {
        String a = g.edges().get(e).action();
        taken.add(a);
        if (prev != null) {
          pairs.add(prev + ">" + a);
        }
        prev = a;
      }
      steps += w.edges().size();
    }
    List<String> unexercised = new ArrayList<>(g.actions());
    unexercised.removeAll(taken);
    return new Result(
        new ModelTraces(
            m.name(),
            "walks",
            explored,
            g.states().size(),
            g.edges().size(),
            g.edges().size(),
            steps,
            unexercised,
            new ArrayList<>(files.keySet()),
            String.format(
                java.util.Locale.ROOT,
                "%d walks of at most %d steps, seed %d; %d of %d actions, %d action pairs",
                t.walks().count(),
                t.walks().depth(),
                t.walks().seed(),
                g.actions().size() - unexercised.size(),
                g.actions().size(),
                pairs.size()),
            new ArrayList<>(pairs)),
        files);
  }

  private Result counterexample(Input in) {
    ModelSpec m = in.model();
    Prior known = prior.get(m.name());
    CheckOutcome outcome;
    ModelSource loaded;
    if (known != null && known.source().specSha256().equals(fingerprint(m))) {
      reused.incrementAndGet();
      outcome = known.outcome();
      loaded = known.source();
    } else {
      ModelResult checked = tlc.check(m, ProgressListener.NONE);
      outcome = checked.outcome();
      loaded = checked.source();
    }
    if (!(outcome instanceof CheckOutcome.Violated violated)
        || violated.trace().steps().isEmpty()) {
      return failed(
          m, "failed", m.name(), "expected a counterexample, TLC gave " + describe(outcome));
    }
    if (loaded.module().isEmpty()) {
      return failed(m, "failed", m.name(), "TLC did not report the model's constants");
    }
    ItfDocument.Meta meta =
        new ItfDocument.Meta(
            source(in, m.spec()),
            m.name(),
            loaded.module(),
            "counterexample",
            loaded.constants(),
            violated.property());
    String file = "counterexamples/" + m.name() + ".itf.json";
    return new Result(
        new ModelTraces(
            m.name(),
            "counterexample",
            m.name(),
            0,
            0,
            0,
            violated.trace().steps().size() - 1,
            List.of(),
            List.of(file),
            ""),
        Map.of(file, ItfDocument.counterexample(violated.trace(), meta)));
  }

  private static String fingerprint(ModelSpec m) {
    try {
      return SpecFingerprint.of(m);
    } catch (IOException e) {
      return ""; // unreadable now: never matches, so TLC runs and reports the problem
    }
  }

  private static String source(Input in, Path spec) {
    return in.specsDir().relativize(spec).toString().replace('\\', '/');
  }

  private static Result failed(ModelSpec m, String status, String explored, String note) {
    return new Result(
        new ModelTraces(m.name(), status, explored, 0, 0, 0, 0, List.of(), List.of(), note),
        Map.of());
  }

  /** An outcome in words: the verdict, and for an error its kind, file:line:column and cause. */
  private static String describe(CheckOutcome outcome) {
    if (outcome instanceof CheckOutcome.Failed f) {
      return f.error().kind().id() + " error: " + f.error().describe();
    } else if (outcome instanceof CheckOutcome.TimedOut t) {
      return "a timeout after " + t.limitSeconds() + " s";
    } else if (outcome instanceof CheckOutcome.Violated) {
      return "a violation without a trace";
    }
    return outcome.verdict().name();
  }
}
