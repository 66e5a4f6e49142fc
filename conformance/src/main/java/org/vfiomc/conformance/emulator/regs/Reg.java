package org.vfiomc.conformance.emulator.regs;

import static com.google.common.base.Preconditions.checkArgument;

/**
 * One VF BAR0 register.
 *
 * @param offset byte offset in BAR0 (4-byte aligned)
 * @param name the driver's name, with the queue index for per-queue registers
 * @param access behaviour on read and write
 * @param writeMask bits a guest write can change
 * @param resetValue value at function creation (power-on)
 * @param storage offset of the register whose storage this one acts on (itself, or the target of an
 *     alias such as VTEICS to VTEICR)
 */
public record Reg(
    int offset, String name, RegAccess access, int writeMask, int resetValue, int storage) {
  public Reg {
    checkArgument(
        offset >= 0 && offset < RegisterFile.BAR_SIZE && (offset & 3) == 0,
        "bad offset %s",
        offset);
    checkArgument((storage & 3) == 0 && storage < RegisterFile.BAR_SIZE, "bad storage %s", storage);
  }

  static Reg of(int offset, String name, RegAccess access, int writeMask, int resetValue) {
    return new Reg(offset, name, access, writeMask, resetValue, offset);
  }
}
