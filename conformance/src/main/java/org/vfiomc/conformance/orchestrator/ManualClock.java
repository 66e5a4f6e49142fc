package org.vfiomc.conformance.orchestrator;

import static com.google.common.base.Preconditions.checkArgument;

/** Simulated time in nanoseconds; only {@link #advance} moves it (no wall clock anywhere). */
public final class ManualClock {
  private long nanos;

  public long nanos() {
    return nanos;
  }

  public void advance(long delta) {
    checkArgument(delta >= 0, "time cannot go back (%s ns)", delta);
    nanos = Math.addExact(nanos, delta);
  }
}
