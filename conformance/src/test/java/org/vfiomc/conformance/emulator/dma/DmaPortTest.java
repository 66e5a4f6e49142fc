package org.vfiomc.conformance.emulator.dma;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

final class DmaPortTest {
  private final GuestMemory mem = new GuestMemory(16 << 20);
  private final Iommu iommu = new Iommu();
  private final DmaPort dma = new DmaPort(mem, iommu);

  @Test
  void unmappedWrite_isARecordedFault_andTouchesNothing() {
    iommu.map(0x10000, 0x200000, 4096, true, true); // one page only
    byte[] data = {1, 2, 3, 4, 5, 6, 7, 8};
    // [0x10FFC, +8) spans the mapped page and the unmapped one after it: all or nothing
    assertFalse(dma.write(0x10FFC, data, 0, 8));
    assertEquals(1, dma.faultCount());
    assertEquals(DmaFault.Reason.UNMAPPED, dma.lastFault().reason());
    assertEquals(0, mem.readInt(0x200FFC));
    assertEquals(0, mem.allocatedPages());
  }

  @Test
  void writeToReadOnlyMapping_isAPermissionFault_readsWork() {
    iommu.map(0, 0x100000, 4096, true, false);
    mem.writeInt(0x100010, 0xCAFE);
    byte[] b = new byte[4];
    assertTrue(dma.read(0x10, b, 0, 4));
    assertEquals(0xCAFE, (b[0] & 0xFF) | (b[1] & 0xFF) << 8);
    assertFalse(dma.writeInt(0x10, 1));
    assertEquals(DmaFault.Reason.PERMISSION, dma.lastFault().reason());
    assertEquals(0xCAFE, mem.readInt(0x100010));
  }

  @Test
  void closedGate_refusesEveryAccess_asBlocked() {
    iommu.mapIdentity(16 << 20);
    dma.setAllowed(false);
    assertFalse(dma.writeLong(0x1000, 5));
    assertEquals(0, dma.readLong(0x1000));
    assertFalse(dma.lastReadOk());
    assertEquals(2, dma.blockedCount());
    assertEquals(0, dma.faultCount()); // gate refusals are not translation faults
    assertEquals(0, mem.allocatedPages());
  }

  @Test
  void deviceAndCpuLogs_areSeparate() {
    iommu.mapIdentity(16 << 20);
    mem.cpuDirtyLog().start();
    dma.deviceDirtyLog().start();
    dma.write(0x5000, new byte[100], 0, 100);
    mem.writeInt(0x9000, 1);
    byte[] b = new byte[8];
    dma.read(0xA000, b, 0, 8); // device reads dirty nothing
    assertArrayEquals(new long[] {0x5000}, dma.deviceDirtyLog().readAndClear(0, 16 << 20));
    assertArrayEquals(new long[] {0x9000}, mem.cpuDirtyLog().readAndClear(0, 16 << 20));
    // read-and-clear: a second read finds nothing
    assertEquals(0, dma.deviceDirtyLog().readAndClear(0, 16 << 20).length);
  }

  @Test
  void translation_followsTheIommu_acrossDiscontiguousPages() {
    // IOVA pages 0x40 and 0x41 map to guest pages 0x301 and 0x300 (reversed)
    iommu.map(0x40000, 0x301000, 4096, true, true);
    iommu.map(0x41000, 0x300000, 4096, true, true);
    dma.deviceDirtyLog().start();
    byte[] data = {1, 2, 3, 4, 5, 6, 7, 8};
    assertTrue(dma.write(0x40FFC, data, 0, 8));
    assertEquals(0x04030201, mem.readInt(0x301FFC));
    assertEquals(0x08070605, mem.readInt(0x300000));
    assertArrayEquals(
        new long[] {0x300000, 0x301000}, dma.deviceDirtyLog().readAndClear(0, 16 << 20));
  }

  @Test
  void unmap_invalidatesCachedTranslations() {
    iommu.mapIdentity(1 << 20);
    assertTrue(dma.writeLong(0x3000, 1)); // caches the translation
    iommu.unmap(0x3000, 4096);
    assertFalse(dma.writeLong(0x3000, 2));
    assertEquals(DmaFault.Reason.UNMAPPED, dma.lastFault().reason());
    assertEquals(1, mem.readLong(0x3000));
  }
}
