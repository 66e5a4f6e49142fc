package org.vfiomc.conformance.vfio;

import static java.util.Objects.requireNonNull;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The migration version string, after the {@code migration_version} sysfs attribute proposed for
 * VFIO (2020): the source device reports it; the management layer hands it to a candidate target,
 * which answers compatible or not before any migration starts. The same string is carried in the
 * header of every migration stream, and the target checks it again when it loads.
 *
 * <p>Form: {@code VVVV:DDDD/model/stream-F/state-S}, e.g. {@code
 * 8086:10ed/82599-vf/stream-1/state-1} (lower-case hex PCI ids, the function's model name, the
 * stream format version and the function's state layout version). A target is compatible iff the
 * ids and model are equal, it can parse the stream format, and the source's state version lies in
 * its loadable range.
 */
public final class MigrationVersion {
  private static final Pattern FORM =
      Pattern.compile(
          "([0-9a-f]{4}):([0-9a-f]{4})/([a-z0-9][a-z0-9.-]{0,62})/stream-([0-9]{1,4})/state-([0-9]{1,6})");

  private MigrationVersion() {}

  /** The version string a source with this identity reports. */
  public static String of(FunctionIdentity id) {
    // what String.format(Locale.ROOT, "%04x:%04x/%s/stream-%d/state-%d", ...) gives, without the
    // formatter (every device built, one per replay, asks)
    return hex4(id.vendorId())
        + ":"
        + hex4(id.deviceId())
        + "/"
        + id.model()
        + "/stream-"
        + StreamFormat.VERSION
        + "/state-"
        + id.stateVersion();
  }

  /** {@code %04x}: lower-case hex, at least four digits. */
  private static String hex4(int v) {
    String h = Integer.toHexString(v);
    return h.length() >= 4 ? h : "0000".substring(h.length()) + h;
  }

  /** Whether a target with identity {@code target} can load a stream from {@code sourceVersion}. */
  public static Compatibility check(FunctionIdentity target, String sourceVersion) {
    requireNonNull(target, "target");
    if (sourceVersion == null) {
      return Compatibility.no("no source migration version given");
    }
    Matcher m = FORM.matcher(sourceVersion);
    if (!m.matches()) {
      return Compatibility.no(
          "source migration version '"
              + printable(sourceVersion)
              + "' is not of the form VVVV:DDDD/model/stream-F/state-S");
    }
    int vendor = Integer.parseInt(m.group(1), 16);
    int device = Integer.parseInt(m.group(2), 16);
    if (vendor != target.vendorId() || device != target.deviceId()) {
      return Compatibility.no(
          String.format(
              Locale.ROOT,
              "source is PCI %04x:%04x, target is %04x:%04x",
              vendor,
              device,
              target.vendorId(),
              target.deviceId()));
    }
    if (!m.group(3).equals(target.model())) {
      return Compatibility.no(
          "source model " + m.group(3) + " differs from target model " + target.model());
    }
    int stream = Integer.parseInt(m.group(4));
    if (stream != StreamFormat.VERSION) {
      return Compatibility.no(
          "source stream format " + stream + " is not the target's " + StreamFormat.VERSION);
    }
    int state = Integer.parseInt(m.group(5));
    if (state < target.minLoadableStateVersion() || state > target.stateVersion()) {
      return Compatibility.no(
          "source state version "
              + state
              + " outside the target's loadable range "
              + target.minLoadableStateVersion()
              + ".."
              + target.stateVersion());
    }
    return Compatibility.yes();
  }

  /** Keeps error messages printable when a corrupted header yields a garbage string. */
  static String printable(String s) {
    StringBuilder b = new StringBuilder();
    for (int i = 0; i < s.length() && i < 80; i++) {
      char c = s.charAt(i);
      b.append(c >= 0x20 && c < 0x7F ? c : '?');
    }
    return s.length() > 80 ? b + "..." : b.toString();
  }
}
