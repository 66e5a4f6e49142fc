package org.vfiomc.conformance.emulator.state;

/**
 * Transmit internals of one queue: the bytes of a packet gathered from descriptors before its EOP
 * (QEMU igb's in-flight Tx context), whether the packet is already doomed (a fetch failed), and the
 * count of packets dropped that way.
 */
public record TxQueueState(Bytes gathered, boolean skip, long dropped) {}
