package org.vfiomc.conformance.vfio;

import java.util.Optional;

/** Consulted before every arc a device takes; returns the fault to inject, if any. */
@FunctionalInterface
public interface ArcFaultInjector {
  /** Injects nothing. */
  ArcFaultInjector NONE = arc -> Optional.empty();

  Optional<ArcFault> beforeArc(Arc arc);
}
