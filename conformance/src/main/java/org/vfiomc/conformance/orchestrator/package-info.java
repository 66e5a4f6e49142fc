/**
 * A QEMU-like migration orchestrator in simulated time, the 82599 VF VM it migrates under Rx
 * traffic with the strategies of {@code specs/RxDma.tla}, and synthetic stand-ins for multi-device
 * P2P ordering studies.
 *
 * <h2>Key types</h2>
 *
 * <ul>
 *   <li>{@link org.vfiomc.conformance.orchestrator.MigrationOrchestrator}: refusal (incompatible
 *       target; QEMU's multi-device blocker when a device lacks P2P), setup, pre-copy rounds with
 *       convergence on estimates, switchover in a {@link
 *       org.vfiomc.conformance.orchestrator.P2pOrdering}, stop-copy, destination start, source
 *       cleanup; recovery after a failed arc ({@link
 *       org.vfiomc.conformance.orchestrator.FaultPlan}) or a cancel. Returns a {@link
 *       org.vfiomc.conformance.orchestrator.MigrationReport}.
 *   <li>{@link org.vfiomc.conformance.orchestrator.GuestMemoryMigration} (dirty tracking and page
 *       copy) and {@link org.vfiomc.conformance.orchestrator.MigrationWorkload} (what runs while
 *       the orchestrator works): the plug-in points for the VF's guest memory and traffic.
 *   <li>{@link org.vfiomc.conformance.scenario.VfVm}: one {@code Vf82599} per host behind a {@code
 *       VfioMigrationDevice}, the ixgbevf model and a packet ledger; memory migrated by {@link
 *       org.vfiomc.conformance.scenario.VfGuestMemoryMigration} (KVM's CPU log, plus the IOMMU /
 *       device DMA log when tracking is IOMMU); {@link org.vfiomc.conformance.scenario.RxStrategy}
 *       selects tracking, ring restore, stop mode and P2P order; {@link
 *       org.vfiomc.conformance.scenario.VfRunReport} is the verdict.
 *   <li>{@link org.vfiomc.conformance.orchestrator.ProtocolHooks}: off by default; a {@link
 *       org.vfiomc.conformance.orchestrator.ProtocolObserver} told of every arc, reset, data-fd
 *       read and write, end of stream, abort and recovery (the run recorder of {@code
 *       conformance.record} is one), and injected {@link
 *       org.vfiomc.conformance.orchestrator.ProtocolDefect}s named after VfioMigration's Defects.
 *   <li>{@link org.vfiomc.conformance.orchestrator.QemuSteps}: QEMU's per-device decisions (end of
 *       the stop-copy loop, source recovery) for drivers that step a migration themselves (the
 *       VfioMigration replay binding), with the same {@code ProtocolDefect}s breaking them.
 *   <li>{@link org.vfiomc.conformance.orchestrator.ManualClock}: simulated nanoseconds; transfers
 *       cost bytes / bandwidth, arcs a fixed latency; downtime is measured on this clock.
 *   <li>{@link org.vfiomc.conformance.function.SyntheticFunction}, {@link
 *       org.vfiomc.conformance.scenario.SyntheticGuestMemory}, {@link
 *       org.vfiomc.conformance.scenario.SyntheticWorkload}, {@link
 *       org.vfiomc.conformance.scenario.SyntheticVm}: the stand-ins (counters, a scratch area, P2P
 *       writes in a ring of devices; page versions).
 * </ul>
 *
 * <h2>Invariants the tests check</h2>
 *
 * After a completed migration the sources are in STOP, the destinations in RUNNING, every
 * destination page equals its source page and each destination loaded exactly the state its source
 * had when it entered STOP_COPY. After a failure or cancel every source is in RUNNING; a source
 * that had to be reset (ERROR) is reported. Under QEMU ordering no device that may start P2P
 * (RUNNING, PRE_COPY) coexists with a stopped one (STOP, STOP_COPY, RESUMING) on either side, and
 * no P2P write is lost; every write is received, in flight or counted as dropped.
 */
package org.vfiomc.conformance.orchestrator;
