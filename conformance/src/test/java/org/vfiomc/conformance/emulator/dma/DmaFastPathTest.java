package org.vfiomc.conformance.emulator.dma;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.vfiomc.conformance.emulator.packet.Frame;
import org.vfiomc.conformance.emulator.packet.PacketId;
import org.vfiomc.conformance.emulator.packet.TestFrames;

/**
 * The IOTLB fast path behaves as the page-table walk it caches (issue 13, item 5: PIT survivors of
 * {@code DmaPort}'s cached paths): a cached translation still obeys the DMA gate, lands in the page
 * of the accessed IOVA, and marks the device dirty log after every clearing; and the walk itself
 * treats guest-physical page 0 as the ordinary page it is.
 */
final class DmaFastPathTest {
  private static final long GIB = 1L << 30;

  @Test
  void aCachedTranslation_stillObeysTheClosedGate() {
    GuestMemory mem = new GuestMemory(16 << 20);
    Iommu iommu = new Iommu();
    iommu.mapIdentity(16 << 20);
    DmaPort dma = new DmaPort(mem, iommu);
    byte[] scratch = new byte[Frame.MAX_LENGTH];
    Frame f = TestFrames.build(new PacketId(1), 2, 4, 60, 1);
    assertTrue(dma.writeLong(0x5000, 1)); // the page gets storage; later accesses hit the cache
    assertEquals(1, dma.readLong(0x5000));
    assertTrue(dma.write(0x5100, new byte[] {1}, 0, 1));
    assertTrue(dma.write(0x5200, f, 0, 60, scratch));
    assertTrue(dma.writeLongPair(0x5300, 1, 1));
    dma.setAllowed(false);
    assertEquals(0, dma.readLong(0x5000));
    assertFalse(dma.lastReadOk());
    assertFalse(dma.writeLong(0x5000, 2));
    assertFalse(dma.write(0x5100, new byte[] {2}, 0, 1));
    assertFalse(dma.write(0x5200, TestFrames.build(new PacketId(2), 2, 4, 60, 1), 0, 60, scratch));
    assertFalse(dma.writeLongPair(0x5300, 2, 2));
    assertEquals(5, dma.blockedCount());
    assertEquals(1, mem.readLong(0x5000));
    assertEquals(1, mem.readByte(0x5100));
    assertEquals(f.byteAt(0), mem.readByte(0x5200));
    assertEquals(1, mem.readLong(0x5300));
  }

  @Test
  void aCachedAccess_landsInThePageOfItsIova() {
    // 1 GiB identity-mapped, with storage both at IOVA/GPA 0x18 and at 0x18000018 (0x18 << 24,
    // where the access would land if the IOVA were shifted the wrong way into a page number)
    GuestMemory mem = new GuestMemory(GIB);
    Iommu iommu = new Iommu();
    iommu.mapIdentity(GIB);
    DmaPort dma = new DmaPort(mem, iommu);
    mem.writeLong(0x18, 0x1111);
    mem.writeLong(0x1800_0018L, 0x2222);
    assertEquals(0x1111, dma.readLong(0x18));
    assertTrue(dma.writeLong(0x18, 0x4444));
    assertEquals(0x4444, mem.readLong(0x18));
    assertTrue(dma.writeLongPair(0x18, 0x5555, 0x6666));
    assertEquals(0x5555, mem.readLong(0x18));
    assertEquals(0x6666, mem.readLong(0x20));
    assertTrue(dma.write(0x18, new byte[] {7}, 0, 1));
    assertEquals(7, mem.readByte(0x18));
    Frame f = TestFrames.build(new PacketId(1), 2, 4, 60, 1);
    assertTrue(dma.write(0x18, f, 0, 60, new byte[Frame.MAX_LENGTH]));
    assertEquals(f.byteAt(0), mem.readByte(0x18));
    assertEquals(f.byteAt(59), mem.readByte(0x18 + 59));
    assertEquals(0x2222, mem.readLong(0x1800_0018L), "the other page untouched");
    assertEquals(0, mem.readLong(0x1800_0020L));
  }

  @Test
  void cachedWrites_markTheirPage_afterStartAndAfterEachReadAndClear() {
    GuestMemory mem = new GuestMemory(16 << 20);
    Iommu iommu = new Iommu();
    iommu.mapIdentity(16 << 20);
    DmaPort dma = new DmaPort(mem, iommu);
    mem.writeLong(0x7000, 0); // storage, so the device's writes take the cached path
    mem.writeLong(0x8000, 0);
    assertEquals(0, dma.readLong(0x7000));
    dma.deviceDirtyLog().start();
    assertTrue(dma.write(0x7010, new byte[] {1, 2, 3}, 0, 3));
    assertTrue(dma.writeLong(0x8000, 9));
    assertArrayEquals(new long[] {0x7000, 0x8000}, dma.deviceDirtyLog().readAndClear(0, 1 << 24));
    assertTrue(dma.write(0x7020, new byte[] {4}, 0, 1));
    assertArrayEquals(new long[] {0x7000}, dma.deviceDirtyLog().readAndClear(0, 1 << 24));
    assertEquals(0x030201, mem.readInt(0x7010) & 0xFFFFFF);
    assertEquals(4, mem.readByte(0x7020));
  }

  @Test
  void guestPhysicalPageZero_isAnOrdinaryPage_forAccessesAcrossPages() {
    GuestMemory mem = new GuestMemory(16 << 20);
    Iommu iommu = new Iommu();
    DmaPort dma = new DmaPort(mem, iommu);
    iommu.map(0x40000, 0, 2 * 4096, true, true); // IOVA 0x40000.. -> GPA 0..
    iommu.map(0x50000, 0x9000, 4096, true, true);
    iommu.map(0x51000, 0, 4096, true, true); // IOVA 0x51000 -> GPA 0 (a later page)
    byte[] data = new byte[5000];
    new java.util.SplittableRandom(5).nextBytes(data);
    assertTrue(dma.write(0x40000, data, 0, 5000)); // from GPA 0, across into GPA 0x1000
    byte[] got = new byte[5000];
    mem.read(0, got, 0, 5000);
    assertArrayEquals(data, got);
    byte[] back = new byte[5000];
    assertTrue(dma.read(0x40000, back, 0, 5000));
    assertArrayEquals(data, back);
    assertTrue(dma.writeLong(0x50FFC, 0x0807060504030201L)); // second half lands in GPA 0
    assertEquals(0x04030201, mem.readInt(0x9FFC));
    assertEquals(0x08070605, mem.readInt(0));
    assertEquals(0, dma.faultCount());
  }

  @Test
  void aCrossPageAccessWhoseFirstPageIsUnmapped_touchesNothing() {
    GuestMemory mem = new GuestMemory(16 << 20);
    Iommu iommu = new Iommu();
    DmaPort dma = new DmaPort(mem, iommu);
    iommu.map(0x41000, 0x200000, 4096, true, true); // 0x40000 unmapped
    assertFalse(dma.write(0x40FF0, new byte[32], 0, 32));
    assertFalse(dma.writeLong(0x40FFC, -1));
    assertFalse(dma.read(0x40FF0, new byte[32], 0, 32));
    assertEquals(DmaFault.Reason.UNMAPPED, dma.lastFault().reason());
    assertEquals(3, dma.faultCount());
    assertEquals(0, mem.allocatedPages());
  }

  @Test
  void aCachedSixteenByteWrite_marksItsPage() {
    GuestMemory mem = new GuestMemory(16 << 20);
    Iommu iommu = new Iommu();
    iommu.mapIdentity(16 << 20);
    DmaPort dma = new DmaPort(mem, iommu);
    mem.writeLong(0x9000, 0); // storage: the write takes the cached path
    dma.deviceDirtyLog().start();
    assertTrue(dma.writeLongPair(0x9010, 1, 2));
    assertArrayEquals(new long[] {0x9000}, dma.deviceDirtyLog().readAndClear(0, 1 << 24));
  }

  @Test
  void theCachedPage_isTheTranslationOfTheIovasOwnPage() {
    // IOVA page 0x40 maps to GPA page 0x40; GPA page 0 has storage too and must stay untouched
    GuestMemory mem = new GuestMemory(16 << 20);
    Iommu iommu = new Iommu();
    iommu.mapIdentity(16 << 20);
    DmaPort dma = new DmaPort(mem, iommu);
    mem.writeLong(0, 0x1111);
    mem.writeLong(0x40000, 0);
    assertTrue(dma.writeLong(0x40008, 5));
    assertEquals(5, mem.readLong(0x40008));
    assertEquals(0, mem.readLong(8));
    assertEquals(0x1111, mem.readLong(0));
  }

  @Test
  void intsAcrossPages_touchExactlyFourBytes() {
    GuestMemory mem = new GuestMemory(1 << 20);
    mem.writeByte(8194, (byte) 0x77); // the byte after an int at 8190
    mem.writeInt(8190, 0x44332211);
    assertEquals(0x77, mem.readByte(8194));
    assertEquals(0x44332211, mem.readInt(8190));
    mem.writeShort(0x3010, 0xBEEF);
    assertEquals(0xBEEF, mem.readShort(0x3010));
    // a device int across two discontiguous pages: IOVA 0x40FFE.. -> 0x301FFE, 0x300000
    GuestMemory m2 = new GuestMemory(16 << 20);
    Iommu iommu = new Iommu();
    iommu.map(0x40000, 0x301000, 4096, true, true);
    iommu.map(0x41000, 0x300000, 4096, true, true);
    DmaPort dma = new DmaPort(m2, iommu);
    m2.writeByte(0x300002, (byte) 0x77);
    assertTrue(dma.writeInt(0x40FFE, 0xDDCCBBAA));
    assertEquals(0x77, m2.readByte(0x300002));
    assertEquals(0xDDCC, m2.readShort(0x300000));
  }
}
