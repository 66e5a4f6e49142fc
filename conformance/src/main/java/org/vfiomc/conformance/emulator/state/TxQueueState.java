package org.vfiomc.conformance.emulator.state;

/**
 * What a migration carries of one transmit queue besides its registers: whether a packet is
 * part-way through its descriptors at the stop. The gathered bytes are not carried (no 82599
 * register exposes them); the destination completes the packet's remaining descriptors without
 * sending it, as QEMU igb does with {@code skip_cp} ({@code hw/net/igb_core.c}, {@code
 * igb_core_pre_save}).
 *
 * @param packetInProgress descriptors of a packet were consumed and its EOP descriptor was not
 */
public record TxQueueState(boolean packetInProgress) {}
