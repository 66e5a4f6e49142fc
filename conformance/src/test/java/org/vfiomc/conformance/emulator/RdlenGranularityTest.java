package org.vfiomc.conformance.emulator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.vfiomc.conformance.emulator.regs.VfRegs.*;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.vfiomc.conformance.emulator.dma.DmaPort;
import org.vfiomc.conformance.emulator.dma.GuestMemory;
import org.vfiomc.conformance.emulator.dma.Iommu;
import org.vfiomc.conformance.emulator.mailbox.MboxMsg;
import org.vfiomc.conformance.emulator.packet.DropReason;
import org.vfiomc.conformance.emulator.packet.Frame;
import org.vfiomc.conformance.emulator.packet.PacketId;
import org.vfiomc.conformance.emulator.packet.TestFrames;
import org.vfiomc.conformance.emulator.ring.AdvRxDesc;

/**
 * RDLEN granularity: the 82599 takes RDLEN in 128-byte units (8 descriptors of 16 bytes: ixgbevf's
 * IXGBE_REQ_RX_DESCRIPTOR_MULTIPLE and the RDLEN mask 0x000FFF80 of ixgbevf_reg_test), and the VF
 * has no other mode ({@link VfConfig#RDLEN_GRANULARITY_82599}).
 */
class RdlenGranularityTest {
  private static final long RING = 0x10000;
  private static final long BUF = 0x20000;

  /** A VF on 1 MiB of identity-mapped RAM with Rx ring 0 of 4 descriptors, 3 posted. */
  private static final class Rig {
    final GuestMemory mem = new GuestMemory(1 << 20);
    final List<DropReason> drops = new ArrayList<>();
    final Vf82599 vf;

    Rig(VfConfig cfg) {
      Iommu iommu = new Iommu();
      iommu.mapIdentity(1 << 20);
      vf =
          new Vf82599(
              new DmaPort(mem, iommu),
              cfg,
              new VfListener() {
                @Override
                public void rxDropped(Frame frame, DropReason reason) {
                  drops.add(reason);
                }
              });
      vf.mmioWrite(VFMBMEM, MboxMsg.RESET); // the PF enables Rx for the pool
      vf.mmioWrite(VFMAILBOX, MboxMsg.MB_REQ);
      vf.mmioRead(VFMAILBOX);
      vf.mmioWrite(rdbal(0), (int) RING);
      vf.mmioWrite(rdlen(0), 4 * 16); // 64 bytes: 4 descriptors
      vf.mmioWrite(srrctl(0), 2 | (1 << 25) | SRRCTL_DROP_EN);
      vf.mmioWrite(rxdctl(0), DCTL_ENABLE);
      for (int i = 0; i < 4; i++) {
        mem.writeLong(RING + 16L * i + AdvRxDesc.PKT_ADDR, BUF + 2048L * i);
        mem.writeLong(RING + 16L * i + AdvRxDesc.HDR_ADDR, 0);
      }
      vf.mmioWrite(rdt(0), 3);
    }

    /** Offers frame {@code id} and runs the device until it is idle. */
    void receive(long id) {
      vf.deliver(TestFrames.build(new PacketId(id), vf.pf().mac(), 0x02AABBCCDDEEL, 64, 1));
      while (vf.stepRx()) {}
    }
  }

  @Test
  void datasheetGranularity_truncatesA64ByteRdlenToZero_andDropsEveryFrame() {
    Rig r = new Rig(VfConfig.defaults());
    // 64 = 0x40 has only bits below 7 set, which are read-only zero on the 82599 (0x000FFF80)
    assertEquals(0, r.vf.mmioRead(rdlen(0)));
    r.receive(1);
    // a ring of 0 descriptors: the frame is dropped as a bad ring, nothing is written, RDH stays
    assertEquals(List.of(DropReason.BAD_RING), r.drops);
    assertEquals(0, r.vf.mmioRead(rdh(0)));
    assertEquals(0, r.mem.readShort(RING + AdvRxDesc.LENGTH));
  }

  @Test
  void datasheetGranularity_ignoresBytesBelow128_andAnEightDescriptorRingWrapsAtSlot8() {
    Rig r = new Rig(VfConfig.defaults());
    r.vf.mmioWrite(rxdctl(0), 0);
    r.vf.mmioWrite(rdlen(0), 8 * 16 + 64); // 192 bytes: only the 128-byte unit counts
    assertEquals(128, r.vf.mmioRead(rdlen(0)));
    for (int i = 0; i < 8; i++) {
      r.mem.writeLong(RING + 16L * i + AdvRxDesc.PKT_ADDR, BUF + 2048L * i);
      r.mem.writeLong(RING + 16L * i + AdvRxDesc.HDR_ADDR, 0);
    }
    r.vf.mmioWrite(rdh(0), 6);
    r.vf.mmioWrite(rdt(0), 6);
    r.vf.mmioWrite(rxdctl(0), DCTL_ENABLE);
    r.vf.mmioWrite(rdt(0), 1); // slots 6, 7 and 0 posted
    for (int id = 1; id <= 3; id++) {
      r.receive(id);
    }
    // frames 1, 2, 3 land in slots 6, 7 and 0: RDH wraps at 8 (not at 4, the 64 bytes' ring)
    assertEquals(List.of(), r.drops);
    assertEquals(1, r.vf.mmioRead(rdh(0)));
    assertEquals(64, r.mem.readShort(RING + 7 * 16 + AdvRxDesc.LENGTH));
    assertEquals(64, r.mem.readShort(RING + AdvRxDesc.LENGTH));
  }
}
