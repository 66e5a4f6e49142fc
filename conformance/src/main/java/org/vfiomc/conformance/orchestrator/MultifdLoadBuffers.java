package org.vfiomc.conformance.orchestrator;

import java.nio.ByteBuffer;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * One destination device's reorder buffer for multifd device-state packets, as QEMU's {@code
 * hw/vfio/migration-multifd.c} keeps it: {@code vfio_multifd_load_state_buffer} checks a packet
 * (long enough for its header, {@link DeviceStatePacket#VERSION_CURRENT}, an index other than
 * UINT32_MAX), notes the config packet's index as the last one, and {@code
 * vfio_load_state_buffer_insert} stores the data by index, refusing an index already filled and a
 * packet that would take the bytes queued but not yet written past the bound ({@code
 * x-migration-max-queued-buffers-size}). The load thread ({@code vfio_load_bufs_thread}) writes the
 * buffers into the resuming fd strictly in index order ({@code vfio_load_state_buffer_write}),
 * waiting while the next index is missing, and loads the config packet last ({@code
 * vfio_load_bufs_thread_load_config}: it must open with DEV_CONFIG_STATE). Here the load thread
 * runs as soon as a packet arrives: {@link #insert} returns the data now due, in order.
 *
 * <p>Any error is final: QEMU's load fails and the destination exits, so nothing more is taken.
 */
final class MultifdLoadBuffers {
  /**
   * Broken variants for the tests that must catch them (never used by a real run): the data written
   * in arrival order, duplicates stored, the bound not checked, and a channel's end inside a packet
   * taken as the end of the state (the load ends without waiting for the missing buffers).
   */
  enum Flaw {
    ARRIVAL_ORDER,
    ACCEPT_DUPLICATE,
    IGNORE_BOUND,
    IGNORE_CHANNEL_END
  }

  /** QEMU's "no config packet yet" ({@code load_buf_idx_last} starts at UINT32_MAX). */
  private static final long INVALID_IDX = 0xffffffffL;

  private final String device;
  private final long maxQueuedBytes;
  private final Set<Flaw> flaws;
  private final Map<Long, byte[]> queued = new TreeMap<>();
  private final Set<Long> filled = new HashSet<>();
  private long next; // load_buf_idx
  private long last = INVALID_IDX; // load_buf_idx_last
  private long queuedBytes; // load_buf_queued_pending_buffers_size
  private long written; // data buffers written (in arrival order for the ARRIVAL_ORDER flaw)
  private boolean configLoaded;
  private Optional<String> error = Optional.empty();

  /** Whether the channel's end inside a packet goes unnoticed (the broken variant). */
  boolean ignoresChannelEnd() {
    return flaws.contains(Flaw.IGNORE_CHANNEL_END);
  }

  MultifdLoadBuffers(String device, long maxQueuedBytes, Set<Flaw> flaws) {
    this.device = device;
    this.maxQueuedBytes = maxQueuedBytes;
    this.flaws = flaws.isEmpty() ? Set.of() : EnumSet.copyOf(flaws);
  }

  /**
   * Takes one packet as a channel delivered it; adds to {@code due} the data the load thread now
   * writes, in order. Returns the load's error, if it failed (now or before).
   */
  Optional<String> insert(byte[] packet, List<byte[]> due) {
    if (error.isPresent()) {
      return error;
    }
    Optional<DeviceStatePacket.Decoded> d = DeviceStatePacket.decode(packet);
    if (d.isEmpty()) {
      return fail(
          "packet too short at "
              + packet.length
              + " (min is "
              + DeviceStatePacket.HEADER_BYTES
              + ")");
    }
    DeviceStatePacket.Decoded p = d.get();
    if (p.version() != DeviceStatePacket.VERSION_CURRENT) {
      return fail("packet has unknown version " + Integer.toUnsignedString(p.version()));
    }
    if (p.idx() == INVALID_IDX) {
      return fail("packet index is invalid");
    }
    if (p.config()) {
      last = p.idx();
    }
    if (filled.contains(p.idx()) && !flaws.contains(Flaw.ACCEPT_DUPLICATE)) {
      return fail("state buffer " + p.idx() + " already filled");
    }
    byte[] data = p.data();
    if (flaws.contains(Flaw.ARRIVAL_ORDER) && !p.config()) {
      filled.add(p.idx());
      due.add(data);
      written++;
      return loadConfigIfDue();
    }
    queuedBytes += data.length;
    if (queuedBytes > maxQueuedBytes && !flaws.contains(Flaw.IGNORE_BOUND)) {
      return fail(
          "queuing state buffer "
              + p.idx()
              + " would exceed the size max of "
              + maxQueuedBytes
              + " ("
              + queuedBytes
              + " bytes queued)");
    }
    filled.add(p.idx());
    queued.put(p.idx(), data);
    // the load thread: every buffer now due, in index order, the config packet last
    while (next != last && queued.containsKey(next)) {
      byte[] b = queued.remove(next);
      due.add(b);
      queuedBytes -= b.length;
      next++;
      written++;
    }
    return loadConfigIfDue();
  }

  /** {@code vfio_load_bufs_thread_load_config}, once every data buffer before it was written. */
  private Optional<String> loadConfigIfDue() {
    if (configLoaded || last == INVALID_IDX || written != last) {
      return error;
    }
    byte[] config = queued.remove(last);
    if (config == null) {
      return error;
    }
    configLoaded = true;
    ByteBuffer b = ByteBuffer.wrap(config);
    long tag = config.length >= 8 ? b.getLong() : 0;
    if (tag != VfioSectionStream.DEV_CONFIG_STATE) {
      return fail(
          "expected DEV_CONFIG_STATE but got " + String.format(Locale.ROOT, "0x%016x", tag));
    }
    // vfio_load_device_config_state: the config (none modelled), then END_OF_STATE
    if (config.length < 16 || b.getLong() != VfioSectionStream.END_OF_STATE) {
      return fail("config state not closed by END_OF_STATE");
    }
    return error;
  }

  /**
   * The migration stream ended: the load waits for its load thread, which must have loaded the
   * config packet (every index before it written).
   */
  Optional<String> finish() {
    if (error.isEmpty() && !configLoaded && !flaws.contains(Flaw.IGNORE_CHANNEL_END)) {
      return fail(
          "device state incomplete: the load thread waits for state buffer "
              + (last == INVALID_IDX || next < last ? next : last));
    }
    return error;
  }

  private Optional<String> fail(String why) {
    error = Optional.of(device + ": " + why);
    return error;
  }
}
