package org.vfiomc.conformance.vfio;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * An append-only byte buffer with random-access reads (the bytes of one data session), kept as the
 * pieces appended: an append copies its own bytes once and never what came before (a session holds
 * a few 16 KiB images, which a single growing array copied again whenever it grew).
 */
final class ByteQueue {
  private final List<byte[]> pieces = new ArrayList<>();
  private int size;

  void append(byte[] b, int off, int len) {
    Objects.checkFromIndexSize(off, len, b.length);
    if (len > 0) {
      pieces.add(Arrays.copyOfRange(b, off, off + len));
      size += len;
    }
  }

  void append(byte[] b) {
    append(b, 0, b.length);
  }

  int size() {
    return size;
  }

  /** Bytes {@code [from, to)} in a new array. */
  byte[] copy(int from, int to) {
    Objects.checkFromToIndex(from, to, size);
    byte[] out = new byte[to - from];
    int start = 0; // where the piece begins
    for (byte[] p : pieces) {
      if (start >= to) {
        break;
      }
      int end = start + p.length;
      if (end > from) {
        int a = Math.max(from, start);
        System.arraycopy(p, a - start, out, a - from, Math.min(to, end) - a);
      }
      start = end;
    }
    return out;
  }

  byte[] toArray() {
    return copy(0, size);
  }
}
