package org.vfiomc.conformance.emulator.ring;

import org.vfiomc.conformance.emulator.regs.RegisterFile;
import org.vfiomc.conformance.emulator.regs.VfRegs;

/**
 * A descriptor ring as register offsets; every query is a pure function of the register file.
 *
 * <pre>
 *   0 ......... head ............. tail ......... count
 *   | sw-owned  |  hw-owned (pending)  |  sw-owned  |
 * </pre>
 *
 * Invariant: {@code pending = floorMod(tail - head, count)}; a tail at or beyond {@code count} (or
 * a zero-length ring) means "nothing for hardware", the guard QEMU igb uses.
 */
public record RingRegs(int bal, int bah, int len, int head, int tail, int ctl) {
  /** Descriptor size in bytes. */
  public static final int DESC_SIZE = 16;

  /** Rx ring {@code q}. */
  public static RingRegs rx(int q) {
    return new RingRegs(
        VfRegs.rdbal(q),
        VfRegs.rdbah(q),
        VfRegs.rdlen(q),
        VfRegs.rdh(q),
        VfRegs.rdt(q),
        VfRegs.rxdctl(q));
  }

  /** Tx ring {@code q}. */
  public static RingRegs tx(int q) {
    return new RingRegs(
        VfRegs.tdbal(q),
        VfRegs.tdbah(q),
        VfRegs.tdlen(q),
        VfRegs.tdh(q),
        VfRegs.tdt(q),
        VfRegs.txdctl(q));
  }

  /** Descriptor base address (128-byte aligned by the register mask). */
  public long base(RegisterFile rf) {
    return base(rf.get(bah), rf.get(bal));
  }

  /** The descriptor base address held by a BAH/BAL register pair. */
  static long base(int bahValue, int balValue) {
    return ((long) bahValue << 32) | (balValue & 0xFFFFFF80L);
  }

  /**
   * Number of descriptors: LEN / 16. The granularity (128 bytes on the 82599, 8 descriptors) is the
   * register's write mask.
   */
  public int count(RegisterFile rf) {
    return count(rf.get(len));
  }

  /** The number of descriptors a LEN register value describes. */
  static int count(int lenValue) {
    return (lenValue & 0x000FFFF0) / DESC_SIZE;
  }

  /** Head index. */
  public int head(RegisterFile rf) {
    return rf.get(head) & 0xFFFF;
  }

  /** Tail index. */
  public int tail(RegisterFile rf) {
    return rf.get(tail) & 0xFFFF;
  }

  /** True if the ENABLE bit of RXDCTL/TXDCTL is set. */
  public boolean enabled(RegisterFile rf) {
    return (rf.get(ctl) & VfRegs.DCTL_ENABLE) != 0;
  }

  /** Descriptors owned by hardware: {@code [head, tail)}; 0 for an invalid tail or head. */
  public int pending(RegisterFile rf) {
    int c = count(rf);
    int h = head(rf);
    int t = tail(rf);
    if (c == 0 || t >= c || h >= c) {
      return 0;
    }
    return t >= h ? t - h : t - h + c; // floorMod without a division
  }

  /** Address of descriptor {@code index}. */
  public long descriptorAddress(RegisterFile rf, int index) {
    return base(rf) + (long) index * DESC_SIZE;
  }

  /** Moves head one descriptor forward, wrapping at the ring size. */
  public void advanceHead(RegisterFile rf) {
    int c = count(rf);
    int h = head(rf) + 1;
    rf.set(head, h >= c ? 0 : h);
  }
}
