package org.vfiomc.conformance.vfio;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.vfiomc.conformance.function.SyntheticFunction;

/**
 * A device with incremental images ({@link ImageMode#DELTA}) end to end: what its reads carry, what
 * {@code dirty_bytes} says, what the destination builds, and what a lost, reordered or stale image
 * does to it; and the saving-side defects ({@link SaveDefect}).
 */
final class DeltaImagesDeviceTest {
  private static final int READ_ALL = 1 << 20;
  private static final int HEADER = 51; // the synthetic function's stream header
  private static final FunctionIdentity ID = SyntheticFunction.IDENTITY;

  /** A source in PRE_COPY with its saving fd. */
  private record Source(VfioMigrationDevice device, SyntheticFunction fn, DataFd fd) {
    static Source start(ImageMode mode, Set<SaveDefect> defects) {
      SyntheticFunction fn = new SyntheticFunction(64);
      VfioMigrationDevice d =
          new VfioMigrationDevice("src", fn, MigrationFeatures.STOP_COPY_PRE_COPY);
      d.setImageMode(mode);
      d.setSaveDefects(defects);
      SetResult r = d.set(MigrationState.PRE_COPY);
      assertTrue(r.ok(), r.toString());
      return new Source(d, fn, r.dataFd().orElseThrow());
    }

    byte[] read() {
      ReadResult r = fd.read(READ_ALL);
      assertTrue(r.errno().isEmpty() && r.length() > 0, r.toString());
      return r.data();
    }

    /** Switches to STOP_COPY and reads the final chunk (final image and END). */
    byte[] stop() {
      assertTrue(device.set(MigrationState.STOP_COPY).ok());
      return read();
    }
  }

  /**
   * The reads of one migration: the initial image, a dirty image after one change, a dirty image
   * after two more, the final image after one more; and the source's state at the stop.
   */
  // the arrays are read, never compared as components: the record's equality is not used
  @SuppressWarnings("ArrayRecordComponent")
  private record Run(List<byte[]> chunks, byte[] stopState) {}

  private static Run migrate(ImageMode mode, Set<SaveDefect> defects) {
    Source s = Source.start(mode, defects);
    List<byte[]> chunks = new ArrayList<>();
    chunks.add(s.read());
    s.fn().tick();
    chunks.add(s.read());
    s.fn().tick();
    s.fn().tick();
    chunks.add(s.read());
    s.fn().tick();
    chunks.add(s.stop());
    return new Run(chunks, s.fn().saveState());
  }

  private static byte[] concat(List<byte[]> parts) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    parts.forEach(out::writeBytes);
    return out.toByteArray();
  }

  /** The section type of a chunk (after the header in the first one). */
  private static int sectionType(byte[] chunk, boolean first) {
    return Byte.toUnsignedInt(chunk[first ? HEADER : 0]);
  }

  private static MigrationStreamReader.Parsed load(List<byte[]> chunks, Set<LoadDefect> defects) {
    return MigrationStreamReader.parse(concat(chunks), ID, defects);
  }

  @Test
  void deltaSession_initialImageWhole_thenIncrements_andTheDestinationBuildsTheStopState() {
    Run run = migrate(ImageMode.DELTA, Set.of());
    List<byte[]> c = run.chunks();
    assertEquals(StreamFormat.SectionType.PRECOPY_IMAGE.code(), sectionType(c.get(0), true));
    assertEquals(StreamFormat.SectionType.PRECOPY_DELTA.code(), sectionType(c.get(1), false));
    assertEquals(StreamFormat.SectionType.PRECOPY_DELTA.code(), sectionType(c.get(2), false));
    assertEquals(StreamFormat.SectionType.FINAL_DELTA.code(), sectionType(c.get(3), false));
    // every increment is smaller than the whole 120-byte state (a tick changes two counters and
    // one scratch byte)
    for (int i = 1; i < 3; i++) {
      assertTrue(c.get(i).length < StreamFormat.SECTION_OVERHEAD + 120, "chunk " + i);
    }
    MigrationStreamReader.Parsed p = load(c, Set.of());
    assertEquals(java.util.Optional.empty(), p.error());
    assertArrayEquals(run.stopState(), p.finalState());
    assertEquals(3, p.precopyImages());
    // and a destination device loads it
    SyntheticFunction dstFn = new SyntheticFunction(64);
    VfioMigrationDevice dst = new VfioMigrationDevice("dst", dstFn, MigrationFeatures.STOP_COPY);
    DataFd w = dst.set(MigrationState.RESUMING).dataFd().orElseThrow();
    assertTrue(w.write(concat(c)).errno().isEmpty());
    assertTrue(dst.set(MigrationState.STOP).ok(), dst.lastLoadError().toString());
    assertArrayEquals(run.stopState(), dstFn.saveState());
    assertEquals(0, dst.lastLoadBaseMismatches());
  }

  @Test
  void wholeImages_stayTheDefault_everyImageIsTheWholeState() {
    assertEquals(
        ImageMode.WHOLE,
        new VfioMigrationDevice("d", new SyntheticFunction(8), MigrationFeatures.STOP_COPY)
            .imageMode());
    Run run = migrate(ImageMode.WHOLE, Set.of());
    for (int i = 1; i < 3; i++) {
      assertEquals(
          StreamFormat.SectionType.PRECOPY_IMAGE.code(), sectionType(run.chunks().get(i), false));
    }
    assertEquals(
        StreamFormat.SectionType.FINAL_STATE.code(), sectionType(run.chunks().get(3), false));
    assertArrayEquals(run.stopState(), load(run.chunks(), Set.of()).finalState());
  }

  @Test
  void dirtyBytes_growsWithEachChange_andIsWhatTheNextReadReturns() {
    Source s = Source.start(ImageMode.DELTA, Set.of());
    s.read();
    assertEquals(0, s.fd().precopyInfo().dirtyBytes());
    // tick k changes the low bytes of two counters (state bytes 15 and 23: one run) and scratch
    // byte 31 k mod 64 (state byte 56 + that): tick 1 gives the counters' run and byte 87, tick 2
    // adds byte 118 (a new run: 8 + 1 bytes), tick 3 byte 85, which joins byte 87's run (2 bytes)
    long[] dirty = new long[4];
    for (int k = 1; k <= 3; k++) {
      s.fn().tick();
      dirty[k] = s.fd().precopyInfo().dirtyBytes();
    }
    assertEquals(
        StreamFormat.SECTION_OVERHEAD + DeltaImage.HEADER_BYTES + (8 + 9) + (8 + 1), dirty[1]);
    assertEquals(9, dirty[2] - dirty[1]);
    assertEquals(2, dirty[3] - dirty[2]);
    // whole images would report the same 133 bytes after one change or three
    assertEquals(dirty[3], s.read().length);
    assertEquals(0, s.fd().precopyInfo().dirtyBytes());
  }

  @Test
  void stopCopySize_inDeltaMode_isExactlyWhatTheStopCopyReads() {
    Source s = Source.start(ImageMode.DELTA, Set.of());
    s.read();
    s.fn().tick();
    long expected = s.device().stopCopySize();
    assertEquals(expected, s.stop().length);
  }

  @Test
  void lostIncrement_rejectedBySequence_andByBaseWhenOrderIsNotChecked_wrongStateUnchecked() {
    Run run = migrate(ImageMode.DELTA, Set.of());
    List<byte[]> lost = new ArrayList<>(run.chunks());
    lost.remove(1);
    assertEquals(
        StreamError.Kind.SECTION_OUT_OF_ORDER, load(lost, Set.of()).error().orElseThrow().kind());
    // a device that skips the order checks still finds the gap: the next increment's base is not
    // the image before it
    assertEquals(
        StreamError.Kind.DELTA_BASE_MISMATCH,
        load(lost, EnumSet.of(LoadDefect.ACCEPT_REORDERED)).error().orElseThrow().kind());
    // without the base check either, it loads a state the source never had
    MigrationStreamReader.Parsed p =
        load(lost, EnumSet.of(LoadDefect.ACCEPT_REORDERED, LoadDefect.UNCHECKED_DELTA_BASE));
    assertTrue(p.hasState());
    assertFalse(Arrays.equals(run.stopState(), p.finalState()));
    assertEquals(2, p.baseMismatches());
  }

  @Test
  void reorderedIncrements_rejectedBySequence_andByBaseWhenOrderIsNotChecked() {
    Run run = migrate(ImageMode.DELTA, Set.of());
    List<byte[]> swapped = new ArrayList<>(run.chunks());
    swapped.set(1, run.chunks().get(2));
    swapped.set(2, run.chunks().get(1));
    assertEquals(
        StreamError.Kind.SECTION_OUT_OF_ORDER,
        load(swapped, Set.of()).error().orElseThrow().kind());
    StreamError e = load(swapped, EnumSet.of(LoadDefect.ACCEPT_REORDERED)).error().orElseThrow();
    assertEquals(StreamError.Kind.DELTA_BASE_MISMATCH, e.kind());
    // found in the first increment out of place: its payload starts after the header, the initial
    // section and its own 9 header bytes
    assertEquals(run.chunks().get(0).length + StreamFormat.SECTION_HEADER_BYTES, e.offset());
  }

  @Test
  void staleDirtyChunk_withIncrements_correctDestinationRejects_uncheckedOneLoadsAWrongState() {
    Run run = migrate(ImageMode.DELTA, EnumSet.of(SaveDefect.STALE_DIRTY_CHUNK));
    // the stale dirty reads carry the previous image over itself: no run at all
    for (int i = 1; i < 3; i++) {
      byte[] c = run.chunks().get(i);
      assertEquals(StreamFormat.SECTION_OVERHEAD + DeltaImage.HEADER_BYTES, c.length, "chunk " + i);
    }
    // the stream is complete and in order; the first stale increment still fits its base (the
    // initial image), the second names the state the device counted as sent, which the
    // destination never received
    StreamError e = load(run.chunks(), Set.of()).error().orElseThrow();
    assertEquals(StreamError.Kind.DELTA_BASE_MISMATCH, e.kind());
    MigrationStreamReader.Parsed p =
        load(run.chunks(), EnumSet.of(LoadDefect.UNCHECKED_DELTA_BASE));
    assertTrue(p.hasState());
    assertFalse(Arrays.equals(run.stopState(), p.finalState()));
    assertEquals(2, p.baseMismatches());
  }

  @Test
  void staleDirtyChunk_withWholeImages_isHarmless_theFinalImageReplacesIt() {
    Run run = migrate(ImageMode.WHOLE, EnumSet.of(SaveDefect.STALE_DIRTY_CHUNK));
    // the second read repeats the initial image's payload
    byte[] initial = run.chunks().get(0);
    byte[] second = run.chunks().get(1);
    int n = StreamFormat.SECTION_HEADER_BYTES;
    assertArrayEquals(
        Arrays.copyOfRange(initial, HEADER + n, initial.length - StreamFormat.CRC_BYTES),
        Arrays.copyOfRange(second, n, second.length - StreamFormat.CRC_BYTES));
    assertArrayEquals(run.stopState(), load(run.chunks(), Set.of()).finalState());
  }

  @Test
  void dirtyBytesUnderreport_countsOnlyTheCurrentChunk_notThePendingIncrementBehindIt() {
    Source s = Source.start(ImageMode.WHOLE, Set.of());
    s.read();
    s.fn().tick();
    long image = s.fd().precopyInfo().dirtyBytes(); // one whole image: 133 bytes pending
    assertEquals(StreamFormat.SECTION_OVERHEAD + 120, image);
    // nothing queued yet: the current chunk is the pending image, both reports agree
    s.device().setSaveDefects(EnumSet.of(SaveDefect.DIRTY_BYTES_UNDERREPORT));
    assertEquals(image, s.fd().precopyInfo().dirtyBytes());
    // read 33 bytes of it (the image is now queued), then the function changes again
    assertEquals(33, s.fd().read(33).length());
    s.fn().tick();
    s.device().setSaveDefects(Set.of());
    assertEquals((image - 33) + image, s.fd().precopyInfo().dirtyBytes());
    s.device().setSaveDefects(EnumSet.of(SaveDefect.DIRTY_BYTES_UNDERREPORT));
    assertEquals(image - 33, s.fd().precopyInfo().dirtyBytes());
    // initial_bytes is not touched
    assertEquals(0, s.fd().precopyInfo().initialBytes());
  }

  @Test
  void theDeltaHeaderNamesTheBaseItWasMadeFor() {
    Run run = migrate(ImageMode.DELTA, Set.of());
    byte[] first = run.chunks().get(0);
    byte[] initialImage =
        Arrays.copyOfRange(
            first,
            HEADER + StreamFormat.SECTION_HEADER_BYTES,
            first.length - StreamFormat.CRC_BYTES);
    byte[] second = run.chunks().get(1);
    byte[] delta =
        Arrays.copyOfRange(
            second, StreamFormat.SECTION_HEADER_BYTES, second.length - StreamFormat.CRC_BYTES);
    assertTrue(DeltaImage.appliesTo(delta, initialImage));
    assertEquals(DeltaImage.digest(initialImage), ByteBuffer.wrap(delta).getLong(0));
  }
}
