package org.vfiomc.conformance.orchestrator;

import java.util.Collection;
import org.vfiomc.conformance.vfio.MigrationState;

/**
 * The multi-device P2P safety condition of the uAPI, as a pure function: among the devices of one
 * VM on one host, a device that may initiate P2P DMA (RUNNING, PRE_COPY) must never coexist with a
 * device that cannot accept it (STOP, STOP_COPY, RESUMING). QEMU's prepare-then-main ordering keeps
 * it; a naive one-device-at-a-time ordering breaks it.
 */
public final class P2pSafety {
  private P2pSafety() {}

  /** Whether these simultaneous device states violate the condition. */
  public static boolean violated(Collection<MigrationState> states) {
    boolean initiating = false;
    boolean stopped = false;
    for (MigrationState s : states) {
      initiating |= s == MigrationState.RUNNING || s == MigrationState.PRE_COPY;
      stopped |=
          s == MigrationState.STOP || s == MigrationState.STOP_COPY || s == MigrationState.RESUMING;
    }
    return initiating && stopped;
  }
}
