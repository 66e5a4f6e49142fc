/**
 * Descriptor rings as views over the register file and guest memory (QEMU igb's {@code
 * E1000E_RingInfo}), the advanced descriptor layouts ({@code union ixgbe_adv_rx_desc} and {@code
 * ixgbe_adv_tx_desc} in Linux {@code ixgbevf/defines.h}), and the Rx/Tx DMA engines (after QEMU
 * {@code hw/net/igb_core.c}).
 *
 * <p>Key types: {@link org.vfiomc.conformance.emulator.ring.RingRegs} (pure functions of the
 * register file: base, count, head, tail, pending), {@link
 * org.vfiomc.conformance.emulator.ring.AdvRxDesc} / {@link
 * org.vfiomc.conformance.emulator.ring.AdvTxDesc} (byte layouts), {@link
 * org.vfiomc.conformance.emulator.ring.RxEngine} (places received frames: buffer write and
 * descriptor write-back are separate steps), {@link org.vfiomc.conformance.emulator.ring.TxEngine}
 * (one descriptor per step, DD or head write-back on completion).
 *
 * <p>Invariants: head and tail live only in registers; a tail at or past the ring size means an
 * empty ring; a frame's data is in guest memory before its descriptor says DD or a non-zero length;
 * a received frame is either placed whole or dropped and counted by reason.
 */
package org.vfiomc.conformance.emulator.ring;
