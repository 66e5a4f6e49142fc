/**
 * Recording an emulator migration as a run of a TLA+ spec, for {@code checker validate}: the
 * orchestrator reports protocol events to a {@link
 * org.vfiomc.conformance.orchestrator.ProtocolObserver}; {@link
 * org.vfiomc.conformance.record.VfioMigrationRecorder} turns them into the actions and variables of
 * {@code specs/VfioMigration/VfioMigration.tla} and writes an ITF run (Apalache ADR-015, partial
 * states). {@link org.vfiomc.conformance.record.RxDmaRecorder} records an RxDma run (below).
 *
 * <h2>RxDma runs ({@code simulate --record-rx})</h2>
 *
 * The world is the RxDma replay's ({@link org.vfiomc.conformance.replay.rxdma.RxDmaRun}): an 82599
 * VF on an 8-descriptor ring (no spec slot laid onto several device slots), guest memory with the
 * KVM and device dirty logs, the VFIO migration device carrying the VF's state, ixgbevf at the
 * spec's granularity. A seeded scheduler shuffles the events (the VF: a frame arrives and the VF
 * writes or drops it, a descriptor write-back; the driver: check, deliver, refill, stack read,
 * dummy read and write, re-init; the host: dirty sync, page copy, cooperative quiesce, vCPU pause,
 * device stop, final copy, resume) and takes the first one the system can take now; the emulator
 * and the driver decide, no spec is consulted. After each event the replay's projection ({@code
 * RxProjection}) gives every spec variable, recorded as one state with the event's spec action in
 * {@code #meta.action}.
 *
 * <p>One event is one spec step: {@code checker validate} matches every recorded step with exactly
 * one edge of the model's graph (no stuttering, no step standing for several), and the replay world
 * is built at that granularity (the binding replays the same steps the other way). The run ends
 * when no event is possible (about 25 steps for two frames) or at {@link
 * org.vfiomc.conformance.record.RxDmaRecorder#MAX_STEPS}.
 *
 * <p>Two host policies the model ({@code specs/RxDma/MC_RxDmaIommuShift_Record.tla}) states as
 * action constraints: a round's pages go in ascending address order (QEMU's
 * migration_bitmap_find_dirty), and the guest is stopped only in the last pre-copy round, so each
 * run has exactly one {@code SyncDirty}. The model has the correct IOMMU / SHIFT strategy; a run of
 * another strategy is checked against that design and rejected where it leaves it.
 *
 * <h2>The mapping (one recorded state per spec action)</h2>
 *
 * <ul>
 *   <li>{@code Init}: when the migration begins; {@code flags} are the device's migration flags.
 *   <li>{@code MigrationStart}: after the arc that completes setup (destination RESUMING, and the
 *       source PRE_COPY if it has PRE_COPY).
 *   <li>{@code PrecopyRead} / {@code StopCopyRead}: each PRECOPY_IMAGE / FINAL_STATE section read
 *       from the saving fd, whatever the read sizes ({@link
 *       org.vfiomc.conformance.orchestrator.SectionFramer}); the stream header goes with the first
 *       section, the END section with the final one. A chunk is {@code [seq, ver, final]} with
 *       {@code seq} its read order.
 *   <li>{@code GuestWork}: before every pre-copy image after the first: the device produces a new
 *       image only because its state changed since the last one. {@code src_device} (the spec's
 *       version) counts these steps; a reset of the source sets it back to 0.
 *   <li>{@code Deliver}: each section written into the resuming fd (the recorder checks it is the
 *       next one sent).
 *   <li>{@code Switchover}: the source's arc into STOP_COPY (PRE_COPY(_P2P) → STOP_COPY, or STOP →
 *       STOP_COPY without PRE_COPY); the arcs before it are inside the spec's atomic step.
 *   <li>{@code StopCopyEof}: each read of 0 in STOP_COPY; the phase becomes COMPLETING when the
 *       orchestrator ends the section on it.
 *   <li>{@code DestStart}: the destination's arc into RUNNING (load accepted), or its reset after a
 *       refused load (RESUMING → STOP failed): QEMU's destination runs on with nothing loaded and
 *       the migration completes (phase CLEANUP, {@code dst_device} -1), as the spec allows with
 *       {@code RejectedLoad = "COMPLETE"} ({@code MC_VfioMigration_Qemu.tla}).
 *   <li>{@code SaveCleanup}: the source's STOP_COPY → STOP after the destination runs.
 *   <li>{@code ChunkLost} / {@code ChunksReordered}: a {@link
 *       org.vfiomc.conformance.orchestrator.ChunkFault} on the way hits.
 *   <li>{@code Cancel}: any other abort (a cancel; a failed stream write); {@code ResumeSource}:
 *       the end of the recovery.
 * </ul>
 *
 * <h2>What is not observed, and why</h2>
 *
 * The ghosts {@code guest_view} and {@code src_stop_ver} are never recorded. {@code src_state} is
 * not recorded at a {@code Cancel}: a failure may abort between two arcs of the spec's atomic
 * switchover (e.g. with the source in PRE_COPY_P2P).
 *
 * <p>Versions are those the orchestrator can tell apart: a device state change after the last
 * pre-copy read (PRE_COPY_P2P still runs, frames still arrive) goes into the final chunk without a
 * {@code GuestWork} step, because the spec's switchover only happens at zero estimates and its
 * stop-copy chunk then carries the last pre-copy version. The orchestrator, like QEMU, switches
 * over once the estimate fits the downtime limit. This is a gap of the spec, not of the recording.
 *
 * <h2>Not recordable</h2>
 *
 * A migration of several devices (the spec has one), and a failed SET arc (the spec has no such
 * action). A cancel during setup (before MigrationStart completes) is recorded as a {@code Cancel}
 * from IDLE, which the spec does not allow: setup is atomic there.
 */
package org.vfiomc.conformance.record;
