package org.vfiomc.conformance.emulator;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.vfiomc.conformance.emulator.regs.VfRegs.*;

import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.vfiomc.conformance.emulator.mailbox.MboxMsg;
import org.vfiomc.conformance.emulator.packet.Frame;
import org.vfiomc.conformance.emulator.ring.AdvRxDesc;
import org.vfiomc.conformance.emulator.ring.LegacyRxDesc;

/**
 * Issue 10, item 5, one frame at a time: where the 82599 puts VP, the stripped tag and CE in each
 * descriptor format. The frame: 100 bytes of test traffic, tagged priority 5 / VLAN 5 (TCI 0xA005),
 * 104 bytes on the wire, broken by a bit error in its last byte; the VF joined VLAN 5 and the PF
 * stores bad packets (FCTRL.SBP).
 */
final class RxWriteBackFieldsTest {
  static final int TCI = 0xA005;

  static VfFixture fixture(boolean legacy, boolean vme, boolean sbp) {
    VfFixture f = new VfFixture().resetHandshake().rxRing(VfFixture.COUNT - 1);
    f.vf.mmioWrite(rxdctl(0), 0);
    f.vf.mmioWrite(srrctl(0), 2 | ((legacy ? 0 : 1) << SRRCTL_DESCTYPE_SHIFT) | SRRCTL_DROP_EN);
    f.vf.mmioWrite(rxdctl(0), DCTL_ENABLE | (vme ? RXDCTL_VME : 0));
    int[] m = new int[MBMEM_WORDS];
    m[0] = MboxMsg.SET_VLAN | 1 << 16;
    m[1] = TCI & 0xFFF;
    f.vf.pf().handle(m, new int[MBMEM_WORDS]);
    f.vf.pf().setStoreBadPackets(sbp);
    return f;
  }

  static Frame place(VfFixture f, Frame wire) {
    f.vf.deliver(wire);
    for (int i = 0; i < 10 && f.vf.registers().get(rdh(0)) == 0; i++) {
      f.vf.step();
    }
    assertEquals(1, f.vf.registers().get(rdh(0)), "one descriptor written back");
    return wire;
  }

  /** VME set: 100 bytes placed (the tag gone), VP and TCI 0xA005 in the write-back, CE set. */
  @ParameterizedTest
  @ValueSource(booleans = {false, true})
  void stripped_taggedAndBroken(boolean legacy) {
    VfFixture f = fixture(legacy, true, true);
    Frame wire = place(f, f.frame(1, 100).withVlanTag(TCI).withBitErrorInLastByte());
    long d = VfFixture.RX_RING;
    int dd = AdvRxDesc.STAT_DD | AdvRxDesc.STAT_EOP | AdvRxDesc.STAT_VP;
    if (legacy) {
      assertEquals(100, f.mem.readShort(d + LegacyRxDesc.LENGTH));
      assertEquals(dd, f.mem.readByte(d + LegacyRxDesc.STATUS) & 0xFF);
      assertEquals(LegacyRxDesc.ERR_CE, f.mem.readByte(d + LegacyRxDesc.ERRORS) & 0xFF);
      assertEquals(TCI, f.mem.readShort(d + LegacyRxDesc.VLAN) & 0xFFFF);
    } else {
      assertEquals(100, f.mem.readShort(d + AdvRxDesc.LENGTH));
      assertEquals(dd | AdvRxDesc.ERR_CE, f.mem.readInt(d + AdvRxDesc.STATUS_ERROR));
      assertEquals(TCI, f.mem.readShort(d + AdvRxDesc.VLAN) & 0xFFFF);
    }
    byte[] placed = new byte[100];
    f.mem.read(VfFixture.RX_BUF, placed, 0, 100);
    assertArrayEquals(wire.withoutVlanTag().toByteArray(), placed);
    assertEquals(0, f.vf.registers().get(VFGPRC), "a CE frame is no good packet");
  }

  /** VME clear: all 104 bytes placed, tag included; VP clear and the vlan field 0. */
  @ParameterizedTest
  @ValueSource(booleans = {false, true})
  void notStripped_tagStaysInTheData(boolean legacy) {
    VfFixture f = fixture(legacy, false, true);
    Frame wire = place(f, f.frame(1, 100).withVlanTag(TCI));
    long d = VfFixture.RX_RING;
    int length =
        legacy ? f.mem.readShort(d + LegacyRxDesc.LENGTH) : f.mem.readShort(d + AdvRxDesc.LENGTH);
    int status =
        legacy
            ? f.mem.readByte(d + LegacyRxDesc.STATUS) & 0xFF
            : f.mem.readInt(d + AdvRxDesc.STATUS_ERROR);
    int vlan = f.mem.readShort(d + (legacy ? LegacyRxDesc.VLAN : AdvRxDesc.VLAN));
    assertEquals(104, length);
    assertEquals(AdvRxDesc.STAT_DD | AdvRxDesc.STAT_EOP, status);
    assertEquals(0, vlan);
    byte[] placed = new byte[104];
    f.mem.read(VfFixture.RX_BUF, placed, 0, 104);
    assertArrayEquals(wire.toByteArray(), placed);
    assertEquals(1, f.vf.registers().get(VFGPRC));
  }

  /** SBP clear: the MAC discards the broken frame, counted as a CRC error; nothing is placed. */
  @ParameterizedTest
  @ValueSource(booleans = {false, true})
  void withoutSbp_theMacDiscardsIt(boolean legacy) {
    VfFixture f = fixture(legacy, true, false);
    f.vf.deliver(f.frame(1, 100).withBitErrorInLastByte());
    for (int i = 0; i < 10; i++) {
      f.vf.step();
    }
    assertEquals(0, f.vf.registers().get(rdh(0)));
    assertEquals(List.of("CRC_ERROR"), f.drops);
  }
}
