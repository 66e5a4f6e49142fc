package org.vfiomc.conformance.scenario;

import static com.google.common.base.Preconditions.checkArgument;
import static java.util.Objects.requireNonNull;

/**
 * The learning Ethernet switch between the traffic source and the two hosts of a migration: it
 * forwards a frame for the VM's MAC to the port where it last learned that MAC (IEEE 802.1Q
 * filtering database: the source address of a received frame updates the entry for its port), so
 * during and after the switchover it keeps sending to the source host until a frame from the VM
 * (the announce) arrives on the destination's port and the new entry takes effect.
 *
 * <p>Whatever reaches a host whose VF is stopped is dropped there (the 82599 drops a frame for a
 * disabled queue; the stopped VF drops it as {@code DropReason.VF_STOPPED}): the loss a real
 * migration has on the wire. The switch itself is lossless.
 *
 * <p>Single-threaded, in simulated time; device state (the filtering-database entry) changes only
 * through {@link #announce} and the passing of time.
 */
public final class EthernetSwitch {
  /** The switch port a host hangs off. */
  public enum Port {
    /** The host the VM migrates from. */
    SOURCE,
    /** The host the VM migrates to. */
    DESTINATION
  }

  /**
   * Timing of the announce and of the relearn.
   *
   * @param announceDelayNanos from the destination VM running to the announce frame leaving it
   * @param relearnNanos from the announce frame leaving the destination to the switch forwarding
   *     the VM's MAC to the destination's port (wire time of the frame plus the switch's learning)
   */
  public record Timing(long announceDelayNanos, long relearnNanos) {
    public Timing {
      checkArgument(announceDelayNanos >= 0, "announce delay %s ns < 0", announceDelayNanos);
      checkArgument(relearnNanos >= 0, "relearn time %s ns < 0", relearnNanos);
    }

    /**
     * {@link #QEMU_FIRST_ANNOUNCE_NANOS} and {@link #ASIC_RELEARN_NANOS}: QEMU's first
     * self-announce round and a hardware-learning top-of-rack switch.
     */
    public static Timing defaults() {
      return new Timing(QEMU_FIRST_ANNOUNCE_NANOS, ASIC_RELEARN_NANOS);
    }
  }

  /**
   * QEMU sends the first self-announce round as soon as the incoming migration completes: {@code
   * process_incoming_migration_bh} ({@code migration/migration.c}) calls {@code qemu_announce_self}
   * ({@code net/announce.c}), which sends one round at once ({@code qemu_announce_self_once}) and
   * arms a timer for the rest; the later rounds follow after {@code announce-initial} (50 ms), then
   * each {@code announce-step} (100 ms) more, at most {@code announce-max} (550 ms), {@code
   * announce-rounds} (5) in all ({@code qapi/net.json}, {@code migration/options.c} defaults). Only
   * the first round matters for a switch that learns from it, hence 0. QEMU's announce goes out
   * through the NICs QEMU emulates ({@code qemu_foreach_nic}); for a passed-through VF it is the
   * guest's own gratuitous ARP or a failover standby's announce that does this job, at about the
   * same moment (the guest runs from then on).
   */
  public static final long QEMU_FIRST_ANNOUNCE_NANOS = 0L;

  /**
   * A switch that learns in its forwarding pipeline (any hardware 10 GbE top-of-rack switch) moves
   * the entry when the announce frame passes: its time on the wire (a 64-byte frame plus 20 bytes
   * of preamble and gap is 67.2 ns at 10 Gbit/s, {@code ../shared/reference/82599-vf.md} §8) and
   * one store-and-forward hop, rounded up to the simulation's 1 µs tick. Assumption: a switch that
   * learns in software, or rate-limits MAC moves, takes longer; pass a larger value then.
   */
  public static final long ASIC_RELEARN_NANOS = 1_000L;

  private final Timing timing;
  private Port learned;
  private Port pending;
  private long pendingAtNanos = -1;
  private long announces;

  /** A switch that has learned the VM's MAC on {@code initial}. */
  public EthernetSwitch(Port initial, Timing timing) {
    this.learned = requireNonNull(initial, "initial");
    this.timing = requireNonNull(timing, "timing");
  }

  /** The timing this switch was built with. */
  public Timing timing() {
    return timing;
  }

  /**
   * The VM announces itself from {@code port}; the announce leaves the host {@code
   * announceDelayNanos} after {@code nowNanos}, and the switch forwards to {@code port} from {@code
   * relearnNanos} after that. A later announce from the same port does not delay the move.
   */
  public void announce(Port port, long nowNanos) {
    requireNonNull(port, "port");
    announces++;
    if (pending == port || (pending == null && learned == port)) {
      return;
    }
    pending = port;
    pendingAtNanos = nowNanos + timing.announceDelayNanos() + timing.relearnNanos();
  }

  /** The port a frame for the VM's MAC leaves on at {@code nowNanos}. */
  public Port egress(long nowNanos) {
    if (pending != null && nowNanos >= pendingAtNanos) {
      learned = pending;
      pending = null;
      pendingAtNanos = -1;
    }
    return learned;
  }

  /** Announces received so far. */
  public long announces() {
    return announces;
  }

  /** When the pending move takes effect, or -1 if none is pending. */
  public long relearnAtNanos() {
    return pendingAtNanos;
  }

  @Override
  public String toString() {
    return "EthernetSwitch[learned="
        + learned
        + ", pending="
        + pending
        + "@"
        + pendingAtNanos
        + "]";
  }
}
