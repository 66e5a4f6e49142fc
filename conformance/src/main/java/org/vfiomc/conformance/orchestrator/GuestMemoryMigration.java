package org.vfiomc.conformance.orchestrator;

/**
 * Guest RAM as the orchestrator migrates it: dirty tracking (start, read-and-clear, stop) and page
 * copies from source to destination. Implemented by {@code scenario.VfGuestMemoryMigration} (the
 * 82599 VF's guest memory with KVM's CPU dirty log and the IOMMU's device dirty log) and {@code
 * scenario.SyntheticGuestMemory} (page versions, for the synthetic devices).
 */
public interface GuestMemoryMigration {
  int pageSize();

  long pageCount();

  void startDirtyTracking();

  /** Pages written since tracking started or since the last call, and clears them. */
  long[] readAndClearDirty();

  /** Number of pages currently dirty, without clearing (for estimates). */
  long dirtyPageCount();

  /** Copies one page from the source to the destination. */
  void copyPage(long page);

  void stopDirtyTracking();
}
