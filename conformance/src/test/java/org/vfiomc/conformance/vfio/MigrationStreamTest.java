package org.vfiomc.conformance.vfio;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.zip.CRC32C;
import org.junit.jupiter.api.Test;
import org.vfiomc.conformance.function.SyntheticFunction;

final class MigrationStreamTest {
  private static final FunctionIdentity ID = SyntheticFunction.IDENTITY;
  private static final String VERSION = "1b36:00ff/synthetic-fn/stream-1/state-1";

  /**
   * Header (51) + FINAL_STATE of 3 payload bytes (13 + 3 = 16) + END (21) = 88 bytes. The CRC32C
   * values were computed independently with a bitwise Python CRC32C (polynomial 0x82F63B78, check
   * value of "123456789" = 0xe3069283): header 0x0fcdd975, section 0xbaf5c560, stream before END
   * 0x66dd1b50, END section 0xb2a5005b.
   */
  private static final String GOLDEN =
      "56464d5300010027"
          + HexFormat.of().formatHex(VERSION.getBytes(StandardCharsets.US_ASCII))
          + "0fcdd975"
          + "02"
          + "00000000"
          + "00000003"
          + "010203"
          + "baf5c560"
          + "ff"
          + "00000001"
          + "00000008"
          + "00000001"
          + "66dd1b50"
          + "b2a5005b";

  private static byte[] smallStream() {
    MigrationStreamWriter w = new MigrationStreamWriter(VERSION);
    byte[] h = w.header();
    byte[] f = w.finalState(new byte[] {1, 2, 3});
    byte[] e = w.end();
    byte[] all = new byte[h.length + f.length + e.length];
    System.arraycopy(h, 0, all, 0, h.length);
    System.arraycopy(f, 0, all, h.length, f.length);
    System.arraycopy(e, 0, all, h.length + f.length, e.length);
    return all;
  }

  @Test
  void crc32c_checkValue_isTheCastagnoliOne() {
    CRC32C c = new CRC32C();
    c.update("123456789".getBytes(StandardCharsets.US_ASCII));
    assertEquals(0xe3069283L, c.getValue());
  }

  /** {@code VVVV:DDDD}: lower-case hex ids of at least four digits, as {@code %04x} prints them. */
  @Test
  void versionString_padsTheIdsToFourHexDigits() {
    assertEquals(
        "0001:00ab/m/stream-" + StreamFormat.VERSION + "/state-2",
        MigrationVersion.of(new FunctionIdentity(0x1, 0xab, "m", 2, 1)));
    assertEquals(
        "8086:10ed/82599-vf/stream-" + StreamFormat.VERSION + "/state-1",
        MigrationVersion.of(new FunctionIdentity(0x8086, 0x10ed, "82599-vf", 1, 1)));
    assertEquals(
        "0000:ffff/x/stream-" + StreamFormat.VERSION + "/state-1",
        MigrationVersion.of(new FunctionIdentity(0, 0xffff, "x", 1, 1)));
  }

  @Test
  void writer_smallStream_isByteForByteTheDocumentedLayout() {
    assertEquals(VERSION, MigrationVersion.of(ID));
    assertEquals(39, VERSION.length());
    byte[] s = smallStream();
    assertEquals(88, s.length);
    assertEquals(GOLDEN, HexFormat.of().formatHex(s));
  }

  @Test
  void reader_smallStream_yieldsFinalPayload() {
    MigrationStreamReader.Parsed p = MigrationStreamReader.parse(smallStream(), ID);
    assertTrue(p.error().isEmpty(), () -> p.error().toString());
    assertArrayEquals(new byte[] {1, 2, 3}, p.finalState());
    assertEquals(VERSION, p.sourceVersion());
    assertEquals(0, p.precopyImages());
  }

  @Test
  void reader_everyProperPrefix_isTruncated() {
    byte[] s = smallStream();
    for (int len = 0; len < s.length; len++) {
      byte[] prefix = java.util.Arrays.copyOf(s, len);
      StreamError e = MigrationStreamReader.parse(prefix, ID).error().orElseThrow();
      assertEquals(StreamError.Kind.TRUNCATED, e.kind(), "prefix of " + len);
    }
  }

  @Test
  void reader_flippedBitInPayload_isSectionChecksumAtTheCrcOffset() {
    byte[] s = smallStream();
    s[51 + 9] ^= 1; // first payload byte of FINAL_STATE
    StreamError e = MigrationStreamReader.parse(s, ID).error().orElseThrow();
    assertEquals(StreamError.Kind.SECTION_CHECKSUM, e.kind());
    assertEquals(51 + 9 + 3, e.offset()); // the section CRC follows the 3 payload bytes
  }

  @Test
  void reader_otherModel_isIncompatible() {
    FunctionIdentity other = new FunctionIdentity(0x1b36, 0x00ff, "other-fn", 1, 1);
    StreamError e = MigrationStreamReader.parse(smallStream(), other).error().orElseThrow();
    assertEquals(StreamError.Kind.INCOMPATIBLE, e.kind());
    assertEquals("source model synthetic-fn differs from target model other-fn", e.message());
  }

  @Test
  void reader_trailingByte_isRejected() {
    byte[] s = java.util.Arrays.copyOf(smallStream(), 89);
    StreamError e = MigrationStreamReader.parse(s, ID).error().orElseThrow();
    assertEquals(StreamError.Kind.TRAILING_BYTES, e.kind());
    assertEquals(88, e.offset());
  }

  @Test
  void compatibility_versionRanges() {
    FunctionIdentity v3 = new FunctionIdentity(0x1b36, 0x00ff, "synthetic-fn", 3, 2);
    assertFalse(MigrationVersion.check(v3, VERSION).compatible()); // state 1 < oldest loadable 2
    assertTrue(MigrationVersion.check(v3, "1b36:00ff/synthetic-fn/stream-1/state-2").compatible());
    assertFalse(MigrationVersion.check(v3, "1b36:00ff/synthetic-fn/stream-1/state-4").compatible());
    assertFalse(MigrationVersion.check(v3, "1b36:00ff/synthetic-fn/stream-2/state-3").compatible());
    assertFalse(MigrationVersion.check(v3, "8086:10ed/synthetic-fn/stream-1/state-3").compatible());
    Compatibility garbage = MigrationVersion.check(v3, "not a version\u0001");
    assertFalse(garbage.compatible());
    assertEquals(
        "source migration version 'not a version?' is not of the form"
            + " VVVV:DDDD/model/stream-F/state-S",
        garbage.reason());
  }
}
