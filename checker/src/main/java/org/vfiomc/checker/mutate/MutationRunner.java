package org.vfiomc.checker.mutate;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.vfiomc.checker.result.CheckOutcome;
import org.vfiomc.checker.result.Expectation;
import org.vfiomc.checker.result.ModelResult;
import org.vfiomc.checker.result.Verdict;
import org.vfiomc.checker.run.ModelChecker;
import org.vfiomc.checker.run.ProgressListener;
import org.vfiomc.checker.spec.Manifest;
import org.vfiomc.checker.spec.ManifestException;
import org.vfiomc.checker.spec.ModelSpec;

/**
 * Mutation analysis of a suite's spec modules. For each suite: the oracle models of the profile
 * (every model, whatever its expectation, or the HOLDS models alone: {@link Oracle}) are checked
 * once unmutated (each must meet its expectation; their state counts order the models cheapest
 * first and their times set the mutants' limits); SANY lists the modules each loads; every module
 * that some HOLDS model loads is mutated, except a model's own root module when it declares no
 * variables (an {@code MC_} wrapper). Each mutant that parses is checked with the module's oracle
 * models, in a copy of the suite's {@code .tla}/{@code .cfg} tree with the module's file replaced,
 * stopping at the first model that no longer meets its expectation: a HOLDS model that finds a
 * violation, or a VIOLATED model whose violation is gone or changed (another property, kind or
 * counterexample length). That is exactly what {@code checker check} of the suite would report.
 *
 * <p>A module's file is the one SANY resolved for the models (so it may live in any folder the
 * models' specs reach); it must lie inside the suite folder, whose layout the copy keeps.
 */
public final class MutationRunner {
  /** Floor of a mutant check's default limit: a JVM start on a loaded machine. */
  static final long MIN_TIMEOUT_SECONDS = 30;

  /** A mutant check may take this many times the unmutated check by default. */
  static final long TIMEOUT_FACTOR = 10;

  /** A mutant check whose unmutated model took less than this runs on the short-check checker. */
  static final long SHORT_CHECK_MILLIS = 15_000;

  private final ModelChecker checker;
  private final ModelChecker shortChecks;
  private final SanyClient sany;
  private final Cleanup cleanup;
  private final Listener listener;

  /** Hears about progress; calls may come from several threads. */
  public interface Listener {
    Listener NONE = new Listener() {};

    /** A module's mutants are about to be checked. */
    default void module(ModuleStart start) {}

    /** A module's mutants are all classified. */
    default void moduleDone(ModuleReport report) {}

    /**
     * With {@code --list}: a mutant that parsed, in source order, instead of its check ({@code
     * equivalent}: the reason {@code mutants.json} gives, when it lists the mutant).
     */
    default void listed(MutantId id, Span location, String diff, Optional<String> equivalent) {}

    /** One mutant is classified ({@code done} of {@code total} of its module). */
    default void mutant(MutantResult result, int done, int total) {}

    /**
     * A suite's modules are selected: these will be mutated, in this order (called once per suite,
     * before its unmutated baseline checks).
     */
    default void planned(List<String> modules) {}
  }

  /**
   * @param checker checks the unmutated models, and the mutants of models whose unmutated check
   *     took at least {@link #SHORT_CHECK_MILLIS}
   * @param shortChecks checks the other mutants (e.g. TLC children with C1 only: a JVM that lives a
   *     few seconds spends less CPU compiling)
   */
  public MutationRunner(
      ModelChecker checker,
      ModelChecker shortChecks,
      SanyClient sany,
      Cleanup cleanup,
      Listener listener) {
    this.checker = checker;
    this.shortChecks = shortChecks;
    this.sany = sany;
    this.cleanup = cleanup;
    this.listener = listener;
  }

  /** Runs the analysis; bad input (unknown module, stale or malformed mutants.json) throws. */
  public MutationReport run(MutateOptions options) throws MutateException, InterruptedException {
    long start = System.nanoTime();
    List<ModuleReport> reports = new ArrayList<>();
    try (MutationHistory history =
        options.history().isPresent()
            ? MutationHistory.open(options.history().get())
            : MutationHistory.NONE) {
      for (Path p : options.paths()) {
        reports.addAll(suite(p, options, history));
      }
    } catch (java.io.IOException e) {
      throw new MutateException(
          options.history().map(Path::toString).orElse("history")
              + ": cannot close the history: "
              + e.getMessage());
    }
    List<MutationOperator> ops = new ArrayList<>(options.operators());
    ops.sort(Comparator.naturalOrder());
    return new MutationReport(
        options.profile(),
        options.oracle(),
        ops,
        reports,
        TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start));
  }

  /**
   * A module to mutate: its file, the oracle models that load it, and each model's loaded module
   * files (what a check's outcome depends on besides its {@code .cfg}, see {@link
   * MutationHistory}).
   */
  private record Target(
      String name, Path file, List<ModelSpec> models, Map<String, List<Path>> loads) {}

  /** An oracle model's unmutated check (it met its expectation). */
  private record Baseline(long distinct, long millis, List<String> properties) {}

  private List<ModuleReport> suite(Path path, MutateOptions options, MutationHistory history)
      throws MutateException, InterruptedException {
    Path manifest = Files.isDirectory(path) ? path.resolve(Manifest.FILE_NAME) : path;
    if (!Files.isRegularFile(manifest)) {
      throw new MutateException(path + ": not a suite folder (no " + Manifest.FILE_NAME + ")");
    }
    Path root = manifest.toAbsolutePath().normalize().getParent();
    List<ModelSpec> all;
    try {
      all = Manifest.load(manifest);
    } catch (ManifestException e) {
      throw new MutateException(e.getMessage());
    }
    EquivalentMutants equivalents =
        EquivalentMutants.load(root.resolve(EquivalentMutants.FILE_NAME));
    List<ModelSpec> oracles =
        all.stream()
            .filter(m -> options.profile().includes(m.profile()))
            .filter(m -> options.oracle().uses(m))
            .toList();
    List<Path> libraries = libraries(root, all);
    Map<String, Target> targets = targets(libraries, all, oracles);
    List<Target> selected;
    if (options.module().isPresent()) {
      Target t = targets.get(options.module().get());
      if (t == null) {
        throw new MutateException(
            root
                + ": unknown module "
                + options.module().get()
                + " (modules with HOLDS models of profile "
                + options.profile().id()
                + ": "
                + String.join(", ", targets.keySet())
                + ")");
      }
      selected = List.of(t);
    } else {
      selected = List.copyOf(targets.values());
    }
    staleModules(equivalents, targets.keySet(), options);
    listener.planned(selected.stream().map(Target::name).toList());
    Map<String, byte[]> files = snapshot(root);
    Map<String, Baseline> baselines = baselines(selected, options);
    List<ModuleReport> out = new ArrayList<>();
    for (Target t : selected) {
      out.add(module(t, root, files, libraries, baselines, equivalents, options, history));
    }
    return out;
  }

  /**
   * Folders where modules are looked up: the suite's, each model's, and the manifest's libraries
   * (as {@link org.vfiomc.checker.spec.Manifest} resolved them onto every model).
   */
  private static List<Path> libraries(Path root, List<ModelSpec> all) {
    Set<Path> dirs = new LinkedHashSet<>();
    dirs.add(root);
    all.forEach(m -> dirs.addAll(m.modulePath()));
    return List.copyOf(dirs);
  }

  /**
   * The modules some HOLDS oracle loads, each with every oracle that loads it (HOLDS or not): a
   * module only VIOLATED models load is a defect variant, not a module to mutate.
   */
  private Map<String, Target> targets(
      List<Path> libraries, List<ModelSpec> all, List<ModelSpec> oracles) throws MutateException {
    Set<String> roots = all.stream().map(ModelSpec::moduleName).collect(Collectors.toSet());
    List<List<SanyClient.LoadedModule>> loaded =
        sany.modules(oracles.stream().map(ModelSpec::spec).toList(), libraries);
    Map<String, Path> files = new TreeMap<>();
    Map<String, List<ModelSpec>> users = new HashMap<>();
    Set<String> heldBy = new HashSet<>();
    Map<String, List<Path>> loads = new HashMap<>();
    for (int i = 0; i < oracles.size(); i++) {
      loads.put(
          oracles.get(i).name(),
          loaded.get(i).stream()
              .map(m -> m.file().toAbsolutePath().normalize())
              .distinct()
              .sorted()
              .toList());
      for (SanyClient.LoadedModule m : loaded.get(i)) {
        Path f = m.file().toAbsolutePath().normalize();
        boolean ours = libraries.stream().anyMatch(f::startsWith);
        boolean wrapper = roots.contains(m.name()) && !m.declaresVariables();
        if (!ours || wrapper) {
          continue;
        }
        files.put(m.name(), f);
        users.computeIfAbsent(m.name(), k -> new ArrayList<>()).add(oracles.get(i));
        if (oracles.get(i).expected().verdict() == Verdict.HOLDS) {
          heldBy.add(m.name());
        }
      }
    }
    Map<String, Target> out = new LinkedHashMap<>();
    files.forEach(
        (name, f) -> {
          if (heldBy.contains(name)) {
            out.put(name, new Target(name, f, users.get(name), loads));
          }
        });
    return out;
  }

  /** An equivalent-mutant entry naming a module that is not mutated in this suite is stale. */
  private static void staleModules(
      EquivalentMutants equivalents, Set<String> modules, MutateOptions options)
      throws MutateException {
    if (options.module().isPresent()) {
      return;
    }
    for (EquivalentMutants.Entry e : equivalents.entries()) {
      if (!modules.contains(e.id().module())) {
        throw new MutateException(
            EquivalentMutants.FILE_NAME
                + ": equivalent mutant no longer exists (no module "
                + e.id().module()
                + "): "
                + e.id().display());
      }
    }
  }

  /**
   * The oracle models' unmutated checks; with {@code --oracle-limit}, a model whose check runs out
   * of that limit (below its own) is left out: it has no baseline and judges no mutant.
   */
  private Map<String, Baseline> baselines(List<Target> targets, MutateOptions options)
      throws MutateException, InterruptedException {
    Map<String, ModelSpec> models = new LinkedHashMap<>();
    targets.forEach(t -> t.models().forEach(m -> models.put(m.name(), limited(m, options))));
    Map<ModelSpec, ModelResult> results =
        parallel(
            List.copyOf(models.values()),
            options.parallel(),
            m -> checker.check(m, ProgressListener.NONE));
    Map<String, Baseline> out = new HashMap<>();
    for (Map.Entry<ModelSpec, ModelResult> e : results.entrySet()) {
      ModelResult r = e.getValue();
      if (r.outcome() instanceof CheckOutcome.TimedOut
          && options.oracleLimitSeconds().isPresent()
          && e.getKey().timeoutSeconds() == options.oracleLimitSeconds().get()) {
        continue; // slower than --oracle-limit: not an oracle of this run
      }
      List<String> mismatches = e.getKey().expected().mismatches(r.outcome());
      if (!mismatches.isEmpty()) {
        throw new MutateException(
            "model "
                + r.model()
                + " does not meet its expectation on the unmutated spec ("
                + String.join("; ", mismatches)
                + "); fix it before mutating");
      }
      out.put(
          r.model(),
          new Baseline(r.outcome().stats().distinctStates(), r.durationMillis(), r.properties()));
    }
    return out;
  }

  /** The model with its limit lowered to {@code --oracle-limit} (when given and lower). */
  private static ModelSpec limited(ModelSpec m, MutateOptions options) {
    long limit = options.oracleLimitSeconds().orElse(m.timeoutSeconds());
    return limit >= m.timeoutSeconds() ? m : m.withTimeout(limit);
  }

  private interface Task<T, R> {
    R run(T item) throws Exception;
  }

  private static <T, R> Map<T, R> parallel(List<T> items, int parallel, Task<T, R> task)
      throws InterruptedException {
    Map<T, R> out = new LinkedHashMap<>();
    if (items.isEmpty()) {
      return out;
    }
    ExecutorService pool = Executors.newFixedThreadPool(Math.min(parallel, items.size()));
    try {
      Map<T, Future<R>> futures = new LinkedHashMap<>();
      for (T item : items) {
        futures.put(item, pool.submit(() -> task.run(item)));
      }
      for (Map.Entry<T, Future<R>> f : futures.entrySet()) {
        try {
          out.put(f.getKey(), f.getValue().get());
        } catch (ExecutionException e) {
          throw new IllegalStateException("mutation check failed: " + e.getCause(), e.getCause());
        }
      }
      return out;
    } finally {
      pool.shutdownNow();
    }
  }

  /**
   * The suite's .tla and .cfg files, relative to its folder, read once: every mutant's copy is
   * written from these bytes, so an edit of the suite during a run cannot reach its mutants (and a
   * module edited before its sites are found stops the run, see {@link #unchanged}).
   */
  private static Map<String, byte[]> snapshot(Path root) throws MutateException {
    Map<String, byte[]> out = new TreeMap<>();
    try (Stream<Path> s = Files.walk(root)) {
      for (Path p : s.filter(Files::isRegularFile).toList()) {
        String n = root.relativize(p).toString();
        if (n.endsWith(".tla") || n.endsWith(".cfg")) {
          out.put(n, Files.readAllBytes(p));
        }
      }
      return out;
    } catch (IOException e) {
      throw new MutateException(root + ": cannot read: " + e.getMessage());
    }
  }

  /** SANY reads the module from disk: it must still be the text the run started with. */
  private static void unchanged(Path file, byte[] before) throws MutateException {
    try {
      if (!java.util.Arrays.equals(Files.readAllBytes(file), before)) {
        throw new MutateException(
            file
                + ": changed during the run; mutate reads the suite once, so keep it unchanged"
                + " until the run ends (mutate a copy or a worktree while editing)");
      }
    } catch (IOException e) {
      throw new MutateException(file + ": cannot read: " + e.getMessage());
    }
  }

  private ModuleReport module(
      Target t,
      Path root,
      Map<String, byte[]> files,
      List<Path> libraries,
      Map<String, Baseline> baselines,
      EquivalentMutants equivalents,
      MutateOptions options,
      MutationHistory history)
      throws MutateException, InterruptedException {
    if (!t.file().startsWith(root)) {
      throw new MutateException(
          t.file() + ": module " + t.name() + " lies outside the suite folder " + root);
    }
    List<ModelSpec> models =
        new ArrayList<>(t.models().stream().filter(m -> baselines.containsKey(m.name())).toList());
    List<String> excluded =
        t.models().stream().map(ModelSpec::name).filter(n -> !baselines.containsKey(n)).toList();
    if (models.isEmpty()) {
      throw new MutateException(
          "module "
              + t.name()
              + ": no model that loads it finishes its unmutated check within --oracle-limit"
              + " (slower: "
              + String.join(", ", excluded)
              + ")");
    }
    models.sort(
        Comparator.comparingLong((ModelSpec m) -> baselines.get(m.name()).distinct())
            .thenComparingLong(MutationRunner::size)
            .thenComparing(ModelSpec::name));
    Set<String> properties = new LinkedHashSet<>();
    models.forEach(m -> properties.addAll(baselines.get(m.name()).properties()));
    byte[] source = files.get(root.relativize(t.file()).toString());
    if (source == null) {
      throw new MutateException(t.file() + ": not in the suite folder " + root);
    }
    SourceText text = new SourceText(new String(source, StandardCharsets.UTF_8));
    List<MutationSite> sites =
        sany.sites(models.get(0).spec(), t.name(), properties, libraries).stream()
            .filter(s -> options.operators().contains(s.operator()))
            .toList();
    unchanged(t.file(), source);
    List<Mutant> all = mutants(t.name(), text, sites);
    staleEntries(t.name(), equivalents, all, options.operators());
    List<Mutant> generated = all.stream().filter(m -> options.selects(m.id())).toList();
    List<Mutant> parsed = parseCheck(t, generated, libraries);
    int unparsable = generated.size() - parsed.size();
    ModuleStart start =
        new ModuleStart(
            t.name(),
            t.file(),
            models.stream().map(ModelSpec::name).toList(),
            generated.size(),
            unparsable,
            parsed.size(),
            List.copyOf(properties),
            all.size() - generated.size(),
            excluded);
    listener.module(start);
    if (options.listOnly()) {
      for (Mutant m : parsed) {
        listener.listed(
            m.id(), m.location(), m.diff(), equivalents.find(m.id()).map(e -> e.reason()));
      }
      return ModuleReport.of(start, List.of());
    }

    Path relative = root.relativize(t.file());
    Map<String, KeyInputs> keyInputs = new HashMap<>();
    if (history.active()) {
      for (ModelSpec model : models) {
        keyInputs.put(model.name(), keyInputs(t, model, root, files));
      }
    }
    AtomicInteger done = new AtomicInteger();
    Map<Mutant, MutantResult> results =
        parallel(
            parsed,
            options.parallel(),
            m -> {
              MutantResult r =
                  equivalents
                      .find(m.id())
                      .map(
                          e ->
                              new MutantResult(
                                  m.id(),
                                  m.location(),
                                  m.diff(),
                                  MutantResult.Status.EQUIVALENT,
                                  null,
                                  null,
                                  e.reason(),
                                  0,
                                  0,
                                  0))
                      .orElseGet(
                          () ->
                              check(
                                  m, root, files, relative, models, baselines, options, history,
                                  keyInputs));
              listener.mutant(r, done.incrementAndGet(), parsed.size());
              return r;
            });
    ModuleReport report = ModuleReport.of(start, results.values());
    listener.moduleDone(report);
    return report;
  }

  private static long size(ModelSpec m) {
    try {
      return Files.size(m.spec()) + Files.size(m.config());
    } catch (IOException e) {
      return Long.MAX_VALUE;
    }
  }

  /** The mutants of the sites, in source order, with ids; edits that change nothing are dropped. */
  static List<Mutant> mutants(String module, SourceText text, List<MutationSite> sites) {
    Map<List<Object>, Integer> seen = new HashMap<>();
    List<Mutant> out = new ArrayList<>();
    for (MutationSite s : sites) {
      String mutated;
      try {
        mutated = text.apply(s);
      } catch (IllegalArgumentException e) {
        continue; // a location SANY gave that the text does not have; nothing to mutate
      }
      if (mutated.equals(text.text())) {
        continue;
      }
      String original =
          s.edits().stream()
              .map(e -> SourceText.collapse(text.at(e.at())))
              .collect(Collectors.joining(" | "));
      String replacement =
          s.edits().stream()
              .map(e -> SourceText.collapse(text.replacement(e)))
              .collect(Collectors.joining(" | "));
      int k =
          seen.merge(List.of(s.operator(), s.definition(), original, replacement), 1, Integer::sum);
      MutantId id = new MutantId(module, s.operator(), s.definition(), original, replacement, k);
      out.add(new Mutant(id, s, mutated, text.diff(s, mutated)));
    }
    return List.copyOf(out);
  }

  private List<Mutant> parseCheck(Target t, List<Mutant> generated, List<Path> libraries)
      throws MutateException {
    Path dir;
    try {
      dir = cleanup.tempDir("vfiomc-mutants-");
    } catch (IOException e) {
      throw new IllegalStateException("cannot create a temp directory: " + e.getMessage(), e);
    }
    try {
      List<Path> files = new ArrayList<>();
      for (int i = 0; i < generated.size(); i++) {
        Path f = dir.resolve(Integer.toString(i)).resolve(t.name() + ".tla");
        Files.createDirectories(f.getParent());
        Files.writeString(f, generated.get(i).source(), StandardCharsets.UTF_8);
        files.add(f);
      }
      List<Path> libs = new ArrayList<>();
      libs.add(t.file().getParent());
      libs.addAll(libraries);
      List<String> errors = sany.parse(files, libs);
      List<Mutant> out = new ArrayList<>();
      for (int i = 0; i < generated.size(); i++) {
        if (errors.get(i) == null) {
          out.add(generated.get(i));
        }
      }
      return List.copyOf(out);
    } catch (IOException e) {
      throw new IllegalStateException("cannot write mutants: " + e.getMessage(), e);
    } finally {
      cleanup.delete(dir);
    }
  }

  /** Every listed equivalent mutant of this module (and a selected operator) must still exist. */
  private static void staleEntries(
      String module,
      EquivalentMutants equivalents,
      List<Mutant> generated,
      Set<MutationOperator> ops)
      throws MutateException {
    Set<MutantId> ids = generated.stream().map(Mutant::id).collect(Collectors.toSet());
    for (EquivalentMutants.Entry e : equivalents.entries()) {
      if (e.id().module().equals(module)
          && ops.contains(e.id().operator())
          && !ids.contains(e.id())) {
        throw new MutateException(
            EquivalentMutants.FILE_NAME
                + ": equivalent mutant no longer exists: "
                + e.id().display());
      }
    }
  }

  private MutantResult check(
      Mutant m,
      Path root,
      Map<String, byte[]> files,
      Path relative,
      List<ModelSpec> models,
      Map<String, Baseline> baselines,
      MutateOptions options,
      MutationHistory history,
      Map<String, KeyInputs> keyInputs) {
    long start = System.nanoTime();
    Path copy = null;
    int checks = 0;
    int reused = 0;
    try {
      // the keys (with --history) and what an earlier run recorded under them
      List<String> keys = new ArrayList<>();
      List<Optional<MutationHistory.Entry>> recorded = new ArrayList<>();
      int settled = -1;
      for (int i = 0; i < models.size(); i++) {
        KeyInputs in = keyInputs.get(models.get(i).name());
        keys.add(in == null ? null : in.key(m.source()));
        recorded.add(in == null ? Optional.empty() : history.find(keys.get(i)));
        // a recorded kill settles the mutant at once, even when models added since come before
        // its killer in the order
        if (settled < 0
            && recorded
                .get(i)
                .filter(e -> e.outcome() != MutationHistory.Outcome.MET)
                .isPresent()) {
          settled = i;
        }
      }
      String timedOut = null;
      for (int i = settled < 0 ? 0 : settled; i < models.size(); i++) {
        ModelSpec model = models.get(i);
        String key = keys.get(i);
        MutationHistory.Entry e;
        if (recorded.get(i).isPresent()) {
          reused++;
          e = recorded.get(i).get();
        } else {
          if (copy == null) {
            copy = copySuite(m, files, relative);
          }
          long began = System.nanoTime();
          CheckOutcome o = checkCopy(model, copy, root, baselines, options);
          long took = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - began);
          if (cleanup.stopping()) {
            // the stop may have killed this check's TLC: leave the mutant unclassified (not run)
            throw new IllegalStateException("the run is stopping");
          }
          checks++;
          if (o instanceof CheckOutcome.TimedOut) {
            timedOut = timedOut == null ? model.name() : timedOut;
            continue;
          }
          e = entry(model.expected(), o, copy, root, took);
          if (e == null) {
            throw new IllegalStateException("the check was not run: " + o);
          }
          boolean toolFailure =
              o instanceof CheckOutcome.Failed f && !f.error().kind().isInputError();
          if (key != null && !toolFailure) {
            history.record(key, m.id().display(), model.name(), e);
          }
        }
        if (e.outcome() == MutationHistory.Outcome.MET) {
          continue;
        }
        long ms = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
        return new MutantResult(
            m.id(),
            m.location(),
            m.diff(),
            e.outcome() == MutationHistory.Outcome.KILLED
                ? MutantResult.Status.KILLED
                : MutantResult.Status.KILLED_BY_ERROR,
            model.name(),
            e.property(),
            e.detail(),
            ms,
            checks,
            reused);
      }
      long ms = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
      return timedOut != null
          ? new MutantResult(
              m.id(),
              m.location(),
              m.diff(),
              MutantResult.Status.TIMED_OUT,
              timedOut,
              null,
              null,
              ms,
              checks,
              reused)
          : new MutantResult(
              m.id(),
              m.location(),
              m.diff(),
              MutantResult.Status.SURVIVED,
              null,
              null,
              null,
              ms,
              checks,
              reused);
    } catch (IOException e) {
      throw new IllegalStateException("cannot copy the suite for a mutant: " + e.getMessage(), e);
    } catch (MutateException e) {
      throw new IllegalStateException(e.getMessage(), e);
    } finally {
      if (copy != null) {
        cleanup.delete(copy);
      }
    }
  }

  /** A copy of the suite's snapshot with the mutant in place of its module. */
  private Path copySuite(Mutant m, Map<String, byte[]> files, Path relative) throws IOException {
    Path copy = cleanup.tempDir("vfiomc-mutant-");
    for (Map.Entry<String, byte[]> f : files.entrySet()) {
      Path to = copy.resolve(f.getKey());
      Files.createDirectories(to.getParent());
      Files.write(to, f.getValue());
    }
    Files.writeString(copy.resolve(relative.toString()), m.source(), StandardCharsets.UTF_8);
    return copy;
  }

  /** Checks one oracle model in the mutant's copy of the suite, within the mutant check's limit. */
  private CheckOutcome checkCopy(
      ModelSpec model,
      Path copy,
      Path root,
      Map<String, Baseline> baselines,
      MutateOptions options) {
    long limit =
        options
            .timeoutSeconds()
            .orElse(
                Math.min(
                    model.timeoutSeconds(),
                    Math.max(
                        MIN_TIMEOUT_SECONDS,
                        TIMEOUT_FACTOR * baselines.get(model.name()).millis() / 1000)));
    ModelSpec mutantModel =
        new ModelSpec(
            model.name(),
            copy.resolve(root.relativize(model.spec()).toString()),
            copy.resolve(root.relativize(model.config()).toString()),
            model.expected(),
            model.profile(),
            limit,
            "",
            relocate(model.libraries(), root, copy));
    ModelChecker by =
        baselines.get(model.name()).millis() < SHORT_CHECK_MILLIS ? shortChecks : checker;
    return by.check(mutantModel, ProgressListener.NONE).outcome();
  }

  /**
   * What a finished check says of the mutant, as the history records it; null for a check the run's
   * stop cut short.
   */
  private static MutationHistory.Entry entry(
      Expectation expected, CheckOutcome o, Path copy, Path root, long ms) {
    List<String> mismatches = expected.mismatches(o);
    if (mismatches.isEmpty()) {
      return new MutationHistory.Entry(MutationHistory.Outcome.MET, null, null, ms);
    }
    if (o instanceof CheckOutcome.Violated || o instanceof CheckOutcome.Holds) {
      return new MutationHistory.Entry(
          MutationHistory.Outcome.KILLED,
          killer(expected, o),
          expected.verdict() == Verdict.HOLDS ? null : String.join("; ", mismatches),
          ms);
    }
    if (o instanceof CheckOutcome.Failed f) {
      return new MutationHistory.Entry(
          MutationHistory.Outcome.ERROR,
          null,
          firstLine(f.error().describe()).replace(copy.toString(), root.toString()),
          ms);
    }
    return null;
  }

  /**
   * What the history key of checking a model depends on besides the mutant's text, gathered once
   * per module: the parts before the mutated module's (the model's name, expectation, {@code .tla}
   * and {@code .cfg} paths, the {@code .cfg}'s bytes, and the modules it loads that sort before the
   * mutated one: path and bytes), the mutated module's path (null if the model does not load it),
   * and the parts after it. Files of the suite come from the run's snapshot; a module outside it (a
   * library folder, or a standard module TLC unpacks) is read from disk, by file name.
   */
  private record KeyInputs(List<byte[]> before, String mutated, List<byte[]> after) {
    /** The key of checking the model on a mutant with this text (see {@link MutationHistory}). */
    String key(String mutantSource) {
      MutationHistory.Key k = new MutationHistory.Key();
      before.forEach(k::bytes);
      if (mutated != null) {
        k.text(mutated).text(mutantSource);
      }
      after.forEach(k::bytes);
      return k.hex();
    }
  }

  private static KeyInputs keyInputs(
      Target t, ModelSpec model, Path root, Map<String, byte[]> files) throws MutateException {
    try {
      List<byte[]> before = new ArrayList<>();
      List<byte[]> after = new ArrayList<>();
      before.add(utf8(model.name()));
      before.add(utf8(model.expected().toString()));
      before.add(utf8(root.relativize(model.spec()).toString()));
      before.add(utf8(root.relativize(model.config()).toString()));
      before.add(suiteBytes(root, model.config(), files));
      String mutated = null;
      for (Path f : t.loads().getOrDefault(model.name(), List.of())) {
        List<byte[]> into = mutated == null ? before : after;
        if (f.equals(t.file())) {
          mutated = root.relativize(f).toString();
        } else if (f.startsWith(root)) {
          into.add(utf8(root.relativize(f).toString()));
          into.add(suiteBytes(root, f, files));
        } else {
          into.add(utf8(String.valueOf(f.getFileName())));
          into.add(Files.isRegularFile(f) ? Files.readAllBytes(f) : new byte[0]);
        }
      }
      return new KeyInputs(List.copyOf(before), mutated, List.copyOf(after));
    } catch (IOException e) {
      throw new MutateException(
          "cannot read the files model " + model.name() + " loads: " + e.getMessage());
    }
  }

  private static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  /** A suite file's bytes as the run's snapshot holds them (read from disk if it holds none). */
  private static byte[] suiteBytes(Path root, Path file, Map<String, byte[]> files)
      throws IOException {
    byte[] b = files.get(root.relativize(file).toString());
    return b != null ? b : Files.readAllBytes(file);
  }

  /**
   * The property a kill is credited to: the one the mutant's check found violated ({@code
   * deadlock}, or the violation kind when TLC names none; for a VIOLATED model this may be its own
   * property with a counterexample of another length); when a VIOLATED model's violation is gone,
   * the property it expected to see violated (its kind or verdict when it names none).
   */
  static String killer(Expectation expected, CheckOutcome outcome) {
    if (outcome instanceof CheckOutcome.Violated v) {
      return v.property() != null ? v.property() : v.kind().id();
    }
    if (expected.property() != null) {
      return expected.property();
    }
    return expected.kind() != null ? expected.kind().id() : expected.verdict().name();
  }

  /** The library folders of the suite at {@code root}, in its copy at {@code copy}. */
  private static List<Path> relocate(List<Path> libraries, Path root, Path copy) {
    List<Path> out = new ArrayList<>();
    for (Path l : libraries) {
      out.add(copy.resolve(root.relativize(l).toString()));
    }
    return out;
  }

  private static String firstLine(String s) {
    String t = s.strip();
    int nl = t.indexOf('\n');
    return nl < 0 ? t : t.substring(0, nl);
  }

  /** Every operator. */
  public static Set<MutationOperator> allOperators() {
    return EnumSet.allOf(MutationOperator.class);
  }
}
