package org.vfiomc.conformance.emulator;

/**
 * Host-side configuration of one VF (what the PF administrator sets), plus two knobs that are not
 * 82599 behaviour and say so.
 *
 * @param mac MAC the PF assigns on VF_RESET (48 bits, first byte most significant; 0 = none)
 * @param adminMac true if the MAC is administratively fixed ({@code ip link set vf mac})
 * @param pfJumbo true if the PF runs jumbo frames (82599 SET_LPE rules)
 * @param descriptorBeforeData fault injection: a broken device that writes the Rx descriptor (DD,
 *     length) one step before the buffer data, to show the oracle catches device bugs
 * @param rdlenGranularity the Rx ring length granularity in descriptors (1, 2, 4 or 8). The 82599
 *     takes RDLEN in 128-byte units: bits 6:0 are read-only zero, so a ring is a multiple of {@link
 *     #RDLEN_GRANULARITY_82599} = 8 sixteen-byte descriptors, and a guest writing another length
 *     gets it truncated to a multiple of 128 bytes (a 4-descriptor ring reads back as RDLEN = 0,
 *     and the VF drops every frame for want of a ring). A smaller value is <em>not</em> 82599
 *     behaviour: it relaxes only that register mask (bits below {@code 16 * granularity} bytes
 *     become writable) so that a model with a small ring (TLC needs rings of 2-4 descriptors) can
 *     be replayed; the DMA order, write-back format and everything else are unchanged
 * @param defects deliberate departures from the 82599 for mutation tests ({@link VfDefect}); empty
 *     for every real use
 */
public record VfConfig(
    long mac,
    boolean adminMac,
    boolean pfJumbo,
    boolean descriptorBeforeData,
    int rdlenGranularity,
    java.util.Set<VfDefect> defects) {
  /** The 82599's Rx ring length granularity: RDLEN counts 128-byte units, 8 descriptors. */
  public static final int RDLEN_GRANULARITY_82599 = 8;

  /** Checks the granularity: a power of two from 1 to 8 descriptors. */
  public VfConfig {
    if (rdlenGranularity < 1
        || rdlenGranularity > RDLEN_GRANULARITY_82599
        || Integer.bitCount(rdlenGranularity) != 1) {
      throw new IllegalArgumentException(
          "rdlenGranularity must be 1, 2, 4 or 8 descriptors, got " + rdlenGranularity);
    }
    defects =
        defects.isEmpty()
            ? java.util.Set.of()
            : java.util.Collections.unmodifiableSet(java.util.EnumSet.copyOf(defects));
  }

  /** A correct VF with locally administered MAC 02:00:00:00:00:01, PF non-jumbo. */
  public static VfConfig defaults() {
    return new VfConfig(
        0x020000000001L, false, false, false, RDLEN_GRANULARITY_82599, java.util.Set.of());
  }

  /** The same configuration with the broken descriptor-before-data Rx ordering. */
  public VfConfig withDescriptorBeforeData() {
    return new VfConfig(mac, adminMac, pfJumbo, true, rdlenGranularity, defects);
  }

  /**
   * The same configuration with another Rx ring length granularity (see the record's doc: anything
   * but 8 is a replay relaxation, not 82599 behaviour).
   */
  public VfConfig withRdlenGranularity(int descriptors) {
    return new VfConfig(mac, adminMac, pfJumbo, descriptorBeforeData, descriptors, defects);
  }

  /** The same configuration with one more {@link VfDefect} (a mutant for a test to catch). */
  public VfConfig withDefect(VfDefect d) {
    java.util.EnumSet<VfDefect> all = java.util.EnumSet.of(d);
    all.addAll(defects);
    return new VfConfig(mac, adminMac, pfJumbo, descriptorBeforeData, rdlenGranularity, all);
  }

  /** True if this VF carries the defect {@code d}. */
  public boolean has(VfDefect d) {
    return defects.contains(d);
  }

  /** True if RDLEN takes the datasheet's 128-byte units. */
  public boolean datasheetRdlen() {
    return rdlenGranularity == RDLEN_GRANULARITY_82599;
  }

  /** The writable bits of RDLEN under this granularity: 0x000FFF80 for the 82599's 8. */
  public int rdlenWriteMask() {
    return 0x000FFFFF & -(16 * rdlenGranularity);
  }
}
