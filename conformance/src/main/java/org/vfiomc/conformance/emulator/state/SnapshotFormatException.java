package org.vfiomc.conformance.emulator.state;

/** A device-state stream that cannot be decoded; names the byte offset and what was wrong. */
public final class SnapshotFormatException extends Exception {
  private final long offset;

  /** {@code what} went wrong at byte {@code offset}. */
  public SnapshotFormatException(long offset, String what) {
    super("device state stream invalid at byte " + offset + ": " + what);
    this.offset = offset;
  }

  /** Byte offset of the problem. */
  public long offset() {
    return offset;
  }
}
