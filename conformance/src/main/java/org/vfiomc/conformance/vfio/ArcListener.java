package org.vfiomc.conformance.vfio;

/**
 * Observes a device's completed arcs and resets (e.g. to interleave other activity between arcs).
 */
public interface ArcListener {
  void afterArc(VfioMigrationDevice device, Arc arc);

  default void afterReset(VfioMigrationDevice device) {}
}
