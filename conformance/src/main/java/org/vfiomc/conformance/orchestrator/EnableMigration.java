package org.vfiomc.conformance.orchestrator;

/**
 * The {@code enable-migration} property of QEMU's {@code vfio-pci} device ({@code hw/vfio/pci.c}),
 * which decides what QEMU 10.x does with a device whose DMA it cannot track: neither device DMA
 * logging nor the IOMMU's dirty tracking ({@link DmaDirtySupport#NONE}). {@code
 * vfio_migration_realize} ({@code hw/vfio/migration.c}) looks at it when the device is realized:
 *
 * <ul>
 *   <li>{@link #AUTO} (QEMU's default): such a device gets a migration blocker, so {@code
 *       qmp_migrate} refuses to start and no arc is ever issued;
 *   <li>{@link #ON}: QEMU only warns, and at every dirty sync marks all DMA-mapped RAM dirty
 *       ({@link DmaTracking#ALL_MAPPED_DIRTY}), which is correct but never converges on a busy VM.
 * </ul>
 *
 * <p>The model sets it once for every VFIO device of the VM. The 2015 RFC host predates the
 * property (and VFIO migration v2): it has no such blocker and tracks no device DMA at all.
 */
public enum EnableMigration {
  AUTO,
  ON
}
