package org.vfiomc.conformance.guest;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
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
import org.vfiomc.conformance.emulator.packet.Frame;
import org.vfiomc.conformance.emulator.packet.PacketId;
import org.vfiomc.conformance.emulator.packet.TestFrames;
import org.vfiomc.conformance.emulator.regs.VfRegs;

/**
 * The driver's memory layout and ring programming (issue 13, PIT survivors of the guest driver):
 * what the configuration accepts, how many bytes the layout takes, the rings' registers when the
 * driver sits above 4 GiB, the transmit ring's "count + 3" room check of {@code
 * ixgbevf_xmit_frame_ring} and a descriptor's status rewritten for each use.
 */
final class GuestRingsLayoutTest {
  private static final RxStack NO_STACK = new RecordingStack();

  @Test
  void config_takesWholeKibBuffers_aPageAlignedBase_andANonNegativeBacklog() {
    // SRRCTL.BSIZEPACKET is in 1 KiB units (82599 datasheet 8.2.3.8.7)
    new GuestDriver.Config(8, 8, 1024, DirtyTracking.NONE, DoneCheck.LENGTH, 0);
    for (int bad : new int[] {0, 512, 1000, 1536}) {
      assertThrows(
          IllegalArgumentException.class,
          () -> new GuestDriver.Config(8, 8, bad, DirtyTracking.NONE, DoneCheck.LENGTH, 0));
    }
    assertThrows(
        IllegalArgumentException.class,
        () -> new GuestDriver.Config(8, 8, 1024, DirtyTracking.NONE, DoneCheck.LENGTH, 0x800));
    GuestDriver.Config c = GuestDriver.Config.of(DirtyTracking.NONE);
    assertEquals(0, c.stackBacklog());
    assertEquals(3, c.withStackBacklog(3).stackBacklog());
    assertThrows(IllegalArgumentException.class, () -> c.withStackBacklog(-1));
  }

  @Test
  void footprint_isTheRingsAndBuffersPageRounded_andTheDriverNeedsAllOfIt() {
    // 64 Rx descriptors of 16 bytes: 1 page; 64 Tx descriptors: 1 page; Rx pool: 64 + 0 + 1 = 65
    // pages of two 2 KiB buffers = 65 pages; Tx buffers: 64 x 2 KiB = 32 pages
    GuestDriver.Config c = GuestDriver.Config.of(DirtyTracking.NONE);
    assertEquals((1 + 1 + 65 + 32) * 4096L, c.footprint());
    // a backlog of 3 adds 3 pool pages; 8-descriptor rings still take a page each
    assertEquals((1 + 1 + 68 + 32) * 4096L, c.withStackBacklog(3).footprint());
    GuestDriver.Config small =
        new GuestDriver.Config(8, 8, 1024, DirtyTracking.NONE, DoneCheck.LENGTH, 0);
    // Rx pool 8 + 1 = 9 pages of two 1 KiB buffers = 18 KiB -> 5 pages; Tx 8 KiB = 2 pages
    assertEquals((1 + 1 + 5 + 2) * 4096L, small.footprint());
    // the driver refuses memory that ends a page early, and takes memory that ends exactly there
    long base = c.memBase();
    Vf82599 vf = new Vf82599(new DmaPort(new GuestMemory(1 << 22), new Iommu()));
    new GuestDriver(Bar.of(vf), new GuestMemory(base + c.footprint()), c, NO_STACK);
    assertThrows(
        IllegalArgumentException.class,
        () ->
            new GuestDriver(Bar.of(vf), new GuestMemory(base + c.footprint() - 4096), c, NO_STACK));
  }

  @Test
  void ringSizes_areMultiplesOfEightDescriptors() {
    // RDLEN and TDLEN are multiples of 128 bytes (82599 datasheet 8.2.3.8.2, 8.2.3.9.7; ixgbevf's
    // IXGBE_REQ_RX_DESCRIPTOR_MULTIPLE = 8)
    Vf82599 vf = new Vf82599(new DmaPort(new GuestMemory(1 << 22), new Iommu()));
    GuestMemory mem = new GuestMemory(8 << 20);
    new GuestDriver(
        Bar.of(vf),
        mem,
        new GuestDriver.Config(8, 8, 1024, DirtyTracking.NONE, DoneCheck.LENGTH, 1 << 20),
        NO_STACK);
    for (int[] sizes : new int[][] {{12, 8}, {8, 12}, {0, 8}, {8, 0}}) {
      GuestDriver.Config bad =
          new GuestDriver.Config(
              sizes[0], sizes[1], 1024, DirtyTracking.NONE, DoneCheck.LENGTH, 1 << 20);
      assertThrows(
          IllegalArgumentException.class, () -> new GuestDriver(Bar.of(vf), mem, bad, NO_STACK));
    }
  }

  /** A VF and driver whose memory starts at 4 GiB + 1 MiB, IOMMU-mapped there only. */
  private static final class HighRig {
    static final long BASE = (1L << 32) + (1 << 20);
    final GuestMemory mem = new GuestMemory(BASE + (8 << 20));
    final List<byte[]> wire = new ArrayList<>();
    final RecordingStack stack = new RecordingStack();
    final Vf82599 vf;
    final GuestDriver driver;

    HighRig() {
      Iommu iommu = new Iommu();
      iommu.map(BASE, BASE, 8 << 20, true, true);
      vf =
          new Vf82599(
              new DmaPort(mem, iommu),
              VfConfig.defaults(),
              new VfListener() {
                @Override
                public void transmitted(int q, byte[] buf, int len) {
                  wire.add(java.util.Arrays.copyOf(buf, len));
                }
              });
      GuestDriver.Config c =
          new GuestDriver.Config(64, 64, 2048, DirtyTracking.NONE, DoneCheck.LENGTH, BASE);
      driver = new GuestDriver(Bar.of(vf), mem, c, stack);
      assertEquals(GuestDriver.UpResult.UP, driver.bringUp());
    }
  }

  @Test
  void ringsAbove4GiB_areProgrammedWithTheirHighHalves_andCarryTraffic() {
    HighRig r = new HighRig();
    long rxRing = HighRig.BASE;
    long txRing = HighRig.BASE + 4096;
    assertEquals((int) rxRing, r.vf.mmioRead(VfRegs.rdbal(0)));
    assertEquals(1, r.vf.mmioRead(VfRegs.rdbah(0)));
    assertEquals(64 * 16, r.vf.mmioRead(VfRegs.rdlen(0)));
    assertEquals((int) txRing, r.vf.mmioRead(VfRegs.tdbal(0)));
    assertEquals(1, r.vf.mmioRead(VfRegs.tdbah(0)));
    assertEquals(64 * 16, r.vf.mmioRead(VfRegs.tdlen(0)));
    // no head write-back (ixgbevf_configure_tx_ring leaves TDWBAL/H at 0)
    assertEquals(0, r.vf.mmioRead(VfRegs.tdwbal(0)));
    assertEquals(0, r.vf.mmioRead(VfRegs.tdwbah(0)));
    // a frame each way
    Frame out = TestFrames.build(new PacketId(1), Rig.PEER_MAC, r.driver.mac(), 3000, 7);
    assertTrue(r.driver.tx().transmit(out));
    Frame in = TestFrames.build(new PacketId(2), r.driver.mac(), Rig.PEER_MAC, 1514, 7);
    r.vf.deliver(in);
    r.vf.runUntilIdle(100);
    r.driver.rx().poll(10);
    assertArrayEquals(out.toByteArray(), r.wire.get(0));
    assertEquals(1, r.stack.received().size());
    assertEquals(in, r.stack.received().get(0).frame());
  }

  @Test
  void transmit_needsRoomForTheFrameAndThreeMore_andCountsTheRefusal() {
    // ixgbevf_xmit_frame_ring: ixgbevf_maybe_stop_tx(tx_ring, count + 3) stops when fewer than
    // count + 3 descriptors are unused. A 64-descriptor ring keeps one unused: 63 free; frames of
    // one descriptor are taken while 63 - k >= 4, so 60 are, and the 61st is refused
    Rig rig = new Rig(GuestDriver.Config.of(DirtyTracking.NONE), 11).up();
    int taken = 0;
    for (int i = 0; i < 70; i++) {
      Frame f = TestFrames.build(new PacketId(i), Rig.PEER_MAC, rig.driver.mac(), 100, 11);
      if (!rig.driver.tx().transmit(f)) {
        break;
      }
      taken++;
    }
    assertEquals(60, taken);
    assertEquals(3, rig.driver.tx().unused());
    assertEquals(1, rig.driver.tx().busy());
    assertEquals(60, rig.driver.tx().sent());
  }

  @Test
  void aReusedDescriptor_isNotCompleteUntilTheDeviceSendsItAgain() {
    // ixgbevf writes olinfo_status anew for each use, clearing the DD the device wrote back on the
    // ring's previous lap: a clean right after queueing reclaims nothing
    Rig rig = new Rig(GuestDriver.Config.of(DirtyTracking.NONE), 12).up();
    for (int i = 0; i < 64; i++) {
      Frame f = TestFrames.build(new PacketId(i), Rig.PEER_MAC, rig.driver.mac(), 100, 12);
      assertTrue(rig.driver.tx().transmit(f));
      rig.vf.runUntilIdle(10);
      assertEquals(1, rig.driver.tx().clean(), "frame " + i);
    }
    // slot 0 again, its DD of the first lap still in memory before the driver rewrites it
    Frame again = TestFrames.build(new PacketId(64), Rig.PEER_MAC, rig.driver.mac(), 100, 12);
    assertTrue(rig.driver.tx().transmit(again));
    assertEquals(0, rig.driver.tx().clean());
    assertEquals(64, rig.wireTx.size());
    rig.vf.runUntilIdle(10);
    assertEquals(1, rig.driver.tx().clean());
    assertEquals(65, rig.wireTx.size());
    assertEquals(65, rig.driver.tx().completed());
  }
}
