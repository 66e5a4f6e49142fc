package org.vfiomc.conformance.orchestrator;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The multifd channels by hand: round-robin over channels across devices ({@code
 * multifd_queue_device_state} takes the next channel), length-framed packets, each {@link
 * MultifdFault} applied to the arrival order exactly as its Javadoc says, at most once, and the
 * receive side's framing ({@code multifd_recv_thread}); and the tags of {@link VfioSectionStream}
 * by name (PIT survivors: the multifd runs check outcomes, not arrivals).
 */
final class MultifdChannelsTest {
  /** Packets 0..n-1 of one byte each, the byte being the index. */
  private static List<byte[]> packets(int n) {
    List<byte[]> out = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      out.add(new byte[] {(byte) i});
    }
    return out;
  }

  /** The packet index each arrival carries (its last byte), or -1 for a cut frame. */
  private static List<Integer> order(MultifdChannels.Sent s) {
    List<Integer> out = new ArrayList<>();
    for (MultifdChannels.Arrival a : s.arrivals()) {
      out.add(a.bytes().length == 5 ? (int) a.bytes()[4] : -1);
    }
    return out;
  }

  private static List<Integer> channels(MultifdChannels.Sent s) {
    return s.arrivals().stream().map(MultifdChannels.Arrival::channel).toList();
  }

  private static MultifdChannels channels(int n, MultifdFault.Kind kind, int packet) {
    return new MultifdChannels(MultifdTransfer.of(n).withFault(new MultifdFault(kind, packet)));
  }

  @Test
  void soundChannels_roundRobinAcrossDevices_framedByLength() {
    MultifdChannels c = new MultifdChannels(MultifdTransfer.of(3));
    MultifdChannels.Sent a = c.send(packets(4));
    assertEquals(Optional.empty(), a.fault());
    assertEquals(List.of(0, 1, 2, 3), order(a));
    assertEquals(List.of(0, 1, 2, 0), channels(a));
    // a 4-byte big-endian length, then the packet
    assertArrayEquals(new byte[] {0, 0, 0, 1, 2}, a.arrivals().get(2).bytes());
    assertFalse(a.arrivals().get(3).channelCloses());
    // the next device goes on where the first stopped
    assertEquals(List.of(1, 2), channels(c.send(packets(2))));
  }

  @Test
  void reorder_swapsThePacketWithTheNext_once() {
    MultifdChannels c = channels(2, MultifdFault.Kind.REORDER, 1);
    MultifdChannels.Sent s = c.send(packets(4));
    assertEquals(List.of(0, 2, 1, 3), order(s));
    assertEquals(List.of(0, 0, 1, 1), channels(s));
    assertEquals(MultifdFault.Kind.REORDER, s.fault().orElseThrow().kind());
    // fired: the next device's packets keep their order
    MultifdChannels.Sent next = c.send(packets(4));
    assertEquals(Optional.empty(), next.fault());
    assertEquals(List.of(0, 1, 2, 3), order(next));
  }

  /**
   * A fault at a packet a device does not have waits for a device that has it; a reorder needs the
   * packet after it too.
   */
  @Test
  void aFaultBeyondADevicesPackets_waitsForALongerStream() {
    MultifdChannels c = channels(2, MultifdFault.Kind.REORDER, 1);
    assertEquals(List.of(0, 1), order(c.send(packets(2)))); // no packet 2 to swap with
    assertEquals(List.of(0, 2, 1), order(c.send(packets(3))));
    MultifdChannels d = channels(2, MultifdFault.Kind.DUPLICATE, 2);
    assertEquals(Optional.empty(), d.send(packets(2)).fault());
    assertEquals(List.of(0, 1, 2, 2), order(d.send(packets(3))));
  }

  /** A stall: the packet's channel delivers it and its later packets after all the others. */
  @Test
  void stall_delaysTheChannelFromThePacketOn() {
    MultifdChannels c = channels(2, MultifdFault.Kind.STALL, 2);
    MultifdChannels.Sent s = c.send(packets(6));
    // channel 0 carries 0, 2, 4: 2 and 4 come after 1, 3, 5; 0 was sent before the stall
    assertEquals(List.of(0, 1, 3, 5, 2, 4), order(s));
  }

  @Test
  void duplicate_deliversThePacketTwice_backToBack() {
    MultifdChannels.Sent s = channels(2, MultifdFault.Kind.DUPLICATE, 0).send(packets(3));
    assertEquals(List.of(0, 0, 1, 2), order(s));
  }

  /** A break: the packets before it arrive, then half of its frame and the channel's end. */
  @Test
  void break_cutsThePacketsFrameInHalf_andClosesItsChannel() {
    MultifdChannels c = channels(2, MultifdFault.Kind.BREAK, 2);
    MultifdChannels.Sent s = c.send(packets(4));
    assertEquals(List.of(0, 1, -1), order(s));
    MultifdChannels.Arrival cut = s.arrivals().get(2);
    assertTrue(cut.channelCloses());
    assertEquals(0, cut.channel());
    assertArrayEquals(new byte[] {0, 0}, cut.bytes()); // 5 bytes / 2
    List<byte[]> got = new ArrayList<>();
    for (MultifdChannels.Arrival a : s.arrivals().subList(0, 2)) {
      assertEquals(Optional.empty(), c.receive(a, got));
    }
    assertEquals(
        Optional.of("multifd channel 0 closed inside a packet (2 bytes of it read)"),
        c.receive(cut, got));
    assertEquals(2, got.size());
  }

  /** A version fault changes only that packet's version word, to 1. */
  @Test
  void version_setsThePacketsVersionToOne() {
    List<byte[]> p = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      p.add(DeviceStatePacket.encode(0, i, 0, new byte[] {7}));
    }
    MultifdChannels c = channels(1, MultifdFault.Kind.VERSION, 1);
    MultifdChannels.Sent s = c.send(p);
    List<byte[]> got = new ArrayList<>();
    for (MultifdChannels.Arrival a : s.arrivals()) {
      assertEquals(Optional.empty(), c.receive(a, got));
    }
    assertEquals(3, got.size());
    assertEquals(0, DeviceStatePacket.decode(got.get(0)).orElseThrow().version());
    assertEquals(1, DeviceStatePacket.decode(got.get(1)).orElseThrow().version());
    assertEquals(1, DeviceStatePacket.decode(got.get(1)).orElseThrow().idx());
    assertEquals(0, DeviceStatePacket.decode(got.get(2)).orElseThrow().version());
    assertEquals(0, p.get(1)[3]); // the source's packet itself is untouched
  }

  /**
   * The receive side reassembles frames split anywhere across arrivals; a channel that closes
   * between packets is no error.
   */
  @Test
  void receive_reassemblesSplitFrames() {
    MultifdChannels c = new MultifdChannels(MultifdTransfer.of(1));
    byte[] frames = new byte[] {0, 0, 0, 2, 10, 11, 0, 0, 0, 0, 0, 0, 0, 1, 12};
    List<byte[]> got = new ArrayList<>();
    assertEquals(
        Optional.empty(),
        c.receive(new MultifdChannels.Arrival(0, Arrays.copyOfRange(frames, 0, 3), false), got));
    assertEquals(0, got.size());
    c.receive(new MultifdChannels.Arrival(0, Arrays.copyOfRange(frames, 3, 5), false), got);
    assertEquals(0, got.size()); // one byte of packet 0's two
    c.receive(new MultifdChannels.Arrival(0, Arrays.copyOfRange(frames, 5, 10), false), got);
    assertEquals(2, got.size()); // packet 0 and the empty packet
    assertArrayEquals(new byte[] {10, 11}, got.get(0));
    assertEquals(0, got.get(1).length);
    assertEquals(
        Optional.empty(),
        c.receive(new MultifdChannels.Arrival(0, Arrays.copyOfRange(frames, 10, 15), true), got));
    assertArrayEquals(new byte[] {12}, got.get(2));
    // a close with only a part of the length word read is a close inside a packet too
    MultifdChannels d = new MultifdChannels(MultifdTransfer.of(1));
    assertEquals(
        Optional.of("multifd channel 0 closed inside a packet (3 bytes of it read)"),
        d.receive(new MultifdChannels.Arrival(0, new byte[] {0, 0, 0}, true), new ArrayList<>()));
  }

  @Test
  void sectionTags_byName() {
    assertEquals("END_OF_STATE", VfioSectionStream.name(VfioSectionStream.END_OF_STATE));
    assertEquals("DEV_CONFIG_STATE", VfioSectionStream.name(VfioSectionStream.DEV_CONFIG_STATE));
    assertEquals("DEV_SETUP_STATE", VfioSectionStream.name(VfioSectionStream.DEV_SETUP_STATE));
    assertEquals("DEV_DATA_STATE", VfioSectionStream.name(VfioSectionStream.DEV_DATA_STATE));
    assertEquals(
        "DEV_INIT_DATA_SENT", VfioSectionStream.name(VfioSectionStream.DEV_INIT_DATA_SENT));
    assertEquals("0x0000000000000001", VfioSectionStream.name(1));
  }

  /**
   * {@code vfio_load_state}: a data record's size is a u64 (beyond 2^63 refused: no device state is
   * that long), and the config section must be closed at once.
   */
  @Test
  void loader_refusesAHugeRecord_andAnUnclosedConfigSection() {
    VfioSectionStream.Loader l = new VfioSectionStream.Loader();
    VfioSectionStream.Loaded r =
        l.feed(
            java.nio.ByteBuffer.allocate(16)
                .putLong(VfioSectionStream.DEV_DATA_STATE)
                .putLong(-1)
                .array());
    assertEquals(Optional.of("data record of size 18446744073709551615"), r.error());
    assertEquals(r.error(), l.error());
    assertEquals(r.error(), l.endOfStream());

    VfioSectionStream.Loader c = new VfioSectionStream.Loader();
    VfioSectionStream.Loaded e =
        c.feed(
            java.nio.ByteBuffer.allocate(16)
                .putLong(VfioSectionStream.DEV_CONFIG_STATE)
                .putLong(VfioSectionStream.DEV_INIT_DATA_SENT)
                .array());
    assertEquals(
        Optional.of("tag DEV_INIT_DATA_SENT where END_OF_STATE must follow DEV_CONFIG_STATE"),
        e.error());
    assertEquals(0, c.initDataSent());
    assertEquals(0, e.sectionsEnded());

    // an empty record: no data, and the section goes on
    VfioSectionStream.Loader z = new VfioSectionStream.Loader();
    VfioSectionStream.Loaded ok =
        z.feed(
            java.nio.ByteBuffer.allocate(24)
                .putLong(VfioSectionStream.DEV_DATA_STATE)
                .putLong(0)
                .putLong(VfioSectionStream.END_OF_STATE)
                .array());
    assertEquals(Optional.empty(), ok.error());
    assertEquals(1, ok.sectionsEnded());
    assertEquals(List.of(), ok.data());
    assertEquals(Optional.empty(), z.endOfStream());
  }
}
