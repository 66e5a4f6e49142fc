package org.vfiomc.conformance.emulator.packet;

import static com.google.common.base.Preconditions.checkArgument;

import java.util.SplittableRandom;

/**
 * Builds identifiable traffic: destination MAC, source MAC, EtherType 0x88B5 (IEEE local
 * experimental), then the 8-byte little-endian {@link PacketId} at offset 14, then deterministic
 * pseudo-random payload derived from the id and a seed. Any single-byte corruption of the payload
 * changes the content; the id lets the ledger match a delivered buffer to what was sent.
 */
public final class TestFrames {
  /** EtherType used by test traffic. */
  public static final int ETHERTYPE = 0x88B5;

  /** Offset of the packet id inside the frame. */
  public static final int ID_OFFSET = 14;

  /** Smallest test frame: 60 bytes (64 on the wire with FCS). */
  public static final int MIN_TEST_LENGTH = 60;

  private TestFrames() {}

  /** A frame of {@code length} bytes carrying {@code id}. */
  public static Frame build(PacketId id, long dstMac, long srcMac, int length, long seed) {
    checkArgument(length >= MIN_TEST_LENGTH && length <= Frame.MAX_LENGTH, "length %s", length);
    byte[] b = new byte[length];
    putMac(b, 0, dstMac);
    putMac(b, 6, srcMac);
    b[12] = (byte) (ETHERTYPE >>> 8);
    b[13] = (byte) ETHERTYPE;
    for (int i = 0; i < 8; i++) {
      b[ID_OFFSET + i] = (byte) (id.value() >>> (8 * i));
    }
    SplittableRandom r = new SplittableRandom(seed * 0x9E3779B97F4A7C15L + id.value());
    for (int i = ID_OFFSET + 8; i < length; i++) {
      b[i] = (byte) r.nextInt(256);
    }
    return Frame.of(b);
  }

  /**
   * The packet id in {@code buf[off, off + len)}, or -1 if the bytes are not test traffic. A frame
   * with an 802.1Q tag after its MACs ({@link Frame#VLAN_TPID}) carries its EtherType and id 4
   * bytes further on.
   */
  public static long idOf(byte[] buf, int off, int len) {
    int at = off;
    int n = len;
    if (n >= Frame.VLAN_TAG_OFFSET + 2 && Frame.startsWithTpid(buf, off)) {
      at += Frame.VLAN_TAG_LENGTH;
      n -= Frame.VLAN_TAG_LENGTH;
    }
    if (n < MIN_TEST_LENGTH
        || (buf[at + 12] & 0xFF) != (ETHERTYPE >>> 8)
        || (buf[at + 13] & 0xFF) != (ETHERTYPE & 0xFF)) {
      return -1;
    }
    long v = 0;
    for (int i = 7; i >= 0; i--) {
      v = (v << 8) | (buf[at + ID_OFFSET + i] & 0xFF);
    }
    return v;
  }

  /** Writes a 48-bit MAC, most significant byte first. */
  public static void putMac(byte[] b, int off, long mac) {
    for (int i = 0; i < 6; i++) {
      b[off + i] = (byte) (mac >>> (8 * (5 - i)));
    }
  }
}
