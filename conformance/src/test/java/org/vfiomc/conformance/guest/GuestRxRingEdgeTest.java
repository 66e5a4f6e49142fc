package org.vfiomc.conformance.guest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/**
 * The Rx ring's bookkeeping as the driver and the stack see it (issue 13, PIT survivors of {@link
 * GuestRxRing}): the buffer pool's addresses, what a poll returns, the ring indices, and the stack
 * reading the frames it held back one at a time.
 */
final class GuestRxRingEdgeTest {

  @Test
  void bufferAddresses_areTwoHalvesPerPoolPage_afterTheRings() {
    // Config.of: memBase 1 MiB, Rx ring page 0x100000, Tx ring page 0x101000, pool from 0x102000;
    // buffer b is half b % 2 of pool page b / 2, each page two 2 KiB buffers
    Rig rig = new Rig(GuestDriver.Config.of(DirtyTracking.NONE), 21);
    GuestRxRing rx = rig.driver.rx();
    assertEquals(0x102000L, rx.bufferAddress(0));
    assertEquals(0x102800L, rx.bufferAddress(1));
    assertEquals(0x103000L, rx.bufferAddress(2));
    assertEquals(0x103800L, rx.bufferAddress(3));
    assertEquals(64, rx.count());
    assertEquals(65, rx.pages()); // 64 slots + backlog 0 + 1 spare
    assertEquals(0x100000L, rx.ringBase());
  }

  @Test
  void aPoll_returnsTheFramesItDelivered_andTheIndicesMoveByThem() {
    Rig rig = new Rig(GuestDriver.Config.of(DirtyTracking.NONE), 22).up();
    GuestRxRing rx = rig.driver.rx();
    // bring-up posts count - 1 = 63 buffers
    assertEquals(0, rx.nextToClean());
    assertEquals(63, rx.nextToUse());
    for (int i = 0; i < 3; i++) {
      rig.wire(100);
    }
    rig.vf.runUntilIdle(100);
    assertEquals(3, rx.poll(1000));
    assertEquals(3, rx.delivered());
    assertEquals(3, rx.nextToClean());
    // 3 slots consumed, fewer than the 16 (IXGBEVF_RX_BUFFER_WRITE) a refill waits for
    assertEquals(63, rx.nextToUse());
    assertEquals(0, rx.poll(1000), "nothing more");
    assertEquals(0, rx.allocFailed());
  }

  @Test
  void aStackThatHoldsTwoFrames_readsTheOldestWhenAThirdComes_thenOneAtATime() {
    Rig rig = new Rig(GuestDriver.Config.of(DirtyTracking.NONE).withStackBacklog(2), 23).up();
    GuestRxRing rx = rig.driver.rx();
    for (int i = 0; i < 3; i++) {
      rig.wire(100);
    }
    rig.vf.runUntilIdle(100);
    rx.poll(1000);
    assertEquals(1, rig.stackRx.size(), "the first frame, read when the third came");
    assertEquals(2, rx.stackBacklog());
    assertEquals(3, rx.handedToStack());
    assertEquals(1, rx.delivered());
    assertTrue(rx.stackReadOne());
    assertTrue(rx.stackReadOne());
    assertFalse(rx.stackReadOne(), "the stack holds nothing more");
    assertEquals(3, rig.stackRx.size());
    assertEquals(3, rx.delivered());
    assertEquals(3, rig.ledger.delivered());
  }
}
