package org.vfiomc.conformance.orchestrator;

import org.vfiomc.conformance.scenario.SyntheticGuestMemory;

/**
 * Guest RAM as the orchestrator migrates it: dirty tracking (start, read-and-clear, stop) and page
 * copies from source to destination. The 82599 VF's guest memory and its IOMMU dirty log plug in
 * here later; {@link SyntheticGuestMemory} is the stand-in.
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
