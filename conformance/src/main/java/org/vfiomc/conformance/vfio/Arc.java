package org.vfiomc.conformance.vfio;

import static com.google.common.base.Preconditions.checkArgument;
import static java.util.Objects.requireNonNull;

import java.util.Optional;

/**
 * One direct arc {@code from -> to} of the migration FSM, with the session effect the uAPI gives
 * it.
 *
 * <p>Arcs that start a session (and return a new data fd): STOP→STOP_COPY, RUNNING→PRE_COPY,
 * RUNNING_P2P→PRE_COPY_P2P (saving) and STOP→RESUMING (resuming). Arcs that end one:
 * STOP_COPY→STOP, PRE_COPY→RUNNING, PRE_COPY_P2P→RUNNING_P2P (saving) and RESUMING→STOP (resuming,
 * which also loads and validates the data). Arcs inside the saving group keep the session.
 */
public record Arc(MigrationState from, MigrationState to) {

  /** The kind of data session carried over a data fd. */
  public enum SessionKind {
    SAVING,
    RESUMING
  }

  public Arc {
    requireNonNull(from, "from");
    requireNonNull(to, "to");
    checkArgument(from != to, "an arc joins two different states, got %s twice", from);
  }

  public static Arc of(MigrationState from, MigrationState to) {
    return new Arc(from, to);
  }

  /** The session this arc starts, if any (its SET then returns a new data fd). */
  public Optional<SessionKind> startsSession() {
    if ((from == MigrationState.STOP && to == MigrationState.STOP_COPY)
        || (from == MigrationState.RUNNING && to == MigrationState.PRE_COPY)
        || (from == MigrationState.RUNNING_P2P && to == MigrationState.PRE_COPY_P2P)) {
      return Optional.of(SessionKind.SAVING);
    }
    if (from == MigrationState.STOP && to == MigrationState.RESUMING) {
      return Optional.of(SessionKind.RESUMING);
    }
    return Optional.empty();
  }

  /** The session this arc ends, if any. */
  public Optional<SessionKind> endsSession() {
    if ((from == MigrationState.STOP_COPY && to == MigrationState.STOP)
        || (from == MigrationState.PRE_COPY && to == MigrationState.RUNNING)
        || (from == MigrationState.PRE_COPY_P2P && to == MigrationState.RUNNING_P2P)) {
      return Optional.of(SessionKind.SAVING);
    }
    if (from == MigrationState.RESUMING && to == MigrationState.STOP) {
      return Optional.of(SessionKind.RESUMING);
    }
    return Optional.empty();
  }

  @Override
  public String toString() {
    return from + "->" + to;
  }
}
