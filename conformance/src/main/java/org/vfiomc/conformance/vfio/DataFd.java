package org.vfiomc.conformance.vfio;

import static java.util.Objects.requireNonNull;

/**
 * A migration data fd as returned by a SET: a byte stream of one saving or resuming session. The
 * user owns it; closing it does not change the device state. After its session ends (the session
 * left the saving group, RESUMING→STOP completed, reset, ERROR) every operation returns ENODEV.
 */
public final class DataFd {
  private final VfioMigrationDevice device;
  private final DataSession session;
  private final int number;
  private final Arc.SessionKind kind;
  private boolean closed;

  DataFd(VfioMigrationDevice device, DataSession session, int number, Arc.SessionKind kind) {
    this.device = requireNonNull(device);
    this.session = requireNonNull(session);
    this.number = number;
    this.kind = requireNonNull(kind);
  }

  public int number() {
    return number;
  }

  public Arc.SessionKind kind() {
    return kind;
  }

  DataSession session() {
    return session;
  }

  boolean closed() {
    return closed;
  }

  /** Reads up to {@code max} bytes (saving fds only). */
  public ReadResult read(int max) {
    return device.read(this, max);
  }

  /** Writes {@code data} (resuming fds only); all or nothing. */
  public WriteResult write(byte[] data) {
    return device.write(this, data);
  }

  /** {@code VFIO_MIG_GET_PRECOPY_INFO} on this fd. */
  public PrecopyInfo precopyInfo() {
    return device.precopyInfo(this);
  }

  /**
   * What {@link #precopyInfo()} would answer, without the ioctl's side effect (an asynchronous
   * device starts no SAVE): for observers such as a replay's projection.
   */
  public PrecopyInfo peekPrecopyInfo() {
    return device.peekPrecopyInfo(this);
  }

  /** Whether the session behind this fd is still the device's live session. */
  public boolean live() {
    return !closed && device.isLive(this);
  }

  /** Closes the fd; later operations return EBADF. The device state is unchanged. */
  public void close() {
    closed = true;
  }

  @Override
  public String toString() {
    return "fd " + number + " (" + kind + (live() ? ", live)" : ", dead)");
  }
}
