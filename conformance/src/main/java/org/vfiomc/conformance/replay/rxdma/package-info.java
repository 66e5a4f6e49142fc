/**
 * Replay binding of {@code specs/RxDma/RxDma.tla} on the 82599 VF: {@link
 * org.vfiomc.conformance.replay.rxdma.RxDmaBinding} (decoding, constants, correct-strategy mapping,
 * loss/corruption classification) and, package-private, by role: {@code RxDmaSystem} (the system
 * under test: the wire, dispatch of spec actions, violation evidence and the packet ledger), {@code
 * RxHost} (one host: guest RAM, IOMMU, VF, VFIO migration device, descriptor ghosts), {@code
 * RxHostPool} (hosts reused across replays, reset to a freshly built host's state), {@code
 * RxDriver} (a spec-granular ixgbevf and its ring restore), {@code RxMigration} (pre-copy rounds,
 * stop, STOP_COPY with the VFIO migration stream, resume), {@code RxProjection} and {@code
 * RxValues} (the projection onto every RxDma variable and its cached values), {@code RxLayout}
 * (where pages and descriptors live). Strategies are the enums of {@link
 * org.vfiomc.conformance.scenario.RxStrategy}, whose constant names are the spec's strings.
 *
 * <p>Invariants: every spec step is one or two emulator micro-steps or one driver/host operation; a
 * step the implementation cannot take is {@code NotPossible}, a step where it did something else is
 * {@code Unexpected}; projected values are read from guest memory, registers, dirty logs and the
 * ghosts the spec also keeps (frame and buffer of a written-back descriptor). A spec ring smaller
 * than the 82599's 8 descriptors is laid onto 8 (its slots replicated), and every report says so. A
 * reused host carries nothing from the replay before: {@code RxHost.start} resets it and {@code
 * RxHostReuseTest} shows replays on reused and fresh hosts alike.
 */
package org.vfiomc.conformance.replay.rxdma;
