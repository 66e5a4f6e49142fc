package org.vfiomc.conformance.emulator.dma;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * Guest memory and the dirty log at their edges (issue 13, item 5: PIT survivors of {@code
 * GuestMemory} and {@code DirtyLog}): the RAM bounds, page transfer for a migration stream, values
 * across page boundaries, the reset a reused harness relies on, and the dirty log's session and
 * epoch rules (VFIO device DMA logging / iommufd {@code read_and_clear_dirty}).
 */
final class MemoryAndLogEdgeTest {
  @Test
  void memorySize_mustBeAPositivePageMultipleWithinTheSpace() {
    assertThrows(IllegalArgumentException.class, () -> new GuestMemory(0));
    assertThrows(IllegalArgumentException.class, () -> new GuestMemory(4097));
    assertThrows(IllegalArgumentException.class, () -> new GuestMemory(-4096));
    assertThrows(IllegalArgumentException.class, () -> new GuestMemory(Pages.ADDRESS_LIMIT + 4096));
    assertEquals(Pages.ADDRESS_LIMIT, new GuestMemory(Pages.ADDRESS_LIMIT).size());
  }

  @Test
  void contains_isExactlyTheRam() {
    GuestMemory m = new GuestMemory(8192);
    assertTrue(m.contains(0, 8192));
    assertTrue(m.contains(8191, 1));
    assertTrue(m.contains(8192, 0));
    assertFalse(m.contains(8191, 2));
    assertFalse(m.contains(-1, 1));
    assertFalse(m.contains(0, -1));
    assertThrows(IllegalArgumentException.class, () -> m.writeByte(8192, (byte) 1));
    assertThrows(IllegalArgumentException.class, () -> m.readByte(-1));
    assertThrows(IllegalArgumentException.class, () -> m.readLong(8188));
    assertThrows(IllegalArgumentException.class, () -> m.readShort(8191));
    assertThrows(IllegalArgumentException.class, () -> m.writeShort(8191, 1));
    assertThrows(IllegalArgumentException.class, () -> m.writeInt(8190, 1));
    assertThrows(IllegalArgumentException.class, () -> m.writeLong(8190, 1));
    assertThrows(IllegalArgumentException.class, () -> m.write(8000, new byte[200], 0, 200));
    assertThrows(IllegalArgumentException.class, () -> m.read(8000, new byte[200], 0, 200));
    assertEquals(0, m.allocatedPages());
  }

  @Test
  void pageTransfer_copiesWholePages_andZeroesForAPageNeverWritten() {
    GuestMemory m = new GuestMemory(1 << 20);
    byte[] page = new byte[Pages.PAGE_SIZE];
    new SplittableRandom(7).nextBytes(page);
    m.writePage(0x3000, page);
    byte[] got = new byte[Pages.PAGE_SIZE];
    m.readPage(0x3000, got);
    assertArrayEquals(page, got);
    java.util.Arrays.fill(got, (byte) 1);
    m.readPage(0x4000, got); // never written: reads as zero, allocates nothing
    assertArrayEquals(new byte[Pages.PAGE_SIZE], got);
    assertEquals(1, m.allocatedPages());
    assertThrows(IllegalArgumentException.class, () -> m.readPage(0x3001, got));
    assertThrows(IllegalArgumentException.class, () -> m.readPage(1 << 20, got));
    assertThrows(IllegalArgumentException.class, () -> m.writePage(0x3000, new byte[100]));
  }

  @Test
  void shortsAndIntsAcrossAPageBoundary_areLittleEndian() {
    GuestMemory m = new GuestMemory(1 << 20);
    m.writeShort(4095, 0xBBAA);
    assertEquals((byte) 0xAA, m.readByte(4095));
    assertEquals((byte) 0xBB, m.readByte(4096));
    assertEquals(0xBBAA, m.readShort(4095));
    m.writeInt(8190, 0x44332211);
    assertEquals(0x2211, m.readShort(8190));
    assertEquals(0x4433, m.readShort(8192));
    assertEquals(0x44332211, m.readInt(8190));
    assertEquals(0, new GuestMemory(1 << 20).readShort(4095), "untouched pages read zero");
    assertEquals(0, new GuestMemory(1 << 20).readInt(4094));
    byte[] b = {1, 1, 1, 1};
    new GuestMemory(1 << 20).read(0x10, b, 0, 4);
    assertArrayEquals(new byte[4], b, "a read inside an untouched page fills zeros");
  }

  @Test
  void byteAndShortStores_markTheCpuLog() {
    GuestMemory m = new GuestMemory(1 << 20);
    m.cpuDirtyLog().start();
    m.writeByte(0x2001, (byte) 1);
    m.writeShort(0x3010, 1);
    m.writeShort(0x4FFF, 1); // pages 4 and 5
    assertArrayEquals(
        new long[] {0x2000, 0x3000, 0x4000, 0x5000}, m.cpuDirtyLog().readAndClear(0, 1 << 20));
  }

  @Test
  void readsAcrossPages_fillUntouchedPagesWithZero() {
    GuestMemory m = new GuestMemory(1 << 20);
    m.writeByte(4095, (byte) 9); // page 0 has storage, page 1 not
    byte[] b = {1, 1, 1, 1};
    m.read(4094, b, 0, 4);
    assertArrayEquals(new byte[] {0, 9, 0, 0}, b);
    m.writeByte(8192, (byte) 5); // page 2; page 1 still none
    byte[] c = new byte[4098];
    java.util.Arrays.fill(c, (byte) 1);
    m.read(4095, c, 0, 4098);
    assertEquals(9, c[0]);
    assertEquals(0, c[1]);
    assertEquals(0, c[4096]);
    assertEquals(5, c[4097]);
  }

  @Test
  void zeroAll_givesANewMemorysContents_andStopsTheCpuLog() {
    GuestMemory m = new GuestMemory(256L << 20); // four 64 MiB leaves
    assertTrue(m.isAllZero());
    m.cpuDirtyLog().start();
    m.writeByte(0x10, (byte) 1);
    m.writeByte((200L << 20) + 5, (byte) 2); // in the fourth leaf
    m.writeByte((256L << 20) - 1, (byte) 3); // the last byte of RAM
    assertFalse(m.isAllZero());
    m.zeroAll();
    assertTrue(m.isAllZero());
    assertEquals(0, m.readByte((200L << 20) + 5));
    assertEquals(0, m.readByte((256L << 20) - 1));
    assertFalse(m.cpuDirtyLog().isActive());
    assertEquals(3, m.allocatedPages(), "storage is kept");
    GuestMemory last = new GuestMemory(1 << 20);
    last.writeByte((1 << 20) - 1, (byte) 1);
    assertFalse(last.isAllZero(), "the last page counts");
  }

  @Test
  void zeroAllAndIsAllZero_coverTheLargestMemory_toItsLastPageAndNoFurther() {
    // 1 TiB, the whole space: 2^28 pages, exactly the 2^14 leaves of the page directory, so the
    // last page (pfn 2^28 - 1) is in the last leaf and a walk one page further would index past
    // the directory. Only pages with storage cost anything (isAllZero looks up all 2^28).
    GuestMemory m = new GuestMemory(Pages.ADDRESS_LIMIT);
    m.writeByte(0, (byte) 1);
    m.writeByte(Pages.ADDRESS_LIMIT - 1, (byte) 2);
    assertFalse(m.isAllZero());
    m.zeroAll();
    assertEquals(0, m.readByte(Pages.ADDRESS_LIMIT - 1));
    assertEquals(0, m.readByte(0));
    assertTrue(m.isAllZero());
    assertEquals(2, m.allocatedPages());
  }

  @Test
  void dirtyLog_recordsOnlyWhileActive_andEverySessionStartsClean() {
    DirtyLog log = new DirtyLog();
    assertFalse(log.isActive());
    log.mark(3);
    log.markRange(0, 8192);
    assertFalse(log.isDirty(3 << 12));
    long e0 = log.epoch();
    log.start();
    assertTrue(log.isActive());
    long e1 = log.epoch();
    assertNotEquals(e0, e1);
    assertNotEquals(0, e1, "never 0 (DmaPort's IOTLB uses 0 for 'not marked since cached')");
    log.markRange(0x1001, 0); // empty range (inside page 1)
    log.markRange(0x1000, -5);
    assertFalse(log.isDirty(0x1000));
    log.markRange(0x1FFF, 2); // bytes 0x1FFF and 0x2000: pages 1 and 2
    assertTrue(log.isDirty(0x1000));
    assertTrue(log.isDirty(0x2FFF));
    assertFalse(log.isDirty(0x3000));
    assertFalse(log.isDirty(0x0FFF));
    assertEquals(e1, log.epoch(), "marking does not change the epoch");
    assertEquals(0, log.readAndClear(0x1000, 0).length, "an empty range");
    assertEquals(e1, log.epoch(), "nothing read: nothing cleared");
    assertArrayEquals(new long[] {0x1000, 0x2000}, log.readAndClear(0, 1 << 20));
    long e2 = log.epoch();
    assertNotEquals(e1, e2);
    log.markRange(0x5000, 1);
    log.stop();
    long e3 = log.epoch();
    assertEquals(4, java.util.Set.of(e0, e1, e2, e3).size(), "each clearing a new epoch");
    assertFalse(log.isActive());
    assertFalse(log.isDirty(0x5000), "stop discards the bitmap");
    assertThrows(IllegalArgumentException.class, () -> log.readAndClear(-4096, 4096));
    assertThrows(IllegalArgumentException.class, () -> log.readAndClear(Pages.ADDRESS_LIMIT, 4096));
  }

  @Test
  void readAndClear_returnsManyPages_inOrder_andLeavesTheRestOfTheRange() {
    DirtyLog log = new DirtyLog();
    log.start();
    long[] expected = new long[40];
    for (int i = 0; i < 40; i++) {
      expected[i] = (long) (3 * i + 1) << Pages.PAGE_SHIFT; // pages 1, 4, 7, ..., 118
      log.mark(3 * i + 1);
    }
    log.mark(200);
    assertArrayEquals(expected, log.readAndClear(0, 120L << Pages.PAGE_SHIFT));
    assertTrue(log.isDirty(200L << Pages.PAGE_SHIFT), "outside the range: kept");
    assertFalse(log.isDirty(1L << Pages.PAGE_SHIFT));
    assertArrayEquals(new long[] {200L << Pages.PAGE_SHIFT}, log.readAndClear(0, 1L << 30));
  }

  @Test
  void readAndClear_fromTheMiddleOfAWord() {
    DirtyLog log = new DirtyLog();
    log.start();
    log.mark(70);
    log.mark(100);
    log.mark(130);
    // from page 75: the word of pages 64..127 holds 70 (before the range) and 100
    assertArrayEquals(
        new long[] {100L << Pages.PAGE_SHIFT, 130L << Pages.PAGE_SHIFT},
        log.readAndClear(75L << Pages.PAGE_SHIFT, 100L << Pages.PAGE_SHIFT));
    assertTrue(log.isDirty(70L << Pages.PAGE_SHIFT));
  }
}
