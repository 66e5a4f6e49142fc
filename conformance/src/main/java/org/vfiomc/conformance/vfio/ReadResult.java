package org.vfiomc.conformance.vfio;

import static java.util.Objects.requireNonNull;

import java.util.Optional;

/**
 * The result of {@code read()} on a data fd: bytes, end of stream (0 bytes), or an errno (ENOMSG
 * for the temporary PRE_COPY end, ENODEV for an ended session, EBADF for a closed or resuming fd).
 */
public final class ReadResult {
  private static final byte[] NONE = new byte[0];
  private final Errno errno;
  private final byte[] data;

  private ReadResult(Errno errno, byte[] data) {
    this.errno = errno;
    this.data = data;
  }

  static ReadResult of(byte[] data) {
    return new ReadResult(null, requireNonNull(data));
  }

  static ReadResult endOfStream() {
    return new ReadResult(null, NONE);
  }

  static ReadResult error(Errno errno) {
    return new ReadResult(requireNonNull(errno), NONE);
  }

  public Optional<Errno> errno() {
    return Optional.ofNullable(errno);
  }

  /** The bytes read (a copy); empty at end of stream or on error. */
  public byte[] data() {
    return data.clone();
  }

  public int length() {
    return data.length;
  }

  /** {@code read()} returned 0: the permanent end of a STOP_COPY stream. */
  public boolean endOfStreamReached() {
    return errno == null && data.length == 0;
  }

  @Override
  public String toString() {
    return errno != null ? "read: " + errno : "read " + data.length + " bytes";
  }
}
