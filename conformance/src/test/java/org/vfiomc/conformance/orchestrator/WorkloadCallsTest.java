package org.vfiomc.conformance.orchestrator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.vfiomc.conformance.scenario.SyntheticVm;
import org.vfiomc.conformance.vfio.MigrationFeatures;

/**
 * What the orchestrator tells the {@link MigrationWorkload} and when: the guest runs only while
 * pre-copy sends (never after the vCPU stop), the devices run between every two arcs, a cooperative
 * guest is told once before the vCPUs stop, the destination VM starts once and then announces
 * itself ({@code qemu_announce_self} from {@code process_incoming_migration_bh}); after a failure
 * the destination is abandoned and nothing is announced (PIT survivors: removed workload calls that
 * only the scenario tests, outside the orchestrator's test scope, would see).
 */
final class WorkloadCallsTest {
  /** The VM's workload, with every call written into {@link #calls}. */
  private static final class Logged implements MigrationWorkload {
    final MigrationWorkload inner;
    final List<String> calls = new ArrayList<>();
    long guestNanos;
    int betweenArcs;

    Logged(MigrationWorkload inner) {
      this.inner = inner;
    }

    @Override
    public void runGuest(long nanos) {
      guestNanos += nanos;
      if (calls.isEmpty() || !calls.get(calls.size() - 1).equals("guest")) {
        calls.add("guest");
      }
      inner.runGuest(nanos);
    }

    @Override
    public void betweenArcs() {
      betweenArcs++;
      inner.betweenArcs();
    }

    @Override
    public void beforeVcpuStop() {
      calls.add("beforeVcpuStop");
      inner.beforeVcpuStop();
    }

    @Override
    public void destinationRunning(boolean running) {
      calls.add("destination " + running);
      inner.destinationRunning(running);
    }

    @Override
    public void announce() {
      calls.add("announce");
      inner.announce();
    }
  }

  private static MigrationReport run(
      SyntheticVm vm, Logged w, OrchestratorOptions o, Set<ProtocolDefect> defects) {
    return new MigrationOrchestrator(
            vm.pairs(),
            vm.memory(),
            w,
            vm.clock(),
            o,
            new ProtocolHooks(ProtocolObserver.NONE, defects))
        .migrate();
  }

  /**
   * A completed run: the guest runs during pre-copy, as long as the link is busy (every pre-copy
   * byte's transfer time, which with no arc in pre-copy is the whole pre-copy), then one stop, one
   * start of the destination and one announce, in that order; the devices run after every arc.
   */
  @Test
  void aCompletedRun_guestThenStopThenStartThenAnnounce() {
    SyntheticVm vm = MigrationOrchestratorTest.vm(1, MigrationFeatures.ALL, 20);
    Logged w = new Logged(vm.workload());
    MigrationReport r = run(vm, w, OrchestratorOptions.defaults(), Set.of());
    assertEquals(MigrationReport.Outcome.COMPLETED, r.outcome(), r.toString());
    assertEquals(List.of("guest", "beforeVcpuStop", "destination true", "announce"), w.calls);
    assertEquals(r.arcs(), w.betweenArcs);
    assertTrue(w.guestNanos > 0);
    // the guest ran for the pre-copy's transfers: less than the whole run, which adds the arcs
    // (10 x 50 us) and the stop-copy
    assertTrue(w.guestNanos <= r.totalNanos() - r.downtimeNanos() - 4 * 50_000L, r.toString());
  }

  /** A failure after the vCPU stop: the destination is abandoned, nothing is announced. */
  @Test
  void aFailedRun_abandonsTheDestination_withoutAnnounce() {
    SyntheticVm vm = MigrationOrchestratorTest.vm(1, MigrationFeatures.ALL, 20);
    Logged w = new Logged(vm.workload());
    MigrationReport r =
        run(
            vm,
            w,
            OrchestratorOptions.defaults(),
            Set.of(ProtocolDefect.WAIT_FOR_ENOMSG_IN_STOP_COPY));
    assertEquals(MigrationReport.Outcome.FAILED, r.outcome());
    assertEquals(List.of("guest", "beforeVcpuStop", "destination false"), w.calls);
    assertEquals(r.arcs(), w.betweenArcs);
  }
}
