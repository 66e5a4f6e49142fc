package org.vfiomc.conformance.scenario;

import static java.util.Objects.requireNonNull;

import java.util.List;
import org.vfiomc.conformance.ledger.Violation;
import org.vfiomc.conformance.orchestrator.MigrationReport;

/**
 * What one {@link VfVm} run did: the packet ledger's verdict and the migration's figures.
 *
 * @param sent frames put on the wire
 * @param delivered frames the guest stack received (first delivery of each)
 * @param dropped frames a device dropped before accepting them, and counted
 * @param lost frames neither delivered nor dropped-and-counted at the end
 * @param corrupted deliveries whose bytes differ from the frame sent, or match no frame at all
 *     (e.g. a stale, zeroed buffer)
 * @param duplicated deliveries of a frame already delivered
 * @param violations every ledger violation, in order of detection
 * @param migration the orchestrator's report
 * @param serviceDowntimeNanos the longest stretch of simulated time, after the migration began, in
 *     which no frame reached the guest stack although frames kept arriving
 * @param dummyWrites dummy writes the guest driver performed
 * @param downtimeArcs SET arcs taken while the vCPUs were stopped (each costs the orchestrator's
 *     arc latency; the rest of the downtime is the final copy on the link)
 * @param series the frames' fates over simulated time
 */
public record VfRunReport(
    long sent,
    long delivered,
    long dropped,
    long lost,
    long corrupted,
    long duplicated,
    List<Violation> violations,
    MigrationReport migration,
    long serviceDowntimeNanos,
    long dummyWrites,
    int downtimeArcs,
    DeliverySeries.Snapshot series) {

  public VfRunReport {
    violations = List.copyOf(violations);
    requireNonNull(migration, "migration");
    requireNonNull(series, "series");
  }

  /** No frame lost, duplicated or corrupted, and the drop counters agree with the ledger. */
  public boolean clean() {
    return violations.isEmpty();
  }
}
