package org.vfiomc.conformance.emulator;

/**
 * Host-side configuration of one VF (what the PF administrator sets), plus a fault-injection knob
 * that is not 82599 behaviour and says so. The Rx ring length is the datasheet's: RDLEN counts
 * 128-byte units (bits 6:0 read as zero: the write mask 0x000FFF80 of ixgbevf's register self-test,
 * {@code ixgbevf_reg_test}, and {@code IXGBE_REQ_RX_DESCRIPTOR_MULTIPLE} = 8; reference §1 and
 * "Ring geometry"), so a ring is a multiple of 8 descriptors; there is no relaxed mode (replays of
 * smaller spec rings map them onto 8 device descriptors, {@code replay.rxdma.RxDmaBinding}).
 *
 * @param mac MAC the PF assigns on VF_RESET (48 bits, first byte most significant; 0 = none)
 * @param adminMac true if the MAC is administratively fixed ({@code ip link set vf mac})
 * @param pfJumbo true if the PF runs jumbo frames (82599 SET_LPE rules)
 * @param descriptorBeforeData fault injection: a broken device that writes the Rx descriptor (DD,
 *     length) one step before the buffer data, to show the oracle catches device bugs
 * @param defects deliberate departures from the 82599 for mutation tests ({@link VfDefect}); empty
 *     for every real use
 */
public record VfConfig(
    long mac,
    boolean adminMac,
    boolean pfJumbo,
    boolean descriptorBeforeData,
    java.util.Set<VfDefect> defects) {
  /**
   * Device steps between the EOP write-back of the frame a queue is placing and RXDCTL.ENABLE
   * reading back 0, after the guest cleared it (issue 10, item 3). The 82599 finishes the frame in
   * flight before the queue reports disabled; how long it then takes is in the datasheet, which was
   * not consulted: UNVERIFIED ({@code ../shared/reference/82599-vf.md} §3 "Queue enable / disable"
   * suggests a configurable read-back delay). Two steps (a step is one DMA micro-operation, about a
   * microsecond in {@code VfVm}) is well inside the 10 x 10 us that {@code
   * ixgbevf_disable_rx_queue} polls, so the driver's give-up path is taken only when the device
   * cannot finish the frame (DMA stopped) or the poll gives it no time. A queue with no frame in
   * flight reports disabled at once (nothing to complete; UNVERIFIED).
   */
  public static final int RX_DISABLE_LATENCY_STEPS = 2;

  /** The 82599's Rx ring length granularity: RDLEN counts 128-byte units, 8 descriptors. */
  public static final int RDLEN_GRANULARITY_82599 = 8;

  public VfConfig {
    defects =
        defects.isEmpty()
            ? java.util.Set.of()
            : java.util.Collections.unmodifiableSet(java.util.EnumSet.copyOf(defects));
  }

  /** A correct VF with locally administered MAC 02:00:00:00:00:01, PF non-jumbo. */
  public static VfConfig defaults() {
    return new VfConfig(0x020000000001L, false, false, false, java.util.Set.of());
  }

  /** The same configuration with the broken descriptor-before-data Rx ordering. */
  public VfConfig withDescriptorBeforeData() {
    return new VfConfig(mac, adminMac, pfJumbo, true, defects);
  }

  /** The same configuration with one more {@link VfDefect} (a mutant for a test to catch). */
  public VfConfig withDefect(VfDefect d) {
    java.util.EnumSet<VfDefect> all = java.util.EnumSet.of(d);
    all.addAll(defects);
    return new VfConfig(mac, adminMac, pfJumbo, descriptorBeforeData, all);
  }

  /** True if this VF carries the defect {@code d}. */
  public boolean has(VfDefect d) {
    return defects.contains(d);
  }
}
