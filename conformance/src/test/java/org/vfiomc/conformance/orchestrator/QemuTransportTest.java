package org.vfiomc.conformance.orchestrator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.vfiomc.conformance.scenario.SyntheticVm;
import org.vfiomc.conformance.vfio.Arc;
import org.vfiomc.conformance.vfio.ArcListener;
import org.vfiomc.conformance.vfio.MigrationFeatures;
import org.vfiomc.conformance.vfio.MigrationState;
import org.vfiomc.conformance.vfio.VfioMigrationDevice;

/**
 * Issue 20, point 3: device data travels in VFIO sections over a channel that neither loses nor
 * reorders ({@code vfio_save_setup}, {@code vfio_save_iterate}, {@code vfio_save_complete_precopy},
 * {@code vfio_save_state} on the source; {@code vfio_load_state} on the destination). A closed
 * channel or an unknown tag fails the destination's load: its QEMU exits (devices reset) before any
 * RESUMING → STOP, and the source fails the migration and runs on ({@code
 * migration_iteration_finish}, {@code migrate_fd_cleanup}).
 */
final class QemuTransportTest {
  static final List<String> DST_SETUP =
      List.of("RUNNING->RUNNING_P2P", "RUNNING_P2P->STOP", "STOP->RESUMING");

  /**
   * The source's arcs when the load fails after the vCPUs stopped: the VM starts again ({@code
   * vm_start}: the prepare callback, RUNNING_P2P, from STOP_COPY via STOP, then the main one).
   */
  static final List<String> SRC_RESUMED =
      List.of(
          "RUNNING->PRE_COPY",
          "PRE_COPY->PRE_COPY_P2P",
          "PRE_COPY_P2P->STOP_COPY",
          "STOP_COPY->STOP",
          "STOP->RUNNING_P2P",
          "RUNNING_P2P->RUNNING");

  static Map<String, List<String>> watch(SyntheticVm vm) {
    Map<String, List<String>> log = new LinkedHashMap<>();
    DevicePair p = vm.pairs().get(0);
    for (VfioMigrationDevice d : List.of(p.source(), p.destination())) {
      List<String> arcs = new ArrayList<>();
      log.put(d == p.source() ? "src" : "dst", arcs);
      d.addArcListener(
          new ArcListener() {
            @Override
            public void afterArc(VfioMigrationDevice dev, Arc arc) {
              arcs.add(arc.from() + "->" + arc.to());
            }

            @Override
            public void afterReset(VfioMigrationDevice dev) {
              arcs.add("reset");
            }
          });
    }
    return log;
  }

  private static SyntheticVm vm() {
    return MigrationOrchestratorTest.vm(1, MigrationFeatures.ALL, 20);
  }

  /**
   * On a sound channel the sections are setup, one per pre-copy iteration, the completion and the
   * config; a break at any later section number never fires, and the migration completes as without
   * the transport.
   */
  @Test
  void soundChannel_completes_andHasSetupIterationsCompletionConfig() {
    MigrationReport r = vm().migrate(OrchestratorOptions.defaults());
    assertEquals(MigrationReport.Outcome.COMPLETED, r.outcome(), r.toString());
    int sections = 1 + r.precopyRounds() + 1 + 1;
    MigrationReport late =
        vm().migrate(
                OrchestratorOptions.defaults()
                    .withStreamFault(new StreamFault(StreamFault.Kind.BREAK, sections + 1)));
    assertEquals(r.events(), late.events());
    MigrationReport last =
        vm().migrate(
                OrchestratorOptions.defaults()
                    .withStreamFault(new StreamFault(StreamFault.Kind.BREAK, sections)));
    assertEquals(MigrationReport.Outcome.FAILED, last.outcome(), last.toString());
  }

  /**
   * The channel closes in the setup section: the destination reads the end of the stream inside it,
   * fails the load and exits (reset, no RESUMING → STOP); the source, never stopped, takes the
   * failure notifier's PRE_COPY → RUNNING.
   */
  @Test
  void breakInSetup_destinationExitsBeforeResumingToStop_sourceRunsOn() {
    SyntheticVm vm = vm();
    Map<String, List<String>> log = watch(vm);
    MigrationReport r =
        vm.migrate(
            OrchestratorOptions.defaults()
                .withStreamFault(new StreamFault(StreamFault.Kind.BREAK, 1)));
    assertEquals(MigrationReport.Outcome.FAILED, r.outcome(), r.toString());
    assertEquals(
        "dev0 destination failed the load (end of stream inside a section); the destination QEMU"
            + " exits",
        r.detail());
    List<String> dst = new ArrayList<>(DST_SETUP);
    dst.add("reset");
    assertEquals(dst, log.get("dst"));
    assertEquals(List.of("RUNNING->PRE_COPY", "PRE_COPY->RUNNING"), log.get("src"));
    assertEquals(0, r.downtimeNanos());
  }

  /**
   * The stop-copy section opens with a tag the destination's QEMU does not know: its load fails
   * after the vCPUs stopped, the destination exits, and the source VM starts again (prepare, main)
   * from STOP_COPY. The destination never took RESUMING → STOP.
   */
  @Test
  void unknownTagInTheStopCopy_destinationExits_sourceVmStartsAgain() {
    int rounds = vm().migrate(OrchestratorOptions.defaults()).precopyRounds();
    SyntheticVm vm = vm();
    Map<String, List<String>> log = watch(vm);
    MigrationReport r =
        vm.migrate(
            OrchestratorOptions.defaults()
                .withStreamFault(new StreamFault(StreamFault.Kind.UNKNOWN_TAG, 1 + rounds + 1)));
    assertEquals(MigrationReport.Outcome.FAILED, r.outcome(), r.toString());
    assertTrue(
        r.detail().startsWith("dev0 destination failed the load (unknown tag 0xffffffffef1000ff)"),
        r.detail());
    List<String> dst = new ArrayList<>(DST_SETUP);
    dst.add("reset");
    assertEquals(dst, log.get("dst"));
    assertFalse(log.get("dst").contains("RESUMING->STOP"));
    assertEquals(SRC_RESUMED, log.get("src"));
    assertEquals(Map.of("dev0", MigrationState.RUNNING), r.sourceStates());
    assertTrue(r.downtimeNanos() > 0, r.toString());
  }
}
