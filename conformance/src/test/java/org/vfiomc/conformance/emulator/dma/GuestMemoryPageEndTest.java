package org.vfiomc.conformance.emulator.dma;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/**
 * Values that end exactly on the last byte of a page (issue 13, PIT survivors of {@link
 * GuestMemory}'s one-page tests): a 16-bit store at page offset 4094 fills bytes 4094 and 4095 of
 * that page, little-endian, and touches neither byte 0 of the page nor the next page; the same for
 * the other widths ending at 4095. The one-page test ({@code po <= PAGE_SIZE - width}) decides
 * whether the split path runs; at the last in-page offset the split path must not run, since it
 * writes the high byte to the next page's byte 0.
 */
final class GuestMemoryPageEndTest {
  @Test
  void aShortEndingOnThePagesLastByte_staysInItsPage() {
    GuestMemory m = new GuestMemory(1 << 20);
    m.writeShort(0x1000, 0x1111); // byte 0 of the page, to see it kept
    m.writeShort(0x2000, 0x2222); // byte 0 of the next page
    m.writeShort(0x1000 + 4094, 0xBBAA);
    assertEquals((byte) 0xAA, m.readByte(0x1000 + 4094));
    assertEquals((byte) 0xBB, m.readByte(0x1000 + 4095));
    assertEquals(0xBBAA, m.readShort(0x1000 + 4094));
    assertEquals(0x1111, m.readShort(0x1000));
    assertEquals(0x2222, m.readShort(0x2000));
  }

  @Test
  void intsAndLongsEndingOnThePagesLastByte_stayInTheirPage() {
    GuestMemory m = new GuestMemory(1 << 20);
    m.writeLong(0x2000, 0x0102030405060708L);
    m.writeInt(0x1000 + 4092, 0xDDCCBBAA);
    assertEquals(0xDDCCBBAA, m.readInt(0x1000 + 4092));
    assertEquals((byte) 0xDD, m.readByte(0x1000 + 4095));
    m.writeLong(0x3000 + 4088, 0x1122334455667788L);
    assertEquals(0x1122334455667788L, m.readLong(0x3000 + 4088));
    assertEquals((byte) 0x11, m.readByte(0x3000 + 4095));
    assertEquals(0x0102030405060708L, m.readLong(0x2000));
    assertEquals(0, m.readInt(0x4000), "the page after is untouched");
  }
}
