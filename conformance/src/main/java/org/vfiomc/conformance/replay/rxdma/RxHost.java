package org.vfiomc.conformance.replay.rxdma;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.vfiomc.conformance.emulator.Vf82599;
import org.vfiomc.conformance.emulator.VfConfig;
import org.vfiomc.conformance.emulator.VfListener;
import org.vfiomc.conformance.emulator.dma.DmaPort;
import org.vfiomc.conformance.emulator.dma.GuestMemory;
import org.vfiomc.conformance.emulator.dma.Iommu;
import org.vfiomc.conformance.emulator.packet.DropReason;
import org.vfiomc.conformance.emulator.packet.Frame;
import org.vfiomc.conformance.emulator.regs.VfRegs;
import org.vfiomc.conformance.emulator.ring.AdvRxDesc;
import org.vfiomc.conformance.emulator.state.PfVfState;
import org.vfiomc.conformance.ledger.PacketLedger;
import org.vfiomc.conformance.vfio.MigrationFeatures;
import org.vfiomc.conformance.vfio.MigrationState;
import org.vfiomc.conformance.vfio.VfioMigrationDevice;

/**
 * One host of an RxDma replay: guest RAM with an identity-mapped IOMMU, a {@link Vf82599} behind a
 * {@link VfioMigrationDevice}, and the descriptor ghosts the spec keeps (per device descriptor the
 * frame written back into it and whether the device wrote it back; per spec slot the replica it
 * projects from, see {@link RxDmaSystem}).
 *
 * <p>Building a host (1 MiB of identity-mapped RAM, a VF and its power-on image) costs far more
 * than a short replay, so {@link RxHostPool} reuses hosts: {@link #start} puts one back into the
 * state of a freshly built host (a function-level reset of the VF, the quiesce gate open, every RAM
 * page zeroed, dirty logs stopped and empty, DMA allowed with no fault counted, a new VFIO
 * migration device in RUNNING, ghosts cleared) and {@link #freshnessDefect} checks that it did. The
 * VF's own tallies (steps, drop counters) go on across a reset, as {@link Vf82599#reset()}
 * documents; the replay reads them only as differences within one step.
 */
final class RxHost {
  final String name;
  final RxLayout layout;
  final GuestMemory mem = new GuestMemory(RxLayout.RAM);
  final Iommu iommu = new Iommu();
  final DmaPort dma;
  final Vf82599 vf;
  final VfioMigrationDevice dev;
  final int[] ghostPkt;
  final boolean[] ghostWb;

  /** Per spec slot, the device slot (one of its replicas) it projects from. */
  final int[] rep;

  private final long mappedGeneration;
  private final int[] powerOnRegisters;
  private final PfVfState powerOnPf;

  /** The ledger of the run this host serves (its VF's drops are recorded there), null in reset. */
  private PacketLedger ledger;

  RxHost(String name, RxLayout layout, VfConfig cfg) {
    this.name = name;
    this.layout = layout;
    this.ghostPkt = new int[layout.d];
    this.ghostWb = new boolean[layout.d];
    this.rep = new int[layout.n];
    iommu.mapIdentity(RxLayout.RAM);
    mappedGeneration = iommu.generation();
    dma = new DmaPort(mem, iommu);
    vf =
        new Vf82599(
            dma,
            cfg,
            new VfListener() {
              @Override
              public void rxDropped(Frame frame, DropReason reason) {
                if (ledger != null) {
                  ledger.dropped(frame, reason, RxHost.this.name + " VF");
                }
              }
            });
    powerOnRegisters = vf.registers().copyValues();
    powerOnPf = vf.pf().state();
    dev = new VfioMigrationDevice(name, vf, MigrationFeatures.of(false, false));
  }

  /**
   * Puts this host into the state of a freshly built one, for a run reporting to {@code ledger}.
   */
  void start(PacketLedger ledger) {
    // the reset discards what the last run left in the VF (a frame in its packet buffer): no
    // frame of this run, so it reaches no ledger
    this.ledger = null;
    mem.zeroAll();
    dma.reset();
    // VFIO_DEVICE_RESET: RUNNING from any state, every data session ended, the VF reset (FLR)
    dev.reset();
    vf.setQuiesced(false);
    Arrays.fill(ghostPkt, 0);
    Arrays.fill(ghostWb, false);
    for (int s = 0; s < rep.length; s++) {
      rep[s] = s;
    }
    this.ledger = ledger;
  }

  /**
   * What differs from a freshly built and started host, or empty: VF registers and PF-held state
   * unlike power-on, a busy or quiesced engine, RAM not all zero, a dirty log running, DMA refused
   * or a fault counted, the IOMMU mapping changed, the migration device not in RUNNING, ghosts set.
   */
  Optional<String> freshnessDefect() {
    List<String> d = new ArrayList<>();
    if (!Arrays.equals(powerOnRegisters, vf.registers().copyValues())) {
      d.add("registers unlike power-on");
    }
    if (!powerOnPf.equals(vf.pf().state())) {
      d.add("PF-held state " + vf.pf().state());
    }
    if (!vf.rx().idle() || !vf.tx().idle() || vf.isQuiesced()) {
      d.add("engines busy or quiesced");
    }
    if (!mem.isAllZero()) {
      d.add("guest RAM not zero");
    }
    if (mem.cpuDirtyLog().isActive() || dma.deviceDirtyLog().isActive()) {
      d.add("a dirty log running");
    }
    if (!dma.isAllowed() || dma.faultCount() != 0 || dma.blockedCount() != 0) {
      d.add("DMA refused or faults counted");
    }
    if (iommu.generation() != mappedGeneration
        || iommu.mappedPages()
            != RxLayout.RAM / org.vfiomc.conformance.emulator.dma.Pages.PAGE_SIZE) {
      d.add("IOMMU mapping changed");
    }
    if (dev.state() != MigrationState.RUNNING || dev.liveSession().isPresent()) {
      d.add("migration device in " + dev.state() + " with session " + dev.liveSession());
    }
    for (int r = 0; r < ghostPkt.length; r++) {
      if (ghostPkt[r] != 0 || ghostWb[r]) {
        d.add("ghost of descriptor " + r + " set");
        break;
      }
    }
    for (int s = 0; s < rep.length; s++) {
      if (rep[s] != s) {
        d.add("replica of slot " + s + " is " + rep[s]);
        break;
      }
    }
    return d.isEmpty() ? Optional.empty() : Optional.of(name + ": " + String.join(", ", d));
  }

  int reg(int offset) {
    return vf.registers().get(offset);
  }

  void mmio(int offset, int value) {
    vf.mmioWrite(offset, value);
  }

  /** Arms spec slot {@code s} with buffer {@code b}: every replica of it on the device ring. */
  void arm(int s, int b) {
    for (int r = s; r < layout.d; r += layout.n) {
      mem.writeLong(layout.desc(r) + AdvRxDesc.PKT_ADDR, RxLayout.bufAddr(b));
      mem.writeLong(layout.desc(r) + AdvRxDesc.HDR_ADDR, 0);
      ghostWb[r] = false;
      ghostPkt[r] = 0;
    }
  }

  /** Zeroes the buffer address of spec slot {@code s} (every replica): a slot left unarmed. */
  void unarm(int s) {
    for (int r = s; r < layout.d; r += layout.n) {
      mem.writeLong(layout.desc(r) + AdvRxDesc.PKT_ADDR, 0);
      mem.writeLong(layout.desc(r) + AdvRxDesc.HDR_ADDR, 0);
      ghostWb[r] = false;
      ghostPkt[r] = 0;
    }
  }

  /** Whether spec slot {@code s} holds a written-back descriptor (its projected replica). */
  boolean done(int s) {
    return mem.readShort(layout.desc(rep[s]) + AdvRxDesc.LENGTH) != 0;
  }

  /**
   * The device RDT for the spec's tail {@code t}: as many descriptors past the device's RDH as the
   * spec's window {@code [RDH, t)} holds (the device's RDH and the spec's agree modulo N).
   */
  int devTail(int t) {
    int h = reg(VfRegs.rdh(0));
    return (h + Math.floorMod(t - h, layout.n)) % layout.d;
  }

  long drops() {
    long sum = 0;
    for (DropReason r : DropReason.values()) {
      sum += vf.rx().drops(r);
    }
    return sum;
  }
}
