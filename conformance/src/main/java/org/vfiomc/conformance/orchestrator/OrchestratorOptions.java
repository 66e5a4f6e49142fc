package org.vfiomc.conformance.orchestrator;

import static com.google.common.base.Preconditions.checkArgument;
import static java.util.Objects.requireNonNull;

import java.util.Optional;

/**
 * Settings of one migration. Defaults ({@link #defaults()}): QEMU ordering, at most 30 pre-copy
 * rounds, 10 Gbit/s link (1.25e9 bytes/s), 300 ms downtime limit (QEMU's default), 1 MiB device
 * reads, 50 µs per arc, no fault, no cancel.
 *
 * @param cancelAfterArc cancel the migration once this many arcs (over all devices) completed
 */
public record OrchestratorOptions(
    P2pOrdering ordering,
    int maxPrecopyRounds,
    long bandwidthBytesPerSecond,
    long downtimeLimitNanos,
    int readChunk,
    long arcLatencyNanos,
    Optional<FaultPlan> fault,
    Optional<Integer> cancelAfterArc) {

  public OrchestratorOptions {
    requireNonNull(ordering, "ordering");
    checkArgument(maxPrecopyRounds >= 1, "at least one pre-copy round");
    checkArgument(bandwidthBytesPerSecond > 0, "bandwidth must be positive");
    checkArgument(downtimeLimitNanos >= 0, "downtime limit must be >= 0");
    checkArgument(readChunk > 0, "read chunk must be positive");
    checkArgument(arcLatencyNanos >= 0, "arc latency must be >= 0");
    requireNonNull(fault, "fault");
    requireNonNull(cancelAfterArc, "cancelAfterArc");
  }

  public static OrchestratorOptions defaults() {
    return new OrchestratorOptions(
        P2pOrdering.PREPARE_THEN_MAIN,
        30,
        1_250_000_000L,
        300_000_000L,
        1 << 20,
        50_000L,
        Optional.empty(),
        Optional.empty());
  }

  public OrchestratorOptions withOrdering(P2pOrdering o) {
    return new OrchestratorOptions(
        o,
        maxPrecopyRounds,
        bandwidthBytesPerSecond,
        downtimeLimitNanos,
        readChunk,
        arcLatencyNanos,
        fault,
        cancelAfterArc);
  }

  public OrchestratorOptions withFault(FaultPlan f) {
    return new OrchestratorOptions(
        ordering,
        maxPrecopyRounds,
        bandwidthBytesPerSecond,
        downtimeLimitNanos,
        readChunk,
        arcLatencyNanos,
        Optional.of(f),
        cancelAfterArc);
  }

  public OrchestratorOptions withCancelAfterArc(int arcs) {
    return new OrchestratorOptions(
        ordering,
        maxPrecopyRounds,
        bandwidthBytesPerSecond,
        downtimeLimitNanos,
        readChunk,
        arcLatencyNanos,
        fault,
        Optional.of(arcs));
  }

  public OrchestratorOptions withDowntimeLimitNanos(long limit) {
    return new OrchestratorOptions(
        ordering,
        maxPrecopyRounds,
        bandwidthBytesPerSecond,
        limit,
        readChunk,
        arcLatencyNanos,
        fault,
        cancelAfterArc);
  }

  public OrchestratorOptions withMaxPrecopyRounds(int rounds) {
    return new OrchestratorOptions(
        ordering,
        rounds,
        bandwidthBytesPerSecond,
        downtimeLimitNanos,
        readChunk,
        arcLatencyNanos,
        fault,
        cancelAfterArc);
  }

  /** Simulated nanoseconds to move {@code bytes} over the link. */
  long transferNanos(long bytes) {
    long lo = bytes * 1_000_000_000L;
    if (Math.multiplyHigh(bytes, 1_000_000_000L) != 0 || lo < 0) {
      return Long.MAX_VALUE / 4; // beyond any simulated run; keeps later sums from overflowing
    }
    return lo / bandwidthBytesPerSecond + (lo % bandwidthBytesPerSecond != 0 ? 1 : 0);
  }
}
