package org.vfiomc.conformance.emulator.ring;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.vfiomc.conformance.emulator.VfFixture.COUNT;
import static org.vfiomc.conformance.emulator.VfFixture.RX_BUF;
import static org.vfiomc.conformance.emulator.regs.VfRegs.*;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.vfiomc.conformance.emulator.VfConfig;
import org.vfiomc.conformance.emulator.VfFixture;
import org.vfiomc.conformance.emulator.dma.DmaPort;
import org.vfiomc.conformance.emulator.dma.GuestMemory;
import org.vfiomc.conformance.emulator.dma.Iommu;
import org.vfiomc.conformance.emulator.packet.DropReason;
import org.vfiomc.conformance.emulator.packet.Frame;
import org.vfiomc.conformance.emulator.packet.PacketId;
import org.vfiomc.conformance.emulator.packet.TestFrames;
import org.vfiomc.conformance.emulator.regs.RegisterFile;
import org.vfiomc.conformance.emulator.regs.RegisterMap;

/**
 * Clearing RXDCTL.ENABLE while a frame is being placed (issue 10, item 3; issue 13, item 5: PIT
 * survivors of {@code RxEngine}'s disable latency). The 82599 finishes the packet in flight before
 * a cleared ENABLE reads back 0, which {@code ixgbevf_disable_rx_queue} polls for (reference §3
 * "Queue enable / disable": "poll <= 10 x 10 us for it to read 0"); the model holds ENABLE at 1
 * until the frame's EOP write-back and then {@link VfConfig#RX_DISABLE_LATENCY_STEPS} units of
 * device time. A queue with nothing in flight reads 0 at once.
 */
final class RxQueueDisableTest {
  private static final int LATENCY = VfConfig.RX_DISABLE_LATENCY_STEPS;

  private static int rxdctl0(VfFixture f) {
    return f.vf.mmioRead(rxdctl(0));
  }

  /** A VF with frame 1 (60 bytes, one descriptor) in flight on queue 0: its data written. */
  private static VfFixture midFrame() {
    VfFixture f = new VfFixture().resetHandshake().rxRing(COUNT - 1);
    f.vf.mmioWrite(rxdctl(0), DCTL_ENABLE | RXDCTL_VME);
    f.vf.deliver(f.frame(1, 60));
    assertTrue(f.vf.stepRx());
    assertTrue(f.vf.rx().frameInFlight());
    return f;
  }

  @Test
  void enableReadsOneUntilTheEopWriteBack_andTheLatencyAfterIt() {
    assertTrue(LATENCY > 1, "the steps below assume a latency of at least two ticks");
    VfFixture f = midFrame();
    f.vf.mmioWrite(rxdctl(0), RXDCTL_VME); // clear ENABLE, keep VME
    assertEquals(DCTL_ENABLE | RXDCTL_VME, rxdctl0(f));
    assertTrue(f.vf.rx().disablePending(0));
    assertFalse(f.vf.deliver(f.frame(2, 60)), "a queue being disabled takes no new frame");
    assertEquals(List.of("QUEUE_DISABLED"), f.drops);
    f.vf.rxTick(); // a tick before the write-back does not count (nothing counts down yet)
    assertEquals(1, f.vf.mmioRead(rdh(0)), "the EOP write-back happened in this tick's step");
    assertEquals(DCTL_ENABLE | RXDCTL_VME, rxdctl0(f));
    for (int i = 1; i < LATENCY; i++) {
      f.vf.rxTick();
      assertEquals(DCTL_ENABLE | RXDCTL_VME, rxdctl0(f), "tick " + i);
    }
    f.vf.rxTick();
    assertEquals(RXDCTL_VME, rxdctl0(f), "ENABLE clear, VME as written, nothing else set");
    assertFalse(f.vf.rx().disablePending(0));
    assertEquals(1, f.vf.mmioRead(VFGPRC), "the frame in flight was finished");
  }

  @Test
  void settingEnableAgain_cancelsThePendingDisable() {
    VfFixture f = midFrame();
    f.vf.mmioWrite(rxdctl(0), RXDCTL_VME);
    f.vf.mmioWrite(rxdctl(0), DCTL_ENABLE | RXDCTL_VME);
    assertFalse(f.vf.rx().disablePending(0));
    for (int i = 0; i < LATENCY + 3; i++) {
      f.vf.rxTick();
    }
    assertEquals(DCTL_ENABLE | RXDCTL_VME, rxdctl0(f));
    assertTrue(f.vf.deliver(f.frame(2, 60)));
  }

  @Test
  void anotherQueue_disablesAtOnce_whileQueue0HasAFrameInFlight() {
    VfFixture f = midFrame();
    f.vf.mmioWrite(rxdctl(1), DCTL_ENABLE);
    f.vf.mmioWrite(rxdctl(1), 0);
    assertEquals(0, f.vf.mmioRead(rxdctl(1)));
    assertFalse(f.vf.rx().disablePending(1));
    assertFalse(f.vf.rx().disablePending(0));
  }

  @Test
  void aStop_finishesTheFrame_andCompletesThePendingDisable() {
    // Vf82599.setQuiesced: the frame in flight is finished, and "the stop takes far longer than
    // the read-back latency"
    VfFixture f = midFrame();
    f.vf.mmioWrite(rxdctl(0), RXDCTL_VME);
    f.vf.setQuiesced(true);
    assertEquals(1, f.vf.mmioRead(VFGPRC));
    assertEquals(RXDCTL_VME, f.vf.registers().get(rxdctl(0)));
    assertFalse(f.vf.rx().disablePending(0));
  }

  @Test
  void pendingDisables_doNotCompleteWhileTheirFrameIsInFlight() {
    VfFixture f = midFrame();
    f.vf.mmioWrite(rxdctl(0), RXDCTL_VME);
    f.vf.rx().completeDisables();
    assertTrue(f.vf.rx().disablePending(0));
    assertEquals(DCTL_ENABLE | RXDCTL_VME, rxdctl0(f));
  }

  @Test
  void aVfReset_leavesNoDisablePending() {
    // VFCTRL.RST clears every ENABLE (Vf82599.vfReset; reference §3 "VF reset"): nothing is left
    // reading 1
    VfFixture f = midFrame();
    f.vf.mmioWrite(rxdctl(0), RXDCTL_VME);
    f.vf.mmioWrite(VFCTRL, VFCTRL_RST);
    assertFalse(f.vf.rx().disablePending(0));
    assertEquals(0, rxdctl0(f) & DCTL_ENABLE);
  }

  @Test
  void aFrameAbandonedOnAFault_alsoEndsThePendingDisable() {
    // a 16-descriptor ring across a page boundary: descriptor 7 is the last of page 0x10000,
    // descriptor 8 the first of page 0x11000, which the IOMMU does not map. A 1500-byte frame into
    // 1 KiB buffers from head 7 needs descriptors 7 and 8; the fetch of 8 fails, the frame is
    // abandoned (DropReason.DMA_FAULT), and with nothing left in flight the latency starts.
    VfFixture f = new VfFixture().resetHandshake();
    long base = 0x10F80;
    f.vf.mmioWrite(rdbal(0), (int) base);
    f.vf.mmioWrite(rdlen(0), 16 * 16);
    f.vf.mmioWrite(srrctl(0), 1 | (1 << SRRCTL_DESCTYPE_SHIFT) | SRRCTL_DROP_EN);
    f.vf.mmioWrite(rdh(0), 7);
    f.vf.mmioWrite(rdt(0), 9);
    f.mem.writeLong(base + 16 * 7, RX_BUF);
    f.vf.mmioWrite(rxdctl(0), DCTL_ENABLE);
    f.iommu.unmap(0x11000, 4096);
    f.vf.deliver(f.frame(1, 1500));
    assertTrue(f.vf.stepRx()); // data of descriptor 7
    f.vf.mmioWrite(rxdctl(0), 0);
    assertEquals(DCTL_ENABLE, rxdctl0(f));
    assertTrue(f.vf.stepRx()); // write-back of descriptor 7 (no EOP)
    assertEquals(DCTL_ENABLE, rxdctl0(f));
    assertTrue(f.vf.stepRx()); // fetch of descriptor 8 fails
    assertEquals(List.of("DMA_FAULT"), f.drops);
    for (int i = 0; i < LATENCY; i++) {
      f.vf.rxTick();
    }
    assertEquals(0, rxdctl0(f));
  }

  @Test
  void withoutLatency_enableClearsAtTheEopWriteBack() {
    // an engine built with disableLatency 0 (the RxEngine constructor's parameter): ENABLE reads 0
    // as soon as the frame in flight is written back
    RegisterFile rf = new RegisterFile(RegisterMap.VF_82599);
    GuestMemory mem = new GuestMemory(1 << 20);
    Iommu iommu = new Iommu();
    iommu.mapIdentity(1 << 20);
    List<DropReason> drops = new ArrayList<>();
    RxEngine rx =
        new RxEngine(
            rf,
            new DmaPort(mem, iommu),
            new RxPolicy() {
              @Override
              public boolean accepts(Frame frame) {
                return true;
              }

              @Override
              public boolean queueDropEnabled(int q) {
                return true;
              }

              @Override
              public int maxFrame() {
                return Frame.MAX_LENGTH;
              }

              @Override
              public boolean storeBadPackets() {
                return false;
              }
            },
            new DeviceEvents() {
              @Override
              public void rxDone(int q) {}

              @Override
              public void txDone(int q) {}

              @Override
              public void rxDropped(Frame frame, DropReason reason) {
                drops.add(reason);
              }

              @Override
              public void transmitted(int q, byte[] buf, int len) {}
            },
            false,
            false,
            false,
            0);
    rf.set(rdbal(0), 0x10000);
    rf.set(rdlen(0), 8 * 16);
    rf.set(srrctl(0), 2 | (1 << SRRCTL_DESCTYPE_SHIFT));
    rf.set(rdt(0), 7);
    rf.set(rxdctl(0), DCTL_ENABLE);
    mem.writeLong(0x10000, 0x20000);
    assertTrue(rx.receive(TestFrames.build(new PacketId(1), 2, 4, 60, 1)));
    assertTrue(rx.step()); // data
    assertTrue(rx.requestDisable(0), "a frame is in flight on queue 0: ENABLE stays");
    assertTrue(rx.disablePending(0));
    assertEquals(DCTL_ENABLE, rf.get(rxdctl(0)));
    assertTrue(rx.step()); // EOP write-back
    assertEquals(0, rf.get(rxdctl(0)));
    assertFalse(rx.disablePending(0));
    assertEquals(List.of(), drops);
    assertFalse(rx.requestDisable(1), "nothing in flight on queue 1: it clears at once");
  }
}
