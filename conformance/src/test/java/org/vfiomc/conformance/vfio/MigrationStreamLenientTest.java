package org.vfiomc.conformance.vfio;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.vfiomc.conformance.vfio.StreamBytes.cat;
import static org.vfiomc.conformance.vfio.StreamBytes.section;
import static org.vfiomc.conformance.vfio.StreamBytes.withEnd;

import java.nio.ByteBuffer;
import java.util.EnumSet;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.vfiomc.conformance.function.SyntheticFunction;

/**
 * What a stream reader must do with the inputs the earlier stream tests left out (issue 13, PIT
 * survivors of {@code MigrationStreamReader}): a header met in the middle of a stream read in any
 * order ({@link LoadDefect#ACCEPT_REORDERED}), cut short or wrong, and an increment whose base is
 * right but whose runs are malformed, strict and lenient. Sections are built by hand with valid
 * CRC32Cs, so that each stream is wrong in exactly one way. A section with a 1-byte payload is 9 +
 * 1 + 4 = 14 bytes; the header of {@code VERSION} (39 characters) is 8 + 39 + 4 = 51 bytes.
 */
final class MigrationStreamLenientTest {
  private static final FunctionIdentity ID = SyntheticFunction.IDENTITY;
  private static final String VERSION = "1b36:00ff/synthetic-fn/stream-1/state-1";
  private static final int H = 51;
  private static final Set<LoadDefect> REORDERED = EnumSet.of(LoadDefect.ACCEPT_REORDERED);
  private static final Set<LoadDefect> TRUNCATED = EnumSet.of(LoadDefect.ACCEPT_TRUNCATED);

  private static byte[] header() {
    return new MigrationStreamWriter(VERSION).header();
  }

  private static StreamError error(byte[] s, Set<LoadDefect> defects) {
    return MigrationStreamReader.parse(s, ID, defects).error().orElseThrow();
  }

  private static void assertError(
      StreamError.Kind kind, long offset, String text, byte[] s, Set<LoadDefect> defects) {
    StreamError e = error(s, defects);
    assertEquals(kind, e.kind(), e::toString);
    assertEquals(offset, e.offset(), e::toString);
    assertTrue(e.message().contains(text), e::toString);
  }

  @Test
  void aHeaderMetMidStream_cutToItsMagic_isATruncatedHeader() {
    // a final state (14 bytes), then the 4 bytes of the magic and nothing more: what is cut off is
    // a header (the magic says so), at the stream's end, not a 9-byte section header
    byte[] magic = ByteBuffer.allocate(4).putInt(StreamFormat.MAGIC).array();
    byte[] s = cat(section(2, 0, new byte[] {7}), magic);
    assertError(StreamError.Kind.TRUNCATED, 18, "no header", s, REORDERED);
  }

  @Test
  void fewerThanFourBytesLeft_areACutSectionHeader_notAMagicToLookAt() {
    // 14 + 3 bytes: too few for a magic, let alone a section header; refused at the end, no
    // exception (the reader never throws on bad input)
    for (int left = 1; left <= 3; left++) {
      byte[] s =
          java.util.Arrays.copyOf(
              cat(section(2, 0, new byte[] {7}), new byte[] {0x56, 0x46, 0x4d}), 14 + left);
      assertError(StreamError.Kind.TRUNCATED, 14 + left, "inside a section header", s, REORDERED);
    }
  }

  @Test
  void aBadHeaderMetMidStream_isRefusedAtTheStreamOffsetOfItsDefect() {
    // a final state (14 bytes), then the header and END: the header's checks all still apply, and
    // each defect is named at its byte in the stream (the header starts at 14)
    byte[] fin = section(2, 0, new byte[] {7});
    byte[] good = withEnd(cat(fin, header()), 1, 1);
    MigrationStreamReader.Parsed ok = MigrationStreamReader.parse(good, ID, REORDERED);
    assertTrue(ok.hasState(), () -> ok.error().toString());
    assertEquals(VERSION, ok.sourceVersion());
    assertArrayEquals(new byte[] {7}, ok.finalState());

    byte[] format = good.clone();
    format[14 + 5] = 2; // format version 2 at header bytes 4..5
    assertError(StreamError.Kind.UNSUPPORTED_FORMAT, 14 + 4, "format version 2", format, REORDERED);
    byte[] crc = good.clone();
    crc[14 + H - 1] ^= 1; // the header's CRC32C, its last 4 bytes
    assertError(StreamError.Kind.HEADER_CHECKSUM, 14 + H - 4, "header CRC32C", crc, REORDERED);
    byte[] other = new MigrationStreamWriter("8086:10ed/other-fn/stream-1/state-1").header();
    byte[] foreign = withEnd(cat(fin, other), 1, 1);
    assertEquals(
        StreamError.Kind.INCOMPATIBLE, error(foreign, REORDERED).kind(), "a foreign function");
    assertEquals(14 + 8, error(foreign, REORDERED).offset(), "at its version string");
  }

  /** An increment for {@code base} (right digest and length) with the runs given. */
  private static byte[] delta(byte[] base, int resultLength, int[][] runs, byte[] data) {
    ByteBuffer b = ByteBuffer.allocate(DeltaImage.HEADER_BYTES + 8 * runs.length + data.length);
    b.putLong(DeltaImage.digest(base)).putInt(base.length).putInt(resultLength);
    b.putInt(runs.length);
    int d = 0;
    for (int[] r : runs) {
      b.putInt(r[0]).putInt(r[1]).put(data, d, r[1]);
      d += r[1];
    }
    return b.array();
  }

  private static final byte[] BASE = {1, 2, 3, 4};

  /** A run of 3 bytes at offset 2 of a 4-byte result: it writes past the image's end. */
  private static final byte[] PAST_THE_END =
      delta(BASE, 4, new int[][] {{2, 3}}, new byte[] {9, 9, 9});

  @Test
  void aMalformedIncrementOnTheRightBase_isRefusedNotAppliedInPart() {
    // the base check passes (digest and length of BASE), so only the runs' structure can refuse
    // it; the increment's payload starts at H + 14 (the image) + 9 (its section header)
    assertTrue(DeltaImage.appliesTo(PAST_THE_END, BASE));
    byte[] s =
        withEnd(
            cat(
                header(),
                section(1, 0, BASE.clone()),
                section(3, 1, PAST_THE_END),
                section(2, 2, new byte[] {5})),
            3,
            3);
    int at = H + (13 + BASE.length) + 9;
    assertError(StreamError.Kind.BAD_DELTA, at, "increment: run 0 at offset 2", s, Set.of());
    // the well-formed run of 2 bytes there is accepted, and the final state is what is loaded
    byte[] fine = delta(BASE, 4, new int[][] {{2, 2}}, new byte[] {9, 9});
    byte[] t =
        withEnd(
            cat(
                header(),
                section(1, 0, BASE.clone()),
                section(3, 1, fine),
                section(2, 2, new byte[] {5})),
            3,
            3);
    MigrationStreamReader.Parsed p = MigrationStreamReader.parse(t, ID);
    assertTrue(p.hasState(), () -> p.error().toString());
    assertArrayEquals(new byte[] {5}, p.finalState());
  }

  @Test
  void aMalformedFinalIncrement_isRefusedByTheLenientParses_notLoadedAsTheBase() {
    // FINAL_DELTA over the image BASE: a reader that accepts reordered or cut-off streams still
    // checks each increment it applies; loading BASE unchanged would be a state the source never
    // had at the end
    byte[] s =
        withEnd(cat(header(), section(1, 0, BASE.clone()), section(4, 1, PAST_THE_END)), 2, 2);
    int at = H + (13 + BASE.length) + 9;
    for (Set<LoadDefect> d : java.util.List.of(REORDERED, TRUNCATED)) {
      StreamError e = error(s, d);
      assertEquals(StreamError.Kind.BAD_DELTA, e.kind(), d + ": " + e);
      assertEquals(at, e.offset(), d + ": " + e);
    }
    // and a well-formed one builds the final state: BASE with bytes 2..3 replaced
    byte[] fine = delta(BASE, 4, new int[][] {{2, 2}}, new byte[] {9, 8});
    byte[] t = withEnd(cat(header(), section(1, 0, BASE.clone()), section(4, 1, fine)), 2, 2);
    for (Set<LoadDefect> d : java.util.List.of(REORDERED, TRUNCATED, Set.<LoadDefect>of())) {
      MigrationStreamReader.Parsed p = MigrationStreamReader.parse(t, ID, d);
      assertArrayEquals(new byte[] {1, 2, 9, 8}, p.finalState(), d::toString);
    }
  }
}
