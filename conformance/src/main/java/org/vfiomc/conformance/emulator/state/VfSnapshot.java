package org.vfiomc.conformance.emulator.state;

import static com.google.common.base.Preconditions.checkArgument;

import com.google.common.collect.ImmutableList;

/**
 * The migrated state of one 82599 VF, as {@code Vf82599.snapshot()} returns it and {@code
 * Vf82599.restore} accepts it: only what a real VF and its PF expose (the table in the {@code
 * emulator} package's documentation says where each field lives on the hardware).
 *
 * @param registers the whole register file, indexed by offset / 4 (4096 words); includes the
 *     mailbox bits and memory, statistics, interrupt state and ring registers (heads included,
 *     which restore writes internally because a guest cannot)
 * @param tx per-queue transmit state beyond the registers (a packet part-way through its
 *     descriptors)
 * @param pf the PF-held per-VF state
 */
public record VfSnapshot(
    ImmutableList<Integer> registers, ImmutableList<TxQueueState> tx, PfVfState pf) {
  /** Register words in the image (16 KiB BAR / 4). */
  public static final int REGISTER_WORDS = 4096;

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
}
