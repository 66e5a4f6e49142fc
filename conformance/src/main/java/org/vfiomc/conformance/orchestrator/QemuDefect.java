package org.vfiomc.conformance.orchestrator;

/**
 * A configurable bug in the orchestrator's (QEMU's) save path or failure handling (spec {@code
 * VfioMigration}'s {@code Defects}); the correct orchestrator has none. {@link QemuSteps}
 * implements each.
 */
public enum QemuDefect {
  /** After switchover a failure leaves the source device in STOP_COPY (no SET RUNNING). */
  NO_RESUME_ON_FAILURE,
  /** Failure recovery resets the source device (VFIO_DEVICE_RESET): its state is lost. */
  RECOVER_BY_RESET,
  /**
   * The stop-copy read loop ends only on -ENOMSG, which a STOP_COPY fd never returns (its end is
   * read() == 0): the loop never ends.
   */
  WAIT_FOR_ENOMSG_IN_STOP_COPY
}
