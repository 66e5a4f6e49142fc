/**
 * Device functions other than the 82599 VF behind a {@code vfio.VfioMigrationDevice}: small
 * implementations of {@link org.vfiomc.conformance.vfio.MigratableFunction} with behaviour the VF
 * does not have (peer-to-peer writes) or with a defect switched on, for simulations, replay and the
 * migration device's tests.
 *
 * <h2>Key types</h2>
 *
 * <ul>
 *   <li>{@link org.vfiomc.conformance.function.AbstractMigratableFunction}: what every function
 *       here (and {@code replay.vfio}'s adapter of the real VF) keeps alike: identity, the quiesced
 *       and outbound-P2P-blocked flags, state changes made while quiesced, the length check of a
 *       fixed-size saved state.
 *   <li>{@link org.vfiomc.conformance.function.SyntheticFunction}: counters, a scratch area and a
 *       P2P write per tick to a peer; a versioned saved state (magic, version, counters, in-flight
 *       writes, scratch). Used by {@code scenario.SyntheticVm} and the migration device's tests.
 *   <li>{@link org.vfiomc.conformance.function.ActivityFunction}: one change counter, with an
 *       optional {@link org.vfiomc.conformance.function.ActivityFunction.Misbehaviour} (changes
 *       while quiesced: the {@code DmaInStopCopy} defect of {@code specs/VfioFsm/VfioFsm.tla}; a
 *       digest that always says dirty). Used by the {@code VfioFsm} replay binding.
 *   <li>{@link org.vfiomc.conformance.function.P2pFunction}: explicit P2P writes (issue, land) that
 *       a quiesced peer drops and counts. Used by the {@code VfioP2p} replay binding.
 * </ul>
 *
 * <h2>Invariants</h2>
 *
 * Each keeps the contract of {@code MigratableFunction} unless configured with a misbehaviour: no
 * state change while quiesced, no new outbound P2P while blocked, {@code loadState} refuses a bad
 * payload and leaves the state unchanged, {@code reset} returns the power-on state.
 * Single-threaded, like the device that drives them. Depends on {@code vfio} only.
 */
package org.vfiomc.conformance.function;
