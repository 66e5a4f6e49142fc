package org.vfiomc.conformance.emulator.state;

import static com.google.common.base.Preconditions.checkArgument;

import com.google.common.collect.ImmutableList;
import org.vfiomc.conformance.emulator.regs.VfRegs;

/**
 * The migrated state of one 82599 VF, as {@code Vf82599.snapshot()} returns it and {@code
 * Vf82599.restore} accepts it: only what a real VF and its PF expose. The table in {@code
 * conformance/docs/migrated-state.md} lists every field (the register words by group, the TX and PF
 * sections) with where a real VF/PF exposes it (VF MMIO read/write or read-only, a PF register per
 * VF, the PF driver's {@code struct vf_data_storage}, guest memory) and its source.
 *
 * @param registers the whole register file, indexed by offset / 4 (4096 words); includes the
 *     mailbox bits and memory, statistics, interrupt state and ring registers. Restore writes the
 *     heads through the PF's alias of the queue registers (a guest cannot while the queue is
 *     enabled), re-raises VTEICR's causes through VTEICS, and leaves the {@link #HARDWARE_OWNED}
 *     words as the destination has them
 * @param tx per-queue transmit state beyond the registers (a packet part-way through its
 *     descriptors)
 * @param pf the PF-held per-VF state
 */
public record VfSnapshot(
    ImmutableList<Integer> registers, ImmutableList<TxQueueState> tx, PfVfState pf) {
  /** Register words in the image (16 KiB BAR / 4). */
  public static final int REGISTER_WORDS = 4096;

  /**
   * Registers the stream carries (a VMM can read them) but no restore can write: read-only to the
   * guest (Linux {@code ixgbevf/regs.h}, {@code ethtool.c}'s register dump), and neither the PF
   * driver nor the 82599 offers a write path (the PF aliases PVFGPRC and friends are statistics
   * too; UNVERIFIED in the 82599 datasheet, which was not consulted, see {@code
   * ../shared/reference/82599-vf.md} §1). The destination keeps its own values: VFSTATUS, VFLINKS,
   * VFFRTIMER, the statistics VFGPRC, VFGORC_LSB/MSB, VFMPRC, VFGPTC, VFGOTC_LSB/MSB, and
   * VFRXMEMWRAP.
   */
  public static final ImmutableList<Integer> HARDWARE_OWNED =
      ImmutableList.of(
          VfRegs.VFSTATUS,
          VfRegs.VFLINKS,
          VfRegs.VFFRTIMER,
          VfRegs.VFGPRC,
          VfRegs.VFGORC_LSB,
          VfRegs.VFGORC_MSB,
          VfRegs.VFMPRC,
          VfRegs.VFGPTC,
          VfRegs.VFGOTC_LSB,
          VfRegs.VFGOTC_MSB,
          VfRegs.VFRXMEMWRAP);

  public VfSnapshot {
    registers = ImmutableList.copyOf(registers);
    tx = ImmutableList.copyOf(tx);
    checkArgument(
        registers.size() == REGISTER_WORDS, "register image has %s words", registers.size());
  }

  /** The register at a byte offset. */
  public int register(int offset) {
    return registers.get(offset >>> 2);
  }

  /**
   * A copy with one register replaced, e.g. to model a restore path that cannot set RDH/TDH (the
   * 2015 RFC's "heads are zeroed by VF reset") or a ring shift.
   */
  public VfSnapshot withRegister(int offset, int value) {
    checkArgument(
        offset >= 0 && offset < REGISTER_WORDS * 4 && (offset & 3) == 0,
        "register offset %s",
        offset);
    java.util.List<Integer> r = new java.util.ArrayList<>(registers);
    r.set(offset >>> 2, value);
    return new VfSnapshot(ImmutableList.copyOf(r), tx, pf);
  }

  /**
   * What a restore reproduces on a destination: this snapshot with the {@link #HARDWARE_OWNED}
   * words zeroed. Two snapshots whose restorable parts are equal are the same migrated state (what
   * a test compares across a migration, since the destination keeps its own statistics).
   */
  public VfSnapshot restorablePart() {
    java.util.List<Integer> r = new java.util.ArrayList<>(registers);
    for (int off : HARDWARE_OWNED) {
      r.set(off >>> 2, 0);
    }
    return new VfSnapshot(ImmutableList.copyOf(r), tx, pf);
  }
}
