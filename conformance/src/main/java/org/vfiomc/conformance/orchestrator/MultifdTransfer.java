package org.vfiomc.conformance.orchestrator;

import static com.google.common.base.Preconditions.checkArgument;
import static java.util.Objects.requireNonNull;

import java.util.Optional;

/**
 * QEMU's multifd device-state transfer of the stop-copy data ({@code hw/vfio/migration-multifd.c},
 * on when the VFIO device's {@code x-migration-multifd-transfer} is on and the migration has the
 * multifd capability): the setup and pre-copy sections still go over the main channel ({@link
 * VfioSectionStream}); the stop-copy state goes as indexed packets ({@link DeviceStatePacket}) over
 * {@code channels} multifd channels, and the main channel's stop-copy and config sections hold only
 * END_OF_STATE ({@code vfio_multifd_emit_dummy_eos}).
 *
 * @param channels multifd channels ({@code multifd-channels}, QEMU's default 2); packets are handed
 *     out round-robin, counted over all devices ({@code multifd_queue_device_state} takes the next
 *     channel)
 * @param maxQueuedBufferBytes the destination's bound on bytes queued but not yet written to the
 *     device, per device: the VFIO property {@code x-migration-max-queued-buffers-size} ({@code
 *     hw/vfio/pci.c}), checked in {@code vfio_load_state_buffer_insert}; {@link #UNBOUNDED}, QEMU's
 *     default, checks nothing
 * @param fault a fault on the way, if any
 */
public record MultifdTransfer(
    int channels, long maxQueuedBufferBytes, Optional<MultifdFault> fault) {
  /** QEMU's default number of multifd channels ({@code multifd-channels}, migration/options.c). */
  public static final int DEFAULT_CHANNELS = 2;

  /**
   * No bound: QEMU's default of {@code x-migration-max-queued-buffers-size} is UINT64_MAX, which no
   * queue reaches; {@link Long#MAX_VALUE} stands for it.
   */
  public static final long UNBOUNDED = Long.MAX_VALUE;

  /** The most channels a run may have (QEMU's {@code multifd-channels} accepts 1..255). */
  public static final int MAX_CHANNELS = 255;

  public MultifdTransfer {
    checkArgument(
        channels >= 1 && channels <= MAX_CHANNELS,
        "multifd channels %s: must be in 1..%s",
        channels,
        MAX_CHANNELS);
    checkArgument(maxQueuedBufferBytes >= 1, "the queued-buffers bound must be >= 1 byte");
    requireNonNull(fault, "fault");
    checkArgument(
        fault.isEmpty() || !fault.get().needsTwoChannels() || channels >= 2,
        "%s needs two multifd channels or more: one channel is one TCP stream, which keeps order",
        fault.map(MultifdFault::kind).orElse(null));
  }

  /** {@code channels} channels, no bound (QEMU's default), no fault. */
  public static MultifdTransfer of(int channels) {
    return new MultifdTransfer(channels, UNBOUNDED, Optional.empty());
  }

  public MultifdTransfer withMaxQueuedBufferBytes(long bytes) {
    return new MultifdTransfer(channels, bytes, fault);
  }

  public MultifdTransfer withFault(MultifdFault f) {
    return new MultifdTransfer(channels, maxQueuedBufferBytes, Optional.of(f));
  }
}
