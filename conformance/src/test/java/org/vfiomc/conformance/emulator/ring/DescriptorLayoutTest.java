package org.vfiomc.conformance.emulator.ring;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.HexFormat;
import org.junit.jupiter.api.Test;

final class DescriptorLayoutTest {
  private static byte[] hex(String s) {
    return HexFormat.of().parseHex(s.replace(" ", ""));
  }

  @Test
  void rxReadFormat_isBufferThenHeaderAddress_littleEndian() {
    byte[] d = new byte[16];
    AdvRxDesc.encodeRead(d, 0, 0x0000001234567880L, 0);
    assertArrayEquals(hex("80 78 56 34 12 00 00 00  00 00 00 00 00 00 00 00"), d);
    assertEquals(0x1234567880L, AdvRxDesc.pktAddr(d, 0));
  }

  @Test
  void rxWriteBack_putsStatusLengthVlanInTheUpperHalf() {
    byte[] d = new byte[16];
    // pkt_info 0x0010 (IPv4), hdr_info 0, RSS 0xAABBCCDD; status DD|EOP|VP (0x0B) + CE error
    // (bit 24), length 60 (0x3C), vlan 0x0123
    AdvRxDesc.encodeWriteBackLower(d, 0, 0x0010, 0, 0xAABBCCDD);
    AdvRxDesc.encodeWriteBackUpper(d, 0, 0x0100000B, 60, 0x0123);
    assertArrayEquals(hex("10 00 00 00 DD CC BB AA  0B 00 00 01 3C 00 23 01"), d);
    assertEquals(60, AdvRxDesc.length(d, 0));
    assertEquals(0x0123, AdvRxDesc.vlan(d, 0));
    assertEquals(AdvRxDesc.ERR_CE, AdvRxDesc.statusError(d, 0) & AdvRxDesc.ERR_FRAME);
  }

  @Test
  void txDataDescriptor_asIxgbevfBuildsIt() {
    // DTALEN 60 | DTYP data (0011b << 20) | EOP (24) | IFCS (25) | RS (27) | DEXT (29)
    int cmd = AdvTxDesc.dataCmd(60, true, true);
    assertEquals(0x2B30003C, cmd);
    byte[] d = new byte[16];
    // olinfo: PAYLEN 60 << 14 = 0xF0000, CC bit 7
    AdvTxDesc.encodeData(d, 0, 0x40000L, cmd, (60 << 14) | AdvTxDesc.OLINFO_CC);
    assertArrayEquals(hex("00 00 04 00 00 00 00 00  3C 00 30 2B 80 00 0F 00"), d);
  }

  @Test
  void txNonEopDescriptor_hasNeitherEopNorRs() {
    assertEquals(0x22300800, AdvTxDesc.dataCmd(2048, false, false));
  }

  @Test
  void rxReadFormat_headerAddressIsTheUpperHalf() {
    // reference §2: read format bytes 8..15 the header buffer address, overlapping the write-back
    // status, length and vlan
    byte[] d = new byte[16];
    AdvRxDesc.encodeRead(d, 0, 0x1000, 0x0000_00AB_CDEF_0100L);
    assertArrayEquals(hex("00 10 00 00 00 00 00 00  00 01 EF CD AB 00 00 00"), d);
    assertEquals(0x0000_00AB_CDEF_0100L, AdvRxDesc.upper(d, 0));
    assertEquals(0x1000L, AdvRxDesc.lower(d, 0));
  }

  @Test
  void rxWriteBackLower_hdrInfoIsBytes2And3() {
    // reference §2 write-back: 0..1 pkt_info, 2..3 hdr_info (header length 14:5, SPH 15), 4..7 RSS
    byte[] d = new byte[16];
    AdvRxDesc.encodeWriteBackLower(d, 0, 0x0040, 0x8000 | (54 << 5), 0x01020304);
    assertArrayEquals(hex("40 00 C0 86 04 03 02 01  00 00 00 00 00 00 00 00"), d);
    assertEquals(0x01020304_86C00040L, AdvRxDesc.lower(d, 0));
    AdvRxDesc.encodeWriteBackUpper(d, 0, 0x3, 1514, 0);
    assertEquals(0x0000_05EA_0000_0003L, AdvRxDesc.upper(d, 0));
  }

  @Test
  void txDescriptorFields_readBack() {
    byte[] d = new byte[32];
    AdvTxDesc.encodeData(d, 16, 0x0000_0012_3456_7800L, 0x2B30003C, 0x000F0080);
    assertEquals(0x0000_0012_3456_7800L, AdvTxDesc.addr(d, 16));
    assertEquals(0x2B30003C, AdvTxDesc.cmdTypeLen(d, 16));
    assertEquals(0x000F0080, AdvTxDesc.olinfoStatus(d, 16));
    assertArrayEquals(
        new byte[16], java.util.Arrays.copyOf(d, 16), "the first descriptor untouched");
  }
}
