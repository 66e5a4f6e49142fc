package org.vfiomc.conformance.guest;

/** How the driver helps migration find pages the device wrote (2015 RFC, seeds 002 and 004). */
public enum DirtyTracking {
  /** Nothing: the host relies on IOMMU / device dirty logging. */
  NONE,
  /** Read and write back each Rx buffer after its descriptor reports done (Duyck's order). */
  DUMMY_WRITE_AFTER_CHECK,
  /**
   * Read and write back the Rx buffer at next-to-clean before checking its descriptor (the RFC's
   * proposal 1): can overwrite fresh DMA data with stale bytes.
   */
  DUMMY_WRITE_BEFORE_CHECK
}
