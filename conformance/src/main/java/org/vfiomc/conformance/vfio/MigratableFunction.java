package org.vfiomc.conformance.vfio;

import java.util.Optional;

/**
 * The device function behind a {@link VfioMigrationDevice} (the 82599 VF implements it; tests use
 * fakes). The migration device drives it through these calls only; all are invoked on the device's
 * single thread.
 */
public interface MigratableFunction {

  /**
   * Identity for the migration version string and compatibility checks; fixed for the function's
   * life.
   */
  FunctionIdentity identity();

  /**
   * A snapshot of the whole internal state, opaque to the migration layer; callable in any state.
   */
  byte[] saveState();

  /**
   * Replaces the internal state by a snapshot from {@link #saveState} of a compatible function.
   * Returns empty on success, or why the payload was refused, in which case the state is unchanged.
   */
  Optional<String> loadState(byte[] state);

  /**
   * While quiesced the function initiates no DMA, raises no interrupt and its internal state does
   * not change (STOP, STOP_COPY, RESUMING). Accesses from outside are still answered.
   */
  void setQuiesced(boolean quiesced);

  /**
   * While blocked the function starts no new outbound peer-to-peer DMA (RUNNING_P2P, PRE_COPY_P2P
   * and the quiesced states). Blocking returns only once every outstanding outbound P2P transaction
   * has completed; incoming P2P is still accepted unless quiesced.
   */
  void setOutboundP2pBlocked(boolean blocked);

  /** A digest of the internal state: equal digests mean no observable change. */
  long stateDigest();

  /** Function-level reset: the power-on state (what VFIO_DEVICE_RESET does to the function). */
  void reset();

  /**
   * The host-side configuration of the function that both ends of a migration must share (for an
   * SR-IOV VF: what the PF administrator fixed for it), as a canonical string compared for equality
   * before the source stops; empty (nothing to compare) by default.
   */
  default String hostConfiguration() {
    return "";
  }

  /** Estimated size of {@link #saveState}'s result, for the stop-copy size query. */
  default long stateSizeEstimate() {
    return saveState().length;
  }
}
