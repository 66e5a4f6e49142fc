package org.vfiomc.conformance.vfio;

import static java.util.Objects.requireNonNull;

/** A target's answer to a source's migration version string: compatible, or why not. */
public record Compatibility(boolean compatible, String reason) {
  public Compatibility {
    requireNonNull(reason, "reason");
  }

  static Compatibility yes() {
    return new Compatibility(true, "");
  }

  static Compatibility no(String reason) {
    return new Compatibility(false, reason);
  }
}
