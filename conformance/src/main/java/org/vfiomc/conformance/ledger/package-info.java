/**
 * The packet ledger, the oracle of every conformance run: each packet put on the wire has an
 * identity and content, and at any point each is delivered at most once with identical bytes; at
 * the end each is delivered exactly once or was dropped by the device and counted.
 *
 * <p>Key types: {@link org.vfiomc.conformance.ledger.PacketLedger}, {@link
 * org.vfiomc.conformance.ledger.Violation} (kind, packet id, where, detail).
 *
 * <p>Invariants: loss is only judged by {@link
 * org.vfiomc.conformance.ledger.PacketLedger#finalCheck()} (a packet in flight is not lost yet);
 * duplication, corruption and unknown deliveries are reported the moment they happen.
 */
package org.vfiomc.conformance.ledger;
