/**
 * Guest memory, the IOMMU and DMA for the emulated VF.
 *
 * <p>Key types: {@link org.vfiomc.conformance.emulator.dma.GuestMemory} (sparse, byte-addressed
 * guest-physical memory in 4 KiB pages; its CPU accessors mark the guest CPU's dirty log), {@link
 * org.vfiomc.conformance.emulator.dma.Iommu} (IOVA page to guest-physical page, with read/write
 * permission), {@link org.vfiomc.conformance.emulator.dma.DmaPort} (the function's requester ID:
 * every device access is translated by the IOMMU, and every device write marks the device dirty
 * log, as IOMMU dirty tracking / VFIO device DMA logging would), {@link
 * org.vfiomc.conformance.emulator.dma.DirtyLog} (start, stop, read-and-clear of a range).
 *
 * <p>Invariants: addresses are below {@link
 * org.vfiomc.conformance.emulator.dma.Pages#ADDRESS_LIMIT} (40 bits); pages never touched read as
 * zero and cost nothing; a device access that cannot be translated, is refused by the permission
 * bits or happens while DMA is not allowed is a recorded {@link
 * org.vfiomc.conformance.emulator.dma.DmaFault} and touches no byte (never an exception); device
 * reads mark nothing dirty; the two dirty logs are independent (the dummy-write strategy of the
 * 2015 RFC relies on CPU writes marking only the CPU log).
 */
package org.vfiomc.conformance.emulator.dma;
