package org.vfiomc.conformance.vfio;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkState;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.zip.CRC32C;

/**
 * Produces a version-1 migration stream ({@link StreamFormat}) piece by piece: the header, then
 * sections, then END. Keeps the section counter and the running whole-stream CRC32C.
 */
public final class MigrationStreamWriter {
  private final CRC32C streamCrc = new CRC32C();
  private final String version;
  private int nextSequence;
  private boolean headerDone;
  private boolean finalDone;
  private boolean ended;

  public MigrationStreamWriter(String version) {
    checkArgument(
        !version.isEmpty() && version.length() <= StreamFormat.MAX_VERSION_STRING,
        "version string length %s not in 1..256",
        version.length());
    checkArgument(
        StandardCharsets.US_ASCII.newEncoder().canEncode(version), "version must be ASCII");
    this.version = version;
  }

  /** The header bytes; must come first and only once. */
  public byte[] header() {
    checkState(!headerDone, "header already written");
    headerDone = true;
    byte[] v = version.getBytes(StandardCharsets.US_ASCII);
    ByteBuffer b = ByteBuffer.allocate(StreamFormat.headerBytes(v.length));
    b.putInt(StreamFormat.MAGIC).putShort((short) StreamFormat.VERSION).putShort((short) v.length);
    b.put(v);
    b.putInt(crc(b.array(), 0, b.position()));
    return emit(b.array());
  }

  /** A PRECOPY_IMAGE section with this payload. */
  public byte[] precopyImage(byte[] payload) {
    checkState(!finalDone, "no pre-copy image after the final state");
    return section(StreamFormat.SectionType.PRECOPY_IMAGE, payload);
  }

  /** A PRECOPY_DELTA section: an increment ({@link DeltaImage}) over the previous image. */
  public byte[] precopyDelta(byte[] delta) {
    checkState(!finalDone, "no pre-copy image after the final state");
    return section(StreamFormat.SectionType.PRECOPY_DELTA, delta);
  }

  /** The FINAL_DELTA section: the final state as an increment over the previous image. */
  public byte[] finalDelta(byte[] delta) {
    checkState(!finalDone, "final state already written");
    finalDone = true;
    return section(StreamFormat.SectionType.FINAL_DELTA, delta);
  }

  /** The FINAL_STATE section. */
  public byte[] finalState(byte[] payload) {
    checkState(!finalDone, "final state already written");
    finalDone = true;
    return section(StreamFormat.SectionType.FINAL_STATE, payload);
  }

  /** The END section, closing the stream. */
  public byte[] end() {
    checkState(finalDone, "END needs the final state first");
    ByteBuffer p = ByteBuffer.allocate(StreamFormat.END_PAYLOAD_BYTES);
    p.putInt(nextSequence).putInt((int) streamCrc.getValue());
    byte[] out = section(StreamFormat.SectionType.END, p.array());
    ended = true;
    return out;
  }

  public boolean ended() {
    return ended;
  }

  private byte[] section(StreamFormat.SectionType type, byte[] payload) {
    checkState(headerDone && !ended, "sections go between header and END");
    checkArgument(payload.length <= StreamFormat.MAX_SECTION_PAYLOAD, "payload too large");
    ByteBuffer b = ByteBuffer.allocate(StreamFormat.SECTION_OVERHEAD + payload.length);
    b.put((byte) type.code()).putInt(nextSequence++).putInt(payload.length).put(payload);
    b.putInt(crc(b.array(), 0, b.position()));
    return emit(b.array());
  }

  private byte[] emit(byte[] bytes) {
    streamCrc.update(bytes, 0, bytes.length);
    return bytes;
  }

  static int crc(byte[] a, int off, int len) {
    CRC32C c = new CRC32C();
    c.update(a, off, len);
    return (int) c.getValue();
  }
}
