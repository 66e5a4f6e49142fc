package org.vfiomc.conformance.vfio;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.util.EnumSet;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.vfiomc.conformance.function.SyntheticFunction;

/** The broken stream validations a device can be configured with (spec VfioMigration's Defects). */
final class LoadDefectTest {
  private static final FunctionIdentity ID = SyntheticFunction.IDENTITY;
  private static final String VERSION = "1b36:00ff/synthetic-fn/stream-1/state-1";
  private static final Set<LoadDefect> TRUNCATED = EnumSet.of(LoadDefect.ACCEPT_TRUNCATED);
  private static final Set<LoadDefect> REORDERED = EnumSet.of(LoadDefect.ACCEPT_REORDERED);

  /** Chunks as a source's reads yield them: header + image {1}, image {2}, final {3} + END. */
  private static byte[][] chunks() {
    MigrationStreamWriter w = new MigrationStreamWriter(VERSION);
    return new byte[][] {
      concat(w.header(), w.precopyImage(new byte[] {1})),
      w.precopyImage(new byte[] {2}),
      concat(w.finalState(new byte[] {3}), w.end())
    };
  }

  private static byte[] concat(byte[]... parts) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (byte[] p : parts) {
      out.writeBytes(p);
    }
    return out.toByteArray();
  }

  @Test
  void completeStream_loadsTheFinalState_withOrWithoutDefects() {
    byte[][] c = chunks();
    byte[] s = concat(c[0], c[1], c[2]);
    for (Set<LoadDefect> d : java.util.List.of(Set.<LoadDefect>of(), TRUNCATED, REORDERED)) {
      MigrationStreamReader.Parsed p = MigrationStreamReader.parse(s, ID, d);
      assertTrue(p.hasState(), d::toString);
      assertArrayEquals(new byte[] {3}, p.finalState(), d::toString);
      assertEquals(2, p.precopyImages());
    }
  }

  @Test
  void lostFinalChunk_rejectedCorrectly_loadsNewestImageWhenTruncationIsAccepted() {
    byte[][] c = chunks();
    byte[] s = concat(c[0], c[1]);
    assertEquals(
        StreamError.Kind.TRUNCATED,
        MigrationStreamReader.parse(s, ID).error().orElseThrow().kind());
    assertEquals(
        StreamError.Kind.TRUNCATED,
        MigrationStreamReader.parse(s, ID, REORDERED).error().orElseThrow().kind());
    MigrationStreamReader.Parsed p = MigrationStreamReader.parse(s, ID, TRUNCATED);
    assertArrayEquals(new byte[] {2}, p.finalState(), "image 2 is the newest state it has");
  }

  @Test
  void emptyStream_acceptedWithNothingToLoad_onlyWhenTruncationIsAccepted() {
    assertEquals(
        StreamError.Kind.TRUNCATED,
        MigrationStreamReader.parse(new byte[0], ID).error().orElseThrow().kind());
    MigrationStreamReader.Parsed p = MigrationStreamReader.parse(new byte[0], ID, TRUNCATED);
    assertTrue(p.error().isEmpty());
    assertFalse(p.hasState());
  }

  @Test
  void swappedChunks_rejectedCorrectly_acceptedWhenOrderIsNotChecked() {
    byte[][] c = chunks();
    byte[] s = concat(c[1], c[0], c[2]);
    // the stream starts with image 2's section: no magic at byte 0
    assertEquals(
        StreamError.Kind.BAD_MAGIC,
        MigrationStreamReader.parse(s, ID).error().orElseThrow().kind());
    assertEquals(
        StreamError.Kind.BAD_MAGIC,
        MigrationStreamReader.parse(s, ID, TRUNCATED).error().orElseThrow().kind());
    MigrationStreamReader.Parsed p = MigrationStreamReader.parse(s, ID, REORDERED);
    assertArrayEquals(new byte[] {3}, p.finalState());
    // a swap that puts END before data is still refused: bytes after END
    byte[] endFirst = concat(c[0], c[2], c[1]);
    assertEquals(
        StreamError.Kind.TRAILING_BYTES,
        MigrationStreamReader.parse(endFirst, ID, REORDERED).error().orElseThrow().kind());
  }

  @Test
  void device_withTruncationAccepted_loadsTheImageOnResumingToStop() {
    // the initial pre-copy chunk of a source whose function did one unit of work
    SyntheticFunction srcFn = new SyntheticFunction(8);
    srcFn.tick();
    VfioMigrationDevice src =
        new VfioMigrationDevice("src", srcFn, MigrationFeatures.STOP_COPY_PRE_COPY);
    DataFd out = src.set(MigrationState.PRE_COPY).dataFd().orElseThrow();
    byte[] chunk = out.read((int) out.precopyInfo().initialBytes()).data();

    SyntheticFunction fn = new SyntheticFunction(8);
    VfioMigrationDevice lenient = new VfioMigrationDevice("dst", fn, MigrationFeatures.STOP_COPY);
    lenient.setLoadDefects(TRUNCATED);
    DataFd fd = lenient.set(MigrationState.RESUMING).dataFd().orElseThrow();
    assertTrue(fd.write(chunk).errno().isEmpty());
    SetResult r = lenient.set(MigrationState.STOP);
    assertTrue(r.ok(), r::toString);
    assertEquals(srcFn.stateDigest(), fn.stateDigest(), "the image's state was loaded");

    VfioMigrationDevice strict =
        new VfioMigrationDevice("strict", new SyntheticFunction(8), MigrationFeatures.STOP_COPY);
    DataFd fd2 = strict.set(MigrationState.RESUMING).dataFd().orElseThrow();
    assertTrue(fd2.write(chunk).errno().isEmpty());
    assertFalse(strict.set(MigrationState.STOP).ok());
    assertEquals(StreamError.Kind.TRUNCATED, strict.lastLoadError().orElseThrow().kind());
  }
}
