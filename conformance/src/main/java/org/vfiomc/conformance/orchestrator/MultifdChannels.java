package org.vfiomc.conformance.orchestrator;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * The multifd channels of one migration, both ends: the source hands each device-state packet to
 * the next channel, round-robin over all devices ({@code multifd_queue_device_state}, {@code
 * migration/multifd-device-state.c}, through {@code multifd_send}, which takes the channels in
 * turn, {@code migration/multifd.c}); each channel is a TCP stream that keeps its own order, and a
 * packet travels framed by its length (the {@code next_packet_size} of {@code
 * MultiFDPacketDeviceState_t}, {@code migration/multifd.h}, filled in by {@code
 * multifd_device_state_fill_packet}). Packets on different channels arrive in the order they were
 * sent unless the {@link MultifdFault} says otherwise. The destination's receive side of each
 * channel ({@code multifd_recv_thread}) reads a length, then that many bytes; the end of the
 * channel inside a packet fails the load.
 */
final class MultifdChannels {
  /** Bytes of the frame before a packet: its length, 32-bit big-endian. */
  static final int FRAME_HEADER_BYTES = 4;

  /** What reaches the destination, in order: bytes on a channel, possibly its end after them. */
  // bytes in transit, handed on and never compared
  @SuppressWarnings("ArrayRecordComponent")
  record Arrival(int channel, byte[] bytes, boolean channelCloses) {}

  /** One device's packets on the way, and the fault that struck them, if one did. */
  record Sent(List<Arrival> arrivals, Optional<MultifdFault> fault) {
    Sent {
      arrivals = List.copyOf(arrivals);
    }
  }

  private final MultifdTransfer transfer;
  private final ByteArrayOutputStream[] received;
  private int nextChannel;
  private boolean faultFired;

  MultifdChannels(MultifdTransfer transfer) {
    this.transfer = transfer;
    this.received = new ByteArrayOutputStream[transfer.channels()];
    for (int c = 0; c < received.length; c++) {
      received[c] = new ByteArrayOutputStream();
    }
  }

  /** The source sends one device's packets, index 0 first; the arrivals, with the fault applied. */
  Sent send(List<byte[]> packets) {
    int n = packets.size();
    int[] channel = new int[n];
    byte[][] frames = new byte[n][];
    Optional<MultifdFault> fault = pendingFault(n);
    for (int i = 0; i < n; i++) {
      channel[i] = nextChannel;
      nextChannel = (nextChannel + 1) % transfer.channels();
      byte[] packet = packets.get(i);
      if (fault.isPresent()
          && fault.get().kind() == MultifdFault.Kind.VERSION
          && fault.get().packet() == i) {
        packet = packet.clone();
        packet[3] = 1; // version 1: the low byte of the first, big-endian word
      }
      frames[i] =
          ByteBuffer.allocate(FRAME_HEADER_BYTES + packet.length)
              .putInt(packet.length)
              .put(packet)
              .array();
    }
    List<Integer> order = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      order.add(i);
    }
    List<Arrival> out = new ArrayList<>();
    if (fault.isEmpty()) {
      order.forEach(i -> out.add(new Arrival(channel[i], frames[i], false)));
      return new Sent(out, fault);
    }
    faultFired = true;
    int k = fault.get().packet();
    switch (fault.get().kind()) {
      case REORDER -> {
        order.set(k, k + 1);
        order.set(k + 1, k);
      }
      case STALL -> {
        List<Integer> onTime = new ArrayList<>();
        List<Integer> late = new ArrayList<>();
        for (int i : order) {
          (i >= k && channel[i] == channel[k] ? late : onTime).add(i);
        }
        order.clear();
        order.addAll(onTime);
        order.addAll(late);
      }
      case DUPLICATE -> order.add(k + 1, k);
      case BREAK -> {
        order.subList(k, n).clear();
        order.forEach(i -> out.add(new Arrival(channel[i], frames[i], false)));
        out.add(new Arrival(channel[k], Arrays.copyOf(frames[k], frames[k].length / 2), true));
        return new Sent(out, fault);
      }
      case VERSION -> {
        // the packet itself was changed above
      }
    }
    order.forEach(i -> out.add(new Arrival(channel[i], frames[i], false)));
    return new Sent(out, fault);
  }

  /** The fault, if it has not fired and this device's {@code n} packets reach its position. */
  private Optional<MultifdFault> pendingFault(int n) {
    return transfer
        .fault()
        .filter(
            f -> !faultFired && f.packet() + (f.kind() == MultifdFault.Kind.REORDER ? 1 : 0) < n);
  }

  /**
   * The destination reads {@code a}: complete packets go to {@code packets}; an error if the
   * channel ends inside a packet.
   */
  Optional<String> receive(Arrival a, List<byte[]> packets) {
    ByteArrayOutputStream buf = received[a.channel()];
    buf.writeBytes(a.bytes());
    byte[] all = buf.toByteArray();
    int at = 0;
    while (all.length - at >= FRAME_HEADER_BYTES) {
      int len = ByteBuffer.wrap(all, at, FRAME_HEADER_BYTES).getInt();
      if (all.length - at - FRAME_HEADER_BYTES < len) {
        break;
      }
      packets.add(Arrays.copyOfRange(all, at + FRAME_HEADER_BYTES, at + FRAME_HEADER_BYTES + len));
      at += FRAME_HEADER_BYTES + len;
    }
    buf.reset();
    buf.write(all, at, all.length - at);
    if (a.channelCloses() && buf.size() > 0) {
      return Optional.of(
          "multifd channel "
              + a.channel()
              + " closed inside a packet ("
              + buf.size()
              + " bytes of it read)");
    }
    return Optional.empty();
  }
}
