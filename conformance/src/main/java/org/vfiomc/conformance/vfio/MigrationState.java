package org.vfiomc.conformance.vfio;

import java.util.Optional;

/**
 * {@code enum vfio_device_mig_state} of the VFIO migration uAPI v2; the ordinal-independent {@link
 * #abi()} value is the number the kernel ABI uses.
 */
public enum MigrationState {
  ERROR(0),
  STOP(1),
  RUNNING(2),
  STOP_COPY(3),
  RESUMING(4),
  RUNNING_P2P(5),
  PRE_COPY(6),
  PRE_COPY_P2P(7);

  private final int abi;

  MigrationState(int abi) {
    this.abi = abi;
  }

  /** The uAPI value ({@code VFIO_DEVICE_STATE_*}). */
  public int abi() {
    return abi;
  }

  /** The state with this uAPI value, or empty for values outside 0..7. */
  public static Optional<MigrationState> fromAbi(int value) {
    for (MigrationState s : values()) {
      if (s.abi == value) {
        return Optional.of(s);
      }
    }
    return Optional.empty();
  }

  /** PRE_COPY, PRE_COPY_P2P and STOP_COPY share one saving session (the "saving group"). */
  public boolean inSavingGroup() {
    return this == PRE_COPY || this == PRE_COPY_P2P || this == STOP_COPY;
  }

  /**
   * States in which the device initiates no DMA, raises no interrupt and keeps its internal state
   * unchanged (STOP, STOP_COPY, RESUMING per the uAPI; ERROR is treated the same way here, the safe
   * choice for a failed device).
   */
  public boolean quiesced() {
    return this == STOP || this == STOP_COPY || this == RESUMING || this == ERROR;
  }

  /** States in which the device must not initiate new outbound peer-to-peer DMA. */
  public boolean blocksOutboundP2p() {
    return quiesced() || this == RUNNING_P2P || this == PRE_COPY_P2P;
  }
}
