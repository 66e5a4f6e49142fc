/**
 * The VF BAR0 register file: the single source of truth for device state (QEMU igb's {@code
 * mac[]}).
 *
 * <p>Key types: {@link org.vfiomc.conformance.emulator.regs.Reg} (offset, name, access behaviour,
 * writable mask, reset value), {@link org.vfiomc.conformance.emulator.regs.RegisterMap} (the one
 * table binding every VF BAR0 register (Linux {@code ixgbevf/regs.h}) to its {@link
 * org.vfiomc.conformance.emulator.regs.RegAccess} behaviour), {@link
 * org.vfiomc.conformance.emulator.regs.RegisterFile} (the {@code int[]} of values and the generic
 * access semantics), {@link org.vfiomc.conformance.emulator.regs.VfRegs} (offsets and bits).
 *
 * <p>Invariants: all registers are 32-bit little-endian at 4-byte aligned offsets in a 16 KiB BAR;
 * a stored value never has bits outside its writable mask set by a guest write; an unknown offset
 * reads {@link org.vfiomc.conformance.emulator.regs.RegisterFile#UNKNOWN_READ_VALUE} and a write to
 * it is counted, never thrown; a write to a read-only register is dropped and counted. Behaviours
 * with device side effects (mailbox, doorbells, heads, queue enables, VF reset) are applied by the
 * device facade, which switches exhaustively over {@code RegAccess}.
 */
package org.vfiomc.conformance.emulator.regs;
