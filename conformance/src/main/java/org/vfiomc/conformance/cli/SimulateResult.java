package org.vfiomc.conformance.cli;

import static java.util.Objects.requireNonNull;

import java.util.Optional;
import org.vfiomc.conformance.orchestrator.MigrationReport;
import org.vfiomc.conformance.orchestrator.OrchestratorOptions;
import org.vfiomc.conformance.scenario.RxStrategy;
import org.vfiomc.conformance.scenario.SyntheticVm;
import org.vfiomc.conformance.scenario.VfRunReport;

/**
 * What one {@code simulate} run produced, as a value: the text and JSON writers ({@link
 * SimulateText}, {@link SimulateJson}) derive every report from it and its {@link SimulateOptions},
 * and {@link #clean()} decides the exit code.
 */
sealed interface SimulateResult {
  /** The options of the run. */
  SimulateOptions options();

  /** The migration's report. */
  MigrationReport migration();

  /** Exit 0: nothing a correct system never does happened, and the migration completed. */
  boolean clean();

  /**
   * A VF run.
   *
   * @param strategy the RxDma strategy the run used
   * @param orchestrator the orchestrator's options (arc latency, bandwidth)
   * @param run the VM's report: the ledger's classes and the downtimes
   * @param recordedStates states written to {@code --record}'s file, if one was written
   */
  record Vf(
      SimulateOptions options,
      RxStrategy strategy,
      OrchestratorOptions orchestrator,
      VfRunReport run,
      Optional<Integer> recordedStates)
      implements SimulateResult {
    public Vf {
      requireNonNull(options, "options");
      requireNonNull(strategy, "strategy");
      requireNonNull(orchestrator, "orchestrator");
      requireNonNull(run, "run");
      requireNonNull(recordedStates, "recordedStates");
    }

    @Override
    public MigrationReport migration() {
      return run.migration();
    }

    /** lostAfterAcceptance, corrupted and duplicated are 0 and the migration completed. */
    @Override
    public boolean clean() {
      return run.clean();
    }

    /** The vCPU downtime spent in SET arcs (the rest is the final copy). */
    long arcNanos() {
      return run.downtimeArcs() * orchestrator.arcLatencyNanos();
    }
  }

  /**
   * A run of synthetic P2P devices.
   *
   * @param devices how many
   * @param migration the migration's report
   * @param p2p what became of the P2P writes
   * @param mismatchedPages guest pages that differ after a completed migration (0 otherwise)
   */
  record Synthetic(
      SimulateOptions options,
      int devices,
      MigrationReport migration,
      SyntheticVm.P2pAccount p2p,
      long mismatchedPages)
      implements SimulateResult {
    public Synthetic {
      requireNonNull(options, "options");
      requireNonNull(migration, "migration");
      requireNonNull(p2p, "p2p");
    }

    boolean completed() {
      return migration.outcome() == MigrationReport.Outcome.COMPLETED;
    }

    /** Completed, no P2P write dropped or unaccounted for, guest pages intact. */
    @Override
    public boolean clean() {
      return completed() && p2p.dropped() == 0 && p2p.conserved() && mismatchedPages == 0;
    }
  }
}
