package org.vfiomc.conformance.emulator.ring;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.vfiomc.conformance.emulator.VfFixture.TX_BUF;
import static org.vfiomc.conformance.emulator.VfFixture.TX_RING;
import static org.vfiomc.conformance.emulator.regs.VfRegs.*;

import org.junit.jupiter.api.Test;
import org.vfiomc.conformance.emulator.VfFixture;
import org.vfiomc.conformance.emulator.packet.Frame;

final class TxEngineTest {
  private static VfFixture txReady() {
    VfFixture f = new VfFixture().resetHandshake();
    f.vf.mmioWrite(tdbal(0), (int) TX_RING);
    f.vf.mmioWrite(tdlen(0), 8 * 16);
    f.vf.mmioWrite(txdctl(0), DCTL_ENABLE);
    return f;
  }

  private static void post(VfFixture f, int slot, Frame fr, int from, int len, boolean eop) {
    long buf = TX_BUF + 4096L * slot;
    f.mem.write(buf, fr.toByteArray(), from, len);
    byte[] d = new byte[16];
    AdvTxDesc.encodeData(
        d, 0, buf, AdvTxDesc.dataCmd(len, eop, eop), fr.length() << AdvTxDesc.PAYLEN_SHIFT);
    f.mem.write(TX_RING + 16L * slot, d, 0, 16);
  }

  @Test
  void frameIsSent_thenDdWrittenBack_andStatsCounted() {
    VfFixture f = txReady();
    Frame fr = f.frame(1, 60);
    post(f, 0, fr, 0, 60, true);
    f.vf.mmioWrite(tdt(0), 1);
    assertEquals(1, f.vf.runUntilIdle(10)); // one descriptor, one step
    assertArrayEquals(fr.toByteArray(), f.wire.get(0));
    int status = f.mem.readInt(TX_RING + AdvTxDesc.OLINFO_STATUS);
    assertEquals(1, status & AdvTxDesc.STA_DD);
    assertEquals(1, f.vf.mmioRead(tdh(0)));
    assertEquals(1, f.vf.mmioRead(VFGPTC));
    assertEquals(60, f.vf.mmioRead(VFGOTC_LSB));
  }

  @Test
  void twoDescriptorFrame_isGathered_andCompletesOnlyAtRs() {
    VfFixture f = txReady();
    Frame fr = f.frame(1, 3000);
    post(f, 0, fr, 0, 2048, false);
    post(f, 1, fr, 2048, 952, true);
    f.vf.mmioWrite(tdt(0), 2);
    assertEquals(2, f.vf.runUntilIdle(10));
    assertArrayEquals(fr.toByteArray(), f.wire.get(0));
    assertEquals(0, f.mem.readInt(TX_RING + AdvTxDesc.OLINFO_STATUS) & 1); // no RS: no DD
    assertEquals(1, f.mem.readInt(TX_RING + 16 + AdvTxDesc.OLINFO_STATUS) & 1);
  }

  @Test
  void headWriteBack_whenEnabled_replacesDd() {
    VfFixture f = txReady();
    f.vf.mmioWrite(tdwbal(0), 0x50000 | TDWBAL_ENABLE);
    post(f, 0, f.frame(1, 60), 0, 60, true);
    post(f, 1, f.frame(2, 60), 0, 60, true);
    f.vf.mmioWrite(tdt(0), 2);
    f.vf.runUntilIdle(10);
    assertEquals(2, f.mem.readInt(0x50000)); // head after the second descriptor
    assertEquals(0, f.mem.readInt(TX_RING + 16 + AdvTxDesc.OLINFO_STATUS) & 1);
    assertEquals(2, f.wire.size());
  }

  @Test
  void malformedDescriptor_dropsThePacket_butTheRingMoves() {
    VfFixture f = txReady();
    byte[] d = new byte[16];
    AdvTxDesc.encodeData(d, 0, TX_BUF, 60 | AdvTxDesc.CMD_EOP | AdvTxDesc.CMD_RS, 0); // legacy
    f.mem.write(TX_RING, d, 0, 16);
    f.vf.mmioWrite(tdt(0), 1);
    f.vf.runUntilIdle(10);
    assertEquals(0, f.wire.size());
    assertEquals(1, f.vf.tx().dropped(0));
    assertEquals(1, f.vf.mmioRead(tdh(0)));
  }
}
