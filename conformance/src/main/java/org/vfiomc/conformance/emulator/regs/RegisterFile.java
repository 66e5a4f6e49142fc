package org.vfiomc.conformance.emulator.regs;

import static com.google.common.base.Preconditions.checkArgument;

import java.util.Arrays;

/**
 * The values of every VF BAR0 register plus the generic access semantics of {@link RegAccess}.
 * Device-specific behaviours (doorbells, mailbox, queue enables) are applied by the device on top
 * of {@link #set}; everything the device knows lives here.
 */
public final class RegisterFile {
  /** VF BAR0 size modelled: 16 KiB. */
  public static final int BAR_SIZE = 0x4000;

  /** What an unknown or unaligned offset reads: 0 (never 0xFFFFFFFF, the "removed" value). */
  public static final int UNKNOWN_READ_VALUE = 0;

  private final RegisterMap map;
  private final int[] values = new int[BAR_SIZE / 4];
  private long unknownReads;
  private long unknownWrites;
  private long droppedWrites;

  /** A register file at power-on values. */
  public RegisterFile(RegisterMap map) {
    this.map = map;
    powerOn();
  }

  /** The register table. */
  public RegisterMap map() {
    return map;
  }

  /** Sets every register to its reset value and clears the access counters. */
  public void powerOn() {
    Arrays.fill(values, 0);
    for (Reg r : map.all()) {
      values[r.offset() >>> 2] = r.resetValue();
    }
    unknownReads = 0;
    unknownWrites = 0;
    droppedWrites = 0;
  }

  /** Raw value at an offset (no side effects). */
  public int get(int offset) {
    return values[offset >>> 2];
  }

  /** Raw store at an offset (device-internal; no mask, no side effects). */
  public void set(int offset, int value) {
    values[offset >>> 2] = value;
  }

  /** Guest reads of unknown or unaligned offsets. */
  public long unknownReads() {
    return unknownReads;
  }

  /** Guest writes to unknown or unaligned offsets. */
  public long unknownWrites() {
    return unknownWrites;
  }

  /** Guest writes dropped because the register (or the written bits) is read-only. */
  public long droppedWrites() {
    return droppedWrites;
  }

  /** Counts a read of an unknown offset and returns the defined value. */
  public int unknownRead() {
    unknownReads++;
    return UNKNOWN_READ_VALUE;
  }

  /** Counts a write to an unknown offset. */
  public void unknownWrite() {
    unknownWrites++;
  }

  /** Counts a dropped write (read-only register, or state that forbids the write). */
  public void droppedWrite() {
    droppedWrites++;
  }

  /** Restores the access counters (after migration). */
  public void restoreCounters(long unknownReads, long unknownWrites, long droppedWrites) {
    this.unknownReads = unknownReads;
    this.unknownWrites = unknownWrites;
    this.droppedWrites = droppedWrites;
  }

  /**
   * Guest read with the generic semantics; {@code sideEffects=false} gives a read that clears
   * nothing (used while the function is quiesced).
   */
  public int read(Reg r, boolean sideEffects) {
    int v = values[r.storage() >>> 2];
    switch (r.access()) {
      case RC_W1C -> {
        if (sideEffects) {
          values[r.storage() >>> 2] = 0;
        }
        return v;
      }
      case W1C_WO, RESET_CTRL -> {
        return 0;
      }
      default -> {
        return v;
      }
    }
  }

  /** Guest write with the generic semantics; returns false if the kind is device-specific. */
  public boolean write(Reg r, int v) {
    int i = r.storage() >>> 2;
    return switch (r.access()) {
      case RO, STAT -> {
        droppedWrites++;
        yield true;
      }
      case RW -> {
        values[i] = (values[i] & ~r.writeMask()) | (v & r.writeMask());
        yield true;
      }
      case RC_W1C, W1C_WO -> {
        values[i] &= ~(v & r.writeMask());
        yield true;
      }
      case W1S -> {
        values[i] |= v & r.writeMask();
        yield true;
      }
      default -> false;
    };
  }

  /** Adds to a 32-bit wrapping counter (VFGPRC, VFGPTC, VFMPRC). */
  public void addStat32(int offset, int delta) {
    values[offset >>> 2] += delta;
  }

  /** Adds to a 36-bit wrapping counter split into LSB (31:0) and MSB (3:0 = bits 35:32). */
  public void addStat36(int lsb, int msb, long delta) {
    if (delta >= 0 && delta <= 0xFFFF) { // common case: one frame's octets
      int lo = values[lsb >>> 2];
      int nlo = lo + (int) delta;
      values[lsb >>> 2] = nlo;
      if (Integer.compareUnsigned(nlo, lo) < 0) {
        values[msb >>> 2] = (values[msb >>> 2] + 1) & 0xF; // carry into bits 35:32
      }
      return;
    }
    long v = (get(lsb) & 0xFFFFFFFFL) | ((long) (get(msb) & 0xF) << 32);
    v = (v + delta) & ((1L << 36) - 1);
    set(lsb, (int) v);
    set(msb, (int) (v >>> 32));
  }

  /** Copy of all values, indexed by offset / 4. */
  public int[] copyValues() {
    return values.clone();
  }

  /** Replaces all values (restore); the array must cover the whole BAR. */
  public void restoreValues(int[] saved) {
    checkArgument(
        saved.length == values.length,
        "register image has %s words, need %s",
        saved.length,
        values.length);
    System.arraycopy(saved, 0, values, 0, values.length);
  }
}
