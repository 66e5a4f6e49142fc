package org.vfiomc.conformance.orchestrator;

/**
 * How the host finds the pages devices write by DMA during a migration, as {@link
 * HostModel#dmaTracking} chose it; KVM's CPU dirty log is read in every case.
 */
public enum DmaTracking {
  /**
   * QEMU 10.x reads each device's DMA log at every sync ({@code vfio_devices_query_dirty_bitmap}).
   */
  DEVICE_DMA_LOGGING("device DMA logging"),
  /**
   * QEMU 10.x reads the IOMMU's dirty bitmap at every sync ({@code
   * vfio_container_query_dirty_bitmap}).
   */
  IOMMU_DIRTY_TRACKING("IOMMU dirty tracking"),
  /**
   * QEMU 10.x, with neither: every DMA-mapped page (all guest RAM) is marked dirty at every sync.
   */
  ALL_MAPPED_DIRTY("all DMA-mapped RAM dirty at every sync"),
  /** The 2015 RFC host: device DMA is not tracked at all; only the CPU log. */
  CPU_ONLY("CPU dirty log only, device DMA untracked");

  private final String text;

  DmaTracking(String text) {
    this.text = text;
  }

  /** Whether the memory reads a device or IOMMU DMA log (in {@link GuestMemoryMigration}). */
  public boolean readsDmaLog() {
    return this == DEVICE_DMA_LOGGING || this == IOMMU_DIRTY_TRACKING;
  }

  @Override
  public String toString() {
    return text;
  }
}
