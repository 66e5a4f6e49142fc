package org.vfiomc.conformance.emulator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.vfiomc.conformance.emulator.regs.VfRegs.*;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.vfiomc.conformance.emulator.regs.RegisterFile;
import org.vfiomc.conformance.emulator.regs.RegisterMap;

/** Register access behaviour through the facade, checked against ixgbevf's ethtool self-test. */
final class RegisterBehaviourTest {
  private static final int[] PATTERNS = {0x5A5A5A5A, 0xA5A5A5A5, 0x00000000, 0xFFFFFFFF};

  /**
   * ixgbevf_reg_test: write {@code pattern & write}, expect {@code pattern & write & mask} back.
   * Masks: base low 0xFFFFFF80 (128-byte aligned), base high all ones, length 0x000FFF80 (bits
   * 19:7), RDT 0x0000FFFF; TDBAL is written with all ones but keeps bits 31:7.
   */
  @ParameterizedTest(name = "{0} q{1}")
  @CsvSource({
    "RDBAL, 0, 0x1000, 0xFFFFFF80, 0xFFFFFF80",
    "RDBAH, 0, 0x1004, 0xFFFFFFFF, 0xFFFFFFFF",
    "RDLEN, 0, 0x1008, 0x000FFF80, 0x000FFFFF",
    "TDBAL, 0, 0x2000, 0xFFFFFF80, 0xFFFFFFFF",
    "TDBAH, 0, 0x2004, 0xFFFFFFFF, 0xFFFFFFFF",
    "TDLEN, 0, 0x2008, 0x000FFF80, 0x000FFF80",
    "RDBAL, 1, 0x1040, 0xFFFFFF80, 0xFFFFFF80",
    "RDLEN, 1, 0x1048, 0x000FFF80, 0x000FFFFF",
    "TDBAL, 1, 0x2040, 0xFFFFFF80, 0xFFFFFFFF",
    "TDLEN, 1, 0x2048, 0x000FFF80, 0x000FFF80"
  })
  void ethtoolPattern_readsBackMasked(String name, int q, String off, String mask, String write) {
    Vf82599 vf = new VfFixture().vf;
    int o = Integer.decode(off);
    int m = Integer.parseUnsignedInt(mask.substring(2), 16);
    int w = Integer.parseUnsignedInt(write.substring(2), 16);
    for (int p : PATTERNS) {
      vf.mmioWrite(o, p & w);
      assertEquals(p & w & m, vf.mmioRead(o), name + " pattern " + Integer.toHexString(p));
    }
  }

  @Test
  void rdtPattern_withQueueEnabledFirst() {
    Vf82599 vf = new VfFixture().vf;
    vf.mmioWrite(rxdctl(0), DCTL_ENABLE);
    for (int p : PATTERNS) {
      vf.mmioWrite(rdt(0), p);
      assertEquals(p & 0xFFFF, vf.mmioRead(rdt(0)));
    }
  }

  @Test
  void resetValues_matchTheReference() {
    Vf82599 vf = new VfFixture().vf;
    assertEquals(0x00000402, vf.mmioRead(srrctl(0))); // 2 KiB packet buffer, 256-byte header
    assertEquals(0x0000A200, vf.mmioRead(dcaRxctrl(1))); // bits 9, 13, 15
    assertEquals(0x00002A00, vf.mmioRead(dcaTxctrl(0))); // bits 9, 11, 13
    assertEquals(0x70000000, vf.mmioRead(VFLINKS)); // LINK_UP | 10G
    assertEquals(0x80, vf.mmioRead(VFMAILBOX)); // RSTD: the PF finished its reset
    assertEquals(0x00, vf.mmioRead(VFMAILBOX)); // ... read to clear
  }

  @Test
  void unknownOffsets_readZero_andAreCounted() {
    Vf82599 vf = new VfFixture().vf;
    RegisterFile rf = vf.registers();
    assertEquals(RegisterFile.UNKNOWN_READ_VALUE, vf.mmioRead(0x105C)); // queue 1's "GPRC" slot
    assertEquals(0, vf.mmioRead(0x1002)); // unaligned
    assertEquals(0, vf.mmioRead(0x4000)); // past the 16 KiB BAR
    vf.mmioWrite(0x3000, 1); // VFMRQC exists only on X550
    assertEquals(3, rf.unknownReads());
    assertEquals(1, rf.unknownWrites());
  }

  @Test
  void readOnlyWrites_areDroppedAndCounted() {
    Vf82599 vf = new VfFixture().vf;
    vf.mmioWrite(VFLINKS, 0);
    vf.mmioWrite(VFGPRC, 1234);
    assertEquals(0x70000000, vf.mmioRead(VFLINKS));
    assertEquals(0, vf.mmioRead(VFGPRC));
    assertEquals(2, vf.registers().droppedWrites());
  }

  @Test
  void interruptRegisters_haveTheirAliasSemantics() {
    Vf82599 vf = new VfFixture().vf;
    vf.mmioWrite(VTEICS, 0xFF); // only 3 causes exist
    assertEquals(0x7, vf.mmioRead(VTEICS)); // EICS reads EICR without clearing
    vf.mmioWrite(VTEICR, 0x2); // write 1 clears
    assertEquals(0x5, vf.mmioRead(VTEICR)); // read clears
    assertEquals(0x0, vf.mmioRead(VTEICR));
    vf.mmioWrite(VTEIMS, 0x3);
    vf.mmioWrite(VTEIMC, 0x1);
    assertEquals(0x2, vf.mmioRead(VTEIMS));
    assertEquals(0x0, vf.mmioRead(VTEIMC)); // write-only
  }

  @Test
  void statistics_wrapAt32And36Bits() {
    RegisterFile rf = new RegisterFile(RegisterMap.VF_82599);
    rf.set(VFGPRC, 0xFFFFFFFF);
    rf.addStat32(VFGPRC, 1);
    assertEquals(0, rf.get(VFGPRC)); // 32-bit counter, driver adds 2^32 when it goes backwards
    // 36-bit octet counter: 2^36 - 10 + 60 = 2^36 + 50 wraps to 50, MSB holds bits 35:32
    rf.set(VFGORC_LSB, 0xFFFFFFF6);
    rf.set(VFGORC_MSB, 0xF);
    rf.addStat36(VFGORC_LSB, VFGORC_MSB, 60);
    assertEquals(50, rf.get(VFGORC_LSB));
    assertEquals(0, rf.get(VFGORC_MSB));
    rf.addStat36(VFGORC_LSB, VFGORC_MSB, 0xFFFFFFFFL);
    assertEquals(49, rf.get(VFGORC_LSB)); // 50 + 2^32 - 1 = 2^32 + 49
    assertEquals(1, rf.get(VFGORC_MSB));
  }

  @Test
  void theTable_coversTheReferenceRegisters() {
    // 10 control/status/interrupt regs + VTIVAR0 + VTIVAR_MISC + 3 EITR + 16 MBMEM + MAILBOX
    // + PSRTYPE = 33; per queue 8 Rx (BAL, BAH, LEN, DCA, RDH, SRRCTL, RDT, RXDCTL) + 9 Tx (BAL,
    // BAH, LEN, DCA, TDH, TDT, TXDCTL, WBAL, WBAH) = 17, x 2 queues = 34; 7 statistics +
    // RXMEMWRAP = 8. Total 75.
    assertEquals(75, RegisterMap.VF_82599.all().size());
  }
}
