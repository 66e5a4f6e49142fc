package org.vfiomc.conformance.scenario;

import static com.google.common.base.Preconditions.checkArgument;
import static java.util.Objects.requireNonNull;

import java.util.List;
import org.vfiomc.conformance.ledger.Violation;
import org.vfiomc.conformance.orchestrator.MigrationReport;

/**
 * What one {@link VfVm} run did: the packet ledger's classes and the migration's figures.
 *
 * @param ledger what became of every frame the source sent
 * @param violations every ledger violation, in order of detection
 * @param migration the orchestrator's report
 * @param serviceDowntimeNanos the longest stretch of simulated time, after the migration began, in
 *     which no frame reached the guest stack although frames kept arriving
 * @param dummyWrites dummy writes the guest driver performed
 * @param downtimeArcs SET arcs taken while the vCPUs were stopped (each costs the orchestrator's
 *     arc latency; the rest of the downtime is the final copy on the link)
 * @param announces announces the switch received from the destination
 * @param series the frames' fates over simulated time
 * @param rxStalled the run ended with the guest's Rx ring stalled: a frame written back, NAPI not
 *     scheduled and no interrupt coming (a lost or never re-armed interrupt); its frames are also
 *     {@code lostAfterAcceptance}
 */
public record VfRunReport(
    Ledger ledger,
    List<Violation> violations,
    MigrationReport migration,
    long serviceDowntimeNanos,
    long dummyWrites,
    int downtimeArcs,
    long announces,
    DeliverySeries.Snapshot series,
    boolean rxStalled) {

  /**
   * The ledger's classes. Every frame sent is in exactly one of delivered, droppedByDevice,
   * lostOnWire, droppedByDriver and lostAfterAcceptance; corrupted and duplicated count deliveries
   * that went wrong. The first four are what real hardware does too; the last three are always a
   * bug.
   *
   * @param sent frames the traffic source put on the wire
   * @param delivered frames the guest stack received (first delivery of each)
   * @param droppedByDevice frames a running VF dropped before accepting them and counted (full
   *     packet buffer, no free descriptor with DROP_EN, disabled queue, filter, size, DMA fault)
   * @param lostOnWire frames that reached a stopped VF (the source from the device stop on, until
   *     the switch relearns the destination's port; a destination not yet running): dropped at the
   *     stopped port, counted by its PF ({@code DropReason.VF_STOPPED}), expected during the
   *     downtime
   * @param droppedByDriver frames that arrived broken (a CRC error, with the PF storing bad
   *     packets) and that the guest driver freed for the CE bit of their write-back (ixgbevf's
   *     {@code ixgbevf_cleanup_headers}); the ledger learns which frame from the driver's free
   *     ({@code RxStack.droppedByDriver}). Never accepted as good, so never a loss
   * @param lostAfterAcceptance frames a device accepted that the guest never received: always a bug
   * @param corrupted deliveries whose bytes differ from the frame sent, or match no frame at all
   *     (e.g. a stale, zeroed buffer): always a bug
   * @param duplicated deliveries of a frame already delivered, or of one already counted dropped:
   *     always a bug
   */
  public record Ledger(
      long sent,
      long delivered,
      long droppedByDevice,
      long lostOnWire,
      long droppedByDriver,
      long lostAfterAcceptance,
      long corrupted,
      long duplicated) {
    public Ledger {
      checkArgument(
          sent >= 0
              && delivered >= 0
              && droppedByDevice >= 0
              && lostOnWire >= 0
              && droppedByDriver >= 0
              && lostAfterAcceptance >= 0
              && corrupted >= 0
              && duplicated >= 0,
          "negative ledger class");
    }

    /** The three classes that are always a bug. */
    public long bugs() {
      return lostAfterAcceptance + corrupted + duplicated;
    }
  }

  public VfRunReport {
    requireNonNull(ledger, "ledger");
    violations = List.copyOf(violations);
    requireNonNull(migration, "migration");
    requireNonNull(series, "series");
  }

  /**
   * No frame lost after acceptance, corrupted or duplicated (drops of every kind are what hardware
   * does and are not a failure), and the migration completed: {@code simulate}'s exit 0.
   */
  public boolean clean() {
    return ledger.bugs() == 0 && migration.outcome() == MigrationReport.Outcome.COMPLETED;
  }
}
