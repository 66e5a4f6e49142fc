package org.vfiomc.checker.cli;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.vfiomc.checker.mutate.ModuleReport;
import org.vfiomc.checker.mutate.ModuleStart;
import org.vfiomc.checker.mutate.MutantResult;
import org.vfiomc.checker.mutate.MutateOptions;
import org.vfiomc.checker.mutate.MutationOperator;
import org.vfiomc.checker.mutate.MutationReport;
import org.vfiomc.checker.mutate.MutationRunner;

/**
 * What a {@code mutate} run has classified so far, for the report a stopped run writes: the
 * finished modules, the started module with the mutants classified before the stop (the rest
 * counted as not run), and the names of the selected modules not started yet. Results that arrive
 * once the JVM is shutting down are dropped: they come from TLC children the shutdown killed, not
 * from finished checks.
 */
final class PartialMutation implements MutationRunner.Listener {
  private final MutateOptions options;
  private final MutationRunner.Listener delegate;
  private final long start = System.nanoTime();
  private final List<ModuleReport> done = new ArrayList<>();
  private ModuleStart current;
  private final List<MutantResult> classified = new ArrayList<>();

  /** Selected modules not begun yet, in run order. */
  private final List<String> pending = new ArrayList<>();

  PartialMutation(MutateOptions options, MutationRunner.Listener delegate) {
    this.options = options;
    this.delegate = delegate;
  }

  @Override
  public void listed(
      org.vfiomc.checker.mutate.MutantId id,
      org.vfiomc.checker.mutate.Span location,
      String diff,
      java.util.Optional<String> equivalent) {
    delegate.listed(id, location, diff, equivalent);
  }

  @Override
  public void planned(List<String> modules) {
    synchronized (this) {
      pending.addAll(modules);
    }
    delegate.planned(modules);
  }

  @Override
  public void module(ModuleStart start) {
    synchronized (this) {
      pending.remove(start.module());
      current = start;
      classified.clear();
    }
    delegate.module(start);
  }

  @Override
  public void mutant(MutantResult result, int doneCount, int total) {
    if (ReportsOnce.shuttingDown()) {
      return;
    }
    synchronized (this) {
      classified.add(result);
    }
    delegate.mutant(result, doneCount, total);
  }

  @Override
  public void moduleDone(ModuleReport report) {
    synchronized (this) {
      done.add(report);
      current = null;
      classified.clear();
    }
    delegate.moduleDone(report);
  }

  /** The report of what was classified, marked incomplete. */
  synchronized MutationReport report() {
    List<ModuleReport> modules = new ArrayList<>(done);
    if (current != null) {
      modules.add(ModuleReport.of(current, classified));
    }
    List<MutationOperator> ops =
        options.operators().stream().sorted(Comparator.naturalOrder()).toList();
    return new MutationReport(
        options.profile(),
        options.oracle(),
        ops,
        modules,
        (System.nanoTime() - start) / 1_000_000,
        false,
        pending);
  }
}
