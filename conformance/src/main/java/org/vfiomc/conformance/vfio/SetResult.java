package org.vfiomc.conformance.vfio;

import static com.google.common.base.Preconditions.checkArgument;
import static java.util.Objects.requireNonNull;

import java.util.List;
import java.util.Optional;

/**
 * The result of a {@code SET} of {@code VFIO_DEVICE_FEATURE_MIG_DEVICE_STATE}: on success the new
 * state and, iff the last arc started a session, the new data fd; on failure the errno, a message,
 * and the state the device is really in (what a following GET reports: the original state, a state
 * of the path, or ERROR). {@code arcs} are the arcs completed.
 */
public record SetResult(
    boolean ok,
    MigrationState state,
    Optional<DataFd> dataFd,
    List<Arc> arcs,
    Optional<Errno> errno,
    String message) {

  public SetResult {
    requireNonNull(state, "state");
    requireNonNull(dataFd, "dataFd");
    arcs = List.copyOf(arcs);
    requireNonNull(errno, "errno");
    requireNonNull(message, "message");
    checkArgument(ok == errno.isEmpty(), "errno iff failed");
    checkArgument(ok || dataFd.isEmpty(), "a failed SET returns data_fd = -1");
  }

  static SetResult success(MigrationState state, Optional<DataFd> fd, List<Arc> arcs) {
    return new SetResult(true, state, fd, arcs, Optional.empty(), "");
  }

  static SetResult failure(MigrationState state, List<Arc> arcs, Errno errno, String message) {
    return new SetResult(false, state, Optional.empty(), arcs, Optional.of(errno), message);
  }

  @Override
  public String toString() {
    return ok
        ? "SET ok -> " + state + dataFd.map(f -> " fd " + f.number()).orElse("")
        : "SET failed " + errno.orElseThrow() + " (" + message + "), device in " + state;
  }
}
