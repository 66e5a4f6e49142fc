package org.vfiomc.conformance.vfio;

/**
 * A configurable bug on a device's saving side (for conformance tests and counterexample replay); a
 * correct device has none. Compare {@link LoadDefect}, the bugs of the resuming side.
 */
public enum SaveDefect {
  /**
   * {@code VFIO_MIG_GET_PRECOPY_INFO} reports as {@code dirty_bytes} only the current chunk: the
   * unread rest of the dirty image being read, or, when none is queued, the increment the next read
   * produces; never the queued data behind it plus the increment not yet saved (kernel bug K2, mlx5
   * before 4928f67bc911 "vfio/mlx5: Fix the report of dirty_bytes upon pre-copy"; spec {@code
   * VfioFsm}'s {@code DirtyBytesUnderreport}, whose {@code ReportedDirty} is one chunk when any
   * dirty data is queued, else 0). A device that saves increments asynchronously must never count
   * one its SAVE has not captured yet.
   */
  DIRTY_BYTES_UNDERREPORT,
  /**
   * A dirty pre-copy read (an image after the initial one) returns the previous image's data while
   * the device counts its current state as sent (its dirty tracking restarts from it): spec {@code
   * VfioMigration}'s {@code StaleDirtyChunk}. With {@link ImageMode#WHOLE} the read repeats the
   * previous whole image, harmless because the final image replaces it; with {@link
   * ImageMode#DELTA} it is an increment from the previous image to itself (empty), and the next
   * increment is made over the current state, which the destination never received.
   */
  STALE_DIRTY_CHUNK,
  /**
   * K6, the mlx5 PRE_COPY series before "vfio/mlx5: Enforce a single SAVE command at a time": the
   * arc PRE_COPY(_P2P) -> STOP_COPY issues the final SAVE without waiting for the incremental SAVE
   * the precopy ioctl started, so two SAVE commands run at once and the incremental one is still in
   * flight in STOP_COPY (spec {@code VfioFsm}'s defect {@code ConcurrentSave}). Only meaningful
   * with {@link SaveMode#ASYNCHRONOUS}. Its late completion adds nothing to the stream: the final
   * image was already taken (what the firmware does with the second command is UNVERIFIED; the
   * spec's {@code SaveDone} in STOP_COPY changes no readable byte either).
   */
  CONCURRENT_SAVE
}
