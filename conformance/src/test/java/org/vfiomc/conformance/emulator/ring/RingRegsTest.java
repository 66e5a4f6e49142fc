package org.vfiomc.conformance.emulator.ring;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.vfiomc.conformance.emulator.regs.VfRegs.*;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.vfiomc.conformance.emulator.regs.RegisterFile;
import org.vfiomc.conformance.emulator.regs.RegisterMap;

/**
 * {@link RingRegs} as pure functions of the register file (issue 13, item 5: PIT survivors). Ring
 * geometry from {@code ../shared/reference/82599-vf.md} §2 "Ring geometry" and §3 "Ownership /
 * head-tail": 16-byte descriptors, 128-byte aligned base, hardware owns [HEAD, TAIL) modulo LEN/16,
 * a TAIL at or beyond LEN/16 means empty (the QEMU igb guard).
 */
final class RingRegsTest {
  private final RegisterFile rf = new RegisterFile(RegisterMap.VF_82599);

  /** Rx ring 1 of {@code count} descriptors with the given head and tail. */
  private RingRegs rx1(int count, int head, int tail) {
    RingRegs r = RingRegs.rx(1);
    rf.set(rdlen(1), count * RingRegs.DESC_SIZE);
    rf.set(rdh(1), head);
    rf.set(rdt(1), tail);
    return r;
  }

  @Test
  void rxAndTxRings_nameTheirQueuesRegisters() {
    assertEquals(
        new RingRegs(rdbal(1), rdbah(1), rdlen(1), rdh(1), rdt(1), rxdctl(1)), RingRegs.rx(1));
    assertEquals(
        new RingRegs(tdbal(0), tdbah(0), tdlen(0), tdh(0), tdt(0), txdctl(0)), RingRegs.tx(0));
  }

  @Test
  void base_isBahThenBal_withTheLow7BitsIgnored() {
    RingRegs r = RingRegs.rx(1);
    rf.set(rdbah(1), 0x12);
    rf.set(rdbal(1), 0x3456_78FF);
    assertEquals(0x12_3456_7880L, r.base(rf));
    assertEquals(0x12_3456_7880L + 3 * 16, r.descriptorAddress(rf, 3));
  }

  @Test
  void enabled_isTheEnableBitAlone() {
    RingRegs r = RingRegs.rx(1);
    rf.set(rxdctl(1), ~DCTL_ENABLE);
    assertFalse(r.enabled(rf));
    rf.set(rxdctl(1), DCTL_ENABLE);
    assertTrue(r.enabled(rf));
  }

  @ParameterizedTest(name = "count {0}, head {1}, tail {2}: {3} pending")
  @CsvSource({
    "8, 0, 7, 7",
    "8, 2, 6, 4",
    "8, 6, 2, 4", // wraps: 6, 7, 0, 1
    "8, 7, 0, 1",
    "8, 5, 5, 0", // HEAD == TAIL: nothing for hardware
    "8, 0, 8, 0", // tail at the ring size
    "8, 8, 1, 0", // head at the ring size
    "8, 0, 9, 0",
    "0, 0, 1, 0" // no ring
  })
  void pending_isTailMinusHeadModuloTheRing(int count, int head, int tail, int pending) {
    assertEquals(pending, rx1(count, head, tail).pending(rf));
  }

  @Test
  void advanceHead_wrapsAtTheRingSize() {
    RingRegs r = rx1(8, 6, 0);
    r.advanceHead(rf);
    assertEquals(7, r.head(rf));
    r.advanceHead(rf);
    assertEquals(0, r.head(rf));
    assertEquals(0, r.tail(rf));
    assertEquals(8, r.count(rf));
  }
}
