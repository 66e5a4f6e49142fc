package org.vfiomc.conformance.emulator.dma;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/**
 * The caches behind the Rx fast path are invisible: the IOTLB follows every map and unmap, the
 * once-per-epoch dirty marking still records every written page after each read-and-clear, a
 * 16-byte descriptor write is all or nothing, and guest memory finds pages in any leaf.
 */
final class DmaCacheTest {
  private static final long MIB = 1 << 20;
  private final GuestMemory mem = new GuestMemory(256 * MIB);
  private final Iommu iommu = new Iommu();
  private final DmaPort dma = new DmaPort(mem, iommu);

  private static byte[] bytes(int n, int first) {
    byte[] b = new byte[n];
    for (int i = 0; i < n; i++) {
      b[i] = (byte) (first + i);
    }
    return b;
  }

  @Test
  void remap_sendsTheNextDmaToTheNewPage_andTheDirtyLogNamesIt() {
    iommu.map(0x40000, 0x200000, 4096, true, true);
    dma.deviceDirtyLog().start();
    assertTrue(dma.write(0x40010, bytes(60, 1), 0, 60)); // caches IOVA page 0x40 -> 0x200
    assertTrue(dma.writeLongPair(0x40100, 0x11, 0x22)); // a hit on the cached entry
    iommu.unmap(0x40000, 4096);
    iommu.map(0x40000, 0x300000, 4096, true, true); // same IOVA, another guest page
    assertTrue(dma.write(0x40010, bytes(60, 101), 0, 60));
    assertTrue(dma.writeLongPair(0x40100, 0x33, 0x44));
    // the second round landed in 0x300000; 0x200000 keeps the first round's bytes
    assertEquals(0x68676665, mem.readInt(0x300010)); // bytes 101..104
    assertEquals(0x04030201, mem.readInt(0x200010)); // bytes 1..4
    assertEquals(0x33, mem.readLong(0x300100));
    assertEquals(0x44, mem.readLong(0x300108));
    assertEquals(0x11, mem.readLong(0x200100));
    // both guest pages were written by the device, each recorded once
    assertArrayEquals(
        new long[] {0x200000, 0x300000}, dma.deviceDirtyLog().readAndClear(0, 256 * MIB));
    assertEquals(0, dma.faultCount());
  }

  @Test
  void unmapAfterCachedWrites_faultsEveryAccessKind_andWritesNothing() {
    iommu.map(0x40000, 0x200000, 4096, true, true);
    assertTrue(dma.write(0x40000, bytes(8, 1), 0, 8));
    assertEquals(0x0807060504030201L, dma.readLong(0x40000));
    iommu.unmap(0x40000, 4096);
    assertFalse(dma.write(0x40000, bytes(8, 9), 0, 8));
    assertFalse(dma.writeLong(0x40000, -1));
    assertFalse(dma.writeLongPair(0x40000, -1, -1));
    assertEquals(0, dma.readLong(0x40000));
    assertFalse(dma.lastReadOk());
    // four refused accesses, each an UNMAPPED fault; memory still holds the first write
    assertEquals(4, dma.faultCount());
    assertEquals(DmaFault.Reason.UNMAPPED, dma.lastFault().reason());
    assertEquals(0x0807060504030201L, mem.readLong(0x200000));
  }

  @Test
  void readCachesNoWriteRight_onAReadOnlyMapping() {
    iommu.map(0x40000, 0x200000, 4096, true, false);
    mem.writeLong(0x200000, 7);
    assertEquals(7, dma.readLong(0x40000)); // caches a read-only entry
    assertFalse(dma.writeLongPair(0x40000, 1, 2));
    assertEquals(DmaFault.Reason.PERMISSION, dma.lastFault().reason());
    assertEquals(16, dma.lastFault().length()); // the pair is one 16-byte access
    assertEquals(7, mem.readLong(0x200000));
  }

  @Test
  void iovaPagesSharingAnIotlbEntry_alternate_withoutMixingUp() {
    // IOVA pages 0x40 and 0x240 are 512 pages apart (the IOTLB's size): they share one entry
    iommu.map(0x40000, 0x200000, 4096, true, true);
    iommu.map(0x240000, 0x300000, 4096, true, false); // read-only
    dma.deviceDirtyLog().start();
    for (int i = 0; i < 3; i++) {
      assertTrue(dma.writeLong(0x40000 + 8 * i, i + 1)); // evicts 0x240's entry
      assertEquals(0, dma.readLong(0x240000)); // evicts 0x40's entry
      assertFalse(dma.writeLong(0x240000, 9)); // read-only, cached or not
    }
    assertEquals(3, mem.readLong(0x200010));
    assertEquals(0, mem.readLong(0x300000));
    assertEquals(3, dma.faultCount());
    assertArrayEquals(new long[] {0x200000}, dma.deviceDirtyLog().readAndClear(0, 256 * MIB));
  }

  @Test
  void writtenPage_isMarkedAgain_afterEachReadAndClear() {
    iommu.mapIdentity(MIB);
    DirtyLog log = dma.deviceDirtyLog();
    log.start();
    dma.writeLong(0x5000, 1);
    dma.writeLong(0x5008, 2); // same page, same epoch: the bit is already set
    assertArrayEquals(new long[] {0x5000}, log.readAndClear(0, MIB));
    dma.writeLong(0x5010, 3); // a new epoch: the cached entry must mark again
    assertArrayEquals(new long[] {0x5000}, log.readAndClear(0, MIB));
    assertEquals(0, log.readAndClear(0, MIB).length); // and nothing was written since
    log.stop();
    dma.writeLong(0x5018, 4); // stopped: nothing recorded
    log.start();
    dma.writeLong(0x5020, 5); // restarted: recorded although the entry is still cached
    assertArrayEquals(new long[] {0x5000}, log.readAndClear(0, MIB));
  }

  @Test
  void writeLongPair_storesLittleEndianInOrder_evenAcrossPages() {
    iommu.mapIdentity(MIB);
    dma.deviceDirtyLog().start();
    assertTrue(dma.writeLongPair(0x7000, 0x0102030405060708L, 0x1112131415161718L));
    assertEquals(0x08, mem.readByte(0x7000)); // least significant byte first
    assertEquals(0x1112131415161718L, mem.readLong(0x7008));
    // 8 bytes before a page end: the pair spans pages 0x7 and 0x8, both written and logged
    assertTrue(dma.writeLongPair(0x7FF8, 5, 6));
    assertEquals(5, mem.readLong(0x7FF8));
    assertEquals(6, mem.readLong(0x8000));
    assertArrayEquals(new long[] {0x7000, 0x8000}, dma.deviceDirtyLog().readAndClear(0, MIB));
  }

  @Test
  void writeLongPair_halfUnmapped_writesNeitherHalf() {
    iommu.map(0x7000, 0x7000, 4096, true, true); // page 0x8 stays unmapped
    assertFalse(dma.writeLongPair(0x7FF8, 5, 6));
    assertEquals(DmaFault.Reason.UNMAPPED, dma.lastFault().reason());
    assertEquals(0, mem.readLong(0x7FF8));
    assertEquals(0, mem.allocatedPages());
  }

  @Test
  void guestMemory_findsPagesInEveryLeaf() {
    // a leaf covers 64 MiB: these three pages sit in leaves 0, 1 and 3
    long[] gpas = {0x1000, 64 * MIB + 0x2000, 192 * MIB + 0x3000};
    for (int i = 0; i < gpas.length; i++) {
      mem.writeInt(gpas[i], 100 + i);
    }
    for (int round = 0; round < 2; round++) { // alternate leaves: the remembered leaf changes
      for (int i = 0; i < gpas.length; i++) {
        assertEquals(100 + i, mem.readInt(gpas[i]));
        assertEquals(0, mem.readInt(gpas[i] + 4096)); // the next page was never written
      }
    }
    assertEquals(3, mem.allocatedPages());
    assertNull(mem.pageOrNull(Pages.pfn(128 * MIB))); // leaf 2 was never created
  }
}
