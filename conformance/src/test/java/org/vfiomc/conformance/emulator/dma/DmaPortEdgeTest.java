package org.vfiomc.conformance.emulator.dma;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.vfiomc.conformance.emulator.packet.Frame;
import org.vfiomc.conformance.emulator.packet.PacketId;
import org.vfiomc.conformance.emulator.packet.TestFrames;

/**
 * The DMA port's contract at its edges (issue 13, item 5: PIT survivors of {@code DmaPort}): every
 * access translated page by page through the IOMMU, all or nothing (but the posted write, which
 * lands page by page), faults counted with their reason, device writes marking the device dirty log
 * by guest-physical page, and the reset a reused harness relies on.
 */
final class DmaPortEdgeTest {
  private final GuestMemory mem = new GuestMemory(16 << 20);
  private final Iommu iommu = new Iommu();
  private final DmaPort dma = new DmaPort(mem, iommu);

  /** IOVA pages 0x40 and 0x41 to guest pages 0x301 and 0x300 (reversed: not contiguous). */
  private void reversedPair() {
    iommu.map(0x40000, 0x301000, 4096, true, true);
    iommu.map(0x41000, 0x300000, 4096, true, true);
  }

  private long[] deviceDirty() {
    return dma.deviceDirtyLog().readAndClear(0, 16 << 20);
  }

  @Test
  void accessors_nameTheMemoryAndTheIommu() {
    assertSame(mem, dma.memory());
    assertSame(iommu, dma.iommu());
  }

  @Test
  void faults_recordWhereHowLongWhichWayAndWhy() {
    iommu.map(0, 0, 4096, true, false);
    assertFalse(dma.write(0x10, new byte[12], 0, 12));
    assertEquals(new DmaFault(0x10, 12, true, DmaFault.Reason.PERMISSION), dma.lastFault());
    assertFalse(dma.read(0x5000, new byte[4], 0, 4));
    assertEquals(new DmaFault(0x5000, 4, false, DmaFault.Reason.UNMAPPED), dma.lastFault());
    assertFalse(dma.read(Pages.ADDRESS_LIMIT - 2, new byte[4], 0, 4));
    assertEquals(DmaFault.Reason.OUT_OF_RANGE, dma.lastFault().reason());
    assertFalse(dma.read(-8, new byte[4], 0, 4));
    assertEquals(DmaFault.Reason.OUT_OF_RANGE, dma.lastFault().reason());
    assertEquals(4, dma.faultCount());
    assertEquals(0, dma.blockedCount());
  }

  @Test
  void aMappingBeyondTheRam_isOutOfRange_andTouchesNothing() {
    // the IOMMU may map an IOVA to a guest-physical page the VM has no RAM at
    iommu.map(0x40000, 32 << 20, 4096, true, true);
    assertFalse(dma.writeLong(0x40000, -1));
    assertEquals(DmaFault.Reason.OUT_OF_RANGE, dma.lastFault().reason());
    assertFalse(dma.write(0x40000, new byte[100], 0, 100));
    assertFalse(dma.writeInt(0x40000, 1));
    assertEquals(0L, dma.readLong(0x40000));
    assertFalse(dma.lastReadOk());
    assertEquals(4, dma.faultCount());
    assertEquals(0, mem.allocatedPages());
    // a range whose last page is beyond the RAM: refused whole
    iommu.map(0x50000, (16 << 20) - 4096, 4096, true, true);
    iommu.map(0x51000, 16 << 20, 4096, true, true);
    assertFalse(dma.write(0x50FF0, new byte[32], 0, 32));
    assertEquals(DmaFault.Reason.OUT_OF_RANGE, dma.lastFault().reason());
    assertEquals(0, mem.allocatedPages());
  }

  @Test
  void readLong_acrossDiscontiguousPages_andLastReadOk() {
    reversedPair();
    mem.writeInt(0x301FFC, 0x44332211);
    mem.writeInt(0x300000, 0x88776655);
    assertEquals(0x8877665544332211L, dma.readLong(0x40FFC));
    assertTrue(dma.lastReadOk());
    assertEquals(0L, dma.readLong(0x42000));
    assertFalse(dma.lastReadOk());
    assertEquals(0L, dma.readLong(0x40800), "mapped, never written: zero");
    assertTrue(dma.lastReadOk());
    assertEquals(0, mem.allocatedPages() - 2, "a read allocates nothing");
  }

  @Test
  void writes_acrossDiscontiguousPages_landInBoth_andMarkBoth() {
    reversedPair();
    dma.deviceDirtyLog().start();
    assertTrue(dma.writeLong(0x40FFC, 0x8877665544332211L));
    assertEquals(0x44332211, mem.readInt(0x301FFC));
    assertEquals(0x88776655, mem.readInt(0x300000));
    assertArrayEquals(new long[] {0x300000, 0x301000}, deviceDirty());
    assertTrue(dma.writeInt(0x40FFE, 0xDDCCBBAA));
    assertEquals(0xBBAA, mem.readShort(0x301FFE));
    assertEquals(0xDDCC, mem.readShort(0x300000));
    assertArrayEquals(new long[] {0x300000, 0x301000}, deviceDirty());
    assertTrue(dma.writeLongPair(0x40FF8, 0x1111111111111111L, 0x2222222222222222L));
    assertEquals(0x1111111111111111L, mem.readLong(0x301FF8));
    assertEquals(0x2222222222222222L, mem.readLong(0x300000));
    assertArrayEquals(new long[] {0x300000, 0x301000}, deviceDirty());
  }

  @Test
  void writes_acrossContiguousPages_markBothPages() {
    iommu.mapIdentity(1 << 20);
    dma.deviceDirtyLog().start();
    assertTrue(dma.writeLong(0x1FFC, 0x0807060504030201L));
    assertArrayEquals(new long[] {0x1000, 0x2000}, deviceDirty());
    assertEquals(0x0807060504030201L, mem.readLong(0x1FFC));
    assertTrue(dma.writeInt(0x3FFE, 0x04030201));
    assertArrayEquals(new long[] {0x3000, 0x4000}, deviceDirty());
    assertEquals(0x04030201, mem.readInt(0x3FFE));
    assertTrue(dma.writeInt(0x5000, 1));
    assertArrayEquals(new long[] {0x5000}, deviceDirty(), "inside one page: one page");
  }

  @Test
  void frameWrites_acrossPages_useTheScratchAndLandWhole() {
    reversedPair();
    Frame f = TestFrames.build(new PacketId(1), 2, 4, 200, 1);
    byte[] scratch = new byte[Frame.MAX_LENGTH];
    assertTrue(dma.write(0x40F9C, f, 0, 200, scratch)); // 100 bytes in each page
    byte[] got = new byte[200];
    mem.read(0x301F9C, got, 0, 100);
    mem.read(0x300000, got, 100, 100);
    assertArrayEquals(f.toByteArray(), got);
    assertTrue(dma.write(0x40010, f, 50, 20, scratch)); // inside one page, from offset 50
    byte[] part = new byte[20];
    mem.read(0x301010, part, 0, 20);
    assertArrayEquals(java.util.Arrays.copyOfRange(f.toByteArray(), 50, 70), part);
  }

  @Test
  void postedWrite_landsPageByPage_andCountsTheFaultOnce() {
    // DmaPort.writePosted (issue 10, item 4): the pages that translate are written, a refused page
    // is discarded; the return says whether every byte landed
    iommu.map(0x40000, 0x300000, 4096, true, true); // page 0x41 unmapped, page 0x42 mapped
    iommu.map(0x42000, 0x302000, 4096, true, true);
    mem.writeLong(0x302000, -1);
    dma.deviceDirtyLog().start();
    byte[] wire = new byte[6000];
    new SplittableRandom(3).nextBytes(wire);
    wire[0] = 2; // a unicast destination, so that it is a valid frame
    Frame f = Frame.of(wire);
    byte[] scratch = new byte[Frame.MAX_LENGTH];
    // [0x40F00, +6000): 256 bytes in page 0x40, 4096 in 0x41 (refused), 1648 in 0x42
    assertFalse(dma.writePosted(0x40F00, f, 0, 6000, scratch));
    assertEquals(1, dma.faultCount());
    byte[] got = new byte[256];
    mem.read(0x300F00, got, 0, 256);
    assertArrayEquals(java.util.Arrays.copyOf(wire, 256), got);
    byte[] tail = new byte[1648];
    mem.read(0x302000, tail, 0, 1648);
    assertArrayEquals(java.util.Arrays.copyOfRange(wire, 256 + 4096, 6000), tail);
    assertArrayEquals(new long[] {0x300000, 0x302000}, deviceDirty());
    // every page translates: one write, true
    iommu.map(0x41000, 0x301000, 4096, true, true);
    assertTrue(dma.writePosted(0x40F00, f, 0, 6000, scratch));
    assertEquals(1, dma.faultCount());
    // a posted write that leaves the address space lands nothing there
    assertFalse(dma.writePosted(Pages.ADDRESS_LIMIT - 100, f, 0, 200, scratch));
  }

  @Test
  void closedGate_refusesEveryKindOfAccess_andCountsItAsBlocked() {
    iommu.mapIdentity(1 << 20);
    dma.setAllowed(false);
    assertFalse(dma.isAllowed());
    Frame f = TestFrames.build(new PacketId(1), 2, 4, 60, 1);
    byte[] scratch = new byte[Frame.MAX_LENGTH];
    assertFalse(dma.writePosted(0x1000, f, 0, 60, scratch));
    assertEquals(new DmaFault(0x1000, 60, true, DmaFault.Reason.BLOCKED), dma.lastFault());
    assertFalse(dma.write(0x1000, f, 0, 60, scratch));
    assertFalse(dma.writeLongPair(0x1000, 1, 2));
    assertFalse(dma.writeInt(0x1000, 1));
    assertFalse(dma.read(0x1000, new byte[8], 0, 8));
    assertEquals(5, dma.blockedCount());
    assertEquals(0, dma.faultCount());
    assertEquals(0, mem.allocatedPages());
  }

  @Test
  void reset_givesANewPortsState() {
    iommu.map(0, 0, 4096, true, true);
    dma.deviceDirtyLog().start();
    assertTrue(dma.writeInt(0x10, 1));
    assertFalse(dma.writeInt(0x5000, 1)); // a fault
    dma.setAllowed(false);
    assertFalse(dma.writeInt(0x10, 2)); // a refusal
    dma.reset();
    assertTrue(dma.isAllowed());
    assertEquals(0, dma.faultCount());
    assertEquals(0, dma.blockedCount());
    assertNull(dma.lastFault());
    assertFalse(dma.lastReadOk());
    assertFalse(dma.deviceDirtyLog().isActive());
    assertEquals(0, dma.deviceDirtyLog().readAndClear(0, 1 << 20).length);
    dma.restoreCounters(5, 7);
    assertEquals(5, dma.faultCount());
    assertEquals(7, dma.blockedCount());
  }
}
