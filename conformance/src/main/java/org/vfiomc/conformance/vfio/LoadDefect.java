package org.vfiomc.conformance.vfio;

/**
 * A configurable bug in a device's RESUMING→STOP stream validation (spec {@code VfioMigration}'s
 * {@code Defects}). A correct device has none: it loads only a complete, in-order stream.
 */
public enum LoadDefect {
  /**
   * Loads a stream that ends before its END section (the final chunk lost): the FINAL_STATE payload
   * if there is one, else the newest pre-copy image, else nothing (the function keeps its state).
   * Sections must still be in order.
   */
  ACCEPT_TRUNCATED,
  /**
   * Skips every order-dependent check: the header may come anywhere (or not at all), sequence
   * numbers and the image-before-final order are not checked, nor END's section count and
   * whole-stream CRC32C. Each section's own CRC, type and size are still checked, and the stream
   * must still end with END after a FINAL_STATE.
   */
  ACCEPT_REORDERED,
  /**
   * Applies an increment ({@link ImageMode#DELTA}) without checking that it was made for the image
   * before it (its base's digest and length): a stale, lost or reordered image then yields a state
   * the source never had instead of a rejection. This is the destination of spec {@code
   * VfioMigration}, whose {@code LoadAccepts} checks completeness and order only and whose {@code
   * Apply} turns an increment on the wrong base into {@code Corrupt}; the device counts such
   * applications ({@link VfioMigrationDevice#lastLoadBaseMismatches()}).
   */
  UNCHECKED_DELTA_BASE
}
