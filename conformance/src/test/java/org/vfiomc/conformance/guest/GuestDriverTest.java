package org.vfiomc.conformance.guest;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.vfiomc.conformance.emulator.Vf82599;
import org.vfiomc.conformance.emulator.VfConfig;
import org.vfiomc.conformance.emulator.VfListener;
import org.vfiomc.conformance.emulator.dma.DmaPort;
import org.vfiomc.conformance.emulator.dma.GuestMemory;
import org.vfiomc.conformance.emulator.dma.Iommu;
import org.vfiomc.conformance.emulator.mailbox.MboxMsg;
import org.vfiomc.conformance.emulator.packet.Frame;
import org.vfiomc.conformance.emulator.packet.PacketId;
import org.vfiomc.conformance.emulator.packet.TestFrames;
import org.vfiomc.conformance.emulator.regs.VfRegs;

final class GuestDriverTest {
  @Test
  void bringUp_negotiatesApi17_andGetsTheMac() {
    Rig rig = new Rig(GuestDriver.Config.of(DirtyTracking.NONE), 1).up();
    assertEquals(MboxMsg.API_17, rig.driver.api()); // first in the VF's list the PF accepts
    assertEquals(0x020000000001L, rig.driver.mac());
    // Rx ring posted count - 1 = 63 buffers; Tx ring enabled and empty
    assertEquals(63, rig.vf.mmioRead(VfRegs.rdt(0)));
    assertEquals(VfRegs.DCTL_ENABLE, rig.vf.mmioRead(VfRegs.txdctl(0)) & VfRegs.DCTL_ENABLE);
    assertEquals(0, rig.driver.rx().unused());
  }

  @Test
  void thousandFrames_arriveInOrder_throughSixteenRingWraps() {
    Rig rig = new Rig(GuestDriver.Config.of(DirtyTracking.NONE), 2).up();
    for (int i = 0; i < 1000; i++) {
      rig.wire();
      rig.drain();
    }
    assertEquals(1000, rig.ledger.delivered());
    assertEquals(List.of(), rig.ledger.finalCheck());
    assertEquals(1000, rig.vf.mmioRead(VfRegs.VFGPRC));
    // 1000 frames over 64 descriptors: RDH = 1000 mod 64 = 40
    assertEquals(40, rig.vf.mmioRead(VfRegs.rdh(0)));
  }

  @Test
  void ringFull_dropsAreCountedAndMatchTheLedger() {
    Rig rig = new Rig(GuestDriver.Config.of(DirtyTracking.NONE), 3).up();
    for (int i = 0; i < 100; i++) {
      rig.wire();
    }
    rig.vf.runUntilIdle(1000); // driver never cleans: 63 posted buffers, 37 dropped
    assertEquals(37, rig.ledger.dropped());
    rig.drain();
    rig.checkDropCounters();
    assertEquals(63, rig.ledger.delivered());
    assertEquals(List.of(), rig.ledger.finalCheck());
  }

  @Test
  void dummyWritesAfterCheck_dirtyTheCpuLog_deviceWritesTheDeviceLog() {
    Rig rig = new Rig(GuestDriver.Config.of(DirtyTracking.DUMMY_WRITE_AFTER_CHECK), 4).up();
    rig.mem.cpuDirtyLog().start();
    rig.dma.deviceDirtyLog().start();
    rig.wire(100);
    rig.drain();
    // layout from 1 MiB: Rx ring page 0x100000, Tx ring 0x101000, Rx buffers from 0x102000
    long[] dev = rig.dma.deviceDirtyLog().readAndClear(0, Rig.RAM);
    assertArrayEquals(new long[] {0x100000, 0x102000}, dev); // descriptor and buffer 0
    long[] cpu = rig.mem.cpuDirtyLog().readAndClear(0, Rig.RAM);
    // only buffer 0, dummy-written; the length-checking driver touches descriptors again only
    // when it refills (16 reclaimable), so the descriptor page is dirty for the device alone
    assertArrayEquals(new long[] {0x102000}, cpu);
    assertEquals(1, rig.driver.rx().dummyWrites());
  }

  @Test
  void transmit_putsTheFrameOnTheWire_andCleansByDd() {
    List<byte[]> wire = new ArrayList<>();
    Rig rig = new Rig(GuestDriver.Config.of(DirtyTracking.NONE), 5);
    rig.vf =
        new Vf82599(
            rig.dma,
            VfConfig.defaults(),
            new VfListener() {
              @Override
              public void transmitted(int q, byte[] buf, int len) {
                wire.add(java.util.Arrays.copyOf(buf, len));
              }
            });
    rig.driver.rebind(Bar.of(rig.vf));
    rig.up();
    Frame f = TestFrames.build(new PacketId(9), Rig.PEER_MAC, rig.driver.mac(), 3000, 1);
    assertTrue(rig.driver.tx().transmit(f));
    assertEquals(0, rig.driver.tx().clean()); // not sent yet
    assertEquals(2, rig.vf.runUntilIdle(10)); // 3000 bytes = 2 descriptors of 2 KiB
    assertArrayEquals(f.toByteArray(), wire.get(0));
    assertEquals(1, rig.driver.tx().clean());
    assertEquals(63, rig.driver.tx().unused());
  }

  @Test
  void recordingStack_keepsFramesInOrder_withTheirSlots() {
    GuestMemory mem = new GuestMemory(8 << 20);
    Iommu iommu = new Iommu();
    iommu.mapIdentity(8 << 20);
    Vf82599 vf = new Vf82599(new DmaPort(mem, iommu));
    RecordingStack stack = new RecordingStack();
    GuestDriver d =
        new GuestDriver(Bar.of(vf), mem, GuestDriver.Config.of(DirtyTracking.NONE), stack);
    assertEquals(GuestDriver.UpResult.UP, d.bringUp());
    Frame a = TestFrames.build(new PacketId(1), d.mac(), Rig.PEER_MAC, 60, 3);
    Frame b = TestFrames.build(new PacketId(2), d.mac(), Rig.PEER_MAC, 1514, 3);
    vf.deliver(a);
    vf.deliver(b);
    vf.runUntilIdle(10);
    d.rx().poll(10);
    assertEquals(
        List.of(new RecordingStack.Received(a, 0, 0), new RecordingStack.Received(b, 0, 1)),
        stack.received());
  }
}
