package org.vfiomc.conformance.replay.vfio;

import java.util.Optional;
import org.vfiomc.conformance.emulator.Vf82599;
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
  /** VTEITR's interval field (bits 3..11, in 2 µs units). */
  private static final int INTERVAL_MASK = 0xFF8;

  private final Vf82599 vf;
  private final boolean ignoresQuiesce;
  private int writes;

  /**
   * Bumped by every call that reaches the VF and may change what {@link #saveState} returns: the
   * guest's write, a load, a reset and the quiesce gate (not the P2P gate, which changes nothing in
   * the VF). Nothing else reaches it (the VF has no rings here and is never stepped), so while the
   * epoch stays the same the saved state does too, and a replay need not encode it again to know
   * its version ({@code VfFunctionEpochTest} checks this on random call sequences).
   */
  private long epoch;

  // the state saved at the epoch beside it (-1: not yet)
  private long savedEpoch = -1;
  private SavedState saved;

  // whether the VF is quiesced: what this function last set (a VF at power-on is not)
  private boolean vfQuiesced;

  /** Around a newly built VF. */
  VfFunction(boolean ignoresQuiesce) {
    super(Vf82599.IDENTITY);
    this.vf = new VfPool.Slot().vf;
    this.ignoresQuiesce = ignoresQuiesce;
  }

  /**
   * Around {@code vf}, which must be at power-on (new, or leased from a {@link VfPool}) and then
   * save {@code powerOn}, the state every VF at power-on saves (taken once per pool, not once per
   * replay).
   */
  VfFunction(Vf82599 vf, boolean ignoresQuiesce, SavedState powerOn) {
    super(vf.identity());
    this.vf = vf;
    this.ignoresQuiesce = ignoresQuiesce;
    this.saved = powerOn;
    this.savedEpoch = epoch;
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

  /** The state digest computed now, past the cache (for tests of the cache). */
  long uncachedDigest() {
    return SavedState.fingerprint(vf.saveState());
  }

  /** The VF (for tests that read its registers). */
  Vf82599 vf() {
    return vf;
  }

  /** The state epoch (see {@link #epoch}): equal epochs, equal saved states. */
  long epoch() {
    return epoch;
  }

  /** The VF's state as saved now, encoded only when the epoch moved since the last save. */
  SavedState saved() {
    if (savedEpoch != epoch) {
      saved = SavedState.owning(vf.saveState());
      savedEpoch = epoch;
    }
    return saved;
  }

  @Override
  public byte[] saveState() {
    return saved().bytes();
  }

  @Override
  public Optional<String> loadState(byte[] state) {
    epoch++;
    return vf.loadState(state);
  }

  @Override
  protected void quiescedChanging(boolean quiesced) {
    boolean q = quiesced && !ignoresQuiesce;
    if (q != vfQuiesced) {
      // asked again for what it already is, Vf82599.setQuiesced changes nothing (it is
      // idempotent): the migration device sets the gate at every arc, mostly to what it was
      epoch++;
      vfQuiesced = q;
    }
    vf.setQuiesced(q);
  }

  @Override
  protected void outboundP2pBlockedChanging(boolean blocked) {
    // no epoch bump: the VF initiates no peer-to-peer DMA, the gate changes none of its state
    // (Vf82599.setOutboundP2pBlocked does nothing; VfFunctionEpochTest would see a change)
    vf.setOutboundP2pBlocked(blocked);
  }

  /**
   * The fingerprint of the saved state ({@link SavedState}): equal states, equal digests; unequal
   * states differ but for a 2<sup>-64</sup> chance. Not the VF's own SHA-256 {@link
   * Vf82599#stateDigest}, which a replay would compute again at every new epoch for the same use.
   */
  @Override
  public long stateDigest() {
    return saved().fingerprint();
  }

  @Override
  public void reset() {
    epoch++;
    vf.reset();
  }

  @Override
  public long stateSizeEstimate() {
    return saved().length();
  }
}
