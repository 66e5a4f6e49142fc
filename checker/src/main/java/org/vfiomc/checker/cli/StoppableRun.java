package org.vfiomc.checker.cli;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.vfiomc.checker.result.CheckOutcome;
import org.vfiomc.checker.result.ModelResult;
import org.vfiomc.checker.result.ModelSource;
import org.vfiomc.checker.run.Progress;
import org.vfiomc.checker.run.ProgressListener;
import org.vfiomc.checker.spec.ModelSpec;

/**
 * The reports of one {@code check} run, written exactly once: by the command when every model has
 * finished, or by a shutdown hook when the checker is stopped (SIGINT, SIGTERM) first. The hook
 * writes the results of the models that had finished and marks every other model {@link
 * CheckOutcome.NotRun}. Results that arrive once the JVM is shutting down are dropped: they come
 * from children the shutdown killed, not from finished checks.
 */
final class StoppableRun implements ProgressListener, AutoCloseable {
  /** The message of a model the stopped run did not finish. */
  static final String NOT_RUN_REASON =
      "not run: the checker was stopped (SIGINT or SIGTERM) before this model finished";

  /** Writes the reports of a run. */
  @FunctionalInterface
  interface Reports {
    void write(List<ModelResult> results) throws IOException;
  }

  private final List<ModelSpec> models;
  private final ProgressListener delegate;
  private final Reports reports;
  private final java.io.PrintWriter err;
  private final ReportsOnce once;

  /** Finished results by model index; {@code null} while a model has not finished. */
  private final ModelResult[] finished;

  StoppableRun(
      List<ModelSpec> models, ProgressListener delegate, Reports reports, java.io.PrintWriter err) {
    this.models = List.copyOf(models);
    this.delegate = delegate;
    this.reports = reports;
    this.err = err;
    this.finished = new ModelResult[models.size()];
    this.once = new ReportsOnce("results", this::stopped, err);
  }

  @Override
  public void progress(Progress progress) {
    delegate.progress(progress);
  }

  @Override
  public void warning(String model, String message) {
    delegate.warning(model, message);
  }

  @Override
  public void finished(ModelResult result) {
    if (!shuttingDown()) {
      record(result);
    }
    delegate.finished(result);
  }

  private synchronized void record(ModelResult result) {
    for (int i = 0; i < models.size(); i++) {
      if (finished[i] == null && models.get(i).name().equals(result.model())) {
        finished[i] = result;
        return;
      }
    }
  }

  /**
   * Writes the complete results unless the hook has written partial ones already; {@code false}
   * when it had (the checker is being stopped).
   */
  boolean complete(List<ModelResult> results) throws IOException {
    return once.complete(() -> reports.write(results));
  }

  /** The checker is being stopped: write what has finished, the rest as not run. */
  private void stopped() throws IOException {
    List<ModelResult> out = new ArrayList<>();
    int done = 0;
    synchronized (this) {
      for (int i = 0; i < models.size(); i++) {
        if (finished[i] != null) {
          out.add(finished[i]);
          done++;
        } else {
          ModelSpec m = models.get(i);
          out.add(
              new ModelResult(
                  m.name(),
                  m.expected(),
                  new CheckOutcome.NotRun(NOT_RUN_REASON),
                  0,
                  List.of(),
                  ModelSource.UNKNOWN));
        }
      }
    }
    reports.write(out);
    err.println(
        "checker stopped: "
            + done
            + " model(s) finished, "
            + (models.size() - done)
            + " not run (NOT_RUN in the reports)");
  }

  /** Removes the hook once the command is done (the complete reports are written). */
  @Override
  public void close() {
    once.close();
  }

  /** The JVM has begun its shutdown (a hook can no longer be added). */
  static boolean shuttingDown() {
    return ReportsOnce.shuttingDown();
  }
}
