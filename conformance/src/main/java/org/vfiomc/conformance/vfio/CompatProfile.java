package org.vfiomc.conformance.vfio;

import static com.google.common.base.Preconditions.checkArgument;
import static java.util.Objects.requireNonNull;

/**
 * What a device publishes for migration compatibility and what the host holds for it, after the
 * {@code migration_version} proposal for VFIO (seed 003, April 2020) and {@code
 * specs/VfioCompat/VfioCompat.tla}'s device records.
 *
 * @param name unique name of the device on its host
 * @param vendor the vendor namespace that owns the device's compatibility strings
 * @param function the device function the vendor driver implements (e.g. {@code 82599-vf})
 * @param kind an mdev (kernel {@code mdev_supported_types}) or a physical function/VF
 * @param type the mdev type name; empty for a physical device
 * @param parentSize the parent's size in resource units
 * @param share the mdev's fraction 1/share of its parent (1 for a physical device)
 * @param save the stream versions the device can write
 * @param load the stream versions the device can load
 * @param hostConfig the host-side configuration of the function (for an SR-IOV VF: what the PF
 *     holds for it: queues, port VLAN, administrator MAC), compared between the two sides
 * @param admin the host administrator's settings for the function (trust, spoof check, link state,
 *     rate), the destination host's policy: a load never overwrites them
 */
public record CompatProfile(
    String name,
    String vendor,
    String function,
    Kind kind,
    String type,
    int parentSize,
    int share,
    VersionRange save,
    VersionRange load,
    long hostConfig,
    String admin) {

  /** Mediated or physical. */
  public enum Kind {
    MDEV,
    PHYS
  }

  /** A contiguous range of stream versions, {@code min..max}; empty when {@code max < min}. */
  public record VersionRange(int min, int max) {
    public VersionRange {
      checkArgument(min >= 0, "version range starts below 0: %s", min);
    }

    /** Whether the range has no version. */
    public boolean isEmpty() {
      return max < min;
    }

    /** Whether {@code v} is in the range. */
    public boolean contains(int v) {
      return v >= min && v <= max;
    }

    /** The versions in both ranges. */
    public VersionRange intersect(VersionRange o) {
      int lo = Math.max(min, o.min);
      int hi = Math.min(max, o.max);
      return new VersionRange(lo, hi);
    }
  }

  public CompatProfile {
    requireNonNull(name, "name");
    requireNonNull(vendor, "vendor");
    requireNonNull(function, "function");
    requireNonNull(kind, "kind");
    requireNonNull(type, "type");
    requireNonNull(save, "save");
    requireNonNull(load, "load");
    requireNonNull(admin, "admin");
    checkArgument(parentSize > 0 && share > 0, "parent size and share must be positive");
    checkArgument(
        kind == Kind.MDEV || (share == 1 && type.isEmpty()),
        "a physical device has share 1 and no mdev type: %s",
        name);
    checkArgument(!save.isEmpty(), "%s saves no stream version", name);
  }

  /**
   * Whether the two devices have the same resources as fractions of their parents: 1/2 of a 2-unit
   * parent equals 1/4 of a 4-unit parent (Yan Zhao, 21 Apr 2020).
   */
  public boolean sameResources(CompatProfile o) {
    return (long) parentSize * o.share == (long) o.parentSize * share;
  }
}
