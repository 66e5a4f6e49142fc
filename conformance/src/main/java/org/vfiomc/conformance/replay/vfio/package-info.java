/**
 * Replay bindings of the VFIO migration specs onto the migration device ({@code vfio}) and the
 * orchestrator's P2P policy.
 *
 * <p>{@link org.vfiomc.conformance.replay.vfio.VfioFsmBinding}: one {@code VfioMigrationDevice}
 * over a {@link org.vfiomc.conformance.function.ActivityFunction} ({@link
 * org.vfiomc.conformance.replay.vfio.FsmSut}); the spec's driver loop is executed one arc per
 * {@code SetStep} with the implementation's own next-step function. {@link
 * org.vfiomc.conformance.replay.vfio.VfioP2pBinding}: several devices over {@link
 * org.vfiomc.conformance.function.P2pFunction}s, P2P writes, the orchestrator's {@code P2pSafety}
 * and prepare-then-main policy ({@link org.vfiomc.conformance.replay.vfio.P2pSut}). Each binding's
 * Javadoc lists the constants it supports, the variables it cannot observe and how spec units map
 * onto bytes. {@link org.vfiomc.conformance.replay.vfio.VfioMigrationBinding}: a source and a
 * destination device over 82599 VFs ({@link org.vfiomc.conformance.replay.vfio.VfFunction}, the VF
 * adapted to the {@code function} package's base) stepped by a QEMU-like driver ({@link
 * org.vfiomc.conformance.replay.vfio.MigrationSut}) with the orchestrator's decisions ({@code
 * orchestrator.QemuSteps}); versions number the source's distinct saved states, chunks are the
 * bytes of each read of the saving fd. Its VFs come from the binding's {@link
 * org.vfiomc.conformance.replay.vfio.VfPool}, reused across replays and returned to power-on by the
 * VF's own function-level reset ({@code VfPoolTest}: a leased VF answers as a new one); a saved
 * state is keyed by its bytes and a CRC-32/CRC-32C fingerprint ({@link
 * org.vfiomc.conformance.replay.vfio.SavedState}), which is also the function's state digest.
 *
 * <p>Invariant: every projected variable is computed from the devices, their fds and the user-side
 * state a VMM keeps (its last request, its fd table, its ioctl count), never copied from the trace.
 * Each binding's actions are a sealed {@link org.vfiomc.conformance.replay.vfio.FsmAction}, {@link
 * org.vfiomc.conformance.replay.vfio.P2pAction} or {@link
 * org.vfiomc.conformance.replay.vfio.MigrationAction}. The bindings depend on {@code replay}, never
 * the reverse; the CLI's registry lists them.
 */
package org.vfiomc.conformance.replay.vfio;
