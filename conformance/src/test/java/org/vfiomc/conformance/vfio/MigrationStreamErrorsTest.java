package org.vfiomc.conformance.vfio;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.vfiomc.conformance.vfio.StreamBytes.cat;
import static org.vfiomc.conformance.vfio.StreamBytes.section;
import static org.vfiomc.conformance.vfio.StreamBytes.withEnd;

import java.nio.ByteBuffer;
import org.junit.jupiter.api.Test;
import org.vfiomc.conformance.function.SyntheticFunction;

/**
 * Every rejection of the strict stream parse with its kind, offset and message, and the writer's
 * refusals (issue 13, item 5: PIT survivors of {@code MigrationStreamReader} and {@code
 * MigrationStreamWriter}). Sections are built by hand with valid CRC32Cs, so that each stream is
 * wrong in exactly one way. The header of {@code VERSION} (39 characters) is 8 + 39 + 4 = 51 bytes,
 * so the first section starts at 51.
 */
final class MigrationStreamErrorsTest {
  private static final FunctionIdentity ID = SyntheticFunction.IDENTITY;
  private static final String VERSION = "1b36:00ff/synthetic-fn/stream-1/state-1";
  private static final int H = 51;

  private static byte[] header() {
    return new MigrationStreamWriter(VERSION).header();
  }

  private static StreamError error(byte[] s) {
    return MigrationStreamReader.parse(s, ID).error().orElseThrow();
  }

  private static void assertError(StreamError.Kind kind, long offset, String text, byte[] s) {
    StreamError e = error(s);
    assertEquals(kind, e.kind(), e::toString);
    assertEquals(offset, e.offset(), e::toString);
    assertTrue(e.message().contains(text), e::toString);
  }

  @Test
  void headerErrors_atTheirOffsets() {
    byte[] h = header();
    assertError(StreamError.Kind.TRUNCATED, 7, "has no header", java.util.Arrays.copyOf(h, 7));
    // 8 bytes are the fixed part: the version string is what is missing
    assertError(
        StreamError.Kind.TRUNCATED,
        8,
        "header needs 51 bytes, stream has 8",
        java.util.Arrays.copyOf(h, 8));
    byte[] zero = h.clone();
    zero[6] = 0;
    zero[7] = 0;
    assertError(StreamError.Kind.BAD_HEADER, 6, "length 0 not in 1..256", zero);
    byte[] big = h.clone();
    big[6] = 1;
    big[7] = 1; // 257
    assertError(StreamError.Kind.BAD_HEADER, 6, "length 257 not in 1..256", big);
    byte[] max = h.clone();
    max[6] = 1;
    max[7] = 0; // 256: a valid length; this stream is too short for it
    assertError(StreamError.Kind.TRUNCATED, 51, "header needs 268 bytes", max);
    // 1 character is a valid length too: the header passes, the version string is then refused
    assertError(
        StreamError.Kind.INCOMPATIBLE,
        8,
        "not of the form",
        new MigrationStreamWriter("v").header());
    byte[] crc = h.clone();
    crc[50] ^= 1;
    assertError(StreamError.Kind.HEADER_CHECKSUM, 47, "header CRC32C", crc);
    // a header and nothing more: the stream ends before section 0
    assertError(StreamError.Kind.TRUNCATED, 51, "before section 0", h);
  }

  @Test
  void sectionErrors_atTheirOffsets() {
    byte[] h = header();
    // 9 bytes of a section header claiming 3 payload bytes: 16 needed
    byte[] nine = java.util.Arrays.copyOf(section(2, 0, new byte[3]), 9);
    assertError(
        StreamError.Kind.TRUNCATED, H + 9, "section at byte 51 needs 16 bytes", cat(h, nine));
    // 8 bytes: not even a section header
    assertError(
        StreamError.Kind.TRUNCATED,
        H + 8,
        "ends inside or before section 0",
        cat(h, java.util.Arrays.copyOf(nine, 8)));
    // the largest payload length (16 MiB) is allowed: this stream is just too short for it
    byte[] max = ByteBuffer.allocate(9).put((byte) 2).putInt(0).putInt(16 << 20).array();
    assertError(StreamError.Kind.TRUNCATED, H + 9, "needs " + ((16 << 20) + 13), cat(h, max));
    byte[] over = ByteBuffer.allocate(9).put((byte) 2).putInt(0).putInt((16 << 20) + 1).array();
    assertError(StreamError.Kind.SECTION_TOO_LARGE, H + 5, "length 16777217 exceeds", cat(h, over));
    assertError(
        StreamError.Kind.BAD_SECTION_TYPE,
        H,
        "unknown section type 0x7",
        cat(h, section(7, 0, new byte[1])));
    assertError(
        StreamError.Kind.SECTION_OUT_OF_ORDER,
        H + 1,
        "section sequence 1, expected 0",
        cat(h, section(2, 1, new byte[1])));
    byte[] fin = section(2, 0, new byte[1]); // 14 bytes
    assertError(
        StreamError.Kind.SECTION_OUT_OF_ORDER,
        H + 14,
        "pre-copy image after the final state",
        cat(h, fin, section(1, 1, new byte[1])));
    assertError(
        StreamError.Kind.SECTION_OUT_OF_ORDER,
        H + 14,
        "second final state",
        cat(h, fin, section(2, 1, new byte[1])));
    // an increment needs a whole image before it
    assertError(
        StreamError.Kind.BAD_DELTA,
        H + 9,
        "without a whole image",
        cat(h, section(4, 0, new byte[1])));
  }

  @Test
  void endErrors_atTheirOffsets() {
    byte[] h = header();
    byte[] fin = section(2, 0, new byte[] {1, 2, 3}); // 16 bytes: END at 67, its payload at 76
    assertTrue(MigrationStreamReader.parse(withEnd(cat(h, fin), 1, 1), ID).error().isEmpty());
    assertError(
        StreamError.Kind.MISSING_FINAL_STATE, H, "END without a final state", withEnd(h, 0, 0));
    assertError(
        StreamError.Kind.BAD_END,
        H + 16 + 5,
        "END payload has 4 bytes",
        cat(h, fin, section(0xFF, 1, new byte[4])));
    assertError(
        StreamError.Kind.BAD_END,
        H + 16 + 9,
        "END counts 2 sections, saw 1",
        withEnd(cat(h, fin), 1, 2));
    byte[] badCrc = withEnd(cat(h, fin), 1, 1);
    badCrc[H + 16 + 9 + 4] ^= 1; // the whole-stream CRC (and then the section's CRC is wrong too)
    byte[] resealed = cat(java.util.Arrays.copyOf(badCrc, badCrc.length - 4), new byte[4]);
    int c = MigrationStreamWriter.crc(resealed, H + 16, 17);
    ByteBuffer.wrap(resealed).putInt(resealed.length - 4, c);
    assertError(StreamError.Kind.STREAM_CHECKSUM, H + 16 + 13, "stream CRC32C", resealed);
    byte[] trailing = cat(withEnd(cat(h, fin), 1, 1), new byte[2]);
    assertError(
        StreamError.Kind.TRAILING_BYTES, H + 16 + 21, "2 bytes after the END section", trailing);
  }

  @Test
  void anUnknownFormatVersion_isNamedAtOffset4() {
    byte[] h = header();
    h[5] = 2;
    assertError(StreamError.Kind.UNSUPPORTED_FORMAT, 4, "format version 2", h);
  }

  private static StreamError lenientError(byte[] s) {
    return MigrationStreamReader.parse(s, ID, java.util.Set.of(LoadDefect.ACCEPT_TRUNCATED))
        .error()
        .orElseThrow();
  }

  @Test
  void aParseThatAcceptsTruncation_stillRefusesEveryOtherDefectWhereTheStrictOneDoes() {
    // LoadDefect.ACCEPT_TRUNCATED forgives a stream that stops early, nothing else
    byte[] h = header();
    byte[] fin = section(2, 0, new byte[1]); // 14 bytes
    byte[] over = ByteBuffer.allocate(9).put((byte) 2).putInt(0).putInt((16 << 20) + 1).array();
    byte[][] bad = {
      cat(h, section(7, 0, new byte[1])),
      cat(h, section(2, 1, new byte[1])),
      cat(h, fin, section(1, 1, new byte[1])),
      cat(h, fin, section(2, 1, new byte[1])),
      cat(h, over),
      withEnd(h, 0, 0),
    };
    for (byte[] s : bad) {
      StreamError strict = error(s);
      StreamError lenient = lenientError(s);
      assertEquals(strict.kind(), lenient.kind(), strict::toString);
      assertEquals(strict.offset(), lenient.offset(), strict::toString);
    }
    byte[] crc = cat(h, fin);
    crc[H + 10] ^= 1;
    assertEquals(StreamError.Kind.SECTION_CHECKSUM, lenientError(crc).kind());
    assertEquals(H + 10, lenientError(crc).offset());
    // a section cut off, or a section header cut off, is still refused; the largest payload length
    // is not too large, only cut off here
    byte[] nine = java.util.Arrays.copyOf(section(2, 0, new byte[3]), 9);
    assertTrue(lenientError(cat(h, nine)).message().contains("is cut off"));
    assertTrue(
        lenientError(cat(h, java.util.Arrays.copyOf(nine, 8)))
            .message()
            .contains("inside a section header"));
    byte[] max = ByteBuffer.allocate(9).put((byte) 2).putInt(0).putInt(16 << 20).array();
    assertEquals(StreamError.Kind.TRUNCATED, lenientError(cat(h, max)).kind());
    StreamError trailing = lenientError(cat(withEnd(cat(h, fin), 1, 1), new byte[2]));
    assertEquals(StreamError.Kind.TRAILING_BYTES, trailing.kind());
    assertEquals(H + 14 + 21, trailing.offset());
    assertTrue(trailing.message().contains("2 bytes after END"), trailing::toString);
    // what it does accept: a stream ending after a pre-copy image, whose image is the state
    MigrationStreamReader.Parsed cut =
        MigrationStreamReader.parse(
            cat(h, section(1, 0, new byte[] {9})),
            ID,
            java.util.Set.of(LoadDefect.ACCEPT_TRUNCATED));
    assertTrue(cut.hasState());
    assertEquals(VERSION, cut.sourceVersion());
    assertEquals(1, cut.precopyImages());
  }

  @Test
  void theWriter_refusesWhatTheFormatForbids() {
    assertThrows(IllegalArgumentException.class, () -> new MigrationStreamWriter(""));
    new MigrationStreamWriter("v".repeat(256)).header(); // 256 characters: the longest allowed
    assertThrows(IllegalArgumentException.class, () -> new MigrationStreamWriter("v".repeat(257)));
    assertThrows(IllegalArgumentException.class, () -> new MigrationStreamWriter("\u00e9"));
    MigrationStreamWriter w = new MigrationStreamWriter(VERSION);
    assertThrows(IllegalStateException.class, () -> w.precopyImage(new byte[1]), "before header");
    w.header();
    assertThrows(IllegalStateException.class, w::header);
    assertThrows(IllegalStateException.class, w::end, "END before the final state");
    assertThrows(IllegalArgumentException.class, () -> w.precopyImage(new byte[(16 << 20) + 1]));
    w.precopyImage(new byte[16 << 20]); // exactly the largest payload
    w.finalState(new byte[1]);
    assertThrows(IllegalStateException.class, () -> w.precopyImage(new byte[1]));
    assertThrows(IllegalStateException.class, () -> w.precopyDelta(new byte[1]));
    assertThrows(IllegalStateException.class, () -> w.finalState(new byte[1]));
    assertThrows(IllegalStateException.class, () -> w.finalDelta(new byte[1]));
    assertFalse(w.ended());
    w.end();
    assertTrue(w.ended());
    assertThrows(IllegalStateException.class, w::end, "after END");
  }
}
