package org.vfiomc.conformance.scenario;

import static com.google.common.base.Preconditions.checkArgument;

import java.util.List;
import java.util.SplittableRandom;
import org.vfiomc.conformance.function.SyntheticFunction;
import org.vfiomc.conformance.orchestrator.MigrationWorkload;

/**
 * A seeded guest for {@link SyntheticGuestMemory} and {@link SyntheticFunction}s: per simulated
 * millisecond the guest writes {@code pagesPerMs} random pages and every source device ticks {@code
 * ticksPerMs} times; between two arcs every source device ticks once, and every destination device
 * too once the destination VM runs (devices run while vCPUs are paused).
 */
public final class SyntheticWorkload implements MigrationWorkload {
  private static final long NANOS_PER_MS = 1_000_000L;
  private final SyntheticGuestMemory memory;
  private final List<SyntheticFunction> sources;
  private final List<SyntheticFunction> destinations;
  private final SplittableRandom random;
  private final int pagesPerMs;
  private final int ticksPerMs;
  private long carryNanos;
  private boolean destinationRunning;

  public SyntheticWorkload(
      SyntheticGuestMemory memory,
      List<SyntheticFunction> sources,
      List<SyntheticFunction> destinations,
      long seed,
      int pagesPerMs,
      int ticksPerMs) {
    checkArgument(pagesPerMs >= 0 && ticksPerMs >= 0, "rates must be >= 0");
    this.memory = memory;
    this.sources = List.copyOf(sources);
    this.destinations = List.copyOf(destinations);
    this.random = new SplittableRandom(seed);
    this.pagesPerMs = pagesPerMs;
    this.ticksPerMs = ticksPerMs;
  }

  @Override
  public void runGuest(long nanos) {
    carryNanos += nanos;
    while (carryNanos >= NANOS_PER_MS) {
      carryNanos -= NANOS_PER_MS;
      for (int i = 0; i < pagesPerMs; i++) {
        memory.guestWrite(random.nextLong(memory.pageCount()));
      }
      for (int t = 0; t < ticksPerMs; t++) {
        sources.forEach(SyntheticFunction::tick);
      }
    }
  }

  @Override
  public void betweenArcs() {
    sources.forEach(SyntheticFunction::tick);
    if (destinationRunning) {
      destinations.forEach(SyntheticFunction::tick);
    }
  }

  @Override
  public void destinationRunning(boolean running) {
    destinationRunning = running;
  }
}
