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

  /** Starts dirty tracking with what the memory was built to read (CPU log, and its DMA log). */
  void startDirtyTracking();

  /**
   * What the VM's devices and IOMMU offer for tracking DMA writes; the default is a device log
   * (devices that write no guest RAM have an always-empty one).
   */
  default DmaDirtySupport dmaDirtySupport() {
    return DmaDirtySupport.DEVICE_LOGGING;
  }

  /**
   * Starts dirty tracking as the host chose it: {@link #readAndClearDirty} then holds the pages
   * devices wrote by DMA iff {@code tracking} {@linkplain DmaTracking#readsDmaLog() reads a DMA
   * log} (the orchestrator itself marks everything for {@link DmaTracking#ALL_MAPPED_DIRTY}). The
   * default is {@link #startDirtyTracking()}, for a memory whose DMA writes follow its support.
   */
  default void startDirtyTracking(DmaTracking tracking) {
    startDirtyTracking();
  }

  /** Pages written since tracking started or since the last call, and clears them. */
  long[] readAndClearDirty();

  /** Number of pages currently dirty, without clearing (for estimates). */
  long dirtyPageCount();

  /** Copies one page from the source to the destination. */
  void copyPage(long page);

  void stopDirtyTracking();
}
