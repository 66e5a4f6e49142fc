package org.vfiomc.conformance.orchestrator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.vfiomc.conformance.emulator.migration.ArcFault;
import org.vfiomc.conformance.emulator.migration.MigrationFeatures;
import org.vfiomc.conformance.emulator.migration.MigrationState;

final class MigrationOrchestratorTest {

  static SyntheticVm vm(int devices, MigrationFeatures f) {
    SyntheticVm vm =
        new SyntheticVm(devices, java.util.Collections.nCopies(devices, f), 1024, 256, 1, 20, 5);
    vm.warmUp(1_000_000L);
    return vm;
  }

  @Test
  void explore() {
    SyntheticVm vm = vm(2, MigrationFeatures.ALL);
    MigrationReport r = vm.migrate(OrchestratorOptions.defaults());
    System.out.println(r);
    System.out.println(vm.p2pAccount(true));
    SyntheticVm vm2 = vm(2, MigrationFeatures.ALL);
    MigrationReport r2 = vm2.migrate(OrchestratorOptions.defaults().withOrdering(P2pOrdering.NAIVE));
    System.out.println(r2);
    System.out.println(vm2.p2pAccount(true));
    assertEquals(MigrationReport.Outcome.COMPLETED, r.outcome());
    assertTrue(List.of().isEmpty() && Map.of().isEmpty() && ArcFault.values().length == 2
        && MigrationState.values().length == 8);
  }
}
