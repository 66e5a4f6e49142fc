package org.vfiomc.conformance.vfio;

import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.util.EnumSet;
import java.util.Set;
import java.util.zip.CRC32C;
import org.vfiomc.conformance.function.SyntheticFunction;
import org.vfiomc.conformance.testing.ByteEdits;
import org.vfiomc.conformance.testing.FuzzLimits;

/**
 * Coverage-guided fuzzing of the migration stream reader ({@link MigrationStreamReader#parse}).
 * Random bytes almost never pass a CRC32C, so the target works on a valid stream (header, two
 * pre-copy images, the final state, END) that the fuzzer edits (byte changes, insertions, cuts) and
 * then, unless the fuzzer says not to, re-seals: every CRC the edited bytes still frame (header,
 * each section, END's whole-stream CRC) is recomputed, so the edits reach the section parser, the
 * order checks and the loaders with their defects. The reader must answer with a parsed stream or a
 * {@link StreamError}, never an exception. Crash reproducers go to {@code
 * MigrationStreamFuzzTestInputs/parse} in the test resources; plain {@code mvn verify} replays
 * them.
 */
final class MigrationStreamFuzzTest {
  private static final String VERSION = MigrationVersion.of(SyntheticFunction.IDENTITY);
  private static final byte[] VALID = valid();

  private static byte[] valid() {
    MigrationStreamWriter w = new MigrationStreamWriter(VERSION);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.writeBytes(w.header());
    out.writeBytes(w.precopyImage(new byte[] {1, 2, 3, 4}));
    out.writeBytes(w.precopyImage(new byte[] {5, 6}));
    out.writeBytes(w.finalState(new byte[] {7, 8, 9}));
    out.writeBytes(w.end());
    return out.toByteArray();
  }

  @FuzzTest(maxExecutions = FuzzLimits.EXECUTIONS, maxDuration = FuzzLimits.DURATION)
  void parse(FuzzedDataProvider data) {
    boolean fromValid = data.consumeBoolean();
    boolean reseal = data.consumeBoolean();
    Set<LoadDefect> defects = EnumSet.noneOf(LoadDefect.class);
    for (LoadDefect d : LoadDefect.values()) {
      if (data.consumeBoolean()) {
        defects.add(d);
      }
    }
    byte[] stream = fromValid ? ByteEdits.edit(VALID, data) : data.consumeRemainingAsBytes();
    if (reseal) {
      reseal(stream);
    }
    MigrationStreamReader.Parsed p =
        MigrationStreamReader.parse(stream, SyntheticFunction.IDENTITY, defects);
    assertNotNull(p);
    if (p.error().isPresent()) {
      assertTrue(p.error().get().toString().length() > 0);
    }
  }

  /** Recomputes, in place, every CRC the bytes still frame (see {@link StreamFormat}). */
  static void reseal(byte[] s) {
    ByteBuffer b = ByteBuffer.wrap(s);
    if (s.length < StreamFormat.HEADER_FIXED_BYTES) {
      return;
    }
    int l = b.getShort(6) & 0xFFFF;
    int pos = StreamFormat.HEADER_FIXED_BYTES + l;
    if (pos + 4 > s.length) {
      return;
    }
    b.putInt(pos, crc(s, 0, pos));
    pos += 4;
    while (pos + StreamFormat.SECTION_HEADER_BYTES <= s.length) {
      int type = s[pos] & 0xFF;
      long n = b.getInt(pos + 5) & 0xFFFFFFFFL;
      long crcAt = pos + StreamFormat.SECTION_HEADER_BYTES + n;
      if (crcAt + 4 > s.length) {
        return;
      }
      if (type == StreamFormat.SectionType.END.code() && n == StreamFormat.END_PAYLOAD_BYTES) {
        b.putInt(pos + StreamFormat.SECTION_HEADER_BYTES + 4, crc(s, 0, pos));
      }
      b.putInt((int) crcAt, crc(s, pos, (int) crcAt - pos));
      pos = (int) crcAt + 4;
    }
  }

  private static int crc(byte[] s, int off, int len) {
    CRC32C c = new CRC32C();
    c.update(s, off, len);
    return (int) c.getValue();
  }
}
