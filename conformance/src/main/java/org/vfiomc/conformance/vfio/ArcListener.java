package org.vfiomc.conformance.vfio;

/**
 * Observes a device's completed arcs and resets (e.g. to interleave other activity between arcs).
 */
public interface ArcListener {
  void afterArc(VfioMigrationDevice device, Arc arc);

  default void afterReset(VfioMigrationDevice device) {}

  /**
   * Called inside an arc, after its work (session started or ended, function quiesced or resumed)
   * and before the driver loop records its end state, while the SET holds the state mutex: the one
   * point where a racing reset can land ({@link ResetRace}). Nothing is recorded yet: {@link
   * VfioMigrationDevice#state()} may still be the arc's end state written by its work.
   */
  default void insideArc(VfioMigrationDevice device, Arc arc) {}
}
