package org.vfiomc.conformance.emulator.dma;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.vfiomc.conformance.emulator.packet.Frame;

/**
 * The IOTLB of {@code DmaPort} where a cached page must not change the answer (issue 13, item 5:
 * PIT survivors of the fourth session): an empty write to a page whose translation is cached is
 * refused like any empty access, and the empty write tag of a read-only entry is no hit for the
 * other IOVA page that shares its entry.
 */
final class DmaIotlbEdgeTest {
  private final GuestMemory mem = new GuestMemory(16 << 20);
  private final Iommu iommu = new Iommu();
  private final DmaPort dma = new DmaPort(mem, iommu);

  @Test
  void anEmptyWrite_toACachedPage_isRefusedAsOutOfRange_andMarksNothing() {
    // IOVA page 0x40 -> guest page 0x300, which has storage, so the readLong caches it; an empty
    // write there is still a caller's error (DmaRangeCheckTest: no engine issues one), cached or
    // not: refused as OUT_OF_RANGE, counted, and no page marked in the device log.
    iommu.map(0x40000, 0x300000, 4096, true, true);
    mem.writeLong(0x300000, 0x55);
    assertEquals(0x55, dma.readLong(0x40000));
    dma.deviceDirtyLog().start();
    assertFalse(dma.write(0x40010, new byte[4], 0, 0));
    assertEquals(new DmaFault(0x40010, 0, true, DmaFault.Reason.OUT_OF_RANGE), dma.lastFault());
    Frame f = Frame.of(new byte[64]);
    assertFalse(dma.write(0x40020, f, 0, 0, new byte[Frame.MAX_LENGTH]));
    assertEquals(new DmaFault(0x40020, 0, true, DmaFault.Reason.OUT_OF_RANGE), dma.lastFault());
    assertEquals(2, dma.faultCount());
    assertArrayEquals(new long[0], dma.deviceDirtyLog().readAndClear(0, 16 << 20));
    // the same page still takes a non-empty write, through the cache
    assertTrue(dma.write(0x40010, new byte[] {1, 2, 3, 4}, 0, 4));
    assertEquals(0x04030201, mem.readInt(0x300010));
  }

  @Test
  void aReadOnlyEntrysEmptyWriteTag_isNoHitForTheOtherPageOfItsEntry() {
    // IOVA pages 0x1 and 0x201 are 512 pages apart (the IOTLB's size): both use entry 1. Page
    // 0x201 is read-only, so caching it leaves the entry's write tag 0 ("no write right"); a write
    // to page 0x1 looks up that tag with its own page number, and must miss and walk the table to
    // its own guest page 0x200, not land in 0x201's guest page 0x300.
    iommu.map(0x201000, 0x300000, 4096, true, false);
    iommu.map(0x1000, 0x200000, 4096, true, true);
    mem.writeLong(0x300000, 0x33);
    mem.writeLong(0x200000, 0x22);
    assertEquals(0x33, dma.readLong(0x201000)); // entry 1: page 0x201, read-only
    assertTrue(dma.writeLong(0x1000, 0x1111));
    assertEquals(0x1111, mem.readLong(0x200000));
    assertEquals(0x33, mem.readLong(0x300000), "the read-only page is untouched");
    assertEquals(0, dma.faultCount());
  }

  @Test
  void valuesAcrossAPageEnd_fromACachedPage_landInBothGuestPages() {
    // IOVA pages 0x40 and 0x41 -> guest pages 0x301 and 0x300 (reversed, so not contiguous), both
    // with storage, and 0x40's translation cached by a read. An access that starts in the cached
    // page but runs past its end is not a one-page access: it takes the page walk and puts its
    // bytes after the page end at the start of guest page 0x300, little-endian.
    iommu.map(0x40000, 0x301000, 4096, true, true);
    iommu.map(0x41000, 0x300000, 4096, true, true);
    mem.writeLong(0x301000, 0x77);
    mem.writeLong(0x300100, 0x66);
    assertEquals(0x77, dma.readLong(0x40000));
    dma.deviceDirtyLog().start();
    assertTrue(dma.writeLong(0x40FFC, 0x8877665544332211L)); // 4 bytes in each page
    assertEquals(0x44332211, mem.readInt(0x301FFC));
    assertEquals(0x88776655, mem.readInt(0x300000));
    assertEquals(0x8877665544332211L, dma.readLong(0x40FFC));
    assertArrayEquals(
        new long[] {0x300000, 0x301000}, dma.deviceDirtyLog().readAndClear(0, 16 << 20));
    byte[] data = new byte[32];
    for (int i = 0; i < data.length; i++) {
      data[i] = (byte) (0xA0 + i);
    }
    assertTrue(dma.write(0x40FF0, data, 0, 32)); // 16 bytes in each page
    assertEquals((byte) 0xAF, mem.readByte(0x301FFF));
    assertEquals((byte) 0xB0, mem.readByte(0x300000));
    assertTrue(dma.write(0x40FF8, Frame.of(data), 0, 16, new byte[Frame.MAX_LENGTH]));
    assertEquals((byte) 0xA7, mem.readByte(0x301FFF));
    assertEquals((byte) 0xA8, mem.readByte(0x300000));
    assertEquals(0x77, mem.readLong(0x301000), "the rest of both pages is untouched");
    assertEquals(0x66, mem.readLong(0x300100));
    assertEquals(0, dma.faultCount());
  }
}
