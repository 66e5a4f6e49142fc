package org.vfiomc.conformance.orchestrator;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.vfiomc.conformance.vfio.MigrationStreamWriter;
import org.vfiomc.conformance.vfio.StreamFormat;

/**
 * {@link SectionFramer} cuts a format-1 stream into its sections whatever the sizes of the pieces
 * it arrives in, and {@link ChunkWire} turns the sections into the spec's chunks and applies a
 * {@link ChunkFault} to them (issue 13, PIT survivors of the orchestrator's framing: no
 * orchestrator test fed the framer by hand).
 */
final class SectionFramerTest {
  /** A 256-character version string: its length needs the u16's high byte (0x0100). */
  private static final String VERSION = "v".repeat(256);

  private static byte[] cat(byte[]... parts) {
    ByteArrayOutputStream o = new ByteArrayOutputStream();
    for (byte[] p : parts) {
      o.writeBytes(p);
    }
    return o.toByteArray();
  }

  /** Header, two images (3 and 1000 bytes), the final state (5 bytes), END; and its sections. */
  private static byte[][] parts() {
    MigrationStreamWriter w = new MigrationStreamWriter(VERSION);
    return new byte[][] {
      w.header(),
      w.precopyImage(new byte[] {1, 2, 3}),
      w.precopyImage(new byte[1000]),
      w.finalState(new byte[] {9, 9, 9, 9, 9}),
      w.end()
    };
  }

  @Test
  void aStreamFedByteByByte_yieldsEachSectionAtItsLastByte_theHeaderWithTheFirst() {
    byte[][] p = parts();
    assertEquals(8 + 256 + 4, p[0].length);
    byte[] stream = cat(p);
    SectionFramer f = new SectionFramer();
    List<SectionFramer.Section> got = new ArrayList<>();
    List<Integer> at = new ArrayList<>();
    for (int i = 0; i < stream.length; i++) {
      for (SectionFramer.Section s : f.feed(new byte[] {stream[i]})) {
        got.add(s);
        at.add(i + 1);
      }
    }
    int h = p[0].length;
    int e1 = h + p[1].length;
    int e2 = e1 + p[2].length;
    int e3 = e2 + p[3].length;
    assertEquals(List.of(e1, e2, e3, stream.length), at);
    assertEquals(
        List.of(
            new SectionFramer.Section(1, 0, cat(p[0], p[1])),
            new SectionFramer.Section(1, 1, p[2]),
            new SectionFramer.Section(2, 2, p[3]),
            new SectionFramer.Section(0xFF, 3, p[4])),
        got);
    assertTrue(got.get(2).is(StreamFormat.SectionType.FINAL_STATE));
    assertFalse(got.get(1).is(StreamFormat.SectionType.FINAL_STATE));
    assertEquals("section 1 type 1 (" + p[2].length + " bytes)", got.get(1).toString());
    assertTrue(f.problem().isEmpty());
  }

  @Test
  void anySplitOfTheStream_yieldsTheSameSections() {
    byte[] stream = cat(parts());
    List<SectionFramer.Section> whole = new SectionFramer().feed(stream);
    assertEquals(4, whole.size());
    SplittableRandom r = new SplittableRandom(20261207L);
    for (int trial = 0; trial < 50; trial++) {
      SectionFramer f = new SectionFramer();
      List<SectionFramer.Section> got = new ArrayList<>();
      int pos = 0;
      while (pos < stream.length) {
        int n = Math.min(stream.length - pos, r.nextInt(0, 700));
        got.addAll(f.feed(Arrays.copyOfRange(stream, pos, pos + n)));
        pos += n;
      }
      assertEquals(whole, got, "trial " + trial);
    }
  }

  /** A section with a 4-byte sequence number and length field that use every byte. */
  private static byte[] section(int type, int seq, byte[] payload) {
    ByteBuffer b = ByteBuffer.allocate(StreamFormat.SECTION_OVERHEAD + payload.length);
    return b.put((byte) type).putInt(seq).putInt(payload.length).put(payload).putInt(0).array();
  }

  @Test
  void theFramingFields_areBigEndianAndWhole() {
    // sequence 0x01020304 and a payload of 0x0102 = 258 bytes; only the framing is read (the CRC
    // here is 0)
    byte[] s = section(3, 0x01020304, new byte[0x0102]);
    SectionFramer f = new SectionFramer();
    assertEquals(List.of(), f.feed(Arrays.copyOf(s, s.length - 1)), "one byte short");
    List<SectionFramer.Section> got = f.feed(new byte[] {0});
    assertEquals(1, got.size());
    assertEquals(3, got.get(0).type());
    assertEquals(0x01020304L, got.get(0).seq());
    assertArrayEquals(s, got.get(0).bytes());
    // a sequence number with the top bit set stays positive (u32)
    byte[] high = section(1, 0x80000001, new byte[1]);
    assertEquals(0x80000001L, new SectionFramer().feed(high).get(0).seq());
  }

  @Test
  void aHeaderThatComesLate_goesWithTheSectionAfterIt() {
    byte[][] p = parts();
    SectionFramer f = new SectionFramer();
    List<SectionFramer.Section> got = f.feed(cat(p[1], p[0], p[2]));
    assertEquals(2, got.size());
    assertArrayEquals(p[1], got.get(0).bytes());
    assertArrayEquals(cat(p[0], p[2]), got.get(1).bytes());
    // a header alone is no section yet, nor is a header's first 7 bytes
    SectionFramer g = new SectionFramer();
    assertEquals(List.of(), g.feed(Arrays.copyOf(p[0], 7)));
    assertEquals(List.of(), g.feed(Arrays.copyOfRange(p[0], 7, p[0].length)));
    assertEquals(List.of(), g.feed(Arrays.copyOf(p[1], 8)), "8 bytes of a section header");
    assertEquals(1, g.feed(Arrays.copyOfRange(p[1], 8, p[1].length)).size());
  }

  @Test
  void aSectionAnnouncingMoreThan16MiB_isAProblem_andStopsTheFraming() {
    byte[] max = Arrays.copyOf(section(1, 0, new byte[0]), 9);
    ByteBuffer.wrap(max).putInt(5, StreamFormat.MAX_SECTION_PAYLOAD);
    SectionFramer ok = new SectionFramer();
    assertEquals(List.of(), ok.feed(max));
    assertTrue(ok.problem().isEmpty(), "16 MiB is allowed, it is only not here yet");
    byte[] over = max.clone();
    ByteBuffer.wrap(over).putInt(5, StreamFormat.MAX_SECTION_PAYLOAD + 1);
    SectionFramer bad = new SectionFramer();
    assertEquals(List.of(), bad.feed(over));
    assertEquals("a section announces 16777217 payload bytes", bad.problem().orElseThrow());
    // nothing is framed after it, not even a whole section
    assertEquals(List.of(), bad.feed(section(1, 0, new byte[1])));
  }

  @Test
  void sections_compareByTypeSequenceAndBytes() {
    SectionFramer.Section a = new SectionFramer.Section(1, 2, new byte[] {3});
    assertEquals(a, new SectionFramer.Section(1, 2, new byte[] {3}));
    assertEquals(a.hashCode(), new SectionFramer.Section(1, 2, new byte[] {3}).hashCode());
    assertNotEquals(a, new SectionFramer.Section(2, 2, new byte[] {3}));
    assertNotEquals(a, new SectionFramer.Section(1, 3, new byte[] {3}));
    assertNotEquals(a, new SectionFramer.Section(1, 2, new byte[] {4}));
    assertNotEquals(a, (Object) "section");
  }

  // ----- ChunkWire: the spec's chunks and NetFaults

  private static List<Object> steps(ChunkFault fault, byte[]... reads) {
    ChunkWire w = new ChunkWire(fault);
    List<Object> out = new ArrayList<>();
    for (byte[] r : reads) {
      for (ChunkWire.Step s : w.take(r)) {
        out.add(
            s instanceof ChunkWire.Step.Write wr
                ? (Object) ByteBuffer.wrap(wr.chunk())
                : ((ChunkWire.Step.Hit) s).kind());
      }
    }
    w.flush().ifPresent(b -> out.add("flushed " + b.length));
    return out;
  }

  @Test
  void chunks_areEachImage_andTheFinalStateWithEnd_theHeaderWithTheFirst() {
    byte[][] p = parts();
    ByteBuffer c1 = ByteBuffer.wrap(cat(p[0], p[1]));
    ByteBuffer c2 = ByteBuffer.wrap(p[2]);
    ByteBuffer c3 = ByteBuffer.wrap(cat(p[3], p[4]));
    // a fault on a chunk that never comes changes nothing
    assertEquals(
        List.of(c1, c2, c3),
        steps(new ChunkFault(ChunkFault.Kind.LOSS, 9), cat(p[0], p[1]), p[2], p[3], p[4]));
    // LOSS of chunk 2: it is read from the source and gone
    assertEquals(
        List.of(c1, ChunkFault.Kind.LOSS, c3),
        steps(new ChunkFault(ChunkFault.Kind.LOSS, 2), cat(p)));
    // REORDER of chunk 1: it arrives after chunk 2
    assertEquals(
        List.of(ChunkFault.Kind.REORDER, c2, c1, c3),
        steps(new ChunkFault(ChunkFault.Kind.REORDER, 1), cat(p[0], p[1]), p[2], cat(p[3], p[4])));
    // REORDER of the last chunk: no chunk after it, so it comes at the end, in order
    assertEquals(
        List.of(c1, c2, "flushed " + c3.capacity()),
        steps(new ChunkFault(ChunkFault.Kind.REORDER, 3), cat(p)));
    // chunks count from 1
    assertThrows(IllegalArgumentException.class, () -> new ChunkFault(ChunkFault.Kind.LOSS, 0));
  }
}
