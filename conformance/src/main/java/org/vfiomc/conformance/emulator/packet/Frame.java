package org.vfiomc.conformance.emulator.packet;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkPositionIndexes;

import java.util.Arrays;
import java.util.HexFormat;
import java.util.zip.CRC32C;

/**
 * An Ethernet frame without FCS: immutable bytes with content equality, and whether its FCS matched
 * on the wire ({@link #fcsError()}; the FCS itself is not carried, the MAC checks and strips it).
 */
public final class Frame {
  /**
   * The 802.1Q tag protocol identifier a receiver recognises as a VLAN tag: the 82599's VLNCTRL.VET
   * (a PF register; 0x8100 is its reset value and the ixgbe PF leaves it so; {@code ETH_P_8021Q}).
   * UNVERIFIED against the datasheet's VLNCTRL description, which was not consulted.
   */
  public static final int VLAN_TPID = 0x8100;

  /** Bytes of one 802.1Q tag (TPID and TCI) after the two MAC addresses. */
  public static final int VLAN_TAG_LENGTH = 4;

  /** Offset of the tag (or of the EtherType of an untagged frame): after the two MACs. */
  public static final int VLAN_TAG_OFFSET = 12;

  /** Shortest frame without FCS (60 bytes; 64 on the wire with FCS). */
  public static final int MIN_LENGTH = 14;

  /** Longest frame accepted anywhere in the model (jumbo 9728 bytes). */
  public static final int MAX_LENGTH = 9728;

  private final byte[] bytes;
  private final int crc;
  private final long dstMac;
  private final boolean fcsError;

  private Frame(byte[] bytes) {
    this(bytes, false);
  }

  private Frame(byte[] bytes, boolean fcsError) {
    this.bytes = bytes;
    this.fcsError = fcsError;
    CRC32C c = new CRC32C();
    c.update(bytes);
    this.crc = (int) c.getValue();
    long m = 0;
    for (int i = 0; i < 6; i++) {
      m = (m << 8) | (bytes[i] & 0xFF);
    }
    this.dstMac = m;
  }

  /** A frame holding a copy of {@code src[off, off + len)}. */
  public static Frame copyOf(byte[] src, int off, int len) {
    checkPositionIndexes(off, off + len, src.length);
    checkArgument(
        len >= MIN_LENGTH && len <= MAX_LENGTH,
        "frame length %s outside [%s, %s]",
        len,
        MIN_LENGTH,
        MAX_LENGTH);
    return new Frame(Arrays.copyOfRange(src, off, off + len));
  }

  /** A frame holding a copy of {@code src}. */
  public static Frame of(byte[] src) {
    return copyOf(src, 0, src.length);
  }

  /**
   * This frame as a receiver gets it after a bit error on the wire: its last byte inverted, so the
   * FCS the sender computed no longer matches ({@link #fcsError()}). The id of a test frame (bytes
   * 14..21, {@code TestFrames}) is untouched, so the ledger still knows which frame it was.
   */
  public Frame withBitErrorInLastByte() {
    byte[] b = bytes.clone();
    b[b.length - 1] ^= (byte) 0xFF;
    return new Frame(b, true);
  }

  /** True if the frame's FCS did not match on the wire (a CRC error, the 82599's CE). */
  public boolean fcsError() {
    return fcsError;
  }

  /**
   * The TCI of this frame's 802.1Q tag (16 bits: priority, DEI, VLAN id), or -1 if it carries none
   * ({@link #VLAN_TPID} at bytes 12..13).
   */
  public int vlanTci() {
    if (bytes.length < VLAN_TAG_OFFSET + VLAN_TAG_LENGTH + 2 || !startsWithTpid(bytes, 0)) {
      return -1;
    }
    return (bytes[VLAN_TAG_OFFSET + 2] & 0xFF) << 8 | (bytes[VLAN_TAG_OFFSET + 3] & 0xFF);
  }

  /** True if {@code buf[off + 12, off + 14)} is {@link #VLAN_TPID}. */
  public static boolean startsWithTpid(byte[] buf, int off) {
    return buf[off + VLAN_TAG_OFFSET] == (byte) (VLAN_TPID >>> 8)
        && buf[off + VLAN_TAG_OFFSET + 1] == (byte) VLAN_TPID;
  }

  /**
   * This frame without its 802.1Q tag (what a receiver that strips VLAN tags places in memory); the
   * FCS verdict is kept. Only for a tagged frame ({@link #vlanTci()} >= 0).
   */
  public Frame withoutVlanTag() {
    checkArgument(vlanTci() >= 0, "frame carries no 802.1Q tag");
    byte[] b = new byte[bytes.length - VLAN_TAG_LENGTH];
    System.arraycopy(bytes, 0, b, 0, VLAN_TAG_OFFSET);
    System.arraycopy(
        bytes, VLAN_TAG_OFFSET + VLAN_TAG_LENGTH, b, VLAN_TAG_OFFSET, b.length - VLAN_TAG_OFFSET);
    return new Frame(b, fcsError);
  }

  /** This frame with the 802.1Q tag {@code tci} inserted after its MACs (a sender's tagging). */
  public Frame withVlanTag(int tci) {
    checkArgument(bytes.length + VLAN_TAG_LENGTH <= MAX_LENGTH, "tagged frame too long");
    byte[] b = new byte[bytes.length + VLAN_TAG_LENGTH];
    insertVlanTag(bytes, bytes.length, tci, b);
    return new Frame(b, fcsError);
  }

  /**
   * Writes the frame {@code buf[0, len)} with the 802.1Q tag {@code tci} put back after its MACs
   * into {@code dst} (at least {@code len + 4} bytes); returns the new length. What a capture of an
   * skb with a hardware-accelerated tag shows ({@code __vlan_hwaccel_put_tag} keeps the tag beside
   * the data; the frame on the wire had it inline).
   */
  public static int insertVlanTag(byte[] buf, int len, int tci, byte[] dst) {
    System.arraycopy(
        buf, VLAN_TAG_OFFSET, dst, VLAN_TAG_OFFSET + VLAN_TAG_LENGTH, len - VLAN_TAG_OFFSET);
    System.arraycopy(buf, 0, dst, 0, VLAN_TAG_OFFSET);
    dst[VLAN_TAG_OFFSET] = (byte) (VLAN_TPID >>> 8);
    dst[VLAN_TAG_OFFSET + 1] = (byte) VLAN_TPID;
    dst[VLAN_TAG_OFFSET + 2] = (byte) (tci >>> 8);
    dst[VLAN_TAG_OFFSET + 3] = (byte) tci;
    return len + VLAN_TAG_LENGTH;
  }

  /** Length in bytes. */
  public int length() {
    return bytes.length;
  }

  /** One byte. */
  public byte byteAt(int i) {
    return bytes[i];
  }

  /** Copies {@code len} bytes from offset {@code from} into {@code dst} at {@code off}. */
  public void copyTo(int from, byte[] dst, int off, int len) {
    System.arraycopy(bytes, from, dst, off, len);
  }

  /** A fresh copy of the bytes. */
  public byte[] toByteArray() {
    return bytes.clone();
  }

  /** CRC32C of the content. */
  public int crc32c() {
    return crc;
  }

  /** True if {@code buf[off, off + len)} equals this frame's bytes. */
  public boolean contentEquals(byte[] buf, int off, int len) {
    return len == bytes.length && Arrays.equals(bytes, 0, len, buf, off, off + len);
  }

  /** Index of the first byte where {@code buf} differs, or -1 if equal. */
  public int firstDifference(byte[] buf, int off, int len) {
    int n = Math.min(len, bytes.length);
    int m = Arrays.mismatch(bytes, 0, n, buf, off, off + n);
    if (m >= 0) {
      return m;
    }
    return len == bytes.length ? -1 : n;
  }

  /** True if the destination MAC is multicast (group bit) but not broadcast. */
  public boolean isMulticast() {
    return (dstMac & (1L << 40)) != 0 && dstMac != 0xFFFFFFFFFFFFL;
  }

  /** True if the destination MAC is ff:ff:ff:ff:ff:ff. */
  public boolean isBroadcast() {
    return dstMac == 0xFFFFFFFFFFFFL;
  }

  /** Destination MAC as a 48-bit value, byte 0 most significant. */
  public long destinationMac() {
    return dstMac;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Frame frame
        && crc == frame.crc
        && fcsError == frame.fcsError
        && Arrays.equals(bytes, frame.bytes);
  }

  @Override
  public int hashCode() {
    return crc;
  }

  @Override
  public String toString() {
    String hex = HexFormat.of().formatHex(bytes, 0, Math.min(bytes.length, 24));
    return "Frame["
        + bytes.length
        + " B, crc32c="
        + Integer.toHexString(crc)
        + (fcsError ? ", FCS error" : "")
        + ", "
        + hex
        + "…]";
  }
}
