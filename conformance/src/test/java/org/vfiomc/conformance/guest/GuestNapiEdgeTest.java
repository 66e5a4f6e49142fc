package org.vfiomc.conformance.guest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.vfiomc.conformance.emulator.regs.VfRegs;

/**
 * NAPI as {@code ixgbevf_msix_clean_rings} and {@code ixgbevf_poll} run it (issue 13, PIT survivors
 * of {@link GuestDriver}'s NAPI): only the queue vector schedules a poll; a poll hands at most
 * {@link GuestDriver#NAPI_BUDGET} frames to the stack before it returns its budget with the vector
 * still masked; a poll that finds nothing completes NAPI and re-enables the vector with a VTEIMS
 * write of its bit.
 */
final class GuestNapiEdgeTest {
  /** A 128-descriptor ring, so that more than one budget of frames can wait. */
  private static Rig rig(long seed) {
    return new Rig(
            new GuestDriver.Config(128, 16, 2048, DirtyTracking.NONE, DoneCheck.LENGTH, 1 << 20),
            seed)
        .up();
  }

  /**
   * Masks both vectors (VTEIMC) so that the device sends no message while frames are placed, then
   * clears the causes it latched (VTEICR reads clear): the test sends the interrupts itself.
   */
  private static void placeQuietly(Rig rig, int frames, int len) {
    rig.vf.mmioWrite(VfRegs.VTEIMC, 0x3);
    for (int i = 0; i < frames; i++) {
      rig.wire(len);
    }
    rig.vf.runUntilIdle(1000);
    rig.vf.mmioRead(VfRegs.VTEICR);
  }

  @Test
  void withoutAnInterrupt_napiDoesNothing_andTheMailboxVectorSchedulesNoPoll() {
    Rig rig = rig(41);
    placeQuietly(rig, 1, 100);
    assertFalse(rig.driver.napiScheduled());
    assertFalse(rig.driver.napiStep());
    assertEquals(0, rig.driver.rx().handedToStack());
    assertTrue(rig.driver.rxStalled(), "a done descriptor and no poll scheduled");
    rig.driver.msix(1); // ixgbevf_msix_other: the mailbox's vector, not the ring's
    assertFalse(rig.driver.napiScheduled());
    assertEquals(0, rig.driver.interrupts());
    assertFalse(rig.driver.napiStep());
  }

  @Test
  void aPollCleansWhatWaits_thenCompletesAndReEnablesTheVector() {
    Rig rig = rig(42);
    TapBar tap = new TapBar(Bar.of(rig.vf));
    rig.driver.rebind(tap);
    placeQuietly(rig, 3, 100);
    rig.driver.msix(GuestDriver.RX_VECTOR);
    assertTrue(rig.driver.napiScheduled());
    assertEquals(1, rig.driver.interrupts());
    assertFalse(rig.driver.rxStalled(), "a poll is scheduled");
    for (int i = 1; i <= 3; i++) {
      assertTrue(rig.driver.napiStep());
      assertEquals(i, rig.driver.rx().handedToStack());
      assertTrue(rig.driver.napiScheduled(), "under budget but work was found");
    }
    assertEquals(List.of(), tap.writesTo(VfRegs.VTEIMS));
    assertTrue(rig.driver.napiStep(), "the poll that finds nothing still ran");
    assertFalse(rig.driver.napiScheduled());
    assertEquals(1, rig.driver.napiCompletions());
    assertEquals(0, rig.driver.budgetExhausted());
    // ixgbevf_irq_enable_queues: the queue vector's bit
    assertEquals(List.of(1 << GuestDriver.RX_VECTOR), tap.writesTo(VfRegs.VTEIMS));
    assertFalse(rig.driver.napiStep());
    assertEquals(3, rig.stackRx.size());
  }

  @Test
  void aPollThatHandsTheWholeBudget_returnsItWithTheVectorMasked() {
    // 70 frames on a 128-descriptor ring: after the 64th the budget is used, NAPI keeps polling
    // without re-enabling; the next 6 and the empty poll complete it
    Rig rig = rig(43);
    TapBar tap = new TapBar(Bar.of(rig.vf));
    rig.driver.rebind(tap);
    placeQuietly(rig, 70, 64);
    rig.driver.msix(GuestDriver.RX_VECTOR);
    int steps = 0;
    while (rig.driver.rx().handedToStack() < GuestDriver.NAPI_BUDGET - 1) {
      assertTrue(rig.driver.napiStep());
      steps++;
    }
    assertEquals(0, rig.driver.budgetExhausted(), "63 frames: under budget");
    assertTrue(rig.driver.napiStep());
    if (rig.driver.rx().handedToStack() < GuestDriver.NAPI_BUDGET) {
      assertTrue(rig.driver.napiStep()); // the step was a refill
    }
    assertEquals(GuestDriver.NAPI_BUDGET, rig.driver.rx().handedToStack());
    assertEquals(1, rig.driver.budgetExhausted(), "the 64th frame used the budget");
    assertTrue(rig.driver.napiScheduled());
    assertEquals(0, rig.driver.napiCompletions());
    assertEquals(List.of(), tap.writesTo(VfRegs.VTEIMS), "the vector stays masked");
    for (int i = 0; i < 100 && rig.driver.napiScheduled(); i++) {
      rig.driver.napiStep();
    }
    assertEquals(70, rig.driver.rx().handedToStack());
    assertEquals(1, rig.driver.budgetExhausted(), "the second poll handed 6: under budget");
    assertEquals(1, rig.driver.napiCompletions());
    assertEquals(List.of(1 << GuestDriver.RX_VECTOR), tap.writesTo(VfRegs.VTEIMS));
    assertTrue(steps > 0);
  }

  @Test
  void kickRx_raisesTheQueueVectorBySoftware() {
    // a VTEICS write of the vector's bit (ixgbevf_check_hang_subtask), which the VF sends as an
    // MSI-X message at once (the vector enabled, no interval running): NAPI is then scheduled
    Rig rig = rig(44);
    TapBar tap = new TapBar(Bar.of(rig.vf));
    rig.driver.rebind(tap);
    assertFalse(rig.driver.napiScheduled());
    rig.driver.kickRx();
    assertEquals(List.of(1 << GuestDriver.RX_VECTOR), tap.writesTo(VfRegs.VTEICS));
    assertTrue(rig.driver.napiScheduled());
    assertEquals(1, rig.driver.interrupts());
  }
}
