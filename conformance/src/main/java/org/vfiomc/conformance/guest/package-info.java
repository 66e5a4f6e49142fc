/**
 * A model of the Linux ixgbevf driver as the device sees it: bring-up through the mailbox (reset
 * handshake, API negotiation, queues, max frame), ring configuration, the Rx clean loop and refill,
 * Tx transmit and completion, and the 2015 RFC's dummy-write dirty tracking in both orders.
 *
 * <p>Key types: {@link org.vfiomc.conformance.guest.GuestDriver} (bring-up, mailbox transport),
 * {@link org.vfiomc.conformance.guest.GuestRxRing} (clean loop as micro-steps so device steps can
 * interleave), {@link org.vfiomc.conformance.guest.GuestTxRing}, {@link
 * org.vfiomc.conformance.guest.DirtyTracking}, {@link org.vfiomc.conformance.guest.RxStack} (the
 * network stack the driver delivers to), {@link org.vfiomc.conformance.guest.Bar} (MMIO).
 *
 * <p>Invariants of the correct driver: a buffer is read only after its descriptor reports done (DD,
 * or non-zero length for the modern driver); a descriptor is handed to hardware (tail write) only
 * after its buffer address is written; one slot always stays unused. {@link
 * org.vfiomc.conformance.guest.DirtyTracking#DUMMY_WRITE_BEFORE_CHECK} deliberately breaks the
 * first rule, as Duyck explained (seed 002): the read-back-write of a buffer the device is still
 * writing can put stale bytes over fresh DMA data.
 */
package org.vfiomc.conformance.guest;
