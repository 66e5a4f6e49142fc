package org.vfiomc.conformance.vfio;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.ByteArrayOutputStream;
import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * {@link ByteQueue} keeps the pieces appended; every range read across them is the range of the
 * bytes appended in order (a plain array as the reference), on seeded random appends of every size
 * (empty ones and parts of a larger array included).
 */
final class ByteQueueTest {
  @Test
  void everyRange_isTheRangeOfTheBytesAppended() {
    for (long seed = 0; seed < 50; seed++) {
      SplittableRandom r = new SplittableRandom(seed);
      ByteQueue q = new ByteQueue();
      ByteArrayOutputStream ref = new ByteArrayOutputStream();
      int appends = r.nextInt(1, 12);
      for (int i = 0; i < appends; i++) {
        byte[] b = new byte[r.nextInt(0, 300)];
        r.nextBytes(b);
        int off = b.length == 0 ? 0 : r.nextInt(b.length);
        int len = r.nextInt(b.length - off + 1);
        q.append(b, off, len);
        ref.write(b, off, len);
        byte[] all = ref.toByteArray();
        assertEquals(all.length, q.size(), "seed " + seed);
        assertArrayEquals(all, q.toArray(), "seed " + seed);
        int from = r.nextInt(all.length + 1);
        int to = from + r.nextInt(all.length - from + 1);
        assertArrayEquals(Arrays.copyOfRange(all, from, to), q.copy(from, to), "seed " + seed);
      }
    }
  }

  @Test
  void aRangePastTheEnd_isRefused() {
    ByteQueue q = new ByteQueue();
    q.append(new byte[] {1, 2, 3});
    assertThrows(IndexOutOfBoundsException.class, () -> q.copy(1, 4));
    assertThrows(IndexOutOfBoundsException.class, () -> q.copy(2, 1));
  }
}
