/**
 * What a migration is run on: the VMs the orchestrator migrates, their guest memory, the work they
 * do meanwhile and the strategies their guest drivers follow, with a report of what happened to
 * every frame or P2P write.
 *
 * <h2>Key types</h2>
 *
 * <ul>
 *   <li>{@link org.vfiomc.conformance.scenario.VfVm}: a VM with one 82599 VF ({@code emulator})
 *       behind a {@code VfioMigrationDevice} on each host, the ixgbevf model ({@code guest}) and a
 *       packet ledger ({@code ledger}) under Rx traffic in simulated time; {@link
 *       org.vfiomc.conformance.scenario.VfRunReport} is its verdict (frames sent, delivered,
 *       dropped and counted, lost, corrupted, duplicated; downtimes).
 *   <li>{@link org.vfiomc.conformance.scenario.RxStrategy}: dirty tracking, ring restore, stop mode
 *       and P2P order, the choices {@code specs/RxDma/RxDma.tla} models (its {@code correct()} says
 *       whether that spec's model of the combination holds).
 *   <li>{@link org.vfiomc.conformance.scenario.VfGuestMemoryMigration}: the VF VM's guest memory as
 *       the orchestrator migrates it, dirty pages from KVM's CPU log plus, with IOMMU tracking, the
 *       device's DMA log.
 *   <li>{@link org.vfiomc.conformance.scenario.SyntheticVm}, {@link
 *       org.vfiomc.conformance.scenario.SyntheticWorkload}, {@link
 *       org.vfiomc.conformance.scenario.SyntheticGuestMemory}: several {@code SyntheticFunction}
 *       devices ({@code function}) writing P2P into each other, with versioned guest pages, for the
 *       multi-device stop ordering a single VF cannot show.
 * </ul>
 *
 * <h2>Invariants</h2>
 *
 * Runs are deterministic given their seed (simulated time on the orchestrator's {@code
 * ManualClock}, seeded choices). A VF run accounts for every frame through the ledger: delivered
 * once with intact bytes, or dropped before acceptance and counted; anything else is a violation in
 * the report. A synthetic run accounts for every P2P write: received, in flight, or dropped at a
 * stopped device and counted.
 *
 * <p>Depends on {@code orchestrator}, {@code emulator}, {@code guest}, {@code ledger}, {@code vfio}
 * and {@code function}; nothing but the CLI, the RxDma replay binding and tests depends on it.
 */
package org.vfiomc.conformance.scenario;
