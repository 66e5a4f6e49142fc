package org.vfiomc.conformance.vfio;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.util.zip.CRC32C;

/** Hand-built migration streams for the reader's tests: sections, an END, concatenation. */
final class StreamBytes {
  private StreamBytes() {}

  /** A section of {@code type} numbered {@code seq}, with its CRC-32C trailer. */
  static byte[] section(int type, int seq, byte[] payload) {
    ByteBuffer b = ByteBuffer.allocate(StreamFormat.SECTION_OVERHEAD + payload.length);
    b.put((byte) type).putInt(seq).putInt(payload.length).put(payload);
    b.putInt(MigrationStreamWriter.crc(b.array(), 0, b.position()));
    return b.array();
  }

  /** The parts, one after the other. */
  static byte[] cat(byte[]... parts) {
    ByteArrayOutputStream o = new ByteArrayOutputStream();
    for (byte[] p : parts) {
      o.writeBytes(p);
    }
    return o.toByteArray();
  }

  /** {@code before} and an END section numbered {@code seq} counting {@code count} sections. */
  static byte[] withEnd(byte[] before, int seq, int count) {
    CRC32C c = new CRC32C();
    c.update(before);
    byte[] p = ByteBuffer.allocate(8).putInt(count).putInt((int) c.getValue()).array();
    return cat(before, section(0xFF, seq, p));
  }
}
