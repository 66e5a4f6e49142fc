package org.vfiomc.conformance.orchestrator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.vfiomc.conformance.scenario.SyntheticVm;
import org.vfiomc.conformance.vfio.ArcFault;
import org.vfiomc.conformance.vfio.MigrationFeatures;
import org.vfiomc.conformance.vfio.MigrationState;

/**
 * Once {@link MigrationOrchestrator#migrate()} returns, the devices are the caller's again: the
 * orchestrator's arc listener (which advances the simulated clock by the arc latency) and its fault
 * injector are gone, so a later SET costs no simulated time and a planned fault that never fired
 * during the run does not fire afterwards. And {@link Choices#seeded}: the same seed, the same
 * decisions.
 */
final class AfterTheMigrationTest {
  /**
   * A 10-arc one-device run with a fault planned at arc 10 (one past the last): it completes; a SET
   * afterwards takes its arc without the fault and without moving the clock.
   */
  @Test
  void afterTheRun_noListenerAndNoInjectorRemain() {
    SyntheticVm vm = MigrationOrchestratorTest.vm(1, MigrationFeatures.ALL, 20);
    MigrationReport r =
        vm.migrate(OrchestratorOptions.defaults().withFault(new FaultPlan(10, ArcFault.FAIL_STAY)));
    assertEquals(MigrationReport.Outcome.COMPLETED, r.outcome(), r.toString());
    assertEquals(10, r.arcs());
    DevicePair p = vm.pairs().get(0);
    long before = vm.clock().nanos();
    assertTrue(p.source().set(MigrationState.RUNNING).ok()); // STOP -> RUNNING
    assertTrue(p.destination().set(MigrationState.STOP).ok()); // RUNNING -> STOP
    assertEquals(before, vm.clock().nanos());
    assertEquals(MigrationState.RUNNING, p.source().state());
  }

  @Test
  void seededChoices_repeat() {
    Choices a = Choices.seeded(42);
    Choices b = Choices.seeded(42);
    List<Integer> x = new ArrayList<>();
    List<Integer> y = new ArrayList<>();
    for (int i = 0; i < 50; i++) {
      int v = a.next(7);
      assertTrue(v >= 0 && v < 7, "in [0, 7): " + v);
      x.add(v);
      y.add(b.next(7));
    }
    assertEquals(x, y);
    assertTrue(x.stream().distinct().count() > 1, "not a constant: " + x);
  }
}
