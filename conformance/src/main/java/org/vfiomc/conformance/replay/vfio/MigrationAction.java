package org.vfiomc.conformance.replay.vfio;

import org.vfiomc.conformance.replay.SpecAction;

/**
 * The actions of {@code VfioMigration}'s {@code Next}, named after the spec operators. Only {@code
 * ArcFails(dev, outcome)} and {@code QemuRecover(dev)} have parameters: one constant per value
 * (e.g. {@code ArcFailsSrcError}), whose {@link #tag()} is the operator's name. {@code SrcArc},
 * {@code DstArc}, {@code ArcFails}, {@code LoadRejected} and {@code QemuRecover} occur only with
 * {@code ArcSteps}, {@code DestAck} only with {@code SwitchoverAck}.
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
  ArcFailsSrcStay,
  ArcFailsSrcError,
  ArcFailsDstStay,
  ArcFailsDstError,
  LoadRejected,
  QemuRecoverSrc,
  QemuRecoverDst,
  DestAck,
  Finished;

  @Override
  public String tag() {
    return switch (this) {
      case ArcFailsSrcStay, ArcFailsSrcError, ArcFailsDstStay, ArcFailsDstError -> "ArcFails";
      case QemuRecoverSrc, QemuRecoverDst -> "QemuRecover";
      default -> name();
    };
  }

  /** The spec's {@code dev} parameter of ArcFails and QemuRecover: whether it is "SRC". */
  boolean onSource() {
    return this == ArcFailsSrcStay || this == ArcFailsSrcError || this == QemuRecoverSrc;
  }
}
