/**
 * The emulated Intel 82599 SR-IOV virtual function (QEMU igb structure: thin facade, register file
 * as the single source of truth, rings as views, DMA through the function's IOMMU port).
 *
 * <p>Key types: {@link org.vfiomc.conformance.emulator.Vf82599} (the facade: {@code mmioRead},
 * {@code mmioWrite}, {@code deliver}, {@code step}, {@code snapshot}, {@code restore}; single
 * thread, no I/O), {@link org.vfiomc.conformance.vfio.MigratableFunction} (what a VFIO migration
 * driver needs from a function: state out, state in, quiesce, digest), {@link
 * org.vfiomc.conformance.emulator.VfConfig}, {@link org.vfiomc.conformance.emulator.VfListener}.
 *
 * <p>Invariants: guest misbehaviour (unknown offsets, writes to read-only registers, bad
 * descriptors, unmapped DMA) is device behaviour (counted, dropped, faulted), never an exception;
 * while DMA is not allowed the device touches no guest memory and sends no interrupt (received
 * frames wait in the packet buffer and overflow is counted); while the state is frozen MMIO writes
 * are dropped and counted and reads have no side effects.
 */
package org.vfiomc.conformance.emulator;
