package org.vfiomc.conformance.emulator.packet;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkPositionIndexes;

import java.util.Arrays;
import java.util.HexFormat;
import java.util.zip.CRC32C;

/** An Ethernet frame without FCS: immutable bytes with content equality. */
public final class Frame {
  /** Shortest frame without FCS (60 bytes; 64 on the wire with FCS). */
  public static final int MIN_LENGTH = 14;

  /** Longest frame accepted anywhere in the model (jumbo 9728 bytes). */
  public static final int MAX_LENGTH = 9728;

  private final byte[] bytes;
  private final int crc;
  private final long dstMac;

  private Frame(byte[] bytes) {
    this.bytes = bytes;
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
    return o instanceof Frame frame && crc == frame.crc && Arrays.equals(bytes, frame.bytes);
  }

  @Override
  public int hashCode() {
    return crc;
  }

  @Override
  public String toString() {
    String hex = HexFormat.of().formatHex(bytes, 0, Math.min(bytes.length, 24));
    return "Frame[" + bytes.length + " B, crc32c=" + Integer.toHexString(crc) + ", " + hex + "…]";
  }
}
