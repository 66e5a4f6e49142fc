package org.vfiomc.conformance.vfio;

import static java.util.Objects.requireNonNull;

/** Why a migration stream was rejected, and at which byte offset the problem was found. */
public record StreamError(Kind kind, long offset, String message) {

  /** The classes of rejection. */
  public enum Kind {
    TRUNCATED,
    BAD_MAGIC,
    UNSUPPORTED_FORMAT,
    BAD_HEADER,
    HEADER_CHECKSUM,
    INCOMPATIBLE,
    SECTION_TOO_LARGE,
    SECTION_CHECKSUM,
    BAD_SECTION_TYPE,
    SECTION_OUT_OF_ORDER,
    MISSING_FINAL_STATE,
    BAD_END,
    STREAM_CHECKSUM,
    TRAILING_BYTES,
    /** An increment that cannot be applied: malformed runs, or no image before it. */
    BAD_DELTA,
    /** An increment made for another base than the image the stream built before it. */
    DELTA_BASE_MISMATCH,
    STATE_REJECTED
  }

  public StreamError {
    requireNonNull(kind, "kind");
    requireNonNull(message, "message");
  }

  @Override
  public String toString() {
    return kind + " at byte " + offset + ": " + message;
  }
}
