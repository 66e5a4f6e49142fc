package org.vfiomc.conformance.orchestrator;

import static java.util.Objects.requireNonNull;

import org.vfiomc.conformance.vfio.VfioMigrationDevice;

/** One device of the VM: its source instance and the destination instance it migrates to. */
public record DevicePair(String name, VfioMigrationDevice source, VfioMigrationDevice destination) {
  public DevicePair {
    requireNonNull(name, "name");
    requireNonNull(source, "source");
    requireNonNull(destination, "destination");
  }
}
