package org.vfiomc.conformance.emulator;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.vfiomc.conformance.emulator.VfFixture.RX_BUF;
import static org.vfiomc.conformance.emulator.VfFixture.RX_RING;
import static org.vfiomc.conformance.emulator.regs.VfRegs.*;

import org.junit.jupiter.api.Test;
import org.vfiomc.conformance.emulator.packet.Frame;
import org.vfiomc.conformance.emulator.ring.AdvRxDesc;
import org.vfiomc.conformance.emulator.state.VfSnapshotCodec;

final class SnapshotRestoreTest {
  /**
   * The host-side configuration a load compares with the stream's: port VLAN, its priority, and an
   * administratively set MAC in 12 lower-case hex digits ({@code %012x}), else "none".
   */
  @Test
  void hostConfiguration_isTheDocumentedForm() {
    VfFixture d = new VfFixture();
    assertEquals("vlan=0 qos=0 admin-mac=none", d.vf.hostConfiguration());
    d.vf.pf().setPortVlan(100, 3);
    assertEquals("vlan=100 qos=3 admin-mac=none", d.vf.hostConfiguration());
    VfFixture admin =
        new VfFixture(new VfConfig(0x001b21000a01L, true, false, false, java.util.Set.of()));
    // the OUI's leading zeros are kept
    assertEquals("vlan=0 qos=0 admin-mac=001b21000a01", admin.vf.hostConfiguration());
  }

  @Test
  void thePacketBufferAndTheFrameInFlight_areNotInTheStream() throws Exception {
    // the same device state but for what waits in the packet buffer and what is half placed:
    // busySnapshot() has a frame in the buffer and one whose data is written, not yet its
    // descriptor; a device with only the first frame placed differs in neither registers nor
    // PF state (VFFRTIMER, the free-running step count, aside), so the states must be equal
    VfFixture a = new VfFixture().resetHandshake().rxRing(VfFixture.COUNT - 1);
    a.vf.deliver(a.frame(1, 60));
    a.vf.runUntilIdle(2);
    VfFixture b = new VfFixture().resetHandshake().rxRing(VfFixture.COUNT - 1);
    b.vf.deliver(b.frame(1, 60));
    b.vf.runUntilIdle(2);
    b.vf.deliver(b.frame(2, 100));
    b.vf.deliver(b.frame(3, 61));
    b.vf.stepRx(); // frame 2: data written, descriptor pending
    assertTrue(b.vf.rx().dataWritten() && b.vf.rx().fifoSize() == 1);
    assertEquals(
        VfSnapshotCodec.decode(a.vf.saveState()).withRegister(VFFRTIMER, 0),
        VfSnapshotCodec.decode(b.vf.saveState()).withRegister(VFFRTIMER, 0),
        "the stream carries the packet buffer or the frame being placed");
  }

  @Test
  void restore_midFrame_carriesNothingOfTheFrame() throws Exception {
    VfFixture src = new VfFixture().resetHandshake().rxRing(VfFixture.COUNT - 1);
    Frame a = src.frame(1, 60);
    Frame b = src.frame(2, 80);
    src.vf.deliver(a);
    src.vf.deliver(b);
    src.vf.runUntilIdle(2); // frame a done: RDH = 1
    src.vf.stepRx(); // frame b's data in buffer 1, descriptor not yet written
    // the raw gates, not setQuiesced (which would finish the write-back first): a half-written
    // frame is device-internal (no 82599 register exposes it), so the stream does not carry it
    src.vf.setStateFrozen(true);
    src.vf.setDmaAllowed(false);
    byte[] stream = src.vf.saveState();

    // destination: same guest memory contents (copied page by page), fresh device
    VfFixture dst = new VfFixture();
    byte[] page = new byte[4096];
    for (long p = 0; p < 16 << 20; p += 4096) {
      src.mem.readPage(p, page);
      dst.mem.writePage(p, page);
    }
    assertTrue(dst.vf.loadState(stream).isEmpty());
    // the statistics and VFFRTIMER are read-only to everyone and stay the destination's
    // (docs/migrated-state.md); everything else is the source's
    assertEquals(src.vf.snapshot().restorablePart(), dst.vf.snapshot().restorablePart());
    // the head was restored although RXDCTL.ENABLE is set (a guest write would be ignored)
    assertEquals(1, dst.vf.mmioRead(rdh(0)));
    assertEquals(DCTL_ENABLE, dst.vf.mmioRead(rxdctl(0)) & DCTL_ENABLE);
    assertFalse(dst.vf.rx().frameInFlight());
    assertFalse(dst.vf.stepRx()); // nothing to write back: frame b stayed on the source
    assertEquals(0, dst.mem.readShort(RX_RING + 16 + AdvRxDesc.LENGTH));
    byte[] got = new byte[80];
    dst.mem.read(RX_BUF + 2048, got, 0, 80);
    assertArrayEquals(b.toByteArray(), got); // its data, copied with the page, never reported
    assertEquals(0, dst.vf.mmioRead(VFGPRC)); // the fresh destination's own count (guest: a wrap)
  }

  @Test
  void quiesce_finishesAHalfWrittenDescriptorFirst() {
    // RxDma's StopDevice returns only when no frame is half written: the write-back of a frame
    // whose buffer is already written happens before the gate closes
    VfFixture f = new VfFixture().resetHandshake().rxRing(VfFixture.COUNT - 1);
    f.vf.deliver(f.frame(1, 70));
    f.vf.stepRx(); // buffer 0 written, descriptor 0 not yet
    assertTrue(f.vf.rx().dataWritten());
    f.vf.setQuiesced(true);
    assertFalse(f.vf.rx().dataWritten());
    assertEquals(70, f.mem.readShort(RX_RING + AdvRxDesc.LENGTH)); // written back, 70 bytes
    assertEquals(1, f.vf.registers().get(rdh(0)));
    assertTrue(f.vf.isQuiesced());
  }

  @Test
  void functionReset_returnsToPowerOn() {
    VfFixture f = new VfFixture();
    long powerOn = f.vf.stateDigest();
    f.resetHandshake().rxRing(VfFixture.COUNT - 1);
    assertTrue(powerOn != f.vf.stateDigest());
    f.vf.reset();
    assertEquals(powerOn, f.vf.stateDigest());
  }

  @Test
  void badStream_leavesTheDeviceUnchanged() {
    VfFixture f = new VfFixture().resetHandshake();
    long before = f.vf.stateDigest();
    byte[] s = f.vf.saveState();
    s[100] ^= 1;
    assertTrue(f.vf.loadState(s).isPresent());
    assertEquals(before, f.vf.stateDigest());
  }

  @Test
  void quiesced_noDmaNoInterruptsNoStateChange() {
    VfFixture f = new VfFixture().resetHandshake().rxRing(VfFixture.COUNT - 1);
    f.vf.mmioWrite(VTIVAR0, 0x80);
    f.vf.mmioWrite(VTEIMS, 0x1);
    f.vf.setQuiesced(true);
    f.dma.deviceDirtyLog().start();
    long digest = f.vf.stateDigest();
    f.vf.mmioWrite(rdt(0), 3); // refused: frozen
    f.vf.mmioWrite(VTEICS, 0x1); // refused
    f.vf.mmioRead(VTEICR); // no read-to-clear side effect
    f.vf.mmioRead(VFMAILBOX);
    assertFalse(f.vf.step());
    assertEquals(2, f.vf.frozenWrites());
    assertEquals(digest, f.vf.stateDigest());
    // the wire does not stop: the stopped VF drops the frame at arrival, counted
    assertFalse(f.vf.deliver(f.frame(1, 60)));
    assertEquals(java.util.List.of("VF_STOPPED"), f.drops);
    assertEquals(digest, f.vf.stateDigest());
    assertFalse(f.vf.step());
    assertEquals(0, f.dma.deviceDirtyLog().readAndClear(0, 16 << 20).length);
    f.vf.setQuiesced(false);
    assertEquals(0, f.vf.runUntilIdle(10)); // nothing was kept for later
    f.vf.mmioWrite(VTEICS, 0x1);
    assertEquals(1, f.vf.msixSent(0)); // interrupts work again once DMA and interrupts resume
  }

  @Test
  void quiesce_finishesEveryDescriptorOfAMultiBufferFrame() {
    // 1 KiB buffers: a 1,500-byte frame takes two descriptors; the stop comes after the first
    // buffer is written; the whole frame is written back before the gate closes
    VfFixture f = new VfFixture().resetHandshake().rxRing(VfFixture.COUNT - 1);
    f.vf.mmioWrite(srrctl(0), 1 | (1 << 25) | SRRCTL_DROP_EN);
    f.vf.deliver(f.frame(1, 1500));
    f.vf.stepRx(); // buffer 0 written
    f.vf.stepRx(); // descriptor 0 written back (no EOP)
    f.vf.stepRx(); // buffer 1 written
    assertTrue(f.vf.rx().frameInFlight());
    f.vf.setQuiesced(true);
    assertFalse(f.vf.rx().frameInFlight());
    assertEquals(2, f.vf.registers().get(rdh(0)));
    assertEquals(1024, f.mem.readShort(RX_RING + AdvRxDesc.LENGTH));
    assertEquals(1500 - 1024, f.mem.readShort(RX_RING + 16 + AdvRxDesc.LENGTH));
    assertEquals(1, f.vf.registers().get(VFGPRC));
  }

  @Test
  void restoredDevice_routesInterruptsAsTheSourceDid() throws Exception {
    VfFixture src = new VfFixture().resetHandshake().rxRing(VfFixture.COUNT - 1);
    src.vf.mmioWrite(VTIVAR0, 0x82); // Rx queue 0 -> vector 2
    src.vf.mmioWrite(VTEIMS, 0x4);
    VfFixture dst = new VfFixture();
    dst.vf.loadState(src.vf.saveState());
    dst.vf.deliver(dst.frame(1, 60));
    dst.vf.runUntilIdle(10);
    assertEquals(1, dst.vf.msixSent(2)); // routing decoded from the restored VTIVAR
    assertEquals(0, dst.vf.msixSent(0));
  }
}
