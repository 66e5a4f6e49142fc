package org.vfiomc.conformance.guest;

import org.vfiomc.conformance.emulator.regs.VfRegs;

/**
 * The guest's netdev statistics as ixgbevf keeps them ({@code ixgbevf_update_stats} in {@code
 * ixgbevf_main.c} with the {@code UPDATE_VF_COUNTER_32bit} and {@code UPDATE_VF_COUNTER_36bit}
 * macros): the driver remembers the last value it read of each VF counter and adds the difference
 * to a 64-bit total; a counter that reads <em>smaller</em> than last time is taken for a wrap and
 * 2^32 (2^36 for the octet counters) is added. {@link #baseline} is {@code
 * ixgbevf_init_last_counter_stats} (at {@code up_complete}).
 *
 * <p>Why this exists: the 82599's statistics registers are read-only to everyone (guest, PF, VMM),
 * so after a migration the destination VF's counters are its own; the guest, which still remembers
 * the source's last values, then sees a counter go backwards and counts a wrap ({@code
 * ../shared/reference/82599-vf.md} §4, "Watchdog/service task").
 */
public final class GuestVfStats {
  private static final long MASK32 = 0xFFFFFFFFL;
  private static final long MASK36 = (1L << 36) - 1;

  private long lastGprc;
  private long lastGorc;
  private long lastGptc;
  private long total32Gprc;
  private long total36Gorc;
  private long total32Gptc;

  /** Reads the counters as the new baseline, totals unchanged. */
  public void baseline(Bar bar) {
    lastGprc = bar.read(VfRegs.VFGPRC) & MASK32;
    lastGorc = read36(bar, VfRegs.VFGORC_LSB, VfRegs.VFGORC_MSB);
    lastGptc = bar.read(VfRegs.VFGPTC) & MASK32;
  }

  /**
   * One {@code ixgbevf_update_stats}: each counter's delta, a smaller reading counted as a wrap.
   */
  public void update(Bar bar) {
    long gprc = bar.read(VfRegs.VFGPRC) & MASK32;
    total32Gprc += gprc >= lastGprc ? gprc - lastGprc : gprc + (1L << 32) - lastGprc;
    lastGprc = gprc;
    long gorc = read36(bar, VfRegs.VFGORC_LSB, VfRegs.VFGORC_MSB);
    total36Gorc += gorc >= lastGorc ? gorc - lastGorc : gorc + (1L << 36) - lastGorc;
    lastGorc = gorc;
    long gptc = bar.read(VfRegs.VFGPTC) & MASK32;
    total32Gptc += gptc >= lastGptc ? gptc - lastGptc : gptc + (1L << 32) - lastGptc;
    lastGptc = gptc;
  }

  private static long read36(Bar bar, int lsb, int msb) {
    return ((bar.read(lsb) & MASK32) | ((long) (bar.read(msb) & 0xF) << 32)) & MASK36;
  }

  /** Packets received as the guest reports them ({@code rx_packets}). */
  public long rxPackets() {
    return total32Gprc;
  }

  /** Octets received as the guest reports them ({@code rx_bytes}). */
  public long rxBytes() {
    return total36Gorc;
  }

  /** Packets transmitted as the guest reports them ({@code tx_packets}). */
  public long txPackets() {
    return total32Gptc;
  }
}
