package org.vfiomc.checker.run;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.vfiomc.checker.result.ModelResult;
import org.vfiomc.checker.spec.Manifest;
import org.vfiomc.checker.spec.ManifestException;
import org.vfiomc.checker.spec.ModelSpec;

/** Resolves the models of a run and checks them, up to {@code parallel} at a time. */
public final class SuiteRunner {
  private final ModelChecker checker;

  public SuiteRunner(ModelChecker checker) {
    this.checker = checker;
  }

  /**
   * The models the options select, in command-line and manifest order; with a shard, only its
   * slice.
   */
  public static List<ModelSpec> select(CheckOptions options) throws ManifestException {
    List<ModelSpec> out = new ArrayList<>();
    for (Path p : options.paths()) {
      for (ModelSpec m : Manifest.resolve(p, options.config())) {
        if (options.profile().includes(m.profile())) {
          out.add(options.timeoutSeconds().map(m::withTimeout).orElse(m));
        }
      }
    }
    if (options.shard().isPresent()) {
      return options.shard().get().select(out, options.earlierMillis());
    }
    return out;
  }

  /** Checks the models; results come back in the order of {@code models}. */
  public List<ModelResult> run(List<ModelSpec> models, int parallel, ProgressListener listener)
      throws InterruptedException {
    if (models.isEmpty()) {
      return List.of();
    }
    ExecutorService pool = Executors.newFixedThreadPool(Math.min(parallel, models.size()));
    try {
      List<Future<ModelResult>> futures = new ArrayList<>();
      for (ModelSpec m : models) {
        futures.add(
            pool.submit(
                () -> {
                  ModelResult r = checker.check(m, listener);
                  listener.finished(r);
                  return r;
                }));
      }
      List<ModelResult> results = new ArrayList<>();
      for (Future<ModelResult> f : futures) {
        try {
          results.add(f.get());
        } catch (ExecutionException e) {
          throw new IllegalStateException("model checker failed", e.getCause());
        }
      }
      return List.copyOf(results);
    } finally {
      pool.shutdownNow();
    }
  }
}
