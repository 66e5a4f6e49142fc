package org.vfiomc.conformance.scenario;

import static com.google.common.base.Preconditions.checkArgument;

import java.util.ArrayList;
import java.util.List;
import org.vfiomc.conformance.function.SyntheticFunction;
import org.vfiomc.conformance.orchestrator.DevicePair;
import org.vfiomc.conformance.orchestrator.ManualClock;
import org.vfiomc.conformance.orchestrator.MigrationOrchestrator;
import org.vfiomc.conformance.orchestrator.MigrationReport;
import org.vfiomc.conformance.orchestrator.OrchestratorOptions;
import org.vfiomc.conformance.orchestrator.ProtocolDefect;
import org.vfiomc.conformance.orchestrator.ProtocolHooks;
import org.vfiomc.conformance.orchestrator.ProtocolObserver;
import org.vfiomc.conformance.vfio.MigrationFeatures;
import org.vfiomc.conformance.vfio.VfioMigrationDevice;

/**
 * A VM of {@link SyntheticFunction} devices (each sends P2P writes to the next one, in a ring) with
 * {@link SyntheticGuestMemory}, plus its destination: several devices with P2P traffic between
 * them, which the single 82599 VF of {@link VfVm} cannot show, for the multi-device stop ordering
 * ({@code simulate --synthetic N}) and the orchestrator's tests.
 */
public final class SyntheticVm {
  /** 4 KiB pages. */
  public static final int PAGE_SIZE = 4096;

  private final List<DevicePair> pairs = new ArrayList<>();
  private final List<SyntheticFunction> sources = new ArrayList<>();
  private final List<SyntheticFunction> destinations = new ArrayList<>();
  private final SyntheticGuestMemory memory;
  private final SyntheticWorkload workload;
  private final ManualClock clock = new ManualClock();

  /** P2P accounting of one side: every issued write is received, in flight, or counted dropped. */
  public record P2pAccount(long issued, long received, long inFlight, long dropped) {
    /** Whether the numbers add up, i.e. no write vanished without being counted. */
    public boolean conserved() {
      return issued == received + inFlight + dropped;
    }
  }

  public SyntheticVm(
      int devices,
      List<MigrationFeatures> features,
      int pages,
      int scratchBytes,
      long seed,
      int pagesPerMs,
      int ticksPerMs) {
    checkArgument(devices >= 1, "at least one device");
    checkArgument(features.size() == devices, "one feature set per device");
    for (int i = 0; i < devices; i++) {
      SyntheticFunction s = new SyntheticFunction(scratchBytes);
      SyntheticFunction d = new SyntheticFunction(scratchBytes);
      sources.add(s);
      destinations.add(d);
      String name = "dev" + i;
      pairs.add(
          new DevicePair(
              name,
              new VfioMigrationDevice(name + "-src", s, features.get(i)),
              new VfioMigrationDevice(name + "-dst", d, features.get(i))));
    }
    if (devices > 1) {
      for (int i = 0; i < devices; i++) {
        sources.get(i).setPeer(sources.get((i + 1) % devices));
        destinations.get(i).setPeer(destinations.get((i + 1) % devices));
      }
    }
    memory = new SyntheticGuestMemory(pages, PAGE_SIZE);
    workload = new SyntheticWorkload(memory, sources, destinations, seed, pagesPerMs, ticksPerMs);
  }

  public List<DevicePair> pairs() {
    return List.copyOf(pairs);
  }

  public List<SyntheticFunction> sources() {
    return List.copyOf(sources);
  }

  public List<SyntheticFunction> destinations() {
    return List.copyOf(destinations);
  }

  public SyntheticGuestMemory memory() {
    return memory;
  }

  public SyntheticWorkload workload() {
    return workload;
  }

  public ManualClock clock() {
    return clock;
  }

  /** Lets the guest run before the migration (so the devices have state and traffic). */
  public void warmUp(long nanos) {
    clock.advance(nanos);
    workload.runGuest(nanos);
  }

  public MigrationReport migrate(OrchestratorOptions options) {
    return new MigrationOrchestrator(pairs, memory, workload, clock, options).migrate();
  }

  /** Migrates with an orchestrator that has these bugs. */
  public MigrationReport migrate(
      OrchestratorOptions options, java.util.Set<ProtocolDefect> defects) {
    return migrate(options, new ProtocolHooks(ProtocolObserver.NONE, defects));
  }

  /** Migrates with these hooks (an observer, defects). */
  public MigrationReport migrate(OrchestratorOptions options, ProtocolHooks hooks) {
    return new MigrationOrchestrator(pairs, memory, workload, clock, options, hooks).migrate();
  }

  /**
   * P2P accounting of the side that holds the VM's device state now: the destination after a
   * completed migration (writes dropped on either side count), else the source.
   */
  public P2pAccount p2pAccount(boolean destinationIsLive) {
    List<SyntheticFunction> live = destinationIsLive ? destinations : sources;
    long issued = 0;
    long received = 0;
    long inFlight = 0;
    long dropped = 0;
    for (int i = 0; i < live.size(); i++) {
      issued += live.get(i).p2pIssued();
      received += live.get(i).p2pReceived();
      inFlight += live.get(i).p2pInFlight();
      dropped += sources.get(i).p2pDroppedHere();
      if (destinationIsLive) {
        dropped += destinations.get(i).p2pDroppedHere();
      }
    }
    return new P2pAccount(issued, received, inFlight, dropped);
  }
}
