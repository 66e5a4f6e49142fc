package org.vfiomc.conformance.function;

import static java.util.Objects.requireNonNull;

import java.util.Optional;
import org.vfiomc.conformance.vfio.FunctionIdentity;
import org.vfiomc.conformance.vfio.MigratableFunction;

/**
 * What every function of this package (and the 82599 VF's adapter in {@code replay.vfio}) keeps the
 * same way: a fixed identity, the quiesced and outbound-P2P-blocked flags the migration device
 * sets, and a count of state changes made while quiesced (the quiescence contract of {@link
 * MigratableFunction#setQuiesced} says there must be none; a misbehaving function's count is what
 * replay reports). A subclass reacts to the flags through {@link #quiescedChanging} and {@link
 * #outboundP2pBlockedChanging}, and calls {@link #changed} after every change of its state.
 *
 * <p>Confined to the migration device's single thread, like every {@link MigratableFunction}.
 */
public abstract class AbstractMigratableFunction implements MigratableFunction {
  private final FunctionIdentity identity;
  private boolean quiesced;
  private boolean outboundP2pBlocked;
  private long changesWhileQuiesced;

  protected AbstractMigratableFunction(FunctionIdentity identity) {
    this.identity = requireNonNull(identity, "identity");
  }

  @Override
  public final FunctionIdentity identity() {
    return identity;
  }

  @Override
  public final void setQuiesced(boolean quiesced) {
    quiescedChanging(quiesced);
    this.quiesced = quiesced;
  }

  @Override
  public final void setOutboundP2pBlocked(boolean blocked) {
    outboundP2pBlockedChanging(blocked);
    this.outboundP2pBlocked = blocked;
  }

  /** Whether the migration device has this function quiesced. */
  public final boolean quiesced() {
    return quiesced;
  }

  /** Whether the migration device has this function's outbound P2P blocked. */
  public final boolean outboundP2pBlocked() {
    return outboundP2pBlocked;
  }

  /** State changes made while quiesced (0 for a function that keeps the contract). */
  public final long changesWhileQuiesced() {
    return changesWhileQuiesced;
  }

  /**
   * Called on every {@link #setQuiesced}, before the flag takes the new value ({@link #quiesced}
   * still answers the previous one). Does nothing by default.
   */
  protected void quiescedChanging(boolean quiesced) {}

  /**
   * Called on every {@link #setOutboundP2pBlocked}, before the flag takes the new value ({@link
   * #outboundP2pBlocked} still answers the previous one): where a function completes its
   * outstanding outbound writes, as blocking requires. Does nothing by default.
   */
  protected void outboundP2pBlockedChanging(boolean blocked) {}

  /** Records one change of this function's state; counted when it happens while quiesced. */
  protected final void changed() {
    if (quiesced) {
      changesWhileQuiesced++;
    }
  }

  /**
   * Why a saved state of {@code state.length} bytes is refused by a function whose saved state is
   * always {@code expected} bytes, or empty when the length is right.
   */
  protected static Optional<String> wrongLength(byte[] state, int expected) {
    return state.length == expected
        ? Optional.empty()
        : Optional.of("expected " + expected + " bytes, got " + state.length);
  }
}
