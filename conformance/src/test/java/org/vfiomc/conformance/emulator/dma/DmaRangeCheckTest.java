package org.vfiomc.conformance.emulator.dma;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.vfiomc.conformance.emulator.packet.Frame;

/**
 * The range check of {@code DmaPort} (issue 13, item 5: the last PIT survivors of the {@code dma}
 * package): which accesses it refuses, which pages it translates, when it lets a range through as
 * one contiguous guest-physical copy, and the posted write's pages at address 0. Every access here
 * crosses a page boundary or is empty, so it takes the page-table walk, not a one-page fast path.
 */
final class DmaRangeCheckTest {
  private final GuestMemory mem = new GuestMemory(16 << 20);
  private final Iommu iommu = new Iommu();
  private final DmaPort dma = new DmaPort(mem, iommu);

  private static byte[] random(int len, long seed) {
    byte[] b = new byte[len];
    new SplittableRandom(seed).nextBytes(b);
    return b;
  }

  private byte[] guest(long gpa, int len) {
    byte[] b = new byte[len];
    mem.read(gpa, b, 0, len);
    return b;
  }

  @Test
  void aZeroLengthAccess_isRefusedAsOutOfRange_evenInsideAMappedPage() {
    // No engine of the VF issues an empty DMA (a Tx gather of length 0 and an Rx buffer size of 0
    // are refused before they reach the port), so an empty access is a caller's error: the port
    // reports it as a range fault instead of letting it "succeed". 0x40010 is mid-page, and
    // 0x4000F (the byte before it) is mapped too, so only the length is wrong.
    iommu.map(0x40000, 0x300000, 4096, true, true);
    assertFalse(dma.read(0x40010, new byte[4], 0, 0));
    assertEquals(new DmaFault(0x40010, 0, false, DmaFault.Reason.OUT_OF_RANGE), dma.lastFault());
    assertFalse(dma.write(0x40010, new byte[4], 0, 0));
    assertEquals(new DmaFault(0x40010, 0, true, DmaFault.Reason.OUT_OF_RANGE), dma.lastFault());
    assertEquals(2, dma.faultCount());
    assertEquals(0, mem.allocatedPages());
  }

  @Test
  void aRangeEndingAtOrJustBeforeTheEndOfAPage_doesNotTouchTheNextPage() {
    // IOVA pages 0x40 and 0x41 mapped, 0x42 not. [0x40F00, 0x40F00 + 0x1100) ends at 0x41FFF, the
    // last byte of page 0x41; one byte shorter it ends at 0x41FFE. Neither reaches page 0x42, so
    // neither may fault on it (the last page the walk translates is that of iova + len - 1).
    iommu.map(0x40000, 0x300000, 2 * 4096, true, true);
    byte[] data = random(0x1100, 1);
    assertTrue(dma.write(0x40F00, data, 0, 0x1100));
    assertArrayEquals(data, guest(0x300F00, 0x1100));
    byte[] back = new byte[0x1100];
    assertTrue(dma.read(0x40F00, back, 0, 0x1100));
    assertArrayEquals(data, back);
    assertTrue(dma.read(0x40F00, back, 0, 0x10FF));
    assertTrue(dma.write(0x40F00, data, 0, 0x10FF));
    assertEquals(0, dma.faultCount());
    // one byte more does reach page 0x42
    assertFalse(dma.read(0x40F00, back, 0, 0x1101));
    assertEquals(DmaFault.Reason.UNMAPPED, dma.lastFault().reason());
  }

  /**
   * Maps IOVA page 0x40 to guest page 0x300 and IOVA page 0x41 to {@code secondGpa}, writes 4096
   * bytes from offset {@code off} of IOVA page 0x40 (so 4096 - off bytes in the first page and off
   * in the second), and checks that they land in the two guest pages the IOMMU names, that a read
   * returns them, and that guest page 0x301 (where a contiguous copy from 0x300000 + off would put
   * the second part) is untouched.
   */
  private void writeAcrossDiscontiguousPages(int off, long secondGpa, long seed) {
    iommu.map(0x40000, 0x300000, 4096, true, true);
    iommu.map(0x41000, secondGpa, 4096, true, true);
    byte[] data = random(4096, seed);
    dma.deviceDirtyLog().start();
    assertTrue(dma.write(0x40000 + off, data, 0, 4096));
    assertArrayEquals(Arrays.copyOf(data, 4096 - off), guest(0x300000 + off, 4096 - off));
    assertArrayEquals(Arrays.copyOfRange(data, 4096 - off, 4096), guest(secondGpa, off));
    assertArrayEquals(new byte[4096], guest(0x301000, 4096), "guest page 0x301 is not mapped");
    byte[] back = new byte[4096];
    assertTrue(dma.read(0x40000 + off, back, 0, 4096));
    assertArrayEquals(data, back);
    long[] dirty = dma.deviceDirtyLog().readAndClear(0, 16 << 20);
    long[] expected = {0x300000, secondGpa};
    Arrays.sort(expected);
    assertArrayEquals(expected, dirty);
  }

  @Test
  void twoIovaPagesAliasingOneGuestPage_areWrittenPageByPage() {
    // IOVA pages 0x40 and 0x41 both map guest page 0x300 (VFIO lets two IOVAs alias one page). A
    // write of 4096 bytes from 0x40FFC: 4 bytes at 0x300FFC, the other 4092 at 0x300000 (they
    // overwrite nothing of the first 4: 0x300000 + 4092 = 0x300FFC). The pages are not
    // contiguous, although the second one's page number differs from the first's by 0.
    iommu.map(0x40000, 0x300000, 4096, true, true);
    iommu.map(0x41000, 0x300000, 4096, true, true);
    byte[] data = random(4096, 2);
    assertTrue(dma.write(0x40FFC, data, 0, 4096));
    assertArrayEquals(Arrays.copyOf(data, 4), guest(0x300FFC, 4));
    assertArrayEquals(Arrays.copyOfRange(data, 4, 4096), guest(0x300000, 4092));
    assertArrayEquals(new byte[4096], guest(0x301000, 4096));
  }

  @Test
  void aSecondPageTwoGuestPagesOn_fromMidPage_isNotContiguous() {
    // off 0x800: first part [0x300800, 0x301000), second part [0x302000, 0x302800). Contiguous
    // would need the second page at 0x301000 (= 0x300800 - 0x800 + 0x1000); 0x302000 is what one
    // gets by adding the offset instead of subtracting it.
    writeAcrossDiscontiguousPages(0x800, 0x302000, 3);
  }

  @Test
  void aSecondPageFarAway_isNotContiguous() {
    // The first page's IOVA page number is 0x40, the second's 0x41: contiguous means guest page
    // 0x300 + (0x41 - 0x40) = 0x301. Guest page 0x300 + (0x41 + 0x40) = 0x381 is not.
    writeAcrossDiscontiguousPages(0x10, 0x381000, 4);
  }

  @Test
  void aRangeWhoseMiddlePageIsBeyondTheRam_isRefusedWhole() {
    // IOVA pages 0x40, 0x41, 0x42 -> guest pages 0x300, 0x4000 (64 MiB: beyond the 16 MiB of RAM,
    // which the IOMMU allows, DmaPortEdgeTest) and 0x302. [0x40F00, +0x1200) touches all three:
    // 256 bytes, a whole page, 256 bytes. Its first and last bytes are in RAM, its middle page is
    // not, so it is refused as OUT_OF_RANGE like a range whose first or last page is beyond the
    // RAM (DmaPortEdgeTest), and nothing is written, here or beyond the RAM.
    iommu.map(0x40000, 0x300000, 4096, true, true);
    iommu.map(0x41000, 64 << 20, 4096, true, true);
    iommu.map(0x42000, 0x302000, 4096, true, true);
    byte[] data = random(0x1200, 7);
    assertFalse(dma.write(0x40F00, data, 0, 0x1200));
    assertEquals(
        new DmaFault(0x40F00, 0x1200, true, DmaFault.Reason.OUT_OF_RANGE), dma.lastFault());
    assertFalse(dma.read(0x40F00, new byte[0x1200], 0, 0x1200));
    assertEquals(
        new DmaFault(0x40F00, 0x1200, false, DmaFault.Reason.OUT_OF_RANGE), dma.lastFault());
    assertEquals(2, dma.faultCount());
    assertEquals(0, mem.allocatedPages(), "no page written, none beyond the RAM given storage");
    // a posted write lands the two pages in RAM and discards the one beyond it
    dma.deviceDirtyLog().start();
    assertFalse(dma.writePosted(0x40F00, Frame.of(data), 0, 0x1200, new byte[Frame.MAX_LENGTH]));
    assertArrayEquals(Arrays.copyOf(data, 0x100), guest(0x300F00, 0x100));
    assertArrayEquals(Arrays.copyOfRange(data, 0x1100, 0x1200), guest(0x302000, 0x100));
    assertEquals(2, mem.allocatedPages());
    assertArrayEquals(
        new long[] {0x300000, 0x302000}, dma.deviceDirtyLog().readAndClear(0, 16 << 20));
  }

  @Test
  void aPostedWriteFromIovaZero_landsItsFirstPage() {
    // IOVA page 0 -> guest page 0x300, IOVA page 1 unmapped. A posted write of 6000 bytes from
    // IOVA 0 (issue 10, item 4: PCIe posted writes, split at page boundaries, each page
    // translated on its own) lands its first 4096 bytes and discards the other 1904.
    iommu.map(0, 0x300000, 4096, true, true);
    byte[] wire = random(6000, 5);
    wire[0] = 2; // a unicast destination
    dma.deviceDirtyLog().start();
    assertFalse(dma.writePosted(0, Frame.of(wire), 0, 6000, new byte[Frame.MAX_LENGTH]));
    assertArrayEquals(Arrays.copyOf(wire, 4096), guest(0x300000, 4096));
    assertArrayEquals(new long[] {0x300000}, dma.deviceDirtyLog().readAndClear(0, 16 << 20));
    assertEquals(1, dma.faultCount());
  }

  @Test
  void aPostedWriteIntoGuestPageZero_landsThere() {
    // IOVA page 0x40 unmapped, 0x41 -> guest page 0, 0x42 unmapped. [0x40F00, +6000): 256 bytes in
    // page 0x40 (discarded), 4096 in page 0x41 (guest-physical 0..0xFFF), 1648 in 0x42 (discarded)
    iommu.map(0x41000, 0, 4096, true, true);
    byte[] wire = random(6000, 6);
    wire[0] = 2;
    dma.deviceDirtyLog().start();
    assertFalse(dma.writePosted(0x40F00, Frame.of(wire), 0, 6000, new byte[Frame.MAX_LENGTH]));
    assertArrayEquals(Arrays.copyOfRange(wire, 256, 256 + 4096), guest(0, 4096));
    assertArrayEquals(new long[] {0}, dma.deviceDirtyLog().readAndClear(0, 16 << 20));
  }
}
