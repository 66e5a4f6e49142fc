package org.vfiomc.conformance.guest;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.vfiomc.conformance.emulator.regs.VfRegs;
import org.vfiomc.conformance.emulator.ring.RingRegs;

/**
 * The ring registers the driver programs and the three Rx ring restores after a migration (issue
 * 13, PIT survivors of {@link GuestRxRing} and {@link GuestTxRing}): {@code
 * ixgbevf_configure_srrctl}, {@code ixgbevf_configure_tx_ring}, {@code ixgbevf_disable_rx_queue}'s
 * ten polls, and SHIFT, HEAD_ZERO and REINIT as their comments in {@link GuestRxRing} describe
 * them, each followed by traffic that must arrive whole (the ledger's final check) where the
 * restore is a correct one.
 */
final class GuestRingProgrammingTest {
  private static final int DESC = RingRegs.DESC_SIZE;

  private static Rig up(long seed) {
    return new Rig(GuestDriver.Config.of(DirtyTracking.NONE), seed).up();
  }

  /** Puts {@code n} frames on the wire and lets the device place them (the driver not polling). */
  private static void place(Rig rig, int n) {
    for (int i = 0; i < n; i++) {
      rig.wire();
    }
    rig.vf.runUntilIdle(10 * n + 10);
  }

  /** {@code n} more frames, each drained through device and driver; the ledger must be clean. */
  private static void trafficArrivesWhole(Rig rig, int n) {
    long before = rig.ledger.delivered();
    for (int i = 0; i < n; i++) {
      rig.wire();
      rig.drain();
    }
    assertEquals(before + n, rig.ledger.delivered());
    assertEquals(List.of(), rig.ledger.finalCheck());
  }

  @Test
  void srrctl_isDropEnable_aHeaderSizeOf256_advancedOneBuffer_andTheBufferInKib() {
    // ixgbevf_configure_srrctl: IXGBE_SRRCTL_DROP_EN | IXGBEVF_RX_HDR_SIZE (256) <<
    // BSIZEHDRSIZE_SHIFT (2) | bufsz >> BSIZEPKT_SHIFT (10) | DESCTYPE_ADV_ONEBUF (1 << 25)
    Rig rig = new Rig(GuestDriver.Config.of(DirtyTracking.NONE), 51);
    TapBar tap = new TapBar(Bar.of(rig.vf));
    rig.driver.rebind(tap);
    assertEquals(GuestDriver.UpResult.UP, rig.driver.bringUp());
    int srrctl = tap.last(VfRegs.srrctl(0));
    assertEquals(VfRegs.SRRCTL_DROP_EN | (256 << 2) | 2 | (1 << 25), srrctl);
    assertEquals(64 * DESC, tap.last(VfRegs.rdlen(0)));
    assertEquals(0x100000, tap.last(VfRegs.rdbal(0)));
    assertEquals(0, tap.last(VfRegs.rdbah(0)));
    // the queue disabled before the ring is programmed, enabled with VME after
    List<Integer> rxdctl = tap.writesTo(VfRegs.rxdctl(0));
    assertEquals(GuestRxRing.RXDCTL_ENABLED, rxdctl.get(rxdctl.size() - 1));
    assertTrue(
        tap.indexOf(VfRegs.rxdctl(0), GuestRxRing.RXDCTL_ENABLED)
            > tap.indexOf(VfRegs.srrctl(0), srrctl));
    // ixgbevf_configure_tx_ring: SWFLSH first, then ENABLE with WTHRESH 8, HTHRESH 1, PTHRESH 32
    List<Integer> txdctl = tap.writesTo(VfRegs.txdctl(0));
    assertEquals(
        List.of(0, VfRegs.DCTL_SWFLSH, VfRegs.DCTL_ENABLE | (8 << 16) | (1 << 8) | 32), txdctl);
    assertEquals(64 * DESC, tap.last(VfRegs.tdlen(0)));
    assertEquals(0x101000, tap.last(VfRegs.tdbal(0)));
    assertEquals(0, tap.last(VfRegs.tdbah(0)));
  }

  @Test
  void configure_zeroesTheFirstDescriptorsLength_soAStaleOneIsNotTakenForAFrame() {
    // ixgbevf_configure_rx_ring: "rx_desc->wb.upper.length = 0" for descriptor 0 before the
    // queue is enabled: a length left in memory (here 100, written before bring-up) is not a frame
    Rig rig = new Rig(GuestDriver.Config.of(DirtyTracking.NONE), 52);
    rig.mem.writeShort(0x100000 + 12, (short) 100);
    rig.up();
    assertFalse(rig.driver.rx().doneAtNextToClean());
    assertEquals(0, rig.driver.rx().poll(10));
    assertEquals(0, rig.driver.rx().nextToClean());
    trafficArrivesWhole(rig, 3);
  }

  @Test
  void disableQueue_pollsTenTimes_thenGivesUp() {
    // ixgbevf_disable_rx_queue: clear ENABLE, then "while (wait_loop-- && (rxdctl & ENABLE))"
    // with wait_loop = IXGBEVF_MAX_RX_DESC_POLL = 10, udelay(10) each time
    Rig rig = up(53);
    TapBar tap = new TapBar(Bar.of(rig.vf));
    rig.driver.rebind(tap);
    tap.filter = (off, v, req) -> off == VfRegs.rxdctl(0) ? v | VfRegs.DCTL_ENABLE : v;
    int[] waits = {0};
    assertFalse(rig.driver.rx().disableForMigration(() -> waits[0]++));
    assertEquals(GuestRxRing.DISABLE_POLLS, waits[0]);
    assertEquals(1, rig.driver.rx().disableTimeouts());
    // the write cleared ENABLE and kept VME
    assertEquals(List.of(VfRegs.RXDCTL_VME), tap.writesTo(VfRegs.rxdctl(0)));
    // ENABLE reads 0 at the tenth poll (the 11th read of RXDCTL): not given up
    int[] reads = {0};
    tap.filter =
        (off, v, req) ->
            off == VfRegs.rxdctl(0) && ++reads[0] <= GuestRxRing.DISABLE_POLLS
                ? v | VfRegs.DCTL_ENABLE
                : v;
    waits[0] = 0;
    assertTrue(rig.driver.rx().disableQueue(() -> waits[0]++));
    assertEquals(GuestRxRing.DISABLE_POLLS, waits[0]);
    assertEquals(1, rig.driver.rx().disableTimeouts());
  }

  @Test
  void enableAfterAbort_reEnablesTheQueueWithVme_andTrafficRunsOn() {
    Rig rig = up(54);
    assertTrue(rig.driver.rx().disableForMigration(() -> {}));
    assertEquals(0, rig.vf.mmioRead(VfRegs.rxdctl(0)) & VfRegs.DCTL_ENABLE);
    rig.driver.rx().enableAfterAbort();
    assertEquals(
        GuestRxRing.RXDCTL_ENABLED, rig.vf.mmioRead(VfRegs.rxdctl(0)) & GuestRxRing.RXDCTL_ENABLED);
    trafficArrivesWhole(rig, 5);
  }

  @Test
  void restoreShift_rotatesTheRingSoTheSavedHeadIsSlotZero_andTrafficArrivesWhole() {
    // 5 frames cleaned: RDH = 5, next_to_clean 5, next_to_use 63, RDT 63. After the migration
    // the shift moves slot (s + 5) mod 64 to slot s: RDH 0, RDT 58, next_to_clean 0, next_to_use
    // 58; descriptors 59..63 come from the old 0..4 (the index wraps)
    Rig rig = up(55);
    for (int i = 0; i < 5; i++) {
      rig.wire();
      rig.drain();
    }
    GuestRxRing rx = rig.driver.rx();
    assertEquals(5, rig.vf.mmioRead(VfRegs.rdh(0)));
    byte[] before = new byte[64 * DESC];
    rig.mem.read(0x100000, before, 0, before.length);
    rig.migrate();
    rx.restoreShift();
    assertEquals(0, rig.vf.mmioRead(VfRegs.rdh(0)));
    assertEquals(58, rig.vf.mmioRead(VfRegs.rdt(0)));
    assertEquals(
        GuestRxRing.RXDCTL_ENABLED, rig.vf.mmioRead(VfRegs.rxdctl(0)) & GuestRxRing.RXDCTL_ENABLED);
    assertEquals(0, rx.nextToClean());
    assertEquals(58, rx.nextToUse());
    byte[] after = new byte[64 * DESC];
    rig.mem.read(0x100000, after, 0, after.length);
    for (int s = 0; s < 64; s++) {
      int from = (s + 5) % 64;
      assertArrayEquals(
          java.util.Arrays.copyOfRange(before, from * DESC, from * DESC + DESC),
          java.util.Arrays.copyOfRange(after, s * DESC, s * DESC + DESC),
          "slot " + s);
    }
    // 200 more frames: three laps of the shifted ring, with refills and page reuse
    trafficArrivesWhole(rig, 200);
  }

  @Test
  void restoreHeadZero_writesHeadZero_keepsTheTail_andLeavesTheDriverWhereItWas() {
    // the broken restore: RDH 0, RDT as saved, nothing rotated
    Rig rig = up(56);
    for (int i = 0; i < 5; i++) {
      rig.wire();
      rig.drain();
    }
    rig.migrate();
    GuestRxRing rx = rig.driver.rx();
    rx.restoreHeadZero();
    assertEquals(0, rig.vf.mmioRead(VfRegs.rdh(0)));
    assertEquals(63, rig.vf.mmioRead(VfRegs.rdt(0)));
    assertEquals(
        GuestRxRing.RXDCTL_ENABLED, rig.vf.mmioRead(VfRegs.rxdctl(0)) & GuestRxRing.RXDCTL_ENABLED);
    assertEquals(5, rx.nextToClean());
    assertEquals(63, rx.nextToUse());
  }

  @Test
  void restoreReinit_drainsTheOldRingWithoutRefills_thenReinitialisesIt() {
    // 20 frames placed, none cleaned: the old ring holds 20 done descriptors. REINIT: the queue
    // disabled with RDH = RDT = 0; the driver cleans all 20 (each step one frame, no refill
    // although 16 or more slots are free, no RDT write), then the poll that finds nothing
    // re-initialises the ring as ifup does: 63 buffers posted again
    Rig rig = up(57);
    place(rig, 20);
    rig.migrate();
    TapBar tap = new TapBar(Bar.of(rig.vf));
    rig.driver.rebind(tap);
    GuestRxRing rx = rig.driver.rx();
    rx.restoreReinit();
    assertTrue(rx.draining());
    assertEquals(0, rig.vf.mmioRead(VfRegs.rdh(0)));
    assertEquals(0, rig.vf.mmioRead(VfRegs.rdt(0)));
    assertEquals(0, rig.vf.mmioRead(VfRegs.rxdctl(0)) & VfRegs.DCTL_ENABLE);
    tap.writes.clear();
    for (int i = 1; i <= 20; i++) {
      assertTrue(rx.step());
      assertEquals(i, rx.delivered());
      assertTrue(rx.draining());
    }
    assertEquals(List.of(), tap.writesTo(VfRegs.rdt(0)), "no refill while draining");
    assertEquals(20, rx.nextToClean());
    assertTrue(rx.step(), "the re-initialisation is a step");
    assertFalse(rx.draining());
    assertEquals(0, rx.nextToClean());
    assertEquals(63, rx.nextToUse());
    assertEquals(63, rig.vf.mmioRead(VfRegs.rdt(0)));
    assertEquals(0, rig.vf.mmioRead(VfRegs.rdh(0)));
    assertFalse(rx.step(), "an empty ring");
    trafficArrivesWhole(rig, 100);
  }
}
