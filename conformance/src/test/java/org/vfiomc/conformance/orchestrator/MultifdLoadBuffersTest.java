package org.vfiomc.conformance.orchestrator;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * One destination device's multifd reorder buffer fed packets by hand, each refusal of QEMU's
 * {@code vfio_multifd_load_state_buffer} / {@code vfio_load_state_buffer_insert} / {@code
 * vfio_load_bufs_thread_load_config} with its message (PIT survivors: the runs of {@link
 * MultifdTransferTest} reach only the faults a transfer can produce, and check the outcome, not
 * which refusal fired).
 */
final class MultifdLoadBuffersTest {
  private static final Set<MultifdLoadBuffers.Flaw> SOUND = Set.of();

  private static byte[] data(int idx, int n) {
    byte[] d = new byte[n];
    Arrays.fill(d, (byte) (idx + 1));
    return DeviceStatePacket.encode(DeviceStatePacket.VERSION_CURRENT, idx, 0, d);
  }

  private static byte[] config(int idx, byte[] body) {
    return DeviceStatePacket.encode(
        DeviceStatePacket.VERSION_CURRENT, idx, DeviceStatePacket.FLAG_CONFIG_STATE, body);
  }

  private static byte[] config(int idx) {
    return config(idx, DeviceStatePacket.configData());
  }

  /** The first byte of each buffer handed to the device: which packet's data it was. */
  private static List<Integer> firstBytes(List<byte[]> due) {
    List<Integer> out = new ArrayList<>();
    for (byte[] b : due) {
      out.add(b.length == 0 ? -1 : (int) b[0]);
    }
    return out;
  }

  @Test
  void packetsOutOfOrder_areWrittenInIndexOrder_configLast_andTheLoadEnds() {
    MultifdLoadBuffers b = new MultifdLoadBuffers("dev0", MultifdTransfer.UNBOUNDED, SOUND);
    List<byte[]> due = new ArrayList<>();
    assertEquals(Optional.empty(), b.insert(config(3), due));
    assertEquals(Optional.empty(), b.insert(data(2, 5), due));
    assertEquals(Optional.empty(), b.insert(data(1, 5), due));
    assertEquals(List.of(), due); // index 0 is missing: the load thread waits
    assertTrue(b.finish().orElseThrow().endsWith("waits for state buffer 0"));
  }

  @Test
  void theLoadThread_writesWhatIsDue_andLoadsTheConfigAfterEveryDataBuffer() {
    MultifdLoadBuffers b = new MultifdLoadBuffers("dev0", MultifdTransfer.UNBOUNDED, SOUND);
    List<byte[]> due = new ArrayList<>();
    assertEquals(Optional.empty(), b.insert(config(3), due));
    assertEquals(Optional.empty(), b.insert(data(2, 5), due));
    assertEquals(Optional.empty(), b.insert(data(0, 5), due));
    assertEquals(List.of(1), firstBytes(due)); // 0 now, 2 waits for 1
    assertEquals(
        Optional.of("dev0: device state incomplete: the load thread waits for state buffer 1"),
        b.finish());
    MultifdLoadBuffers c = new MultifdLoadBuffers("dev0", MultifdTransfer.UNBOUNDED, SOUND);
    List<byte[]> all = new ArrayList<>();
    c.insert(config(3), all);
    c.insert(data(2, 5), all);
    c.insert(data(0, 5), all);
    assertEquals(Optional.empty(), c.insert(data(1, 5), all));
    assertEquals(List.of(1, 2, 3), firstBytes(all)); // the config is loaded, never written
    assertEquals(Optional.empty(), c.finish());
  }

  @Test
  void withoutTheConfigPacket_theLoadWaitsForTheNextIndex() {
    MultifdLoadBuffers b = new MultifdLoadBuffers("dev0", MultifdTransfer.UNBOUNDED, SOUND);
    List<byte[]> due = new ArrayList<>();
    b.insert(data(0, 3), due);
    b.insert(data(1, 3), due);
    assertEquals(2, due.size());
    assertEquals(
        Optional.of("dev0: device state incomplete: the load thread waits for state buffer 2"),
        b.finish());
    // a broken buffer that takes the channel's end as the end of the state finishes anyway
    MultifdLoadBuffers broken =
        new MultifdLoadBuffers(
            "dev0", MultifdTransfer.UNBOUNDED, Set.of(MultifdLoadBuffers.Flaw.IGNORE_CHANNEL_END));
    assertTrue(broken.ignoresChannelEnd());
    assertFalse(b.ignoresChannelEnd());
    broken.insert(data(0, 3), new ArrayList<>());
    assertEquals(Optional.empty(), broken.finish());
  }

  /** A config packet at index 0: no data buffer, loaded as soon as it comes. */
  @Test
  void aConfigPacketAlone_isLoadedAtOnce() {
    MultifdLoadBuffers b = new MultifdLoadBuffers("dev0", MultifdTransfer.UNBOUNDED, SOUND);
    List<byte[]> due = new ArrayList<>();
    assertEquals(Optional.empty(), b.insert(config(0), due));
    assertEquals(List.of(), due);
    assertEquals(Optional.empty(), b.finish());
  }

  /**
   * {@code vfio_multifd_load_state_buffer}'s checks: a packet shorter than its 12-byte header, a
   * version other than 0 (printed unsigned, as QEMU's {@code %u}), the index UINT32_MAX.
   */
  @Test
  void malformedPackets_areRefused_withQemusReasons() {
    assertEquals(
        Optional.of("dev0: packet too short at 11 (min is 12)"),
        new MultifdLoadBuffers("dev0", MultifdTransfer.UNBOUNDED, SOUND)
            .insert(new byte[11], new ArrayList<>()));
    // exactly the header: an empty data buffer, accepted and written
    MultifdLoadBuffers ok = new MultifdLoadBuffers("dev0", MultifdTransfer.UNBOUNDED, SOUND);
    List<byte[]> due = new ArrayList<>();
    assertEquals(Optional.empty(), ok.insert(data(0, 0), due));
    assertEquals(1, due.size());
    assertEquals(0, due.get(0).length);
    assertEquals(
        Optional.of("dev0: packet has unknown version 1"),
        new MultifdLoadBuffers("dev0", MultifdTransfer.UNBOUNDED, SOUND)
            .insert(DeviceStatePacket.encode(1, 0, 0, new byte[4]), new ArrayList<>()));
    assertEquals(
        Optional.of("dev0: packet has unknown version 4294967295"),
        new MultifdLoadBuffers("dev0", MultifdTransfer.UNBOUNDED, SOUND)
            .insert(DeviceStatePacket.encode(-1, 0, 0, new byte[4]), new ArrayList<>()));
    assertEquals(
        Optional.of("dev0: packet index is invalid"),
        new MultifdLoadBuffers("dev0", MultifdTransfer.UNBOUNDED, SOUND)
            .insert(DeviceStatePacket.encode(0, -1, 0, new byte[4]), new ArrayList<>()));
    // UINT32_MAX - 1 is a valid index (it waits, as the buffers before it are missing)
    assertEquals(
        Optional.empty(),
        new MultifdLoadBuffers("dev0", MultifdTransfer.UNBOUNDED, SOUND)
            .insert(DeviceStatePacket.encode(0, -2, 0, new byte[4]), new ArrayList<>()));
  }

  /** An error is final: the destination has exited, nothing more is taken or written. */
  @Test
  void afterAnError_nothingMoreIsTaken() {
    MultifdLoadBuffers b = new MultifdLoadBuffers("dev0", MultifdTransfer.UNBOUNDED, SOUND);
    List<byte[]> due = new ArrayList<>();
    Optional<String> err = b.insert(new byte[3], due);
    assertTrue(err.isPresent());
    assertEquals(err, b.insert(data(0, 4), due));
    assertEquals(List.of(), due);
    assertEquals(err, b.finish());
  }

  /** {@code vfio_load_state_buffer_insert}: "already filled", whether written yet or queued. */
  @Test
  void aDuplicateIndex_isRefused_unlessTheBufferIsBroken() {
    MultifdLoadBuffers b = new MultifdLoadBuffers("dev0", MultifdTransfer.UNBOUNDED, SOUND);
    List<byte[]> due = new ArrayList<>();
    b.insert(data(0, 4), due);
    assertEquals(Optional.of("dev0: state buffer 0 already filled"), b.insert(data(0, 4), due));
    assertEquals(1, due.size());
    MultifdLoadBuffers q = new MultifdLoadBuffers("dev1", MultifdTransfer.UNBOUNDED, SOUND);
    q.insert(data(5, 4), due);
    assertEquals(Optional.of("dev1: state buffer 5 already filled"), q.insert(data(5, 4), due));

    MultifdLoadBuffers broken =
        new MultifdLoadBuffers(
            "dev0", MultifdTransfer.UNBOUNDED, Set.of(MultifdLoadBuffers.Flaw.ACCEPT_DUPLICATE));
    List<byte[]> written = new ArrayList<>();
    broken.insert(data(0, 4), written);
    assertEquals(Optional.empty(), broken.insert(data(0, 4), written));
  }

  /**
   * The bound on bytes queued but not yet written ({@code x-migration-max-queued-buffers-size}): 10
   * bytes. Buffer 0 (6 bytes) is written at once and leaves nothing queued; buffers 2 (6) and 3 (4)
   * wait for 1 and fill the bound exactly; buffer 4 (1 byte) would make 11.
   */
  @Test
  void theQueuedBytesBound_countsOnlyBuffersNotYetWritten() {
    MultifdLoadBuffers b = new MultifdLoadBuffers("dev0", 10, SOUND);
    List<byte[]> due = new ArrayList<>();
    assertEquals(Optional.empty(), b.insert(data(0, 6), due));
    assertEquals(Optional.empty(), b.insert(data(2, 6), due));
    assertEquals(Optional.empty(), b.insert(data(3, 4), due));
    assertEquals(
        Optional.of(
            "dev0: queuing state buffer 4 would exceed the size max of 10 (11 bytes queued)"),
        b.insert(data(4, 1), due));
    assertEquals(List.of(1), firstBytes(due));

    // once an empty buffer 1 arrives, 1..3 are written and the queue is empty again: 10 more
    // bytes fit
    MultifdLoadBuffers c = new MultifdLoadBuffers("dev0", 10, SOUND);
    List<byte[]> w = new ArrayList<>();
    c.insert(data(0, 6), w);
    c.insert(data(2, 6), w);
    c.insert(data(3, 4), w);
    assertEquals(Optional.empty(), c.insert(data(1, 0), w));
    assertEquals(List.of(1, -1, 3, 4), firstBytes(w));
    assertEquals(Optional.empty(), c.insert(data(5, 10), w));
    assertEquals(Optional.empty(), c.insert(data(7, 0), w));

    MultifdLoadBuffers unbounded =
        new MultifdLoadBuffers("dev0", 10, Set.of(MultifdLoadBuffers.Flaw.IGNORE_BOUND));
    unbounded.insert(data(2, 6), new ArrayList<>());
    assertEquals(Optional.empty(), unbounded.insert(data(3, 6), new ArrayList<>()));
  }

  /**
   * {@code vfio_load_bufs_thread_load_config}: the config packet must open with DEV_CONFIG_STATE (a
   * body shorter than a tag reads as tag 0) and close with END_OF_STATE.
   */
  @Test
  void aMalformedConfigPacket_failsTheLoad_whenItsTurnComes() {
    long other = 0x0102030405060708L;
    assertEquals(
        Optional.of("dev0: expected DEV_CONFIG_STATE but got 0x0102030405060708"),
        loadConfig(ByteBuffer.allocate(16).putLong(other).putLong(0).array()));
    assertEquals(
        Optional.of("dev0: expected DEV_CONFIG_STATE but got 0x0000000000000000"),
        loadConfig(new byte[7]));
    assertEquals(
        Optional.of("dev0: config state not closed by END_OF_STATE"),
        loadConfig(VfioSectionStream.tag(VfioSectionStream.DEV_CONFIG_STATE)));
    assertEquals(
        Optional.of("dev0: config state not closed by END_OF_STATE"),
        loadConfig(
            ByteBuffer.allocate(16)
                .putLong(VfioSectionStream.DEV_CONFIG_STATE)
                .putLong(VfioSectionStream.DEV_SETUP_STATE)
                .array()));
    assertEquals(Optional.empty(), loadConfig(DeviceStatePacket.configData()));
  }

  /** A config packet with {@code body} as the last index after one data buffer, then finish. */
  private static Optional<String> loadConfig(byte[] body) {
    MultifdLoadBuffers b = new MultifdLoadBuffers("dev0", MultifdTransfer.UNBOUNDED, SOUND);
    List<byte[]> due = new ArrayList<>();
    assertEquals(Optional.empty(), b.insert(config(1, body), due));
    Optional<String> err = b.insert(data(0, 2), due);
    assertEquals(1, due.size()); // the data buffer is written before the config is looked at
    assertEquals(err, b.finish());
    return err;
  }

  /**
   * The broken buffer that writes data in arrival order still loads the config once as many data
   * buffers as its index were written.
   */
  @Test
  void arrivalOrder_writesAsPacketsCome_andStillLoadsTheConfig() {
    MultifdLoadBuffers b =
        new MultifdLoadBuffers(
            "dev0", MultifdTransfer.UNBOUNDED, EnumSet.of(MultifdLoadBuffers.Flaw.ARRIVAL_ORDER));
    List<byte[]> due = new ArrayList<>();
    assertEquals(Optional.empty(), b.insert(config(2), due));
    assertEquals(Optional.empty(), b.insert(data(1, 3), due));
    assertEquals(Optional.empty(), b.insert(data(0, 3), due));
    assertEquals(List.of(2, 1), firstBytes(due));
    assertEquals(Optional.empty(), b.finish());
    assertEquals(Optional.of("dev0: state buffer 0 already filled"), b.insert(data(0, 3), due));

    MultifdLoadBuffers bad =
        new MultifdLoadBuffers(
            "dev0", MultifdTransfer.UNBOUNDED, EnumSet.of(MultifdLoadBuffers.Flaw.ARRIVAL_ORDER));
    bad.insert(config(1, new byte[16]), new ArrayList<>());
    assertEquals(
        Optional.of("dev0: expected DEV_CONFIG_STATE but got 0x0000000000000000"),
        bad.insert(data(0, 3), new ArrayList<>()));
    byte[] packet = data(0, 3);
    assertArrayEquals(new byte[] {1, 1, 1}, DeviceStatePacket.decode(packet).orElseThrow().data());
  }
}
