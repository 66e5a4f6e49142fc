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
}
