package org.vfiomc.conformance.orchestrator;

import static com.google.common.base.Preconditions.checkArgument;
import static java.util.Objects.requireNonNull;

/**
 * A fault of QEMU's multifd device-state transfer ({@link MultifdTransfer}) at the stop-copy packet
 * with index {@code packet} ({@code VFIODeviceStatePacket.idx}, counted from 0 per device as {@code
 * vfio_multifd_save_complete_precopy_thread} in {@code hw/vfio/migration-multifd.c} numbers them;
 * the config packet is the last index). It strikes the first device whose stream has that packet
 * (and, for {@link Kind#REORDER}, the one after it), at most once.
 *
 * <p>Only faults a real transfer can have: each multifd channel is a TCP stream, which neither
 * loses, duplicates nor reorders within itself, so packets can overtake each other only across
 * channels ({@link Kind#REORDER} and {@link Kind#STALL} need two channels or more).
 *
 * @param kind what goes wrong
 * @param packet the packet index, from 0
 */
public record MultifdFault(Kind kind, int packet) {
  /** What goes wrong, and what QEMU's destination makes of it. */
  public enum Kind {
    /**
     * The packet arrives after the next one (they travel on different channels and the later one is
     * faster): {@code vfio_multifd_load_state_buffer} queues it by index and the load thread
     * ({@code vfio_load_bufs_thread}) writes in index order, so the device sees no difference.
     */
    REORDER,
    /**
     * The packet's channel stalls: it and every later packet on that channel arrive after all the
     * other channels' packets. The load thread waits for the missing index while the others queue;
     * absorbed unless the queued bytes pass {@link MultifdTransfer#maxQueuedBufferBytes()} ({@code
     * vfio_load_state_buffer_insert}: "would exceed the size max").
     */
    STALL,
    /**
     * The packet arrives twice (a source that re-sends it): the second copy finds its buffer
     * present, {@code vfio_load_state_buffer_insert}'s "already filled", and the load fails.
     */
    DUPLICATE,
    /**
     * The packet's channel closes halfway through it: the destination's multifd receive thread
     * reads the end of the channel inside a packet, and the load fails.
     */
    BREAK,
    /**
     * The packet carries a version the destination does not know (a source QEMU of another
     * version): {@code vfio_multifd_load_state_buffer}'s "unknown version", and the load fails.
     */
    VERSION
  }

  public MultifdFault {
    requireNonNull(kind, "kind");
    checkArgument(packet >= 0, "packet %s: packet indices count from 0", packet);
  }

  /** Whether the fault needs packets on two channels to overtake each other. */
  public boolean needsTwoChannels() {
    return kind == Kind.REORDER || kind == Kind.STALL;
  }
}
