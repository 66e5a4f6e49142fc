package org.vfiomc.conformance.guest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.vfiomc.conformance.emulator.mailbox.MboxMsg.*;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.vfiomc.conformance.emulator.Vf82599;
import org.vfiomc.conformance.emulator.dma.DmaPort;
import org.vfiomc.conformance.emulator.dma.GuestMemory;
import org.vfiomc.conformance.emulator.dma.Iommu;
import org.vfiomc.conformance.emulator.regs.VfRegs;

/**
 * The second batch for {@link GuestDriver}'s PIT survivors (issue 13): the layout of rings larger
 * than a page, the mailbox lock taken anew for every request (the R2C shadow keeps only PFSTS,
 * PFACK and RSTD, never VFU), a NAPI poll that used its budget reporting work done, and the
 * inverted reset wait of {@link DriverDefect#INVERTED_RESET_WAIT} doing what its comment says.
 */
final class GuestDriverEdgeTest {
  private static final long MB = 1 << 20;

  @Test
  void ringsOfMoreThanAPage_pushTheNextAreaByTheirWholeSize() {
    // 512 descriptors of 16 bytes = 8 KiB: the Tx ring starts 2 pages after the Rx ring, the Rx
    // pool 2 pages after that
    GuestMemory mem = new GuestMemory(16 * MB);
    Iommu iommu = new Iommu();
    iommu.mapIdentity(16 * MB);
    Vf82599 vf = new Vf82599(new DmaPort(mem, iommu));
    RecordingStack stack = new RecordingStack();
    GuestDriver d =
        new GuestDriver(
            Bar.of(vf),
            mem,
            new GuestDriver.Config(512, 512, 2048, DirtyTracking.NONE, DoneCheck.LENGTH, MB),
            stack);
    assertEquals(GuestDriver.UpResult.UP, d.bringUp());
    assertEquals((int) MB, vf.mmioRead(VfRegs.rdbal(0)));
    assertEquals((int) (MB + 0x2000), vf.mmioRead(VfRegs.tdbal(0)));
    assertEquals(MB + 0x4000, d.rx().bufferAddress(0));
    assertEquals(d.config(), d.config());
    assertEquals(512, d.config().rxRingSize());
  }

  @Test
  void everyRequestTakesTheMailboxLockAgain() {
    // after bring-up, a PF that keeps the buffer: the next request (SET_VLAN) gets no lock and
    // fails after IXGBE_VF_MBX_INIT_TIMEOUT tries; the driver must not take an old VFU for one
    Rig rig = new Rig(GuestDriver.Config.of(DirtyTracking.NONE), 71).up();
    TapBar tap = new TapBar(Bar.of(rig.vf));
    rig.driver.rebind(tap);
    tap.filter = (off, v, req) -> off == VfRegs.VFMAILBOX ? v & ~MB_VFU : v;
    assertFalse(rig.driver.addVlan(5));
    assertEquals(GuestDriver.MBX_POLLS, tap.writesTo(VfRegs.VFMAILBOX).size());
    assertEquals(List.of(), tap.requestsSent());
  }

  @Test
  void thePollThatUsesTheBudget_reportsWork() {
    Rig rig =
        new Rig(
                new GuestDriver.Config(
                    128, 16, 2048, DirtyTracking.NONE, DoneCheck.LENGTH, 1 << 20),
                72)
            .up();
    rig.vf.mmioWrite(VfRegs.VTEIMC, 0x3);
    for (int i = 0; i < 70; i++) {
      rig.wire(64);
    }
    rig.vf.runUntilIdle(1000);
    rig.vf.mmioRead(VfRegs.VTEICR);
    rig.driver.msix(GuestDriver.RX_VECTOR);
    while (rig.driver.budgetExhausted() == 0) {
      assertTrue(rig.driver.napiStep(), "every step of a poll with work left did something");
    }
    assertEquals(GuestDriver.NAPI_BUDGET, rig.driver.rx().handedToStack());
  }

  private static final class Fresh {
    final GuestMemory mem = new GuestMemory(8 * MB);
    final Vf82599 vf;
    final TapBar bar;
    final GuestDriver driver;

    Fresh() {
      Iommu iommu = new Iommu();
      iommu.mapIdentity(8 * MB);
      vf = new Vf82599(new DmaPort(mem, iommu));
      bar = new TapBar(Bar.of(vf));
      driver =
          new GuestDriver(
              bar, mem, GuestDriver.Config.of(DirtyTracking.NONE), new RecordingStack());
      driver.inject(DriverDefect.INVERTED_RESET_WAIT);
    }
  }

  @Test
  void theInvertedResetWait_goesOnAtTheFirstSignOfAReset_andGivesUpWithoutOne() {
    // the pre-issue-10 model waits until RSTI or RSTD shows, 200 polls at most, no delay
    Fresh shows = new Fresh();
    shows.bar.filter = (off, v, req) -> off == VfRegs.VFMAILBOX ? v | MB_RSTI : v;
    assertEquals(GuestDriver.UpResult.UP, shows.driver.bringUp());
    assertEquals(RESET, shows.bar.requestsSent().get(0));
    Fresh never = new Fresh();
    never.bar.filter = (off, v, req) -> off == VfRegs.VFMAILBOX ? v & ~(MB_RSTI | MB_RSTD) : v;
    assertEquals(GuestDriver.UpResult.RESET_FAILED, never.driver.bringUp());
    assertEquals(GuestDriver.RESET_POLLS, never.bar.mailboxReads);
  }
}
