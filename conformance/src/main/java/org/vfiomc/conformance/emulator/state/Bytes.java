package org.vfiomc.conformance.emulator.state;

import java.util.Arrays;
import java.util.HexFormat;

/** Immutable byte string with content equality (arrays cannot be record components). */
public final class Bytes {
  private static final Bytes EMPTY = new Bytes(new byte[0]);
  private final byte[] b;

  private Bytes(byte[] b) {
    this.b = b;
  }

  /** A copy of {@code src[off, off + len)}. */
  public static Bytes copyOf(byte[] src, int off, int len) {
    return len == 0 ? EMPTY : new Bytes(Arrays.copyOfRange(src, off, off + len));
  }

  /** The empty string. */
  public static Bytes empty() {
    return EMPTY;
  }

  /** Length. */
  public int length() {
    return b.length;
  }

  /** Copies all bytes into {@code dst} at {@code off}. */
  public void copyTo(byte[] dst, int off) {
    System.arraycopy(b, 0, dst, off, b.length);
  }

  /** A fresh copy. */
  public byte[] toByteArray() {
    return b.clone();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Bytes bytes && Arrays.equals(b, bytes.b);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(b);
  }

  @Override
  public String toString() {
    return "Bytes["
        + b.length
        + ": "
        + HexFormat.of().formatHex(b, 0, Math.min(16, b.length))
        + "]";
  }
}
