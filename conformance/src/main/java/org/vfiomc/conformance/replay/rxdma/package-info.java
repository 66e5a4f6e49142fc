/**
 * Replay binding of {@code specs/RxDma/RxDma.tla} on the 82599 VF: {@link
 * org.vfiomc.conformance.replay.rxdma.RxDmaBinding} (decoding, constants, correct-strategy mapping,
 * loss/corruption classification) and {@code RxDmaSystem} (the real VF, guest memory with CPU and
 * IOMMU dirty logs, page migration, the VFIO migration stream, a spec-granular ixgbevf driver and a
 * packet ledger; the projection onto every RxDma variable).
 *
 * <p>Invariants: every spec step is one or two emulator micro-steps or one driver/host operation; a
 * step the implementation cannot take is {@code NotPossible}, a step where it did something else is
 * {@code Unexpected}; projected values are read from guest memory, registers, dirty logs and the
 * ghosts the spec also keeps (frame and buffer of a written-back descriptor). An {@code N} that is
 * not a multiple of 8 (the 82599's RDLEN granularity) runs on a VF with a relaxed granularity, and
 * every report says so.
 */
package org.vfiomc.conformance.replay.rxdma;
