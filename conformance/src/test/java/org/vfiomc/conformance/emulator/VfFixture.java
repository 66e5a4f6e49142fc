package org.vfiomc.conformance.emulator;

import static org.vfiomc.conformance.emulator.regs.VfRegs.*;

import java.util.ArrayList;
import java.util.List;
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
 * A VF on 16 MiB of identity-mapped RAM, programmed by hand (no driver model): Rx ring 0 of 8
 * descriptors at 0x10000 with buffers at 0x20000 + 2 KiB * i, Tx ring 0 at 0x30000.
 */
public final class VfFixture {
  public static final long RX_RING = 0x10000;
  public static final long RX_BUF = 0x20000;
  public static final long TX_RING = 0x30000;
  public static final long TX_BUF = 0x40000;
  public static final int COUNT = 8;

  public final GuestMemory mem = new GuestMemory(16 << 20);
  public final Iommu iommu = new Iommu();
  public final DmaPort dma = new DmaPort(mem, iommu);
  public final List<String> drops = new ArrayList<>();
  public final List<byte[]> wire = new ArrayList<>();
  public final Vf82599 vf;

  public VfFixture() {
    this(VfConfig.defaults());
  }

  /** A fixture whose VF has {@code config} (e.g. a {@link VfDefect} to catch). */
  public VfFixture(VfConfig config) {
    iommu.mapIdentity(16 << 20);
    vf =
        new Vf82599(
            dma,
            config,
            new VfListener() {
              @Override
              public void rxDropped(Frame frame, DropReason reason) {
                drops.add(reason.name());
              }

              @Override
              public void transmitted(int q, byte[] buf, int len) {
                wire.add(java.util.Arrays.copyOf(buf, len));
              }
            });
  }

  /** VF_RESET through the mailbox so the PF enables Rx/Tx for the pool. */
  public VfFixture resetHandshake() {
    vf.mmioWrite(VFMBMEM, MboxMsg.RESET);
    vf.mmioWrite(VFMAILBOX, MboxMsg.MB_REQ);
    vf.mmioRead(VFMAILBOX); // clear PFACK/PFSTS
    return this;
  }

  /** Rx ring 0: 8 descriptors, 2 KiB buffers, DROP_EN, enabled, {@code posted} buffers posted. */
  public VfFixture rxRing(int posted) {
    vf.mmioWrite(rdbal(0), (int) RX_RING);
    vf.mmioWrite(rdlen(0), COUNT * 16);
    vf.mmioWrite(srrctl(0), 2 | (1 << 25) | SRRCTL_DROP_EN);
    vf.mmioWrite(rxdctl(0), DCTL_ENABLE);
    for (int i = 0; i < COUNT; i++) {
      mem.writeLong(RX_RING + 16L * i + AdvRxDesc.PKT_ADDR, RX_BUF + 2048L * i);
      mem.writeLong(RX_RING + 16L * i + AdvRxDesc.HDR_ADDR, 0);
    }
    vf.mmioWrite(rdt(0), posted);
    return this;
  }

  /** A test frame to the VF's MAC. */
  public Frame frame(long id, int len) {
    return TestFrames.build(new PacketId(id), vf.pf().mac(), 0x02AABBCCDDEEL, len, 1);
  }
}
