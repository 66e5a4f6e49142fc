package org.vfiomc.conformance.scenario;

import static java.util.Objects.requireNonNull;

import java.util.Optional;
import org.vfiomc.conformance.guest.DirtyTracking;
import org.vfiomc.conformance.orchestrator.HostModel;
import org.vfiomc.conformance.orchestrator.P2pOrdering;

/**
 * The strategies of {@code specs/RxDma/RxDma.tla} for migrating an 82599 VF under Rx traffic, plus
 * the multi-device P2P ordering the orchestrator uses. The dirty tracking fixes the host model
 * ({@link #host()}): IOMMU tracking is QEMU 10.x's, the guest-side strategies belong to the 2015
 * RFC host.
 *
 * @param tracking how pages the device writes are found (RxDma's {@code Tracking})
 * @param restore how the destination's Rx ring is restored (RxDma's {@code Restore})
 * @param stopMode how the source is stopped (RxDma's {@code StopMode})
 * @param ordering the orchestrator's device stop/start ordering
 */
public record RxStrategy(
    Tracking tracking, RingRestore restore, StopMode stopMode, P2pOrdering ordering) {

  public RxStrategy {
    requireNonNull(tracking, "tracking");
    requireNonNull(restore, "restore");
    requireNonNull(stopMode, "stopMode");
    requireNonNull(ordering, "ordering");
  }

  /**
   * The one mapping of {@code RxDma.tla}'s strategy strings onto these enums: every constant of
   * {@link Tracking}, {@link RingRestore}, {@link StopMode} and {@link FinalCopy} is named exactly
   * as the spec's string value of {@code Tracking}, {@code Restore}, {@code StopMode} and {@code
   * FinalCopy}. Empty for a string the spec does not define.
   */
  public static <E extends Enum<E>> Optional<E> ofSpec(Class<E> type, String specValue) {
    for (E e : type.getEnumConstants()) {
      if (e.name().equals(specValue)) {
        return Optional.of(e);
      }
    }
    return Optional.empty();
  }

  /**
   * Dirty tracking of device writes ({@code RxDma.tla}'s {@code Tracking}). {@link #cli()} is the
   * name {@code simulate --strategy dirty-tracking=...} takes, empty for a strategy that only the
   * replay binding implements.
   */
  public enum Tracking {
    /** (a) IOMMU / device DMA dirty log, read and cleared at every sync. Correct. */
    IOMMU("iommu-log", DirtyTracking.NONE, true),
    /** (b) guest dummy writes after the descriptor check. Correct only with GUEST_DRAIN. */
    DUMMY_AFTER("dummy-after-check", DirtyTracking.DUMMY_WRITE_AFTER_CHECK, false),
    /** (c) guest dummy writes before the descriptor check (the RFC's order). Broken. */
    DUMMY_BEFORE("dummy-before-check", DirtyTracking.DUMMY_WRITE_BEFORE_CHECK, false),
    /** (d) nothing tracks device writes. Broken. */
    NONE("none", DirtyTracking.NONE, false),
    /**
     * (e) the generic DMA unmap / sync-for-CPU path writes the buffer where (b)'s dummy write is
     * (Tsirkin). Replay only: the simulated guest driver has no such path.
     */
    UNMAP(null, DirtyTracking.DUMMY_WRITE_AFTER_CHECK, false);

    private final String cli;
    private final DirtyTracking guest;
    private final boolean deviceLog;

    Tracking(String cli, DirtyTracking guest, boolean deviceLog) {
      this.cli = cli;
      this.guest = guest;
      this.deviceLog = deviceLog;
    }

    /** What the guest driver does. */
    public DirtyTracking guest() {
      return guest;
    }

    /** Whether the host reads the device's DMA dirty log. */
    public boolean deviceLog() {
      return deviceLog;
    }

    /**
     * The host this strategy runs on: {@link #IOMMU} is QEMU 10.x's own tracking; every other
     * strategy models a host that ignores device DMA, which QEMU 10.x never is (it reads a device
     * or IOMMU log, or marks all guest RAM dirty), so it needs the 2015 RFC host.
     */
    public HostModel host() {
      return deviceLog ? HostModel.QEMU_10 : HostModel.RFC_2015;
    }

    /** The {@code simulate} name, empty if the simulated VM does not implement it. */
    public Optional<String> cli() {
      return Optional.ofNullable(cli);
    }
  }

  /**
   * Ring restore at the destination, whose RDH a driver cannot write while the queue runs ({@code
   * RxDma.tla}'s {@code Restore}); {@link #cli()} as for {@link Tracking}.
   */
  public enum RingRestore {
    /** (1) rotate so the saved head becomes index 0 (the RFC). Correct. */
    SHIFT("shift"),
    /** (2) clean the old ring with the queue disabled, then re-initialise it (Duyck). Correct. */
    REINIT("reinit"),
    /** (3) RDH forced to 0 without shifting. Broken. */
    HEAD_ZERO("head-reset"),
    /** (4) Duyck's drop-the-ring: frames not handed to the stack are discarded. Replay only. */
    DROP_RING(null),
    /** (5) the VMM writes the saved head while the queue is disabled. Replay only. */
    RESTORE_HEAD(null);

    private final String cli;

    RingRestore(String cli) {
      this.cli = cli;
    }

    /** The {@code simulate} name, empty if the simulated VM does not implement it. */
    public Optional<String> cli() {
      return Optional.ofNullable(cli);
    }
  }

  /** How the source is stopped ({@code RxDma.tla}'s {@code StopMode}); {@link #cli()} as above. */
  public enum StopMode {
    /** vCPUs paused, then the device stopped; the guest is not told (how QEMU does it). */
    QEMU("qemu"),
    /**
     * As QEMU, but the driver is notified at the destination and restores the ring itself. Replay
     * only.
     */
    QEMU_NOTIFY(null),
    /** The guest disables Rx and cleans its ring, then the vCPUs pause (the RFC's stop). */
    GUEST_DRAIN("guest-drain");

    private final String cli;

    StopMode(String cli) {
      this.cli = cli;
    }

    /** The {@code simulate} name, empty if the simulated VM does not implement it. */
    public Optional<String> cli() {
      return Optional.ofNullable(cli);
    }
  }

  /**
   * The host's final copy at STOP_COPY ({@code RxDma.tla}'s {@code FinalCopy}, default DIRTY);
   * replay only, the simulated VM copies the dirty pages.
   */
  public enum FinalCopy {
    /** The pages dirty since the last sync. */
    DIRTY,
    /** Duyck's ordered final copy: the ring page first, then every mapped Rx buffer. */
    ORDERED
  }

  /** The host model these strategies need ({@link Tracking#host()}). */
  public HostModel host() {
    return tracking.host();
  }

  /** Whether the simulated VM ({@code VfVm}) implements all three of these strategies. */
  public boolean simulated() {
    return tracking.cli().isPresent() && restore.cli().isPresent() && stopMode.cli().isPresent();
  }

  /** IOMMU tracking, shift restore, QEMU stop, QEMU's prepare-then-main ordering. */
  public static RxStrategy defaults() {
    return new RxStrategy(
        Tracking.IOMMU, RingRestore.SHIFT, StopMode.QEMU, P2pOrdering.PREPARE_THEN_MAIN);
  }

  /**
   * Whether {@code specs/RxDma/RxDma.tla} says no frame is lost, duplicated or corrupted: tracking
   * (a) with restore (1) or (2) under either stop, or (b) with (1) or (2) under GUEST_DRAIN.
   */
  public boolean correct() {
    if (restore == RingRestore.HEAD_ZERO) {
      return false;
    }
    return tracking == Tracking.IOMMU
        || (tracking == Tracking.DUMMY_AFTER && stopMode == StopMode.GUEST_DRAIN);
  }

  public RxStrategy withTracking(Tracking t) {
    return new RxStrategy(t, restore, stopMode, ordering);
  }

  public RxStrategy withRestore(RingRestore r) {
    return new RxStrategy(tracking, r, stopMode, ordering);
  }

  public RxStrategy withStopMode(StopMode m) {
    return new RxStrategy(tracking, restore, m, ordering);
  }

  public RxStrategy withOrdering(P2pOrdering o) {
    return new RxStrategy(tracking, restore, stopMode, o);
  }
}
