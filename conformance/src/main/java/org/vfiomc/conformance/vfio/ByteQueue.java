package org.vfiomc.conformance.vfio;

import java.util.Arrays;

/** An append-only byte buffer with random-access reads (the bytes of one data session). */
final class ByteQueue {
  private byte[] bytes = new byte[256];
  private int size;

  void append(byte[] b, int off, int len) {
    if (size + len > bytes.length) {
      bytes = Arrays.copyOf(bytes, Math.max(bytes.length * 2, size + len));
    }
    System.arraycopy(b, off, bytes, size, len);
    size += len;
  }

  void append(byte[] b) {
    append(b, 0, b.length);
  }

  int size() {
    return size;
  }

  byte[] copy(int from, int to) {
    return Arrays.copyOfRange(bytes, from, to);
  }

  byte[] toArray() {
    return Arrays.copyOf(bytes, size);
  }
}
