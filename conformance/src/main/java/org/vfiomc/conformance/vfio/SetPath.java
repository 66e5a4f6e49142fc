package org.vfiomc.conformance.vfio;

import static com.google.common.base.Preconditions.checkArgument;
import static java.util.Objects.requireNonNull;

import com.google.common.collect.ImmutableList;
import java.util.List;

/**
 * How a device resolves {@code SET from -> to}: the states it walks (both ends included, just
 * {@code [from]} for a no-op) and whether the SET returns a new data fd; or that the request is
 * invalid ({@code -EINVAL}), with the reason and an empty path.
 */
public record SetPath(
    MigrationState from,
    MigrationState to,
    MigrationFeatures features,
    boolean valid,
    List<MigrationState> states,
    boolean newDataFd,
    String reason) {

  public SetPath {
    requireNonNull(from, "from");
    requireNonNull(to, "to");
    requireNonNull(features, "features");
    states = List.copyOf(states);
    requireNonNull(reason, "reason");
    checkArgument(valid == !states.isEmpty(), "a valid path has states, an invalid one none");
    checkArgument(valid || !newDataFd, "an invalid request returns no data fd");
  }

  static SetPath valid(
      MigrationState from,
      MigrationState to,
      MigrationFeatures features,
      List<MigrationState> states,
      boolean newDataFd) {
    return new SetPath(from, to, features, true, states, newDataFd, "");
  }

  static SetPath invalid(
      MigrationState from, MigrationState to, MigrationFeatures features, String reason) {
    return new SetPath(from, to, features, false, List.of(), false, reason);
  }

  /** The arcs walked, in order (empty for a no-op or an invalid request). */
  public ImmutableList<Arc> arcs() {
    ImmutableList.Builder<Arc> b = ImmutableList.builder();
    for (int i = 1; i < states.size(); i++) {
      b.add(Arc.of(states.get(i - 1), states.get(i)));
    }
    return b.build();
  }
}
