package org.vfiomc.conformance.scenario;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;
import org.vfiomc.conformance.emulator.dma.DmaPort;
import org.vfiomc.conformance.emulator.dma.GuestMemory;
import org.vfiomc.conformance.emulator.dma.Iommu;
import org.vfiomc.conformance.orchestrator.DmaDirtySupport;
import org.vfiomc.conformance.orchestrator.HostModel;

class VfGuestMemoryMigrationTest {
  private final GuestMemory src = new GuestMemory(1 << 20);
  private final GuestMemory dst = new GuestMemory(1 << 20);
  private final DmaPort dma;

  VfGuestMemoryMigrationTest() {
    Iommu iommu = new Iommu();
    iommu.mapIdentity(1 << 20);
    dma = new DmaPort(src, iommu);
  }

  private void writes() {
    src.writeInt(0x3000, 7); // CPU: page 3
    dma.writeInt(0x5000, 9); // device: page 5
    dma.writeInt(0x3004, 1); // device: page 3 again
  }

  @Test
  void iommuTracking_unitesBothLogs_andCopiesTheBytes() {
    VfGuestMemoryMigration m = new VfGuestMemoryMigration(src, dma, dst, true);
    assertEquals(256, m.pageCount()); // 1 MiB / 4 KiB
    m.startDirtyTracking();
    writes();
    assertEquals(2, m.dirtyPageCount()); // pages 3 and 5, page 3 counted once
    long[] dirty = m.readAndClearDirty();
    assertArrayEquals(new long[] {3, 5}, dirty);
    assertEquals(0, m.dirtyPageCount());
    for (long p : dirty) {
      m.copyPage(p);
    }
    assertEquals(7, dst.readInt(0x3000));
    assertEquals(1, dst.readInt(0x3004));
    assertEquals(9, dst.readInt(0x5000));
  }

  @Test
  void withoutTheDeviceLog_deviceWritesAreInvisible() {
    VfGuestMemoryMigration m = new VfGuestMemoryMigration(src, dma, dst, false);
    m.startDirtyTracking();
    writes();
    // only the CPU's page: what guest-side tracking (or none) has to make up for
    assertArrayEquals(new long[] {3}, m.readAndClearDirty());
  }

  /**
   * The host decides what is read: a VF with a DMA log on the 2015 RFC host ({@code CPU_ONLY})
   * reports only the CPU's page; on QEMU 10.x (device DMA logging) both.
   */
  @Test
  void theHostsTracker_decidesWhetherTheDeviceLogIsRead() {
    VfGuestMemoryMigration rfc = new VfGuestMemoryMigration(src, dma, dst, true);
    assertEquals(DmaDirtySupport.DEVICE_LOGGING, rfc.dmaDirtySupport());
    rfc.startDirtyTracking(HostModel.RFC_2015.dmaTracking(rfc.dmaDirtySupport()));
    writes();
    assertArrayEquals(new long[] {3}, rfc.readAndClearDirty());
    rfc.stopDirtyTracking();
    VfGuestMemoryMigration qemu = new VfGuestMemoryMigration(src, dma, dst, true);
    qemu.startDirtyTracking(HostModel.QEMU_10.dmaTracking(qemu.dmaDirtySupport()));
    writes();
    assertArrayEquals(new long[] {3, 5}, qemu.readAndClearDirty());
  }
}
