package org.vfiomc.conformance.orchestrator;

import static java.util.Objects.requireNonNull;

import java.util.List;
import java.util.Map;
import org.vfiomc.conformance.vfio.MigrationState;

/**
 * What a migration did, in counters. Times are simulated nanoseconds of the {@link ManualClock}.
 * {@code downtimeNanos} runs from the vCPU stop to the destination running (completed) or to the
 * sources running again (failed or cancelled after the switchover began); 0 if the vCPUs never
 * stopped. {@code p2pOrderingViolations} counts arcs after which, on the side holding the VM (the
 * sources until the destination runs, the destinations after), a device that may initiate P2P
 * (RUNNING, PRE_COPY) coexisted with a stopped one (STOP, STOP_COPY, RESUMING). {@code
 * pendingBytes} and {@code thresholdBytes} are the figures of the last switchover decision: the
 * pending bytes (estimate, or the exact pass when the estimate was below the threshold) and the
 * threshold (measured bandwidth x downtime limit); 0 if pre-copy never began.
 */
public record MigrationReport(
    Outcome outcome,
    String detail,
    int precopyRounds,
    long pagesCopied,
    long memoryBytes,
    long deviceBytes,
    long downtimeNanos,
    long totalNanos,
    int arcs,
    int p2pOrderingViolations,
    int devicesReset,
    long pendingBytes,
    long thresholdBytes,
    Map<String, MigrationState> sourceStates,
    Map<String, MigrationState> destinationStates,
    List<String> events) {

  /** How the migration ended. */
  public enum Outcome {
    /** The destination runs; the sources are in STOP. */
    COMPLETED,
    /** Refused before anything started (blocker or incompatible target). */
    REFUSED,
    /** An arc failed; the sources were brought back to RUNNING. */
    FAILED,
    /** Cancelled; the sources were brought back to RUNNING. */
    CANCELLED
  }

  public MigrationReport {
    requireNonNull(outcome, "outcome");
    requireNonNull(detail, "detail");
    sourceStates = Map.copyOf(sourceStates);
    destinationStates = Map.copyOf(destinationStates);
    events = List.copyOf(events);
  }

  /** Total bytes moved over the link (guest pages plus device data). */
  public long bytesMoved() {
    return memoryBytes + deviceBytes;
  }
}
