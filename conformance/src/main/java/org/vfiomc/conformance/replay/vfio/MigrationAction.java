package org.vfiomc.conformance.replay.vfio;

import org.vfiomc.conformance.replay.SpecAction;

/**
 * The actions of {@code VfioMigration}'s {@code Next}, named after the spec operators. Only {@code
 * ArcFails} and {@code QemuRecover} have parameters; they, {@code SrcArc}, {@code DstArc}, {@code
 * LoadRejected} and {@code DestAck} occur only with {@code ArcSteps} or {@code SwitchoverAck},
 * which the binding does not drive.
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
  SrcArc,
  DstArc,
  ArcFails,
  LoadRejected,
  QemuRecover,
  DestAck,
  Finished;

  @Override
  public String tag() {
    return name();
  }
}
