package org.vfiomc.conformance.vfio;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.zip.CRC32C;
import org.junit.jupiter.api.Test;
import org.vfiomc.conformance.function.SyntheticFunction;

/**
 * Seeded random mutations of a valid PRE_COPY stream (header, two pre-copy images, final state,
 * END). Every mutated stream must be rejected by the parser with a typed error and a message, and
 * by a destination device as a failed RESUMING→RUNNING that leaves the device in RESUMING with its
 * function untouched; no exception may escape and nothing may load silently.
 */
final class MigrationStreamFuzzTest {
  private static final int SEEDS = Integer.getInteger("seeds", 3000);

  enum Mutation {
    BIT_FLIP,
    BYTE_SET,
    TRUNCATE,
    INSERT_BYTE,
    DELETE_RANGE,
    SWAP_ADJACENT_SECTIONS,
    DUPLICATE_SECTION,
    DROP_SECTION,
    APPEND_BYTES,
    FOREIGN_HEADER,
    RESEQUENCED_SWAP
  }

  private static byte[] validStream() {
    VfioMigrationDevice src =
        new VfioMigrationDevice("src", new SyntheticFunction(48), MigrationFeatures.ALL);
    SyntheticFunction fn = (SyntheticFunction) src.function();
    DataFd fd = src.set(MigrationState.PRE_COPY).dataFd().orElseThrow();
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.writeBytes(fd.read(1 << 16).data());
    fn.tick();
    out.writeBytes(fd.read(1 << 16).data());
    fn.tick();
    src.set(MigrationState.STOP_COPY);
    for (ReadResult r = fd.read(1 << 16); !r.endOfStreamReached(); r = fd.read(1 << 16)) {
      out.writeBytes(r.data());
    }
    return out.toByteArray();
  }

  /** Start offsets of the sections, and the stream length as the last element. */
  private static List<Integer> sectionStarts(byte[] s) {
    List<Integer> starts = new ArrayList<>();
    int pos = StreamFormat.headerBytes(Short.toUnsignedInt(ByteBuffer.wrap(s).getShort(6)));
    while (pos < s.length) {
      starts.add(pos);
      pos += StreamFormat.SECTION_OVERHEAD + ByteBuffer.wrap(s).getInt(pos + 5);
    }
    starts.add(s.length);
    return starts;
  }

  private static byte[] concat(List<byte[]> parts) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    parts.forEach(out::writeBytes);
    return out.toByteArray();
  }

  private static byte[] mutate(byte[] s, Mutation m, SplittableRandom rnd) {
    List<Integer> st = sectionStarts(s);
    int sections = st.size() - 1; // image, image, final, END = 4
    List<byte[]> parts = new ArrayList<>();
    parts.add(Arrays.copyOf(s, st.get(0)));
    for (int i = 0; i < sections; i++) {
      parts.add(Arrays.copyOfRange(s, st.get(i), st.get(i + 1)));
    }
    byte[] out = s.clone();
    switch (m) {
      case BIT_FLIP -> out[rnd.nextInt(s.length)] ^= (byte) (1 << rnd.nextInt(8));
      case BYTE_SET -> out[rnd.nextInt(s.length)] = (byte) rnd.nextInt(256);
      case TRUNCATE -> out = Arrays.copyOf(s, rnd.nextInt(s.length));
      case INSERT_BYTE -> {
        int at = rnd.nextInt(s.length + 1);
        out = new byte[s.length + 1];
        System.arraycopy(s, 0, out, 0, at);
        out[at] = (byte) rnd.nextInt(256);
        System.arraycopy(s, at, out, at + 1, s.length - at);
      }
      case DELETE_RANGE -> {
        int at = rnd.nextInt(s.length);
        int len = 1 + rnd.nextInt(Math.min(32, s.length - at));
        out = new byte[s.length - len];
        System.arraycopy(s, 0, out, 0, at);
        System.arraycopy(s, at + len, out, at, s.length - at - len);
      }
      case SWAP_ADJACENT_SECTIONS -> {
        int i = 1 + rnd.nextInt(sections - 1);
        byte[] t = parts.get(i);
        parts.set(i, parts.get(i + 1));
        parts.set(i + 1, t);
        out = concat(parts);
      }
      case DUPLICATE_SECTION -> {
        int i = 1 + rnd.nextInt(sections);
        parts.add(i, parts.get(i));
        out = concat(parts);
      }
      case DROP_SECTION -> {
        parts.remove(1 + rnd.nextInt(sections));
        out = concat(parts);
      }
      case APPEND_BYTES -> {
        byte[] extra = new byte[1 + rnd.nextInt(16)];
        rnd.nextBytes(extra);
        parts.add(extra);
        out = concat(parts);
      }
      case FOREIGN_HEADER -> {
        // A well-formed header (valid CRC) from a source this target cannot load.
        String v = "1b36:00ff/synthetic-fn/stream-1/state-" + (2 + rnd.nextInt(9));
        parts.set(0, new MigrationStreamWriter(v).header());
        out = concat(parts);
      }
      case RESEQUENCED_SWAP -> {
        // Swap the two pre-copy images and rewrite their sequence numbers and section CRCs, so
        // that every section is individually valid: only END's whole-stream CRC can tell.
        byte[] a = parts.get(1).clone();
        byte[] b = parts.get(2).clone();
        ByteBuffer.wrap(a).putInt(1, 1);
        ByteBuffer.wrap(b).putInt(1, 0);
        reseal(a);
        reseal(b);
        parts.set(1, b);
        parts.set(2, a);
        out = concat(parts);
      }
    }
    return out;
  }

  private static void reseal(byte[] section) {
    CRC32C c = new CRC32C();
    c.update(section, 0, section.length - 4);
    ByteBuffer.wrap(section).putInt(section.length - 4, (int) c.getValue());
  }

  @Test
  void validStream_hasTheExpectedShapeAndLoads() {
    byte[] s = validStream();
    // State: 56 header bytes + 48 scratch = 104 (no peer, nothing in flight); sections 13 + 104.
    // 51 (header) + 3 x 117 (image, image, final) + 21 (END) = 423.
    assertEquals(423, s.length);
    assertEquals(List.of(51, 168, 285, 402, 423), sectionStarts(s));
    assertTrue(MigrationStreamReader.parse(s, SyntheticFunction.IDENTITY).error().isEmpty());
  }

  @Test
  void everySeededMutation_isRejectedWithATypedErrorByParserAndDevice() {
    byte[] valid = validStream();
    Map<Mutation, Set<StreamError.Kind>> seen = new EnumMap<>(Mutation.class);
    Mutation[] all = Mutation.values();
    for (long seed = 0; seed < SEEDS; seed++) {
      SplittableRandom rnd = new SplittableRandom(seed);
      Mutation m = all[(int) (seed % all.length)];
      byte[] bad = mutate(valid, m, rnd);
      while (Arrays.equals(bad, valid)) {
        bad = mutate(valid, m, rnd); // e.g. BYTE_SET wrote the same value: not a mutation
      }
      String where = "seed " + seed + " " + m;
      MigrationStreamReader.Parsed p = MigrationStreamReader.parse(bad, SyntheticFunction.IDENTITY);
      assertTrue(p.error().isPresent(), where + " was accepted");
      StreamError e = p.error().get();
      assertFalse(e.message().isEmpty(), where);
      assertTrue(e.offset() >= 0 && e.offset() <= bad.length, where + " offset " + e);
      seen.computeIfAbsent(m, k -> EnumSet.noneOf(StreamError.Kind.class)).add(e.kind());

      VfioMigrationDevice dst =
          new VfioMigrationDevice("dst", new SyntheticFunction(48), MigrationFeatures.ALL);
      long digest = dst.function().stateDigest();
      DataFd fd = dst.set(MigrationState.RESUMING).dataFd().orElseThrow();
      assertTrue(fd.write(bad).errno().isEmpty(), where);
      SetResult r = dst.set(MigrationState.RUNNING);
      assertEquals(java.util.Optional.of(Errno.EINVAL), r.errno(), where);
      assertEquals(MigrationState.RESUMING, dst.state(), where);
      assertEquals(e, dst.lastLoadError().orElseThrow(), where);
      assertEquals(digest, dst.function().stateDigest(), where + " loaded something");
    }
    assertEquals(EnumSet.allOf(Mutation.class), seen.keySet());
    // Structural mutations map to exactly one kind each.
    assertEquals(Set.of(StreamError.Kind.TRUNCATED), seen.get(Mutation.TRUNCATE));
    // A duplicated image or final state repeats a sequence number; a duplicated END comes after
    // a complete stream.
    assertEquals(
        Set.of(StreamError.Kind.SECTION_OUT_OF_ORDER, StreamError.Kind.TRAILING_BYTES),
        seen.get(Mutation.DUPLICATE_SECTION));
    assertEquals(
        Set.of(StreamError.Kind.SECTION_OUT_OF_ORDER), seen.get(Mutation.SWAP_ADJACENT_SECTIONS));
    assertEquals(Set.of(StreamError.Kind.TRAILING_BYTES), seen.get(Mutation.APPEND_BYTES));
    assertEquals(Set.of(StreamError.Kind.INCOMPATIBLE), seen.get(Mutation.FOREIGN_HEADER));
    assertEquals(Set.of(StreamError.Kind.STREAM_CHECKSUM), seen.get(Mutation.RESEQUENCED_SWAP));
    // Dropping END truncates; dropping any other section breaks the sequence.
    assertEquals(
        Set.of(StreamError.Kind.TRUNCATED, StreamError.Kind.SECTION_OUT_OF_ORDER),
        seen.get(Mutation.DROP_SECTION));
  }
}
