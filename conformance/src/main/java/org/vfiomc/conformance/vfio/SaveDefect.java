package org.vfiomc.conformance.vfio;

/**
 * A configurable bug in a device's SAVE path (spec {@code VfioFsm}'s {@code FsmDefects}). A correct
 * device has none. Only meaningful with {@link SaveMode#ASYNCHRONOUS}.
 */
public enum SaveDefect {
  /**
   * K6, the mlx5 PRE_COPY series before "vfio/mlx5: Enforce a single SAVE command at a time": the
   * arc PRE_COPY(_P2P) -> STOP_COPY issues the final SAVE without waiting for the incremental SAVE
   * the precopy ioctl started, so two SAVE commands run at once and the incremental one is still in
   * flight in STOP_COPY (spec defect {@code ConcurrentSave}). Its late completion adds nothing to
   * the stream: the final image was already taken (what the firmware does with the second command
   * is UNVERIFIED; the spec's {@code SaveDone} in STOP_COPY changes no readable byte either).
   */
  CONCURRENT_SAVE
}
