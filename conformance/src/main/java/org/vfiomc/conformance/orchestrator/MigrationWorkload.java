package org.vfiomc.conformance.orchestrator;

/** What keeps running while the orchestrator works: the guest and the devices. */
public interface MigrationWorkload {
  /** The source guest (vCPUs and devices) runs for {@code nanos} of simulated time. */
  void runGuest(long nanos);

  /**
   * Devices run between two arcs (vCPUs may be paused): each device does what its state allows;
   * this is where P2P traffic meets devices that are already stopped.
   */
  void betweenArcs();

  /**
   * Pre-copy has ended and the vCPUs are about to stop: a cooperative guest (the RFC's GUEST_DRAIN
   * stop) quiesces its device here while it still runs. QEMU tells the guest nothing, so the
   * default does nothing.
   */
  default void beforeVcpuStop() {}

  /**
   * The destination VM starts (true) or is abandoned (false). Before it starts, no guest driver
   * runs there, so destination devices are idle even in RUNNING.
   */
  default void destinationRunning(boolean running) {}

  /**
   * The migration completed and the destination runs: announce the VM on the network, as QEMU does
   * after an incoming migration ({@code qemu_announce_self}, {@code net/announce.c}, called from
   * {@code process_incoming_migration_bh} in {@code migration/migration.c}), so that switches
   * relearn the VM's MAC on the destination's port. The default (no network) does nothing.
   */
  default void announce() {}
}
