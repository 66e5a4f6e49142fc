/**
 * The PF-VF mailbox (Linux {@code ixgbevf/mbx.c}; PF side {@code ixgbe/ixgbe_sriov.c}) and the PF
 * driver model.
 *
 * <p>Key types: {@link org.vfiomc.conformance.emulator.mailbox.VfMailbox} (VFMAILBOX bit semantics
 * over the register file: VFU lock only while PFU is clear, REQ/ACK read as 0, PFSTS/PFACK/RSTD
 * read-to-clear), {@link org.vfiomc.conformance.emulator.mailbox.PfAgent} (the ixgbe PF: message
 * handlers for the set ixgbevf uses, and the per-VF state "in the PF"), {@link
 * org.vfiomc.conformance.emulator.mailbox.MboxMsg} (message IDs and word-0 flag bits).
 *
 * <p>Invariants: the PF answers every request synchronously when the VF writes REQ (PFACK set,
 * reply in VFMBMEM, PFSTS set, "other" interrupt); before VF_RESET completes every other request
 * gets a one-word NACK without CTS; messages that already carry ACK or NACK are ignored; the PF
 * never throws on a malformed message, it NACKs it.
 */
package org.vfiomc.conformance.emulator.mailbox;
