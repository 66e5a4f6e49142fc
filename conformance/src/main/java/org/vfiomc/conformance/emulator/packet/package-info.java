/**
 * Packets on the wire: {@link org.vfiomc.conformance.emulator.packet.Frame} (immutable bytes with
 * content equality and a CRC32C), {@link org.vfiomc.conformance.emulator.packet.PacketId} (the
 * ledger's identity, carried inside the payload by {@link
 * org.vfiomc.conformance.emulator.packet.TestFrames}), and {@link
 * org.vfiomc.conformance.emulator.packet.DropReason} (why the device refused a frame).
 *
 * <p>Invariant: a {@code Frame} never changes after construction; Ethernet FCS is not included (the
 * PF strips CRC for VFs, reference §3).
 */
package org.vfiomc.conformance.emulator.packet;
