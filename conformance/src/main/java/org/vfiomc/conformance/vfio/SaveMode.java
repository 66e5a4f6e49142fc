package org.vfiomc.conformance.vfio;

/**
 * How a device captures the changes a running function makes during PRE_COPY(_P2P) (spec {@code
 * VfioFsm}'s {@code AsyncSave}).
 */
public enum SaveMode {
  /**
   * The default: read() that reaches the end of what is queued saves the changed function at once
   * and returns the new image (the increment is produced inside the read call; mtty has no dirty
   * data in PRE_COPY at all). {@code AsyncSave = FALSE}.
   */
  SYNCHRONOUS,
  /**
   * As mlx5: the precopy ioctl that finds nothing queued and an increment on the device starts an
   * incremental SAVE command ({@code mlx5vf_precopy_ioctl} -> {@code mlx5vf_cmd_save_vhca_state}
   * with an async callback) and returns; the command completes later as a separate device event
   * ({@link VfioMigrationDevice#completeSave()}, {@code mlx5vf_save_callback}), which queues the
   * increment on the saving fd. Until then read() at the end of the queue returns ENOMSG. The arc
   * into STOP_COPY waits for the SAVE in flight before it issues the final one ({@code
   * migf->save_comp}, the K6 fix "vfio/mlx5: Enforce a single SAVE command at a time"), unless the
   * device has the {@link SaveDefect#CONCURRENT_SAVE} defect. {@code AsyncSave = TRUE}.
   */
  ASYNCHRONOUS
}
