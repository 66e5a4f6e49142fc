package org.vfiomc.conformance.scenario;

import static java.util.Objects.requireNonNull;

import org.vfiomc.conformance.guest.DirtyTracking;
import org.vfiomc.conformance.orchestrator.P2pOrdering;

/**
 * The strategies of {@code specs/RxDma/RxDma.tla} for migrating an 82599 VF under Rx traffic, plus
 * the multi-device P2P ordering the orchestrator uses.
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

  /** Dirty tracking of device writes. */
  public enum Tracking {
    /** (a) IOMMU / device DMA dirty log, read and cleared at every sync. Correct. */
    IOMMU(DirtyTracking.NONE, true),
    /** (b) guest dummy writes after the descriptor check. Correct only with GUEST_DRAIN. */
    DUMMY_AFTER(DirtyTracking.DUMMY_WRITE_AFTER_CHECK, false),
    /** (c) guest dummy writes before the descriptor check (the RFC's order). Broken. */
    DUMMY_BEFORE(DirtyTracking.DUMMY_WRITE_BEFORE_CHECK, false),
    /** (d) nothing tracks device writes. Broken. */
    NONE(DirtyTracking.NONE, false);

    private final DirtyTracking guest;
    private final boolean deviceLog;

    Tracking(DirtyTracking guest, boolean deviceLog) {
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
  }

  /** Ring restore at the destination, whose RDH a driver cannot write while the queue runs. */
  public enum RingRestore {
    /** (1) rotate so the saved head becomes index 0 (the RFC). Correct. */
    SHIFT,
    /** (2) clean the old ring with the queue disabled, then re-initialise it (Duyck). Correct. */
    REINIT,
    /** (3) RDH forced to 0 without shifting. Broken. */
    HEAD_ZERO
  }

  /** How the source is stopped. */
  public enum StopMode {
    /** vCPUs paused, then the device stopped; the guest is not told (how QEMU does it). */
    QEMU,
    /** The guest disables Rx and cleans its ring, then the vCPUs pause (the RFC's stop). */
    GUEST_DRAIN
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
        || tracking == Tracking.DUMMY_AFTER && stopMode == StopMode.GUEST_DRAIN;
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
