package org.vfiomc.conformance.vfio;

import static java.util.Objects.requireNonNull;

import java.util.Optional;

/** The result of {@code write()} on a resuming data fd: bytes accepted, or an errno and why. */
public record WriteResult(Optional<Errno> errno, int written, String message) {
  public WriteResult {
    requireNonNull(errno, "errno");
    requireNonNull(message, "message");
  }

  static WriteResult ok(int written) {
    return new WriteResult(Optional.empty(), written, "");
  }

  static WriteResult error(Errno errno, String message) {
    return new WriteResult(Optional.of(errno), 0, message);
  }
}
