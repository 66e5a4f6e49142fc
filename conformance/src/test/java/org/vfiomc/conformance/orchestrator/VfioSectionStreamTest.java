package org.vfiomc.conformance.orchestrator;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * {@link VfioSectionStream}: the records {@code hw/vfio/migration.c}'s save handlers write, and
 * {@code vfio_load_state}'s reading of them on the destination, whatever the split of the bytes.
 */
final class VfioSectionStreamTest {
  private static byte[] concat(byte[]... parts) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (byte[] p : parts) {
      out.writeBytes(p);
    }
    return out.toByteArray();
  }

  private static byte[] tag(long t) {
    return VfioSectionStream.tag(t);
  }

  /** Setup, one iteration with two blocks and INIT_DATA_SENT, completion, config. */
  private static final byte[] STREAM =
      concat(
          tag(VfioSectionStream.DEV_SETUP_STATE),
          tag(VfioSectionStream.END_OF_STATE),
          VfioSectionStream.data(new byte[] {1, 2, 3}),
          VfioSectionStream.data(new byte[] {4}),
          tag(VfioSectionStream.DEV_INIT_DATA_SENT),
          tag(VfioSectionStream.END_OF_STATE),
          VfioSectionStream.data(new byte[] {5, 6}),
          tag(VfioSectionStream.END_OF_STATE),
          tag(VfioSectionStream.DEV_CONFIG_STATE),
          tag(VfioSectionStream.END_OF_STATE));

  @Test
  void aWholeStream_byteByByte_givesTheDataInOrder_andEndsOnABoundary() {
    VfioSectionStream.Loader l = new VfioSectionStream.Loader();
    ByteArrayOutputStream data = new ByteArrayOutputStream();
    int sections = 0;
    for (byte b : STREAM) {
      VfioSectionStream.Loaded r = l.feed(new byte[] {b});
      r.data().forEach(data::writeBytes);
      sections += r.sectionsEnded();
      assertEquals(Optional.empty(), r.error());
    }
    assertArrayEquals(new byte[] {1, 2, 3, 4, 5, 6}, data.toByteArray());
    assertEquals(4, sections);
    assertEquals(1, l.initDataSent());
    assertEquals(Optional.empty(), l.endOfStream());
  }

  @Test
  void theEndOfTheStream_insideASection_orARecord_failsTheLoad() {
    for (int cut = 1; cut < STREAM.length; cut++) {
      VfioSectionStream.Loader l = new VfioSectionStream.Loader();
      byte[] head = java.util.Arrays.copyOf(STREAM, cut);
      l.feed(head);
      boolean boundary = cut == 16 || cut == 16 + 19 + 17 + 16 || cut == STREAM.length - 16;
      assertEquals(
          boundary ? Optional.empty() : Optional.of("end of stream inside a section"),
          l.endOfStream(),
          "cut at " + cut);
    }
  }

  @Test
  void anUnknownTag_failsTheLoad_andNothingMoreIsTaken() {
    VfioSectionStream.Loader l = new VfioSectionStream.Loader();
    VfioSectionStream.Loaded r =
        l.feed(concat(tag(StreamFault.UNKNOWN_TAG), VfioSectionStream.data(new byte[] {9})));
    assertEquals(Optional.of("unknown tag 0xffffffffef1000ff"), r.error());
    assertEquals(0, r.data().size());
    assertTrue(l.feed(VfioSectionStream.data(new byte[] {7})).data().isEmpty());
  }

  @Test
  void setupMustBeFollowedByEndOfState() {
    VfioSectionStream.Loader l = new VfioSectionStream.Loader();
    VfioSectionStream.Loaded r =
        l.feed(
            concat(tag(VfioSectionStream.DEV_SETUP_STATE), VfioSectionStream.data(new byte[] {1})));
    assertEquals(
        Optional.of("tag DEV_DATA_STATE where END_OF_STATE must follow DEV_SETUP_STATE"),
        r.error());
  }
}
