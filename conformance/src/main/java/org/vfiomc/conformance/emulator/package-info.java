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
 * while the VF is stopped for migration ({@code setQuiesced(true)}) the device touches no guest
 * memory and sends no interrupt, the packet buffer is emptied and every frame in it and every frame
 * arriving meanwhile is dropped and counted ({@code VF_STOPPED}: nothing received there survives,
 * as on the 82599; the raw DMA gate alone, {@code setDmaAllowed(false)}, stops placement while
 * frames still queue in the packet buffer up to its capacity); while the state is frozen MMIO
 * writes are dropped and counted and reads have no side effects. Only what a real VF/PF exposes
 * migrates, and a restore writes only what a VMM or the PF can write: the table is {@code
 * conformance/docs/migrated-state.md}.
 */
package org.vfiomc.conformance.emulator;
