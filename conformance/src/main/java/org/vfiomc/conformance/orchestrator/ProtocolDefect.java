package org.vfiomc.conformance.orchestrator;

/**
 * Injected orchestrator bugs at the protocol level, named after the {@code Defects} of {@code
 * specs/VfioMigration/VfioMigration.tla} so that a recorded run with a defect can be told apart
 * from a correct one by {@code checker validate}. The device-side defects of that set ({@code
 * AcceptTruncated}, {@code AcceptReordered}, {@code DeviceRunsInStopCopy}) belong to the migration
 * device, not here.
 */
public enum ProtocolDefect {
  /** After a failure or cancel, a source in STOP_COPY is left there instead of SET RUNNING. */
  NO_RESUME_ON_FAILURE("NoResumeOnFailure"),
  /** Recovery resets every source (VFIO_DEVICE_RESET) instead of SET RUNNING: its state is lost. */
  RECOVER_BY_RESET("RecoverByReset"),
  /**
   * The stop-copy read loop waits for -ENOMSG, which a STOP_COPY fd never returns: it keeps reading
   * 0 and gives up after {@link #ENOMSG_WAIT_READS} such reads, failing the migration.
   */
  WAIT_FOR_ENOMSG_IN_STOP_COPY("WaitForEnomsgInStopCopy");

  /** How many end-of-stream reads the waiting loop makes before it gives up. */
  public static final int ENOMSG_WAIT_READS = 3;

  private final String specName;

  ProtocolDefect(String specName) {
    this.specName = specName;
  }

  /** The name in {@code VfioMigration}'s {@code DefectNames}. */
  public String specName() {
    return specName;
  }

  /** The defect with this name in {@code DefectNames}, if it is an orchestrator defect. */
  public static java.util.Optional<ProtocolDefect> bySpecName(String name) {
    for (ProtocolDefect d : values()) {
      if (d.specName.equals(name)) {
        return java.util.Optional.of(d);
      }
    }
    return java.util.Optional.empty();
  }
}
