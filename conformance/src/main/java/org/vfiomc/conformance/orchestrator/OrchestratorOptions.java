package org.vfiomc.conformance.orchestrator;

import static com.google.common.base.Preconditions.checkArgument;
import static java.util.Objects.requireNonNull;

import java.util.Optional;

/**
 * Settings of one migration. Defaults ({@link #defaults()}): QEMU ordering, at most 30 pre-copy
 * iterations before the management layer cancels a migration that does not converge (QEMU itself
 * has no cap), 10 Gbit/s link (1.25e9 bytes/s), 300 ms downtime limit (QEMU's default), 1 MiB
 * device reads (QEMU's VFIO_MIG_DEFAULT_DATA_BUFFER_SIZE: one per device per iteration), 50 µs per
 * arc, no fault, no cancel, switchover-ack off (QEMU's default), the {@link HostModel#QEMU_10}
 * host, no channel fault, no multifd device-state transfer (QEMU's {@code
 * x-migration-multifd-transfer} is AUTO, on only when the multifd capability is), {@code
 * enable-migration=auto} ({@link EnableMigration}).
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
    Optional<Integer> cancelAfterArc,
    boolean switchoverAck,
    HostModel host,
    Optional<StreamFault> streamFault,
    Optional<MultifdTransfer> multifd,
    EnableMigration enableMigration) {

  public OrchestratorOptions {
    requireNonNull(ordering, "ordering");
    checkArgument(maxPrecopyRounds >= 1, "at least one pre-copy round");
    checkArgument(bandwidthBytesPerSecond > 0, "bandwidth must be positive");
    checkArgument(downtimeLimitNanos >= 0, "downtime limit must be >= 0");
    checkArgument(readChunk > 0, "read chunk must be positive");
    checkArgument(arcLatencyNanos >= 0, "arc latency must be >= 0");
    requireNonNull(fault, "fault");
    requireNonNull(cancelAfterArc, "cancelAfterArc");
    requireNonNull(host, "host");
    requireNonNull(streamFault, "streamFault");
    requireNonNull(multifd, "multifd");
    requireNonNull(enableMigration, "enableMigration");
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
        Optional.empty(),
        false,
        HostModel.QEMU_10,
        Optional.empty(),
        Optional.empty(),
        EnableMigration.AUTO);
  }

  /** With device reads of at most {@code bytes} (QEMU: VFIO_MIG_DEFAULT_DATA_BUFFER_SIZE). */
  public OrchestratorOptions withReadChunk(int bytes) {
    return with(b -> b.readChunk = bytes);
  }

  /** With QEMU's switchover-ack capability on or off ({@code migrate_switchover_ack}). */
  public OrchestratorOptions withSwitchoverAck(boolean ack) {
    return with(b -> b.switchoverAck = ack);
  }

  public OrchestratorOptions withOrdering(P2pOrdering o) {
    return with(b -> b.ordering = o);
  }

  public OrchestratorOptions withFault(FaultPlan f) {
    return with(b -> b.fault = Optional.of(f));
  }

  public OrchestratorOptions withCancelAfterArc(int arcs) {
    return with(b -> b.cancelAfterArc = Optional.of(arcs));
  }

  public OrchestratorOptions withDowntimeLimitNanos(long limit) {
    return with(b -> b.downtimeLimitNanos = limit);
  }

  public OrchestratorOptions withMaxPrecopyRounds(int rounds) {
    return with(b -> b.maxPrecopyRounds = rounds);
  }

  /** On {@code h} (the dirty tracking of device DMA it uses, {@link HostModel#dmaTracking}). */
  public OrchestratorOptions withHost(HostModel h) {
    return with(b -> b.host = h);
  }

  /** With {@code f} on the migration channel ({@link VfioSectionStream}). */
  public OrchestratorOptions withStreamFault(StreamFault f) {
    return with(b -> b.streamFault = Optional.of(f));
  }

  /**
   * With the stop-copy state sent over multifd channels as indexed packets ({@link
   * MultifdTransfer}); the main channel keeps the setup and pre-copy sections.
   */
  public OrchestratorOptions withMultifd(MultifdTransfer m) {
    return with(b -> b.multifd = Optional.of(m));
  }

  /** With the VFIO devices' {@code enable-migration} property set to {@code e}. */
  public OrchestratorOptions withEnableMigration(EnableMigration e) {
    return with(b -> b.enableMigration = e);
  }

  /** A copy with {@code change} applied to its fields (one place that lists them all). */
  private OrchestratorOptions with(java.util.function.Consumer<Fields> change) {
    Fields f = new Fields(this);
    change.accept(f);
    return new OrchestratorOptions(
        f.ordering,
        f.maxPrecopyRounds,
        f.bandwidthBytesPerSecond,
        f.downtimeLimitNanos,
        f.readChunk,
        f.arcLatencyNanos,
        f.fault,
        f.cancelAfterArc,
        f.switchoverAck,
        f.host,
        f.streamFault,
        f.multifd,
        f.enableMigration);
  }

  /** The fields of a copy being made by {@link #with}; never escapes it. */
  private static final class Fields {
    P2pOrdering ordering;
    int maxPrecopyRounds;
    long bandwidthBytesPerSecond;
    long downtimeLimitNanos;
    int readChunk;
    long arcLatencyNanos;
    Optional<FaultPlan> fault;
    Optional<Integer> cancelAfterArc;
    boolean switchoverAck;
    HostModel host;
    Optional<StreamFault> streamFault;
    Optional<MultifdTransfer> multifd;
    EnableMigration enableMigration;

    Fields(OrchestratorOptions o) {
      ordering = o.ordering;
      maxPrecopyRounds = o.maxPrecopyRounds;
      bandwidthBytesPerSecond = o.bandwidthBytesPerSecond;
      downtimeLimitNanos = o.downtimeLimitNanos;
      readChunk = o.readChunk;
      arcLatencyNanos = o.arcLatencyNanos;
      fault = o.fault;
      cancelAfterArc = o.cancelAfterArc;
      switchoverAck = o.switchoverAck;
      host = o.host;
      streamFault = o.streamFault;
      multifd = o.multifd;
      enableMigration = o.enableMigration;
    }
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
