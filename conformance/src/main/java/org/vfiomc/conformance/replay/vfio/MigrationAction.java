package org.vfiomc.conformance.replay.vfio;

import org.vfiomc.conformance.replay.SpecAction;

/**
 * The actions of {@code VfioMigration}'s {@code Next}: none has parameters, so each is one value of
 * this enum, named after the spec operator.
 */
public enum MigrationAction implements SpecAction {
  GuestWork,
  MigrationStart,
  PrecopyRead,
  Switchover,
  StopCopyStart,
  StopCopyRead,
  StopCopyEof,
  Deliver,
  ChunkLost,
  ChunksReordered,
  DestStart,
  SaveCleanup,
  Cancel,
  ResumeSource,
  Finished;

  @Override
  public String tag() {
    return name();
  }
}
