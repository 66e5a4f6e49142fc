package org.vfiomc.conformance.vfio;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The increment encoding of {@link ImageMode#DELTA}: encode, apply, and what a wrong base does. */
final class DeltaImageTest {
  private static byte[] image(int length, int seed) {
    byte[] b = new byte[length];
    new Random(seed).nextBytes(b);
    return b;
  }

  @Test
  void applyingTheDeltaToItsBase_givesTheNewImage_forGrowingShrinkingAndScatteredChanges() {
    byte[] base = image(300, 1);
    byte[] scattered = base.clone();
    scattered[0] ^= 1;
    scattered[150] ^= 1;
    scattered[299] ^= 1;
    byte[] grown = Arrays.copyOf(base, 340);
    grown[320] = 7;
    byte[] shrunk = Arrays.copyOf(base, 200);
    List<byte[]> nexts =
        List.of(base.clone(), scattered, grown, shrunk, image(300, 2), new byte[0]);
    for (byte[] next : nexts) {
      byte[] delta = DeltaImage.encode(base, next);
      assertTrue(DeltaImage.appliesTo(delta, base));
      assertEquals(delta.length, DeltaImage.encodedSize(base, next));
      assertArrayEquals(next, DeltaImage.apply(base, delta).image().orElseThrow());
    }
  }

  @Test
  void deltaSize_isTheHeaderPlusOneRunPerChangedStretch() {
    byte[] base = image(300, 1);
    // no change: the 20-byte header and no run
    assertEquals(DeltaImage.HEADER_BYTES, DeltaImage.encode(base, base).length);
    byte[] one = base.clone();
    one[10] ^= 1;
    // one changed byte: one run of 8 header bytes and 1 data byte
    assertEquals(DeltaImage.HEADER_BYTES + 9, DeltaImage.encode(base, one).length);
    byte[] two = one.clone();
    two[200] ^= 1;
    // a second change far from the first: a second run, so the increment grows by 9 bytes
    assertEquals(DeltaImage.HEADER_BYTES + 18, DeltaImage.encode(base, two).length);
    byte[] near = one.clone();
    near[13] ^= 1;
    // a change 3 bytes after another: one run over bytes 10..13 (the gap is cheaper than a header)
    assertEquals(DeltaImage.HEADER_BYTES + 8 + 4, DeltaImage.encode(base, near).length);
  }

  @Test
  void appliedToAnotherBase_theBaseCheckFails_andTheResultIsNotTheNewImage() {
    byte[] v0 = image(64, 1);
    byte[] v1 = v0.clone();
    v1[5] = (byte) (v1[5] + 1);
    byte[] v2 = v1.clone();
    v2[40] = (byte) (v2[40] + 1);
    byte[] d12 = DeltaImage.encode(v1, v2);
    // the increment v1 -> v2 on v0 (v1 lost or stale): the check refuses the base ...
    assertFalse(DeltaImage.appliesTo(d12, v0));
    // ... and without the check the result carries v0's byte 5: a state the source never had
    byte[] wrong = DeltaImage.apply(v0, d12).image().orElseThrow();
    assertFalse(Arrays.equals(v2, wrong));
    assertEquals(v0[5], wrong[5]);
    assertEquals(v2[40], wrong[40]);
  }

  @Test
  void malformedDeltas_areRefusedWithTheirReason() {
    byte[] base = image(32, 1);
    byte[] next = base.clone();
    next[3] ^= 1;
    next[20] ^= 1;
    byte[] delta = DeltaImage.encode(base, next);
    // cut off inside the second run
    assertTrue(
        DeltaImage.apply(base, Arrays.copyOf(delta, delta.length - 1))
            .malformed()
            .orElseThrow()
            .contains("cut off"));
    // trailing bytes after the last run
    assertTrue(
        DeltaImage.apply(base, Arrays.copyOf(delta, delta.length + 2))
            .malformed()
            .orElseThrow()
            .contains("after the last run"));
    // runs out of order: swap the two runs' offsets (3 and 20)
    byte[] swapped = delta.clone();
    ByteBuffer b = ByteBuffer.wrap(swapped);
    int first = DeltaImage.HEADER_BYTES;
    int second = first + DeltaImage.RUN_HEADER_BYTES + 1;
    b.putInt(first, 20).putInt(second, 3);
    assertTrue(DeltaImage.apply(base, swapped).malformed().orElseThrow().contains("out of order"));
    // a run past the end of the result
    byte[] outside = delta.clone();
    ByteBuffer.wrap(outside).putInt(second, 40);
    assertTrue(DeltaImage.apply(base, outside).malformed().isPresent());
    // shorter than a header
    assertTrue(DeltaImage.apply(base, new byte[7]).malformed().isPresent());
    assertFalse(DeltaImage.appliesTo(new byte[7], base));
  }

  @Test
  void mutatedDeltas_neverThrow_eachIsAnImageOrAReason() {
    // 3,000 deltas with one to four bytes overwritten at random (the header's lengths and run
    // count included): apply answers every one with an image or a reason, never an exception
    byte[] base = image(96, 3);
    byte[] next = base.clone();
    next[7] ^= 1;
    next[50] ^= 1;
    byte[] delta = DeltaImage.encode(base, next);
    Random r = new Random(42);
    int images = 0;
    for (int i = 0; i < 3000; i++) {
      byte[] m = delta.clone();
      for (int k = r.nextInt(4); k >= 0; k--) {
        m[r.nextInt(m.length)] = (byte) r.nextInt(256);
      }
      DeltaImage.Applied a = DeltaImage.apply(base, m);
      assertTrue(a.image().isPresent() != a.malformed().isPresent());
      images += a.image().isPresent() ? 1 : 0;
    }
    // some mutations hit only data bytes or the (unchecked here) base digest: still an image
    assertTrue(images > 0 && images < 3000, "images: " + images);
  }

  @Test
  void aLongerResult_mustCoverItsTail() {
    byte[] base = image(16, 1);
    byte[] next = Arrays.copyOf(base, 24);
    Arrays.fill(next, 16, 24, (byte) 9);
    byte[] delta = DeltaImage.encode(base, next);
    // shorten the run so bytes 20..24 of the longer result are set by nothing
    ByteBuffer.wrap(delta).putInt(DeltaImage.HEADER_BYTES + 4, 4);
    byte[] cut = Arrays.copyOf(delta, delta.length - 4);
    assertTrue(DeltaImage.apply(base, cut).malformed().orElseThrow().contains("unset"));
  }
}
