package org.vfiomc.checker.run;

import java.io.IOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardWatchEventKinds;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.vfiomc.checker.result.ModelResult;
import org.vfiomc.checker.spec.ManifestException;
import org.vfiomc.checker.spec.ModelSpec;
import org.vfiomc.checker.spec.SpecFingerprint;

/**
 * {@code check --watch}: checks the selected models, then waits for a file in one of their folders
 * (spec, configuration, module path, manifest) to change, selects the models again, re-checks only
 * those whose files ({@link SpecFingerprint}) or manifest entry changed, and reports the verdicts
 * that changed. Runs until its thread is interrupted.
 */
public final class SuiteWatch {
  /** What one round of re-checking found. */
  public interface Listener {
    /** The first check of every selected model. */
    void initial(List<ModelResult> results);

    /**
     * One round after a change.
     *
     * @param changed the models whose verdict changed, new models and models that went away
     * @param rechecked how many models were checked again
     */
    void round(List<Change> changed, int rechecked);

    /** The manifest or a spec could not be read; the watch goes on. */
    void problem(String message);
  }

  /**
   * One model whose verdict changed.
   *
   * @param model the model name
   * @param before its result before the change ({@code null}: a new model)
   * @param after its result now ({@code null}: the model is no longer selected)
   */
  public record Change(String model, ModelResult before, ModelResult after) {
    public Change {
      Objects.requireNonNull(model, "model");
    }
  }

  /** Quiet time after the last file event before re-checking: an editor saves in several steps. */
  static final long SETTLE_MILLIS = 300;

  private final CheckOptions options;
  private final SuiteRunner runner;

  public SuiteWatch(CheckOptions options, ModelChecker checker) {
    this.options = Objects.requireNonNull(options, "options");
    this.runner = new SuiteRunner(checker);
  }

  /** Checks, then re-checks on every change until interrupted. */
  public void run(Listener listener) throws InterruptedException, IOException {
    Map<String, Known> known = new LinkedHashMap<>();
    List<ModelSpec> models = select(listener);
    try (WatchService watch = FileSystems.getDefault().newWatchService()) {
      // watched before the first check, so an edit made while it runs is not missed
      Set<Path> watched = new LinkedHashSet<>();
      register(watch, watched, models);
      List<String> keys = models.stream().map(SuiteWatch::key).toList(); // before TLC reads
      List<ModelResult> first = runner.run(models, options.parallel(), ProgressListener.NONE);
      for (int i = 0; i < models.size(); i++) {
        known.put(models.get(i).name(), new Known(models.get(i), keys.get(i), first.get(i)));
      }
      listener.initial(first);
      while (!Thread.currentThread().isInterrupted()) {
        WatchKey key = watch.take();
        settle(watch, key);
        models = select(listener);
        register(watch, watched, models);
        round(models, known, listener);
      }
    }
  }

  private void round(List<ModelSpec> models, Map<String, Known> known, Listener listener)
      throws InterruptedException {
    List<ModelSpec> stale = new ArrayList<>();
    Map<String, String> keys = new LinkedHashMap<>();
    for (ModelSpec m : models) {
      String k = key(m); // before TLC reads the files: an edit during the check is seen next round
      keys.put(m.name(), k);
      Known old = known.get(m.name());
      if (old == null || !old.key().equals(k) || !old.model().equals(m)) {
        stale.add(m);
      }
    }
    List<Change> changes = new ArrayList<>();
    List<ModelResult> results = runner.run(stale, options.parallel(), ProgressListener.NONE);
    for (int i = 0; i < stale.size(); i++) {
      ModelSpec m = stale.get(i);
      ModelResult now = results.get(i);
      Known old = known.put(m.name(), new Known(m, keys.get(m.name()), now));
      if (old == null || !sameVerdict(old.result(), now)) {
        changes.add(new Change(m.name(), old == null ? null : old.result(), now));
      }
    }
    Set<String> selected = keys.keySet();
    for (String gone : new ArrayList<>(known.keySet())) {
      if (!selected.contains(gone)) {
        changes.add(new Change(gone, known.remove(gone).result(), null));
      }
    }
    listener.round(changes, stale.size());
  }

  /** Same verdict, property and expectation outcome: what a reader of the table would notice. */
  static boolean sameVerdict(ModelResult a, ModelResult b) {
    return a.outcome().verdict() == b.outcome().verdict()
        && Objects.equals(property(a), property(b))
        && a.met() == b.met();
  }

  private static String property(ModelResult r) {
    return r.outcome() instanceof org.vfiomc.checker.result.CheckOutcome.Violated v
        ? v.property()
        : null;
  }

  private List<ModelSpec> select(Listener listener) {
    try {
      return SuiteRunner.select(options);
    } catch (ManifestException | IllegalArgumentException e) {
      listener.problem(e.getMessage());
      return List.of();
    }
  }

  /** The model's files as TLC reads them; a file that cannot be read gives a key of its own. */
  private static String key(ModelSpec m) {
    try {
      return SpecFingerprint.of(m);
    } catch (IOException e) {
      return "unreadable: " + e.getMessage();
    }
  }

  /** Waits until no event arrived for {@link #SETTLE_MILLIS}, resetting every key it saw. */
  private static void settle(WatchService watch, WatchKey first) throws InterruptedException {
    WatchKey key = first;
    while (key != null) {
      key.pollEvents();
      key.reset();
      key = watch.poll(SETTLE_MILLIS, TimeUnit.MILLISECONDS);
    }
  }

  /** Watches every folder the models are read from, and the paths given on the command line. */
  private void register(WatchService watch, Set<Path> watched, List<ModelSpec> models)
      throws IOException {
    Set<Path> dirs = new LinkedHashSet<>();
    for (Path p : options.paths()) {
      Path abs = p.toAbsolutePath().normalize();
      dirs.add(Files.isDirectory(abs) ? abs : abs.getParent());
    }
    for (ModelSpec m : models) {
      dirs.add(m.spec().getParent());
      dirs.add(m.config().toAbsolutePath().normalize().getParent());
      dirs.addAll(m.modulePath());
    }
    for (Path d : dirs) {
      if (d != null && Files.isDirectory(d) && watched.add(d)) {
        d.register(
            watch,
            StandardWatchEventKinds.ENTRY_CREATE,
            StandardWatchEventKinds.ENTRY_MODIFY,
            StandardWatchEventKinds.ENTRY_DELETE);
      }
    }
  }

  private record Known(ModelSpec model, String key, ModelResult result) {}
}
