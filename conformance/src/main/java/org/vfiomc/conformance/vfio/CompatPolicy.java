package org.vfiomc.conformance.vfio;

import static java.util.Objects.requireNonNull;

import com.google.common.collect.Sets;
import java.util.EnumSet;
import java.util.Set;

/**
 * Migration compatibility as management and the vendor driver decide it ({@code
 * specs/VfioCompat/VfioCompat.tla}): the compatibility string a device publishes, the type-level
 * check (before the destination exists, only between mdevs of the same type), the instance-level
 * check (after creation, any pair, plus management's comparison of the host-side configuration),
 * and the destination driver's check of the stream header at RESUMING → STOP.
 *
 * <p>Versions are ranges on both sides: a pair is compatible when the source can save a version the
 * destination can load, and the source writes the newest such version (the relation is
 * directional). A {@link Fault} set turns the policy into one of the spec's broken variants, for
 * mutant tests and counterexample replay.
 */
public final class CompatPolicy {
  /** The spec's {@code DefectNames}, one each. */
  public enum Fault {
    /** The type-level callback wants equal versions, the instance-level one a range. */
    TYPE_CHECK_EXACT("TypeCheckExact"),
    /** Compatibility strings carry no vendor namespace. */
    NO_NAMESPACE("NoNamespace"),
    /** The string names the function, not its share of the parent. */
    PAIR_ON_STRING_MATCH("PairOnStringMatch"),
    /** Every check wants equal versions. */
    EXACT_VERSION("ExactVersion"),
    /** Management's instance check ignores the host-side configuration. */
    IGNORE_HOST_CONFIG("IgnoreHostCfg"),
    /** The load takes any stream. */
    NO_LOAD_CHECK("NoLoadCheck"),
    /** A refused load fails the migration without restarting the source. */
    NO_SOURCE_RESUME("NoSourceResume"),
    /** The load applies the source's administrator settings. */
    OVERWRITE_ADMIN("OverwriteAdmin"),
    /** The source always writes its newest version. */
    NEWEST_VERSION("NewestVersion");

    private final String specName;

    Fault(String specName) {
      this.specName = specName;
    }

    /** The defect's name in the spec. */
    public String specName() {
      return specName;
    }
  }

  /**
   * The string a device publishes (sysfs {@code migration_version}): its vendor namespace (empty
   * with {@link Fault#NO_NAMESPACE}), function, resources and the versions it can save.
   */
  public record CompatString(
      String namespace,
      String function,
      int parentSize,
      int share,
      CompatProfile.VersionRange save) {}

  /** What the source writes at the head of the stream. */
  public record StreamHeader(CompatString string, int version, long hostConfig, String admin) {}

  private final Set<Fault> faults;

  /** A policy with these faults (none: the correct policy). */
  public CompatPolicy(Set<Fault> faults) {
    this.faults = Sets.immutableEnumSet(faults.isEmpty() ? EnumSet.noneOf(Fault.class) : faults);
  }

  /** The correct policy. */
  public static CompatPolicy correct() {
    return new CompatPolicy(Set.of());
  }

  /** Whether this policy has {@code f}. */
  public boolean has(Fault f) {
    return faults.contains(f);
  }

  /**
   * The ground truth the checks approximate: same vendor and function, the same resources, a common
   * version, the same host-side configuration.
   */
  public static boolean compatible(CompatProfile s, CompatProfile d) {
    return s.vendor().equals(d.vendor())
        && s.function().equals(d.function())
        && s.sameResources(d)
        && !s.save().intersect(d.load()).isEmpty()
        && s.hostConfig() == d.hostConfig();
  }

  /** The string {@code s} publishes. */
  public CompatString compatString(CompatProfile s) {
    return new CompatString(
        has(Fault.NO_NAMESPACE) ? "" : s.vendor(),
        s.function(),
        s.parentSize(),
        s.share(),
        s.save());
  }

  /** The version the source writes for {@code d}: the newest both know, else its newest. */
  public int streamVersion(CompatProfile s, CompatProfile d) {
    CompatProfile.VersionRange common = s.save().intersect(d.load());
    return common.isEmpty() || has(Fault.NEWEST_VERSION) ? s.save().max() : common.max();
  }

  /** The vendor driver of {@code d} on a string written to its attribute. */
  private boolean driverAccepts(CompatProfile d, CompatString str, boolean exactVersions) {
    boolean namespaceOk = has(Fault.NO_NAMESPACE) || str.namespace().equals(d.vendor());
    boolean resourcesOk =
        has(Fault.PAIR_ON_STRING_MATCH)
            || (long) str.parentSize() * d.share() == (long) d.parentSize() * str.share();
    boolean versionsOk =
        exactVersions
            ? str.save().max() == d.load().max()
            : !str.save().intersect(d.load()).isEmpty();
    return namespaceOk && str.function().equals(d.function()) && resourcesOk && versionsOk;
  }

  /** Whether the type-level check applies: both mdevs of the same type. */
  public static boolean typeApplies(CompatProfile s, CompatProfile d) {
    return s.kind() == CompatProfile.Kind.MDEV
        && d.kind() == CompatProfile.Kind.MDEV
        && s.type().equals(d.type());
  }

  /** The type-level answer for {@code d}'s type on {@code s}'s string (where it applies). */
  public boolean typeCheck(CompatProfile s, CompatProfile d) {
    return driverAccepts(
        d, compatString(s), has(Fault.TYPE_CHECK_EXACT) || has(Fault.EXACT_VERSION));
  }

  /** The instance-level answer: the driver's, and the host-side configurations compared. */
  public boolean instanceCheck(CompatProfile s, CompatProfile d) {
    return driverAccepts(d, compatString(s), has(Fault.EXACT_VERSION))
        && (has(Fault.IGNORE_HOST_CONFIG) || s.hostConfig() == d.hostConfig());
  }

  /** The header the source writes into a stream for {@code d}. */
  public StreamHeader header(CompatProfile s, CompatProfile d) {
    return new StreamHeader(compatString(s), streamVersion(s, d), s.hostConfig(), s.admin());
  }

  /** RESUMING → STOP on {@code d}: whether it loads a stream with this header. */
  public boolean loadAccepts(CompatProfile d, StreamHeader h) {
    requireNonNull(h, "header");
    return has(Fault.NO_LOAD_CHECK)
        || (driverAccepts(d, h.string(), has(Fault.EXACT_VERSION))
            && d.load().contains(h.version())
            && h.hostConfig() == d.hostConfig());
  }
}
