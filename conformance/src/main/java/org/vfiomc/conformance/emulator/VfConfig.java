package org.vfiomc.conformance.emulator;

/**
 * Host-side configuration of one VF (what the PF administrator sets).
 *
 * @param mac MAC the PF assigns on VF_RESET (48 bits, first byte most significant; 0 = none)
 * @param adminMac true if the MAC is administratively fixed ({@code ip link set vf mac})
 * @param pfJumbo true if the PF runs jumbo frames (82599 SET_LPE rules)
 * @param descriptorBeforeData fault injection: a broken device that writes the Rx descriptor (DD,
 *     length) one step before the buffer data, to show the oracle catches device bugs
 */
public record VfConfig(long mac, boolean adminMac, boolean pfJumbo, boolean descriptorBeforeData) {
  /** A correct VF with locally administered MAC 02:00:00:00:00:01, PF non-jumbo. */
  public static VfConfig defaults() {
    return new VfConfig(0x020000000001L, false, false, false);
  }

  /** The same configuration with the broken descriptor-before-data Rx ordering. */
  public VfConfig withDescriptorBeforeData() {
    return new VfConfig(mac, adminMac, pfJumbo, true);
  }
}
