package org.vfiomc.conformance.emulator.dma;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

final class GuestMemoryTest {
  @Test
  void reads_ofUntouchedMemory_areZero_andAllocateNothing() {
    // 1 TiB of guest RAM costs nothing until written: the space is sparse
    GuestMemory m = new GuestMemory(1L << 40);
    assertEquals(0L, m.readLong((1L << 40) - 8));
    assertEquals(0, m.allocatedPages());
    m.writeByte(123_456_789_012L, (byte) 7);
    assertEquals(1, m.allocatedPages()); // exactly the one page holding that byte
    assertEquals(7, m.readByte(123_456_789_012L));
  }

  @Test
  void multiByteValues_areLittleEndian() {
    GuestMemory m = new GuestMemory(1 << 20);
    m.writeInt(0x100, 0x11223344);
    byte[] b = new byte[4];
    m.read(0x100, b, 0, 4);
    assertArrayEquals(new byte[] {0x44, 0x33, 0x22, 0x11}, b);
    assertEquals(0x3344, m.readShort(0x100));
  }

  @Test
  void valuesCrossingAPageBoundary_landInBothPages() {
    GuestMemory m = new GuestMemory(1 << 20);
    m.writeLong(4092, 0x0807060504030201L); // bytes 01..04 end page 0, 05..08 start page 1
    assertEquals(0x04, m.readByte(4095));
    assertEquals(0x05, m.readByte(4096));
    assertEquals(0x0807060504030201L, m.readLong(4092));
    assertEquals(2, m.allocatedPages());
  }

  @Test
  void cpuWrites_markTheCpuLog_onlyWhileStarted() {
    GuestMemory m = new GuestMemory(1 << 20);
    m.writeInt(0x2000, 1); // before start: not recorded
    m.cpuDirtyLog().start();
    m.writeInt(0x3000, 1);
    m.write(0x4FFE, new byte[4], 0, 4); // straddles pages 4 and 5
    assertArrayEquals(
        new long[] {0x3000, 0x4000, 0x5000}, m.cpuDirtyLog().readAndClear(0, 1 << 20));
  }

  @Test
  void rawPageTransfer_logsNothing() {
    GuestMemory m = new GuestMemory(1 << 20);
    m.cpuDirtyLog().start();
    byte[] page = new byte[Pages.PAGE_SIZE];
    page[5] = 9;
    m.writePage(0x7000, page);
    assertEquals(9, m.readByte(0x7005));
    assertEquals(0, m.cpuDirtyLog().readAndClear(0, 1 << 20).length);
  }

  @Test
  void cpuAccessOutsideRam_isACallerBug() {
    GuestMemory m = new GuestMemory(1 << 20);
    assertThrows(IllegalArgumentException.class, () -> m.readInt((1 << 20) - 2));
  }
}
