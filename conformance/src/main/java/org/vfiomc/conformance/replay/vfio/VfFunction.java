package org.vfiomc.conformance.replay.vfio;

import java.util.Optional;
import org.vfiomc.conformance.emulator.Vf82599;
import org.vfiomc.conformance.emulator.dma.DmaPort;
import org.vfiomc.conformance.emulator.dma.GuestMemory;
import org.vfiomc.conformance.emulator.dma.Iommu;
import org.vfiomc.conformance.emulator.regs.VfRegs;
import org.vfiomc.conformance.function.AbstractMigratableFunction;

/**
 * The 82599 VF as the migratable function of a {@code VfioMigration} replay. The guest's work
 * ({@link #guestWrite}) is an MMIO write of a new interrupt throttle interval into VTEITR0, a
 * register the VF's saved state carries; a quiesced VF drops MMIO writes (they do not change its
 * state). With {@code ignoresQuiesce} the migration driver never quiesces the VF (spec defect
 * {@code DeviceRunsInStopCopy}): its state still changes in STOP_COPY.
 */
final class VfFunction extends AbstractMigratableFunction {
  /** Guest memory behind the VF's DMA port (no rings are set up: the VF does no DMA here). */
  private static final long RAM = 64 * 1024;

  /** VTEITR's interval field (bits 3..11, in 2 µs units). */
  private static final int INTERVAL_MASK = 0xFF8;

  private final Vf82599 vf;
  private final boolean ignoresQuiesce;
  private int writes;

  VfFunction(boolean ignoresQuiesce) {
    this(newVf(), ignoresQuiesce);
  }

  private VfFunction(Vf82599 vf, boolean ignoresQuiesce) {
    super(vf.identity());
    this.vf = vf;
    this.ignoresQuiesce = ignoresQuiesce;
  }

  private static Vf82599 newVf() {
    Iommu iommu = new Iommu();
    iommu.mapIdentity(RAM);
    return new Vf82599(new DmaPort(new GuestMemory(RAM), iommu));
  }

  /**
   * The guest writes VTEITR0 with an interval it never wrote before; returns whether the VF's state
   * changed (false while the VF is quiesced: the write is dropped).
   */
  boolean guestWrite() {
    writes++;
    int before = vf.mmioRead(VfRegs.VTEITR0);
    int value = (before & ~INTERVAL_MASK) | ((writes << 3) & INTERVAL_MASK);
    vf.mmioWrite(VfRegs.VTEITR0, value);
    boolean changed = vf.mmioRead(VfRegs.VTEITR0) != before;
    if (changed) {
      changed();
    }
    return changed;
  }

  @Override
  public byte[] saveState() {
    return vf.saveState();
  }

  @Override
  public Optional<String> loadState(byte[] state) {
    return vf.loadState(state);
  }

  @Override
  protected void quiescedChanging(boolean quiesced) {
    vf.setQuiesced(quiesced && !ignoresQuiesce);
  }

  @Override
  protected void outboundP2pBlockedChanging(boolean blocked) {
    vf.setOutboundP2pBlocked(blocked);
  }

  @Override
  public long stateDigest() {
    return vf.stateDigest();
  }

  @Override
  public void reset() {
    vf.reset();
  }

  @Override
  public long stateSizeEstimate() {
    return vf.stateSizeEstimate();
  }
}
