package org.vfiomc.conformance.emulator.dma;

/**
 * One refused device access: where, how long, which direction, and why. The device records it (PCIe
 * would signal an unsupported request / the IOMMU a translation fault) and carries on.
 */
public record DmaFault(long iova, int length, boolean write, Reason reason) {
  /** Why the access was refused. */
  public enum Reason {
    /** No IOMMU mapping for some page of the range. */
    UNMAPPED,
    /** The mapping exists but lacks the needed read or write permission. */
    PERMISSION,
    /** The address range leaves the 40-bit space. */
    OUT_OF_RANGE,
    /** DMA is not allowed (bus master off, or the migration state forbids it). */
    BLOCKED
  }
}
