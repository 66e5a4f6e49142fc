package org.vfiomc.conformance.replay.vfio;

import java.util.Optional;
import org.vfiomc.conformance.emulator.Vf82599;
import org.vfiomc.conformance.emulator.dma.DmaPort;
import org.vfiomc.conformance.emulator.dma.GuestMemory;
import org.vfiomc.conformance.emulator.dma.Iommu;
import org.vfiomc.conformance.emulator.regs.VfRegs;
import org.vfiomc.conformance.vfio.FunctionIdentity;
import org.vfiomc.conformance.vfio.MigratableFunction;

/**
 * The 82599 VF as the migratable function of a {@code VfioMigration} replay. The guest's work
 * ({@link #guestWrite}) is an MMIO write of a new interrupt throttle interval into VTEITR0, a
 * register the VF's saved state carries; a quiesced VF drops MMIO writes (they do not change its
 * state). With {@code ignoresQuiesce} the migration driver never quiesces the VF (spec defect
 * {@code DeviceRunsInStopCopy}): its state still changes in STOP_COPY.
 */
final class VfFunction implements MigratableFunction {
  /** Guest memory behind the VF's DMA port (no rings are set up: the VF does no DMA here). */
  private static final long RAM = 64 * 1024;

  /** VTEITR's interval field (bits 3..11, in 2 µs units). */
  private static final int INTERVAL_MASK = 0xFF8;

  private final Vf82599 vf;
  private final boolean ignoresQuiesce;
  private boolean quiesced;
  private int writes;
  private long changesWhileQuiesced;

  VfFunction(boolean ignoresQuiesce) {
    Iommu iommu = new Iommu();
    iommu.mapIdentity(RAM);
    this.vf = new Vf82599(new DmaPort(new GuestMemory(RAM), iommu));
    this.ignoresQuiesce = ignoresQuiesce;
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
    if (changed && quiesced) {
      changesWhileQuiesced++;
    }
    return changed;
  }

  /** State changes while the migration device had it quiesced (0 for a correct driver). */
  long changesWhileQuiesced() {
    return changesWhileQuiesced;
  }

  @Override
  public FunctionIdentity identity() {
    return vf.identity();
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
  public void setQuiesced(boolean quiesced) {
    this.quiesced = quiesced;
    vf.setQuiesced(quiesced && !ignoresQuiesce);
  }

  @Override
  public void setOutboundP2pBlocked(boolean blocked) {
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
