package org.vfiomc.conformance.scenario;

import static com.google.common.base.Preconditions.checkArgument;

/**
 * Frames that arrive broken, and what the receiving port does with them (issue 10, item 5).
 *
 * @param ratio the fraction of frames, in [0, 1], that a bit error on the wire breaks (the VF gets
 *     the frame with its last byte inverted and an FCS that does not match: a CRC error); which
 *     frames is drawn from the run's seed
 * @param storeBadPackets the PF's FCTRL.SBP on both hosts ({@code ethtool -K PF rx-all on}): a
 *     broken frame is placed with CE in its write-back and the VF driver drops it ({@code
 *     droppedByDriver}); off (ixgbe's default), the MAC discards it and the PF counts it ({@code
 *     droppedByDevice}, {@code DropReason.CRC_ERROR})
 */
public record BadFrames(double ratio, boolean storeBadPackets) {
  /** No broken frames, SBP off: a clean wire. */
  public static final BadFrames NONE = new BadFrames(0, false);

  public BadFrames {
    checkArgument(ratio >= 0 && ratio <= 1, "bad frame ratio %s outside [0, 1]", ratio);
  }
}
