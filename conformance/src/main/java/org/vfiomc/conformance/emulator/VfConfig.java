package org.vfiomc.conformance.emulator;

/**
 * Host-side configuration of one VF (what the PF administrator sets), plus a fault-injection knob
 * that is not 82599 behaviour and says so. The Rx ring length is the datasheet's: RDLEN counts
 * 128-byte units (bits 6:0 read as zero, 82599 datasheet 8.2.3.8.2), so a ring is a multiple of 8
 * descriptors; there is no relaxed mode (replays of smaller spec rings map them onto 8 device
 * descriptors, {@code replay.rxdma.RxDmaBinding}).
 *
 * @param mac MAC the PF assigns on VF_RESET (48 bits, first byte most significant; 0 = none)
 * @param adminMac true if the MAC is administratively fixed ({@code ip link set vf mac})
 * @param pfJumbo true if the PF runs jumbo frames (82599 SET_LPE rules)
 * @param descriptorBeforeData fault injection: a broken device that writes the Rx descriptor (DD,
 *     length) one step before the buffer data, to show the oracle catches device bugs
 */
public record VfConfig(long mac, boolean adminMac, boolean pfJumbo, boolean descriptorBeforeData) {
  /** The 82599's Rx ring length granularity: RDLEN counts 128-byte units, 8 descriptors. */
  public static final int RDLEN_GRANULARITY_82599 = 8;

  /** A correct VF with locally administered MAC 02:00:00:00:00:01, PF non-jumbo. */
  public static VfConfig defaults() {
    return new VfConfig(0x020000000001L, false, false, false);
  }

  /** The same configuration with the broken descriptor-before-data Rx ordering. */
  public VfConfig withDescriptorBeforeData() {
    return new VfConfig(mac, adminMac, pfJumbo, true);
  }
}
