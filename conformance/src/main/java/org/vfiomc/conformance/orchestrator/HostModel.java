package org.vfiomc.conformance.orchestrator;

import static java.util.Objects.requireNonNull;

import java.util.Optional;

/**
 * The host a migration runs on, chosen per run and named in every report. Both hosts migrate RAM
 * the same way (QEMU's {@code migration/ram.c}: dirty logging starts in {@code ram_save_setup},
 * before the devices' setup handlers, and stops in {@code ram_save_cleanup}); they differ in how
 * pages that devices write by DMA are found ({@link #dmaTracking}).
 *
 * <ul>
 *   <li>{@link #QEMU_10}: QEMU 10.x with the VFIO migration uAPI v2. Device DMA logging when every
 *       device supports it ({@code VFIO_DEVICE_FEATURE_DMA_LOGGING_START}; {@code
 *       vfio_devices_all_device_dirty_tracking} in {@code hw/vfio/listener.c}), else the IOMMU's
 *       tracking (the container's or iommufd's dirty bitmap, {@code
 *       vfio_container_query_dirty_bitmap} in {@code hw/vfio/container.c}), else every DMA-mapped
 *       page is marked dirty at each sync ({@code vfio_get_dirty_bitmap} falls back to {@code
 *       cpu_physical_memory_set_dirty_range} over the whole mapping: QEMU maps all guest RAM, so
 *       all of it). With {@code enable-migration=auto} QEMU instead blocks the migration of a
 *       device that has neither ({@code vfio_migration_realize}); this model is {@code
 *       enable-migration=on}, which only warns.
 *   <li>{@link #RFC_2015}: the host of the 2015 SR-IOV VF live migration RFC (Lan Tianyu's 82599
 *       series): no device or IOMMU dirty tracking at all, so device DMA into guest RAM is
 *       invisible to the host and the guest-side strategies (dummy writes after or before the
 *       descriptor check, a cooperative stop) are all it has.
 * </ul>
 */
public enum HostModel {
  QEMU_10("qemu-10", "QEMU 10.x"),
  RFC_2015("rfc-2015", "2015 RFC host");

  private final String cli;
  private final String title;

  HostModel(String cli, String title) {
    this.cli = cli;
    this.title = title;
  }

  /** The name {@code simulate --host} takes and every report prints. */
  public String cli() {
    return cli;
  }

  /** A human name for reports. */
  public String title() {
    return title;
  }

  /** The host named {@code cli}, if any. */
  public static Optional<HostModel> ofCli(String cli) {
    for (HostModel h : values()) {
      if (h.cli.equals(cli)) {
        return Optional.of(h);
      }
    }
    return Optional.empty();
  }

  /**
   * QEMU 10.x's blocker for a device whose DMA it cannot track, under {@code enable-migration=auto}
   * ({@link EnableMigration}; {@code vfio_migration_realize}).
   */
  public static final String NO_DIRTY_TRACKING_BLOCKER =
      "migration blocked: the VFIO device supports neither device DMA logging nor IOMMU dirty"
          + " tracking (enable-migration=auto)";

  /**
   * The migration blocker this host raises before anything starts, given what the VM's devices and
   * IOMMU offer and the devices' {@code enable-migration}: QEMU 10.x blocks a device whose DMA
   * nothing tracks under {@link EnableMigration#AUTO} (under {@link EnableMigration#ON} it marks
   * everything dirty instead, {@link #dmaTracking}); the 2015 RFC host predates the property and
   * blocks nothing.
   */
  public Optional<String> migrationBlocker(DmaDirtySupport support, EnableMigration enable) {
    requireNonNull(support, "support");
    requireNonNull(enable, "enable");
    return this == QEMU_10 && support == DmaDirtySupport.NONE && enable == EnableMigration.AUTO
        ? Optional.of(NO_DIRTY_TRACKING_BLOCKER)
        : Optional.empty();
  }

  /**
   * How this host finds the pages devices write by DMA, given what the VM's devices and IOMMU
   * offer: QEMU 10.x takes the device log, else the IOMMU's, else marks everything dirty at every
   * sync; the 2015 RFC host reads neither, whatever the hardware offers.
   */
  public DmaTracking dmaTracking(DmaDirtySupport support) {
    requireNonNull(support, "support");
    if (this == RFC_2015) {
      return DmaTracking.CPU_ONLY;
    }
    return switch (support) {
      case DEVICE_LOGGING -> DmaTracking.DEVICE_DMA_LOGGING;
      case IOMMU -> DmaTracking.IOMMU_DIRTY_TRACKING;
      case NONE -> DmaTracking.ALL_MAPPED_DIRTY;
    };
  }
}
