package org.vfiomc.conformance.emulator.dma;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

final class DirtyLogTest {
  @Test
  void readAndClear_returnsOnlyTheRange_andClearsOnlyIt() {
    DirtyLog log = new DirtyLog();
    log.start();
    log.markRange(0x1000, 3 * 4096); // pages 1, 2, 3
    log.mark(Pages.pfn(0x3_0000_0000L)); // a page 12 GiB up, in another leaf
    assertArrayEquals(new long[] {0x2000}, log.readAndClear(0x2000, 4096));
    assertArrayEquals(
        new long[] {0x1000, 0x3000, 0x3_0000_0000L}, log.readAndClear(0, 0x4_0000_0000L));
  }

  @Test
  void stop_discards_andMarksWhileStoppedAreLost() {
    DirtyLog log = new DirtyLog();
    log.start();
    log.mark(5);
    log.stop();
    log.mark(6);
    log.start();
    assertEquals(0, log.readAndClear(0, 1 << 20).length);
  }

  @Test
  void restartedLog_keepsNoBitOfTheLastSession_inAnyWordOfAnyLeaf() {
    DirtyLog log = new DirtyLog();
    log.start();
    long[] pages = {0, 63, 64, 4095, 262_143, 262_144, Pages.pfn(0x3_0000_0000L)};
    for (long p : pages) {
      log.mark(p);
    }
    log.start(); // a new session begins clean; the bitmap's storage is reused
    for (long p : pages) {
      assertEquals(false, log.isDirty(p << Pages.PAGE_SHIFT), "page " + p);
    }
    assertEquals(0, log.readAndClear(0, 0x4_0000_0000L).length);
    log.mark(64);
    log.mark(262_144);
    assertArrayEquals(
        new long[] {64L << Pages.PAGE_SHIFT, 262_144L << Pages.PAGE_SHIFT},
        log.readAndClear(0, 0x4_0000_0000L));
  }
}
