package org.vfiomc.conformance.orchestrator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.LongStream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.vfiomc.conformance.scenario.SyntheticVm;
import org.vfiomc.conformance.vfio.ArcFault;
import org.vfiomc.conformance.vfio.MigrationFeatures;
import org.vfiomc.conformance.vfio.MigrationState;

/**
 * Seeded random migrations under QEMU ordering: 1-3 devices (several only with P2P), random feature
 * sets, memory sizes, dirty rates, downtime limits and round limits, and either no disturbance, a
 * fault of either kind at a random arc, or a cancel after a random number of arcs. Whatever
 * happens: a completed migration moved every page and every device state exactly and lost no P2P
 * write; a failed or cancelled one left every source RUNNING with nothing lost unless the report
 * names a reset. The random configuration is the whole input, printed on failure.
 */
final class MigrationOrchestratorProperties {
  private static final int RUNS = Integer.getInteger("seeds", 150);

  record Config(
      List<MigrationFeatures> features,
      int pages,
      int pagesPerMs,
      long downtimeLimit,
      int rounds,
      int faultAt,
      ArcFault fault,
      int cancelAfter) {}

  static Config config(long seed) {
    Random r = new Random(seed);
    int devices = 1 + r.nextInt(3);
    List<MigrationFeatures> f = new ArrayList<>();
    for (int i = 0; i < devices; i++) {
      MigrationFeatures[] choice =
          devices == 1
              ? MigrationFeatures.values()
              : new MigrationFeatures[] {MigrationFeatures.STOP_COPY_P2P, MigrationFeatures.ALL};
      f.add(choice[r.nextInt(choice.length)]);
    }
    long[] limits = {0L, 1_000_000L, 300_000_000L};
    int scenario = r.nextInt(3);
    return new Config(
        f,
        64 + r.nextInt(448),
        r.nextInt(60),
        limits[r.nextInt(3)],
        1 + r.nextInt(6),
        scenario == 1 ? r.nextInt(10 * devices) : -1,
        r.nextBoolean() ? ArcFault.FAIL_STAY : ArcFault.FAIL_TO_ERROR,
        scenario == 2 ? r.nextInt(10 * devices) : -1);
  }

  static LongStream seeds() {
    return LongStream.range(0, RUNS);
  }

  @ParameterizedTest(name = "seed {0}")
  @MethodSource("seeds")
  void randomMigration_keepsTheEndStateInvariants(long seed) {
    check(seed);
  }

  /** The seeds reach every outcome and both kinds of reset-free and reset recovery. */
  @org.junit.jupiter.api.Test
  void randomMigrations_reachCompletedFailedAndCancelled() {
    java.util.Map<MigrationReport.Outcome, Integer> counts =
        new java.util.EnumMap<>(MigrationReport.Outcome.class);
    int resets = 0;
    for (long seed = 0; seed < RUNS; seed++) {
      MigrationReport r = check(seed);
      counts.merge(r.outcome(), 1, Integer::sum);
      resets += r.devicesReset() > 0 ? 1 : 0;
    }
    assertTrue(
        counts.getOrDefault(MigrationReport.Outcome.COMPLETED, 0) > 0
            && counts.getOrDefault(MigrationReport.Outcome.FAILED, 0) > 0
            && counts.getOrDefault(MigrationReport.Outcome.CANCELLED, 0) > 0
            && resets > 0,
        counts + ", runs with a reset: " + resets);
  }

  private static MigrationReport check(long seed) {
    Config c = config(seed);
    int n = c.features().size();
    SyntheticVm vm = new SyntheticVm(n, c.features(), c.pages(), 128, seed, c.pagesPerMs(), 3);
    vm.warmUp(2_000_000L);
    long[] sourceFinal = new long[n];
    long[] loaded = new long[n];
    for (int i = 0; i < n; i++) {
      int k = i;
      vm.pairs()
          .get(i)
          .source()
          .addArcListener(
              (d, arc) -> {
                if (arc.to() == MigrationState.STOP_COPY) {
                  sourceFinal[k] = d.function().stateDigest();
                }
              });
      vm.pairs()
          .get(i)
          .destination()
          .addArcListener(
              (d, arc) -> {
                if (arc.from() == MigrationState.RESUMING) {
                  loaded[k] = d.function().stateDigest();
                }
              });
    }
    OrchestratorOptions o =
        OrchestratorOptions.defaults()
            .withDowntimeLimitNanos(c.downtimeLimit())
            .withMaxPrecopyRounds(c.rounds());
    if (c.faultAt() >= 0) {
      o = o.withFault(new FaultPlan(c.faultAt(), c.fault()));
    }
    if (c.cancelAfter() >= 0) {
      o = o.withCancelAfterArc(c.cancelAfter());
    }
    MigrationReport r = vm.migrate(o);
    String where = "seed " + seed + " " + c + "\n" + r;
    assertTrue(r.precopyRounds() <= c.rounds(), where);
    switch (r.outcome()) {
      case COMPLETED -> {
        assertEquals(0, vm.memory().mismatchedPages(), where);
        assertEquals(0, r.p2pOrderingViolations(), where);
        for (int i = 0; i < n; i++) {
          assertEquals(sourceFinal[i], loaded[i], where);
          assertEquals(MigrationState.RUNNING, vm.pairs().get(i).destination().state(), where);
          MigrationState s = vm.pairs().get(i).source().state();
          assertTrue(
              s == MigrationState.STOP || r.devicesReset() > 0 && s == MigrationState.RUNNING,
              where);
        }
        SyntheticVm.P2pAccount p2p = vm.p2pAccount(true);
        assertEquals(0, p2p.dropped(), where);
        assertTrue(p2p.conserved(), where);
      }
      case FAILED, CANCELLED -> {
        assertTrue(
            r.outcome() == MigrationReport.Outcome.FAILED ? c.faultAt() >= 0 : c.cancelAfter() >= 0,
            where);
        for (DevicePair p : vm.pairs()) {
          assertEquals(MigrationState.RUNNING, p.source().state(), where);
          assertEquals(MigrationState.RUNNING, p.destination().state(), where);
        }
        if (r.devicesReset() == 0) {
          SyntheticVm.P2pAccount p2p = vm.p2pAccount(false);
          assertEquals(0, p2p.dropped(), where);
          assertTrue(p2p.conserved(), where);
        }
      }
      case REFUSED -> throw new AssertionError("valid configuration refused: " + where);
    }
    return r;
  }
}
