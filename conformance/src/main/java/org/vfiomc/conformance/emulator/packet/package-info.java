/**
 * Packets on the wire: {@link org.vfiomc.conformance.emulator.packet.Frame} (immutable bytes with
 * content equality and a CRC32C), {@link org.vfiomc.conformance.emulator.packet.PacketId} (the
 * ledger's identity, carried inside the payload by {@link
 * org.vfiomc.conformance.emulator.packet.TestFrames}), and {@link
 * org.vfiomc.conformance.emulator.packet.DropReason} (why the device refused a frame).
 *
 * <p>Invariant: a {@code Frame} never changes after construction; Ethernet FCS is not included (the
 * PF driver sets HLREG0.RXCRCSTRP, which applies to its VFs: Linux {@code ixgbe/ixgbe_main.c}).
 */
package org.vfiomc.conformance.emulator.packet;
