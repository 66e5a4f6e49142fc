package org.vfiomc.conformance.guest;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.vfiomc.conformance.emulator.regs.VfRegs;

/**
 * {@link GuestVfStats} against counters set by hand (issue 13, PIT survivors: no test read the
 * totals across a wrap). {@code ixgbevf_update_stats}: {@code UPDATE_VF_COUNTER_32bit} adds {@code
 * current - last}, plus 2^32 when current is smaller; {@code UPDATE_VF_COUNTER_36bit} reads the
 * octet counter as LSB (32 bits) and the low 4 bits of MSB, and wraps at 2^36.
 */
final class GuestVfStatsTest {
  /** A BAR that returns the values a test put at each offset (0 elsewhere). */
  private static final class Counters implements Bar {
    final Map<Integer, Integer> regs = new HashMap<>();

    Counters set(int gprc, long gorc, int gptc) {
      regs.put(VfRegs.VFGPRC, gprc);
      regs.put(VfRegs.VFGORC_LSB, (int) gorc);
      regs.put(VfRegs.VFGORC_MSB, (int) (gorc >>> 32));
      regs.put(VfRegs.VFGPTC, gptc);
      return this;
    }

    @Override
    public int read(int offset) {
      return regs.getOrDefault(offset, 0);
    }

    @Override
    public void write(int offset, int value) {
      throw new AssertionError("statistics are only read");
    }
  }

  @Test
  void deltasSinceTheBaseline_areAdded_andEqualReadingsAddNothing() {
    Counters c = new Counters().set(10, 1000, 7);
    GuestVfStats s = new GuestVfStats();
    s.baseline(c);
    assertEquals(0, s.rxPackets());
    c.set(25, 2500, 9);
    s.update(c);
    assertEquals(15, s.rxPackets());
    assertEquals(1500, s.rxBytes());
    assertEquals(2, s.txPackets());
    // the same readings again: no delta, and no wrap (only a smaller reading is one)
    s.update(c);
    assertEquals(15, s.rxPackets());
    assertEquals(1500, s.rxBytes());
    assertEquals(2, s.txPackets());
  }

  @Test
  void aSmallerReading_isAWrap_of2To32_forPackets() {
    // last 0xFFFFFFF0 (negative as an int), now 5: the counter passed 2^32; delta 5 + 2^32 -
    // 0xFFFFFFF0 = 21
    Counters c = new Counters().set(0xFFFFFFF0, 0, 0xFFFFFFFE);
    GuestVfStats s = new GuestVfStats();
    s.baseline(c);
    c.set(5, 0, 1);
    s.update(c);
    assertEquals(21, s.rxPackets());
    assertEquals(3, s.txPackets());
    // above 2^31 without a wrap: 0x7FFFFFFF -> 0x80000001 is 2 more, read as unsigned
    Counters d = new Counters().set(0x7FFFFFFF, 0, 0x7FFFFFFF);
    GuestVfStats t = new GuestVfStats();
    t.baseline(d);
    d.set(0x80000001, 0, 0x80000002);
    t.update(d);
    assertEquals(2, t.rxPackets());
    assertEquals(3, t.txPackets());
  }

  @Test
  void octets_are36Bits_theMsbsUpperBitsIgnored_andWrapAt2To36() {
    // LSB 0xFFFFFFF0 and MSB 0xF3: 36-bit value 0x3_FFFF_FFF0 (MSB bits 31:4 are not the
    // counter's)
    Counters c = new Counters().set(0, 0, 0);
    c.regs.put(VfRegs.VFGORC_LSB, 0xFFFFFFF0);
    c.regs.put(VfRegs.VFGORC_MSB, 0xF3);
    GuestVfStats s = new GuestVfStats();
    s.baseline(c);
    // 0x4_0000_0010: 0x20 more
    c.regs.put(VfRegs.VFGORC_LSB, 0x10);
    c.regs.put(VfRegs.VFGORC_MSB, 0x4);
    s.update(c);
    assertEquals(0x20, s.rxBytes());
    // 0xF_FFFF_FFFF then 0x1: wrapped at 2^36, 2 more
    c.regs.put(VfRegs.VFGORC_LSB, 0xFFFFFFFF);
    c.regs.put(VfRegs.VFGORC_MSB, 0xF);
    s.update(c);
    long before = s.rxBytes();
    assertEquals(0x20 + 0xF_FFFF_FFFFL - 0x4_0000_0010L, before);
    c.regs.put(VfRegs.VFGORC_LSB, 1);
    c.regs.put(VfRegs.VFGORC_MSB, 0);
    s.update(c);
    assertEquals(before + 2, s.rxBytes());
    assertEquals(0, s.rxPackets());
    assertEquals(0, s.txPackets());
  }

  @Test
  void aNewBaseline_keepsTheTotals_andCountsFromTheNewReadings() {
    // ixgbevf_init_last_counter_stats at up_complete: what was counted stays counted
    Counters c = new Counters().set(100, 100, 100);
    GuestVfStats s = new GuestVfStats();
    s.baseline(c);
    c.set(110, 150, 120);
    s.update(c);
    c.set(3, 4, 5); // a reset VF: counters from 0
    s.baseline(c);
    c.set(4, 6, 8);
    s.update(c);
    assertEquals(10 + 1, s.rxPackets());
    assertEquals(50 + 2, s.rxBytes());
    assertEquals(20 + 3, s.txPackets());
  }
}
