package org.vfiomc.conformance.orchestrator;

/**
 * What a VM's devices and IOMMU offer the host for finding the pages the devices write by DMA
 * ({@link GuestMemoryMigration#dmaDirtySupport()}); {@link HostModel#dmaTracking} picks from it.
 */
public enum DmaDirtySupport {
  /** Every device logs its own DMA writes ({@code VFIO_DEVICE_FEATURE_DMA_LOGGING}). */
  DEVICE_LOGGING,
  /** Not every device does, but the IOMMU tracks them (type1 container or iommufd dirty bitmap). */
  IOMMU,
  /** Neither. */
  NONE
}
