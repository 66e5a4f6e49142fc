package org.vfiomc.conformance.orchestrator;

import java.util.Set;
import org.vfiomc.conformance.vfio.Errno;
import org.vfiomc.conformance.vfio.MigrationState;
import org.vfiomc.conformance.vfio.ReadResult;
import org.vfiomc.conformance.vfio.VfioMigrationDevice;

/**
 * QEMU's per-device decisions of the save path and of failure recovery, one call per decision, with
 * the {@link ProtocolDefect}s that break them: for drivers that step a migration themselves (trace
 * replay) rather than run {@link MigrationOrchestrator#migrate()} whole.
 */
public final class QemuSteps {
  private QemuSteps() {}

  /**
   * Whether the stop-copy loop (save_live_complete_precopy) is done after this read: on read() == 0
   * (end of stream), or, with {@link ProtocolDefect#WAIT_FOR_ENOMSG_IN_STOP_COPY}, only on -ENOMSG.
   */
  public static boolean stopCopyLoopEnds(ReadResult read, Set<ProtocolDefect> defects) {
    if (defects.contains(ProtocolDefect.WAIT_FOR_ENOMSG_IN_STOP_COPY)) {
      return read.errno().orElse(null) == Errno.ENOMSG;
    }
    return read.endOfStreamReached();
  }

  /** What recovery did to a source device. */
  public enum Recovery {
    /** SET RUNNING (via RUNNING_P2P first when the device has P2P) succeeded. */
    RESUMED,
    /** The device was reset: after an ERROR or a failed SET, or by {@code RECOVER_BY_RESET}. */
    RESET,
    /** {@code NO_RESUME_ON_FAILURE}: the stopped source was left in STOP_COPY. */
    LEFT_STOPPED
  }

  /**
   * Returns a source device to RUNNING after a failed or cancelled migration, as QEMU's
   * vfio_migration_state_notifier does: P2P-capable devices go through RUNNING_P2P; a device in
   * ERROR, or whose SET fails, is reset. The defects change this as {@link ProtocolDefect} says.
   */
  public static Recovery recoverSource(VfioMigrationDevice source, Set<ProtocolDefect> defects) {
    if (defects.contains(ProtocolDefect.RECOVER_BY_RESET)) {
      source.reset();
      return Recovery.RESET;
    }
    if (defects.contains(ProtocolDefect.NO_RESUME_ON_FAILURE)
        && source.state() == MigrationState.STOP_COPY) {
      return Recovery.LEFT_STOPPED;
    }
    if (source.state() == MigrationState.ERROR) {
      source.reset();
      return Recovery.RESET;
    }
    if (source.features().p2p()
        && source.state() != MigrationState.RUNNING
        && !source.set(MigrationState.RUNNING_P2P).ok()) {
      source.reset();
      return Recovery.RESET;
    }
    if (!source.set(MigrationState.RUNNING).ok()) {
      source.reset();
      return Recovery.RESET;
    }
    return Recovery.RESUMED;
  }
}
