package org.vfiomc.conformance.vfio;

import static java.util.Objects.requireNonNull;

import java.util.Optional;

/**
 * {@code VFIO_MIG_GET_PRECOPY_INFO}: estimates of the unread initial image and of the dirty data
 * (queued-but-unread increments plus the pending increment of a changed device); output flags are
 * always 0 (kernel bug K4 echoed the caller's flags). The pending increment is the size of the next
 * image: a whole one ({@link ImageMode#WHOLE}), or the increment over the previous image ({@link
 * ImageMode#DELTA}), which grows with each change to state not yet in it; vfio.h calls both values
 * estimates. {@link SaveDefect#DIRTY_BYTES_UNDERREPORT} reports only the current chunk (K2). An
 * errno (EINVAL outside PRE_COPY and PRE_COPY_P2P, ENODEV for an ended session, EBADF for a closed
 * or resuming fd) means no values.
 */
public record PrecopyInfo(Optional<Errno> errno, long initialBytes, long dirtyBytes, int flags) {
  public PrecopyInfo {
    requireNonNull(errno, "errno");
  }

  static PrecopyInfo of(long initialBytes, long dirtyBytes) {
    return new PrecopyInfo(Optional.empty(), initialBytes, dirtyBytes, 0);
  }

  static PrecopyInfo error(Errno errno) {
    return new PrecopyInfo(Optional.of(errno), 0, 0, 0);
  }
}
