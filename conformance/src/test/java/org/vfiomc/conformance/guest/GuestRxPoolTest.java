package org.vfiomc.conformance.guest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.vfiomc.conformance.emulator.regs.VfRegs;

/**
 * The Rx ring's polls, refill batches and page pool (issue 13, second batch of PIT survivors of
 * {@link GuestRxRing}): {@code ixgbevf_clean_rx_irq}'s budget, {@code IXGBEVF_RX_BUFFER_WRITE} (16)
 * as the refill threshold, {@code ixgbevf_can_reuse_rx_page} (a page whose other half nobody holds
 * goes straight back to the ring, so a stack that reads at once needs no new page), pages let go
 * while the stack holds them and given back to the pool when it reads them, the old DD driver
 * clearing {@code status_error}, and a frame freed for its error bits releasing its buffer.
 */
final class GuestRxPoolTest {
  private static Rig rig(GuestDriver.Config c, long seed) {
    return new Rig(c, seed).up();
  }

  private static void place(Rig rig, int n, int len) {
    for (int i = 0; i < n; i++) {
      rig.wire(len);
    }
    rig.vf.runUntilIdle(10 * n + 10);
  }

  @Test
  void aPoll_takesAtMostItsBudgetOfSteps() {
    Rig rig = rig(GuestDriver.Config.of(DirtyTracking.NONE), 61);
    place(rig, 3, 100);
    GuestRxRing rx = rig.driver.rx();
    assertEquals(1, rx.poll(1));
    assertEquals(1, rx.poll(1));
    assertEquals(1, rx.poll(5), "one frame left, then a step that finds nothing");
    assertEquals(0, rx.poll(5));
  }

  @Test
  void withDummyWrites_onePollStillCleansEveryWaitingFrame() {
    // each phase (check, dummy read, dummy write, consume) is a step that did something: a poll
    // goes on until a check finds nothing
    for (DirtyTracking d :
        List.of(DirtyTracking.DUMMY_WRITE_AFTER_CHECK, DirtyTracking.DUMMY_WRITE_BEFORE_CHECK)) {
      Rig rig = rig(GuestDriver.Config.of(d), 62);
      place(rig, 3, 100);
      assertEquals(3, rig.driver.rx().poll(1000), d.toString());
      assertTrue(rig.driver.rx().dummyWrites() >= 3, d.toString());
      assertEquals(List.of(), rig.ledger.finalCheck());
    }
  }

  @Test
  void theRefill_comesWhenSixteenSlotsAreFree_andReusesEveryPageOfAStackThatReadsAtOnce() {
    // 16 frames cleaned: 16 slots unused, a refill batch posts them (RDT 63 + 16 = 79 mod 64 =
    // 15). The stack read each frame at once, so each page went straight back to the ring with its
    // other half: no page beyond the 63 of the first fill was taken from the pool
    Rig rig = rig(GuestDriver.Config.of(DirtyTracking.NONE), 63);
    place(rig, 16, 100);
    GuestRxRing rx = rig.driver.rx();
    assertEquals(16, rx.poll(1000));
    assertEquals(15, rx.nextToUse());
    assertEquals(15, rig.vf.mmioRead(VfRegs.rdt(0)));
    assertEquals(63, rx.pagesAllocated());
    assertEquals(16, rx.pagesReused());
    for (int i = 0; i < 200; i++) {
      rig.wire();
      rig.drain();
    }
    assertEquals(63, rx.pagesAllocated(), "three more laps, still no new page");
    assertEquals(216, rx.pagesReused());
    assertEquals(0, rx.allocFailed());
  }

  @Test
  void theOldDdDriver_clearsEachStatusItConsumed_soNoSlotReadsDoneOnTheNextLap() {
    // DoneCheck.DESCRIPTOR_DD: refill rewrites only the buffer address, so the status word of a
    // consumed descriptor must be cleared by the driver; 200 frames are three laps of the ring
    Rig rig =
        rig(
            new GuestDriver.Config(
                64, 64, 2048, DirtyTracking.NONE, DoneCheck.DESCRIPTOR_DD, 1 << 20),
            64);
    for (int i = 0; i < 200; i++) {
      rig.wire();
      rig.drain();
    }
    assertEquals(200, rig.ledger.delivered());
    assertEquals(List.of(), rig.ledger.finalCheck());
  }

  @Test
  void heldByStack_isTrueExactlyForTheBuffersOfFramesTheStackHolds() {
    // a stack that holds 64 frames unread; 64 one-buffer frames: slots 0..62 post half 0 of pages
    // 0..62; page 0 goes back flipped to slot 63 (next_to_alloc after the first fill) when slot 0
    // is consumed, so the 64th frame lands in half 1 of page 0
    Rig rig = rig(GuestDriver.Config.of(DirtyTracking.NONE).withStackBacklog(64), 65);
    GuestRxRing rx = rig.driver.rx();
    for (int i = 0; i < 64; i++) {
      place(rig, 1, 100);
      rx.poll(100);
    }
    assertEquals(64, rx.stackBacklog());
    assertEquals(0, rig.stackRx.size());
    assertTrue(rx.heldByStack(rx.bufferAddress(0)), "page 0 half 0: frame 1");
    assertTrue(rx.heldByStack(rx.bufferAddress(1)), "page 0 half 1: frame 64");
    assertTrue(rx.heldByStack(rx.bufferAddress(2)), "page 1 half 0: frame 2");
    assertFalse(rx.heldByStack(rx.bufferAddress(3)), "page 1 half 1: reposted, not held");
    assertFalse(rx.heldByStack(rx.bufferAddress(2) + 1), "not a buffer's first byte");
    assertFalse(rx.heldByStack(rx.bufferAddress(0) - 2048), "below the pool");
    assertFalse(rx.heldByStack(rx.bufferAddress(2 * rx.pages())), "the pool's end");
    rx.flushStack();
    assertFalse(rx.heldByStack(rx.bufferAddress(0)));
    assertFalse(rx.heldByStack(rx.bufferAddress(1)));
    assertEquals(64, rig.ledger.delivered());
    assertEquals(List.of(), rig.ledger.finalCheck());
  }

  @Test
  void pagesLetGoWhileTheStackHoldsThem_comeBackToThePool() {
    // with 64 frames held, a slot's flipped half comes round while its other half is still held:
    // the driver lets the page go and allocates another; the stack's reads give the pages back,
    // so 400 frames need more allocations than the pool has pages and never find it empty
    Rig rig = rig(GuestDriver.Config.of(DirtyTracking.NONE).withStackBacklog(64), 66);
    GuestRxRing rx = rig.driver.rx();
    for (int i = 0; i < 400; i++) {
      place(rig, 1, 100);
      rx.poll(100);
    }
    rx.flushStack();
    assertEquals(0, rx.allocFailed());
    assertTrue(rx.pagesAllocated() > rx.pages(), rx.pagesAllocated() + " allocations");
    assertEquals(400, rig.ledger.delivered());
    assertEquals(List.of(), rig.ledger.finalCheck());
  }

  @Test
  void aFrameFreedForItsErrorBits_releasesItsBuffer() {
    // ixgbevf_cleanup_headers frees the skb (dev_kfree_skb_any): the buffer is nobody's; the PF
    // stores bad packets (SBP) so that the frame with a CRC error reaches the ring
    Rig rig = rig(GuestDriver.Config.of(DirtyTracking.NONE).withStackBacklog(4), 67);
    rig.vf.pf().setStoreBadPackets(true);
    rig.wire(100, RxStack.NO_VLAN, true);
    rig.vf.runUntilIdle(100);
    GuestRxRing rx = rig.driver.rx();
    rx.poll(100);
    assertEquals(1, rx.driverDrops());
    assertFalse(rx.heldByStack(rx.bufferAddress(0)));
    assertEquals(0, rx.stackBacklog());
  }

  @Test
  void aSecondBringUp_startsTheRxRingAtHeadZero() {
    // ifdown/ifup: the ring registers survive the VF reset (82599 specification update), so
    // ixgbevf_configure_rx_ring writes RDH = 0 with the queue disabled
    Rig rig = rig(GuestDriver.Config.of(DirtyTracking.NONE), 68);
    for (int i = 0; i < 5; i++) {
      rig.wire();
      rig.drain();
    }
    assertEquals(5, rig.vf.mmioRead(VfRegs.rdh(0)));
    rig.up();
    assertEquals(0, rig.vf.mmioRead(VfRegs.rdh(0)));
    assertEquals(63, rig.vf.mmioRead(VfRegs.rdt(0)));
    for (int i = 0; i < 100; i++) {
      rig.wire();
      rig.drain();
    }
    assertEquals(105, rig.ledger.delivered());
    assertEquals(List.of(), rig.ledger.finalCheck());
  }
}
