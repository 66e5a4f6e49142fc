package org.vfiomc.conformance.scenario;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.vfiomc.conformance.ledger.Violation;
import org.vfiomc.conformance.orchestrator.Choices;
import org.vfiomc.conformance.orchestrator.MigrationReport;
import org.vfiomc.conformance.orchestrator.OrchestratorOptions;
import org.vfiomc.conformance.scenario.RxStrategy.RingRestore;
import org.vfiomc.conformance.scenario.RxStrategy.StopMode;
import org.vfiomc.conformance.scenario.RxStrategy.Tracking;
import org.vfiomc.conformance.testing.Shrinker;

/**
 * Seeded whole-migration runs of {@link VfVm} (VF, guest driver, memory migration, orchestrator)
 * under every strategy of {@code specs/RxDma/RxDma.tla}: correct ones never lose, duplicate or
 * corrupt a frame; each broken one does for some seed, and the failing run shrinks (by removing
 * frames from the wire schedule, with the shared {@link Shrinker}) to a few frames.
 */
class VfMigrationProperties {
  /** Seeds tried per strategy. */
  static final int SEEDS = 6;

  /**
   * 200 frames every 20 µs from 1 µs on; migration at 0.5 ms; 4 MiB RAM (round 1 alone is 1024
   * pages of 3.3 µs, so frames keep arriving through pre-copy and the switchover).
   */
  static VfVm.Config config(RxStrategy s) {
    return VfVm.Config.of(200, s).withMigrateAfterNanos(500_000L);
  }

  static RxStrategy of(Tracking t, RingRestore r, StopMode m) {
    return RxStrategy.defaults().withTracking(t).withRestore(r).withStopMode(m);
  }

  static Stream<RxStrategy> correct() {
    return Stream.of(
        of(Tracking.IOMMU, RingRestore.SHIFT, StopMode.QEMU),
        of(Tracking.IOMMU, RingRestore.REINIT, StopMode.QEMU),
        of(Tracking.IOMMU, RingRestore.SHIFT, StopMode.GUEST_DRAIN),
        of(Tracking.DUMMY_AFTER, RingRestore.SHIFT, StopMode.GUEST_DRAIN),
        of(Tracking.DUMMY_AFTER, RingRestore.REINIT, StopMode.GUEST_DRAIN));
  }

  @ParameterizedTest
  @MethodSource("correct")
  void correctStrategy_neverLosesDuplicatesOrCorrupts(RxStrategy s) {
    assertTrue(s.correct());
    for (long seed = 1; seed <= SEEDS; seed++) {
      VfRunReport r = new VfVm(config(s), seed).run(OrchestratorOptions.defaults());
      assertEquals(MigrationReport.Outcome.COMPLETED, r.migration().outcome(), "seed " + seed);
      assertEquals(List.of(), r.violations(), s + " seed " + seed);
      // every frame is delivered or was dropped before acceptance and counted
      assertEquals(200, r.delivered() + r.dropped(), s + " seed " + seed);
    }
  }

  static Stream<Arguments> broken() {
    return Stream.of(
        // RxDmaDummyBeforeShiftDrain: one frame, its first byte overwritten by the stale dummy
        // write-back at the source (no migration needed)
        Arguments.of(
            of(Tracking.DUMMY_BEFORE, RingRestore.SHIFT, StopMode.GUEST_DRAIN),
            1,
            1,
            Violation.Kind.CORRUPTED),
        // RxDmaNoneShift / RxDmaDummyAfterShift: one frame the VF writes between the vCPU stop
        // and the device stop; nothing dirties its pages, the destination never sees it
        Arguments.of(
            of(Tracking.NONE, RingRestore.SHIFT, StopMode.QEMU), 1, 1, Violation.Kind.LOST),
        Arguments.of(
            of(Tracking.DUMMY_AFTER, RingRestore.SHIFT, StopMode.QEMU), 1, 1, Violation.Kind.LOST),
        // RxDmaIommuHeadZeroLoss: frame 1 done but not cleaned at the stop, RDH back to 0, the
        // destination VF writes frame 2 over slot 0: two frames
        Arguments.of(
            of(Tracking.IOMMU, RingRestore.HEAD_ZERO, StopMode.QEMU), 1, 2, Violation.Kind.LOST));
  }

  @ParameterizedTest
  @MethodSource("broken")
  void brokenStrategy_failsForSomeSeed_andShrinksToAFewFrames(
      RxStrategy s, int expectedSeed, int shrunkFrames, Violation.Kind kind) {
    assertTrue(!s.correct());
    long failing = -1;
    for (long seed = 1; seed <= SEEDS && failing < 0; seed++) {
      if (!new VfVm(config(s), seed).run(OrchestratorOptions.defaults()).clean()) {
        failing = seed;
      }
    }
    assertEquals(expectedSeed, failing, s + ": first failing seed");
    long seed = failing;
    VfVm.Config cfg = config(s);
    List<VfVm.Arrival> all = VfVm.schedule(cfg, seed);
    List<VfVm.Arrival> shrunk =
        Shrinker.shrink(
            all,
            a ->
                !new VfVm(cfg, seed, Choices.seeded(seed), a)
                    .run(OrchestratorOptions.defaults())
                    .clean());
    VfRunReport r =
        new VfVm(cfg, seed, Choices.seeded(seed), shrunk).run(OrchestratorOptions.defaults());
    assertEquals(shrunkFrames, shrunk.size(), s + " shrunk to " + shrunk);
    assertEquals(kind, r.violations().get(0).kind(), r.violations().toString());
  }
}
