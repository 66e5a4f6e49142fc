/**
 * The migrated state of one VF as immutable values, and its binary codec; what the emulator keeps
 * beyond it (the packet buffer, the frame being placed, drop tallies: {@link
 * org.vfiomc.conformance.emulator.state.RxEngineState}) is for tests and never migrates.
 *
 * <p>Key types: {@link org.vfiomc.conformance.emulator.state.VfSnapshot} (register file, Tx
 * packet-in-progress flags, PF-held per-VF state; each field's hardware home is tabled in {@code
 * conformance/docs/migrated-state.md}), {@link
 * org.vfiomc.conformance.emulator.state.VfSnapshotCodec} (versioned little-endian format with a
 * CRC32C trailer; the layout is documented on the class), {@link
 * org.vfiomc.conformance.emulator.state.SnapshotFormatException} (decode errors name the byte
 * offset).
 *
 * <p>Invariants: snapshots are deeply immutable; {@code decode(encode(s)).equals(s)}; the mailbox
 * state (VFMAILBOX bits including pending read-to-clear bits, and VFMBMEM words) is part of the
 * register image, so it is captured exactly once.
 */
package org.vfiomc.conformance.emulator.state;
