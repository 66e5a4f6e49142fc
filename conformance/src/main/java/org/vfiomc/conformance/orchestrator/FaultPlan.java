package org.vfiomc.conformance.orchestrator;

import static com.google.common.base.Preconditions.checkArgument;
import static java.util.Objects.requireNonNull;

import org.vfiomc.conformance.vfio.ArcFault;

/**
 * Fail the {@code arcIndex}-th arc (0-based, counted over every arc any device of the migration
 * attempts, source and destination) with {@code fault}; fires at most once.
 */
public record FaultPlan(int arcIndex, ArcFault fault) {
  public FaultPlan {
    checkArgument(arcIndex >= 0, "arc index %s must be >= 0", arcIndex);
    requireNonNull(fault, "fault");
  }
}
