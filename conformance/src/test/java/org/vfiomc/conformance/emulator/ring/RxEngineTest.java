package org.vfiomc.conformance.emulator.ring;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.vfiomc.conformance.emulator.VfFixture.COUNT;
import static org.vfiomc.conformance.emulator.VfFixture.RX_BUF;
import static org.vfiomc.conformance.emulator.VfFixture.RX_RING;
import static org.vfiomc.conformance.emulator.regs.VfRegs.*;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.vfiomc.conformance.emulator.VfFixture;
import org.vfiomc.conformance.emulator.packet.DropReason;
import org.vfiomc.conformance.emulator.packet.Frame;

final class RxEngineTest {
  private static byte[] bytes(VfFixture f, long addr, int len) {
    byte[] b = new byte[len];
    f.mem.read(addr, b, 0, len);
    return b;
  }

  @Test
  void bufferIsWrittenOneStepBeforeTheDescriptor_withDdAndLengthLast() {
    VfFixture f = new VfFixture().resetHandshake().rxRing(COUNT - 1);
    Frame fr = f.frame(1, 60);
    f.vf.deliver(fr);
    assertTrue(f.vf.stepRx());
    // step 1: data in the buffer, descriptor still in read format (upper half = HBA = 0)
    assertArrayEquals(fr.toByteArray(), bytes(f, RX_BUF, 60));
    assertEquals(0L, f.mem.readLong(RX_RING + 8));
    assertEquals(0, f.vf.mmioRead(rdh(0)));
    assertTrue(f.vf.stepRx());
    // step 2: status DD|EOP = 0x3, length 60; head advanced; stats counted
    assertEquals(0x3, f.mem.readInt(RX_RING + AdvRxDesc.STATUS_ERROR));
    assertEquals(60, f.mem.readShort(RX_RING + AdvRxDesc.LENGTH));
    assertEquals(1, f.vf.mmioRead(rdh(0)));
    assertEquals(1, f.vf.mmioRead(VFGPRC));
    assertEquals(60, f.vf.mmioRead(VFGORC_LSB));
    assertFalse(f.vf.stepRx()); // idle
  }

  @Test
  void emptyRing_dropsAndCounts_withoutTouchingMemory() {
    VfFixture f = new VfFixture().resetHandshake().rxRing(0); // RDT = RDH = 0: nothing posted
    f.dma.deviceDirtyLog().start();
    f.vf.deliver(f.frame(1, 60));
    assertTrue(f.vf.stepRx()); // a counted drop is progress
    assertEquals(List.of("NO_DESCRIPTORS"), f.drops);
    assertEquals(1, f.vf.rx().drops(DropReason.NO_DESCRIPTORS));
    assertEquals(0, f.dma.deviceDirtyLog().readAndClear(0, 16 << 20).length);
    assertEquals(0, f.vf.mmioRead(VFGPRC));
  }

  @Test
  void tailAtOrPastTheRingSize_meansEmpty() {
    VfFixture f = new VfFixture().resetHandshake().rxRing(COUNT); // tail 8 in an 8-entry ring
    f.vf.deliver(f.frame(1, 60));
    f.vf.stepRx();
    assertEquals(List.of("NO_DESCRIPTORS"), f.drops);
  }

  @Test
  void disabledQueue_drops() {
    VfFixture f = new VfFixture().resetHandshake().rxRing(COUNT - 1);
    f.vf.mmioWrite(rxdctl(0), 0);
    f.vf.deliver(f.frame(1, 60));
    f.vf.stepRx();
    assertEquals(List.of("QUEUE_DISABLED"), f.drops);
  }

  @Test
  void beforeVfReset_thePoolIsNotEnabled_soFramesAreFiltered() {
    VfFixture f = new VfFixture().rxRing(COUNT - 1); // no VF_RESET: PF has VFRE clear
    f.vf.deliver(f.frame(1, 60));
    f.vf.stepRx();
    assertEquals(List.of("FILTERED"), f.drops);
  }

  @Test
  void headWrites_areAcceptedOnlyWhileTheQueueIsDisabled() {
    VfFixture f = new VfFixture().resetHandshake().rxRing(COUNT - 1);
    f.vf.mmioWrite(rdh(0), 5);
    assertEquals(0, f.vf.mmioRead(rdh(0)));
    assertEquals(1, f.vf.registers().droppedWrites());
    f.vf.mmioWrite(rxdctl(0), 0);
    f.vf.mmioWrite(rdh(0), 5);
    assertEquals(5, f.vf.mmioRead(rdh(0)));
  }

  @Test
  void frameLargerThanABuffer_spansDescriptors_onlyTheLastHasEop() {
    VfFixture f = new VfFixture().resetHandshake().rxRing(COUNT - 1);
    f.vf.mmioWrite(srrctl(0), 1 | (1 << 25) | SRRCTL_DROP_EN); // 1 KiB buffers
    Frame fr = f.frame(1, 1500);
    f.vf.deliver(fr);
    assertEquals(4, f.vf.runUntilIdle(10)); // 2 descriptors x (data, write-back)
    // 1500 = 1024 + 476
    assertEquals(0x1, f.mem.readInt(RX_RING + AdvRxDesc.STATUS_ERROR)); // DD only
    assertEquals(1024, f.mem.readShort(RX_RING + AdvRxDesc.LENGTH));
    assertEquals(0x3, f.mem.readInt(RX_RING + 16 + AdvRxDesc.STATUS_ERROR)); // DD|EOP
    assertEquals(476, f.mem.readShort(RX_RING + 16 + AdvRxDesc.LENGTH));
    byte[] got = new byte[1500];
    f.mem.read(RX_BUF, got, 0, 1024);
    f.mem.read(RX_BUF + 2048, got, 1024, 476);
    assertArrayEquals(fr.toByteArray(), got);
    assertEquals(1, f.vf.mmioRead(VFGPRC)); // one frame, two descriptors
  }

  @Test
  void frameThatDoesNotFit_isDroppedWhole() {
    VfFixture f = new VfFixture().resetHandshake().rxRing(1); // one descriptor posted
    f.vf.mmioWrite(srrctl(0), 1 | (1 << 25) | SRRCTL_DROP_EN);
    f.vf.deliver(f.frame(1, 1500)); // needs two
    f.vf.stepRx();
    assertEquals(List.of("NO_DESCRIPTORS"), f.drops);
    assertEquals(0, f.vf.mmioRead(rdh(0)));
  }

  @Test
  void unmappedBuffer_isDiscarded_andTheDescriptorStillWrittenBack() {
    // issue 10, item 4: the buffer write is posted; the IOMMU discards it, the device carries on
    VfFixture f = new VfFixture().resetHandshake().rxRing(COUNT - 1);
    f.mem.writeLong(RX_RING, 0x7F00_0000L); // beyond the 16 MiB mapping
    f.vf.deliver(f.frame(1, 60));
    f.vf.stepRx();
    f.vf.stepRx();
    assertEquals(List.of(), f.drops); // the device does not know: no drop counted
    assertEquals(1, f.dma.faultCount()); // the host's IOMMU saw it
    assertEquals(60, f.mem.readShort(RX_RING + 12)); // length written back
    assertEquals(1, f.mem.readInt(RX_RING + 8) & 1); // DD written back
    assertEquals(1, f.vf.mmioRead(VFGPRC)); // and counted as received
  }

  @Test
  void bufferAcrossAnUnmappedPage_isWrittenPartly() {
    // a 200-byte frame into a buffer 100 bytes before a page the IOMMU does not map: the first
    // 100 bytes land, the other 100 are discarded (the page's old bytes stay), DD is written back
    VfFixture f = new VfFixture().resetHandshake().rxRing(COUNT - 1);
    long page = 0x50000;
    f.mem.writeLong(RX_RING, page - 100);
    f.iommu.unmap(page, 4096);
    f.mem.writeLong(page, 0x1122334455667788L);
    Frame fr = f.frame(1, 200);
    f.vf.deliver(fr);
    f.vf.runUntilIdle(4);
    byte[] got = new byte[200];
    f.mem.read(page - 100, got, 0, 200);
    byte[] sent = fr.toByteArray();
    assertArrayEquals(
        java.util.Arrays.copyOf(sent, 100), java.util.Arrays.copyOf(got, 100), "mapped part");
    assertEquals(0x1122334455667788L, f.mem.readLong(page), "discarded part: old bytes");
    assertEquals(200, f.mem.readShort(RX_RING + 12));
    assertEquals(1, f.dma.faultCount());
    assertEquals(List.of(), f.drops);
  }

  @Test
  void fullPacketBuffer_dropsTheOverflow() {
    VfFixture f = new VfFixture().resetHandshake().rxRing(COUNT - 1);
    f.vf.setDmaAllowed(false);
    for (int i = 0; i <= RxEngine.FIFO_CAPACITY; i++) {
      f.vf.deliver(f.frame(i, 60));
    }
    assertEquals(RxEngine.FIFO_CAPACITY, f.vf.rx().fifoSize());
    assertEquals(List.of("FIFO_FULL"), f.drops); // frame 256, the 257th
    assertFalse(f.vf.step()); // no DMA while the gate is closed
  }

  @Test
  void completion_raisesTheMappedCause_andAutoMasks() {
    VfFixture f = new VfFixture().resetHandshake().rxRing(COUNT - 1);
    f.vf.mmioWrite(VTIVAR0, 0x81); // Rx queue 0 -> vector 1, valid
    f.vf.mmioWrite(VTEIAM, 0x2);
    f.vf.mmioWrite(VTEIMS, 0x2);
    long before = f.vf.msixSent(1); // the reset handshake's "other" cause is unmapped
    f.vf.deliver(f.frame(1, 60));
    f.vf.deliver(f.frame(2, 60));
    f.vf.runUntilIdle(10);
    // first frame sends on vector 1 and auto-masks it; the second only latches the cause
    assertEquals(before + 1, f.vf.msixSent(1));
    assertEquals(0x0, f.vf.mmioRead(VTEIMS));
    assertEquals(0x2, f.vf.mmioRead(VTEICR));
  }
}
