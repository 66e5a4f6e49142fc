package org.vfiomc.conformance.vfio;

/**
 * How a saving session's images after the first carry the function's state (a device option, set
 * before the session starts; {@link #WHOLE} by default).
 *
 * <p>Either way the stream starts with the initial image, a whole snapshot ({@code PRECOPY_IMAGE},
 * or the {@code FINAL_STATE} of a session started in STOP), and ends with the final state saved
 * once the function was quiesced; the option decides what each later image holds.
 */
public enum ImageMode {
  /**
   * Every image is the whole state ({@code PRECOPY_IMAGE}, {@code FINAL_STATE}); the destination
   * loads the final one, so an image lost or read stale before it does no harm (mtty's {@code
   * mtty_save_state}, {@code samples/vfio-mdev/mtty.c}).
   */
  WHOLE,
  /**
   * After the initial image every image is incremental ({@code PRECOPY_DELTA}, {@code FINAL_DELTA},
   * a {@link DeltaImage}): only what changed since the previous image of the session, the stop-copy
   * one included. This is mlx5's scheme: {@code mlx5vf_cmd_save_vhca_state} ({@code
   * drivers/vfio/pci/mlx5/cmd.c}) is called with {@code inc} for every SAVE after the first, the
   * firmware then saving only what changed since the previous SAVE, and the stop-copy SAVE is the
   * last increment. The pending increment is what {@code dirty_bytes} estimates ({@code
   * include/uapi/linux/vfio.h}, {@code VFIO_MIG_GET_PRECOPY_INFO}: "dirty_bytes ... may grow as the
   * device changes internal state"; both values are estimates), so it grows with each change to
   * state not yet in the pending increment. The destination applies each increment, in stream
   * order, to the image before it: an image lost, reordered or read stale corrupts the result.
   */
  DELTA
}
