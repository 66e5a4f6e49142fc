package org.vfiomc.conformance.record;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.vfiomc.checker.trace.ItfCodec;
import org.vfiomc.checker.trace.ObservedTrace;
import org.vfiomc.checker.trace.TraceFormatException;
import org.vfiomc.checker.trace.TraceStep;
import org.vfiomc.conformance.orchestrator.Choices;
import org.vfiomc.conformance.orchestrator.ChunkFault;
import org.vfiomc.conformance.orchestrator.OrchestratorOptions;
import org.vfiomc.conformance.orchestrator.ProtocolDefect;
import org.vfiomc.conformance.orchestrator.ProtocolHooks;
import org.vfiomc.conformance.scenario.RxStrategy;
import org.vfiomc.conformance.scenario.VfRunReport;
import org.vfiomc.conformance.scenario.VfVm;

/** Recorded VF migrations for the tests: one {@link VfVm} run with a recorder attached. */
final class RecordedRuns {
  private RecordedRuns() {}

  /** One recorded run and what it is. */
  record Run(String description, VfRunReport report, VfioMigrationRecorder recorder) {
    /** The run as {@code checker validate} reads it: written as ITF and parsed back. */
    ObservedTrace observed() {
      try {
        return ItfCodec.readObserved(recorder.itf(Map.of("run", description)), description);
      } catch (TraceFormatException e) {
        throw new AssertionError(description + ": the recorder wrote bad ITF", e);
      }
    }

    List<String> actions() {
      return recorder.steps().stream().map(TraceStep::action).toList();
    }
  }

  /**
   * What {@code simulate --packets 200} runs (a frame every 20 µs, migration after 1 ms, 4 MiB RAM,
   * 512-entry ring), with {@code strategy}; pre-copy limited to 2 rounds as {@code --record} does.
   */
  static VfVm.Config simulateDefaults(RxStrategy strategy) {
    return VfVm.Config.of(200, strategy);
  }

  static OrchestratorOptions recordingOptions() {
    return OrchestratorOptions.defaults().withMaxPrecopyRounds(3);
  }

  /**
   * The default recorded run of seed 1 with a 1 ns downtime limit: the threshold (about 1 byte) is
   * below any stop-copy size, so QEMU iterates (a new device image each time the VF changed) and
   * the management layer cancels after the 3 recording iterations, the source in PRE_COPY.
   */
  static Run tight(String description, Set<ProtocolDefect> defects) {
    return run(
        description,
        simulateDefaults(RxStrategy.defaults()),
        1,
        recordingOptions().withDowntimeLimitNanos(1),
        defects,
        Optional.empty());
  }

  static Run run(
      String description,
      VfVm.Config cfg,
      long seed,
      OrchestratorOptions options,
      Set<ProtocolDefect> defects,
      Optional<ChunkFault> fault) {
    return run(description, cfg, seed, options, defects, fault, VfVm.schedule(cfg, seed));
  }

  /** As above with the wire offering {@code arrivals} (a shrinker removes frames from it). */
  static Run run(
      String description,
      VfVm.Config cfg,
      long seed,
      OrchestratorOptions options,
      Set<ProtocolDefect> defects,
      Optional<ChunkFault> fault,
      List<VfVm.Arrival> arrivals) {
    VfioMigrationRecorder recorder = new VfioMigrationRecorder();
    VfRunReport report =
        new VfVm(cfg, seed, Choices.seeded(seed), arrivals)
            .run(options, new ProtocolHooks(recorder, defects, fault));
    return new Run(description, report, recorder);
  }

  /** The default recorded run of seed 1 with {@code defects}, cancelled after {@code cancel}. */
  static Run standard(String description, Integer cancel, Set<ProtocolDefect> defects) {
    OrchestratorOptions o = recordingOptions();
    if (cancel != null) {
      o = o.withCancelAfterArc(cancel);
    }
    return run(
        description, simulateDefaults(RxStrategy.defaults()), 1, o, defects, Optional.empty());
  }

  /** The default recorded run of seed 1 with {@code fault} on the way. */
  static Run withFault(ChunkFault fault) {
    return run(
        fault.toString(),
        simulateDefaults(RxStrategy.defaults()),
        1,
        recordingOptions(),
        Set.of(),
        Optional.of(fault));
  }
}
