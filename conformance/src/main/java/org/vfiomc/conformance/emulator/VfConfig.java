package org.vfiomc.conformance.emulator;

/**
 * Host-side configuration of one VF (what the PF administrator sets).
 *
 * @param mac MAC the PF assigns on VF_RESET (48 bits, first byte most significant; 0 = none)
 * @param adminMac true if the MAC is administratively fixed ({@code ip link set vf mac})
 * @param pfJumbo true if the PF runs jumbo frames (82599 SET_LPE rules)
 */
public record VfConfig(long mac, boolean adminMac, boolean pfJumbo) {
  /** A VF with locally administered MAC 02:00:00:00:00:01, not admin-fixed, PF non-jumbo. */
  public static VfConfig defaults() {
    return new VfConfig(0x020000000001L, false, false);
  }
}
