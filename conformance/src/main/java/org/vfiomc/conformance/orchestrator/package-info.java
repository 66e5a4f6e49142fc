/**
 * A QEMU-like migration orchestrator in simulated time: it drives the {@code vfio} migration
 * devices of a VM from a source to a destination host, migrates guest memory alongside, and reports
 * what happened. It knows devices only as {@code VfioMigrationDevice}s and memory and guest work
 * only through its two plug-in interfaces; the VMs it runs on are in {@code scenario}.
 *
 * <h2>Key types</h2>
 *
 * <ul>
 *   <li>{@link org.vfiomc.conformance.orchestrator.MigrationOrchestrator}: QEMU itself; refusal
 *       (QEMU's multi-device blocker when a device lacks P2P; no compatibility check), setup
 *       pre-copy iterations with QEMU's switchover rule (estimate, exact pass, measured bandwidth x
 *       downtime limit, switchover-ack), switchover in a {@link
 *       org.vfiomc.conformance.orchestrator.P2pOrdering}, stop-copy, destination start, source
 *       cleanup; recovery after a failed arc ({@link
 *       org.vfiomc.conformance.orchestrator.FaultPlan}) or a cancel. Configured by {@link
 *       org.vfiomc.conformance.orchestrator.OrchestratorOptions}, over {@link
 *       org.vfiomc.conformance.orchestrator.DevicePair}s; returns a {@link
 *       org.vfiomc.conformance.orchestrator.MigrationReport}.
 *   <li>{@link org.vfiomc.conformance.orchestrator.MigrationManagement}: the management layer above
 *       QEMU, whose compatibility pre-check ({@code specs/VfioCompat}'s instance check) refuses an
 *       incompatible pair before QEMU is asked; without it an incompatible stream is a rejected
 *       load at the destination.
 *   <li>{@link org.vfiomc.conformance.orchestrator.HostModel} (in the options): QEMU 10.x or the
 *       2015 RFC host, which decides the {@link org.vfiomc.conformance.orchestrator.DmaTracking} of
 *       device DMA from the hardware's {@link org.vfiomc.conformance.orchestrator.DmaDirtySupport}.
 *   <li>{@link org.vfiomc.conformance.orchestrator.GuestMemoryMigration} (dirty tracking and page
 *       copy) and {@link org.vfiomc.conformance.orchestrator.MigrationWorkload} (what runs while
 *       the orchestrator works): the plug-in points a VM implements.
 *   <li>{@link org.vfiomc.conformance.orchestrator.ProtocolHooks}: off by default; a {@link
 *       org.vfiomc.conformance.orchestrator.ProtocolObserver} told of every arc, reset, data-fd
 *       read and write, end of stream, abort and recovery (the run recorder of {@code
 *       conformance.record} is one, with {@link org.vfiomc.conformance.orchestrator.SectionFramer}
 *       splitting the stream into sections), injected {@link
 *       org.vfiomc.conformance.orchestrator.ProtocolDefect}s named after VfioMigration's Defects,
 *       and a {@link org.vfiomc.conformance.orchestrator.ChunkFault} that {@link
 *       org.vfiomc.conformance.orchestrator.ChunkWire} applies to the stream on the way (the
 *       VfioMigration spec's un-framed wire, not QEMU's transport).
 *   <li>QEMU's transport: {@link org.vfiomc.conformance.orchestrator.VfioSectionStream} (the
 *       device's savevm sections on the main channel, whose faults are {@link
 *       org.vfiomc.conformance.orchestrator.StreamFault}s) and, with {@link
 *       org.vfiomc.conformance.orchestrator.MultifdTransfer}, the stop-copy state as {@link
 *       org.vfiomc.conformance.orchestrator.DeviceStatePacket}s over {@link
 *       org.vfiomc.conformance.orchestrator.MultifdChannels} into each destination device's {@link
 *       org.vfiomc.conformance.orchestrator.MultifdLoadBuffers} (index order, duplicates and the
 *       queue bound refused), with {@link org.vfiomc.conformance.orchestrator.MultifdFault}s on the
 *       way.
 *   <li>{@link org.vfiomc.conformance.orchestrator.QemuSteps}: QEMU's per-device decisions (end of
 *       the stop-copy loop, source recovery) for drivers that step a migration themselves (the
 *       VfioMigration replay binding), with the same {@code ProtocolDefect}s breaking them.
 *   <li>{@link org.vfiomc.conformance.orchestrator.P2pSafety}: the uAPI's multi-device P2P safety
 *       condition as a pure function of the devices' states.
 *   <li>{@link org.vfiomc.conformance.orchestrator.ManualClock}: simulated nanoseconds; transfers
 *       cost bytes / bandwidth, arcs a fixed latency; downtime is measured on this clock. {@link
 *       org.vfiomc.conformance.orchestrator.Choices}: where a run takes its scheduling decisions
 *       (seeded, or a recorded list a test can shrink).
 * </ul>
 *
 * <h2>Invariants the tests check (on {@code scenario}'s VMs)</h2>
 *
 * After a completed migration the sources are in STOP, the destinations in RUNNING, every
 * destination page equals its source page and each destination loaded exactly the state its source
 * had when it entered STOP_COPY. After a failure or cancel every source is in RUNNING; a source
 * that had to be reset (ERROR) is reported. Under QEMU ordering no device that may start P2P
 * (RUNNING, PRE_COPY) coexists with a stopped one (STOP, STOP_COPY, RESUMING) on either side, and
 * no P2P write is lost; every write is received, in flight or counted as dropped.
 */
package org.vfiomc.conformance.orchestrator;
