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

  /**
   * Bumped by every call that reaches the VF and may change what {@link #saveState} returns: the
   * guest's write, a load, a reset and the quiesce and P2P gates. Nothing else reaches it (the VF
   * has no rings here and is never stepped), so while the epoch stays the same the saved state does
   * too, and a replay need not encode it again to know its version ({@code VfFunctionEpochTest}
   * checks this on random call sequences).
   */
  private long epoch;

  // what saveState and stateDigest returned at the epoch beside them (-1: not yet)
  private long savedEpoch = -1;
  private byte[] saved;
  private long digestEpoch = -1;
  private long digest;

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
    epoch++;
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

  /** The VF's state encoded now, past the cache (for tests of the cache). */
  byte[] uncachedState() {
    return vf.saveState();
  }

  /** The VF's state digest computed now, past the cache (for tests of the cache). */
  long uncachedDigest() {
    return vf.stateDigest();
  }

  /** The state epoch (see {@link #epoch}): equal epochs, equal saved states. */
  long epoch() {
    return epoch;
  }

  @Override
  public byte[] saveState() {
    if (savedEpoch != epoch) {
      saved = vf.saveState();
      savedEpoch = epoch;
    }
    return saved.clone();
  }

  @Override
  public Optional<String> loadState(byte[] state) {
    epoch++;
    return vf.loadState(state);
  }

  @Override
  protected void quiescedChanging(boolean quiesced) {
    epoch++;
    vf.setQuiesced(quiesced && !ignoresQuiesce);
  }

  @Override
  protected void outboundP2pBlockedChanging(boolean blocked) {
    epoch++;
    vf.setOutboundP2pBlocked(blocked);
  }

  @Override
  public long stateDigest() {
    if (digestEpoch != epoch) {
      digest = vf.stateDigest();
      digestEpoch = epoch;
    }
    return digest;
  }

  @Override
  public void reset() {
    epoch++;
    vf.reset();
  }

  @Override
  public long stateSizeEstimate() {
    if (savedEpoch != epoch) {
      saveState();
    }
    return saved.length;
  }
}
