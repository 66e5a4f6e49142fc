package org.vfiomc.conformance.scenario;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.vfiomc.conformance.orchestrator.MigrationReport;
import org.vfiomc.conformance.orchestrator.OrchestratorOptions;
import org.vfiomc.conformance.scenario.RxStrategy.RingRestore;
import org.vfiomc.conformance.scenario.RxStrategy.StopMode;
import org.vfiomc.conformance.scenario.RxStrategy.Tracking;

/**
 * Issue 10's done-when on realistic traffic (a frame every 20 µs, a 512-entry Rx ring, 4 MiB of
 * guest RAM): over 20 seeds every correct strategy of {@code specs/RxDma/RxDma.tla} completes with
 * no frame lost after acceptance, corrupted or duplicated, while the frames that reach the stopped
 * source (the vCPU downtime exceeds the frame interval) are lost on the wire and counted; every
 * broken strategy has a bug class above 0 on at least one of the 20 seeds, but for the two whose
 * loss needs a buffer page held by the guest stack across the stop, which the simulated stack never
 * does.
 */
final class RealTrafficLossTest {
  static final int SEEDS = 20;
  static final long INTERVAL_NANOS = 20_000L;

  static VfRunReport run(RxStrategy s, long packets, long seed) {
    return new VfVm(VfVm.Config.of(packets, s), seed).run(OrchestratorOptions.defaults());
  }

  static List<RxStrategy> all() {
    List<RxStrategy> out = new ArrayList<>();
    for (Tracking t : Tracking.values()) {
      for (RingRestore r : RingRestore.values()) {
        for (StopMode m : StopMode.values()) {
          RxStrategy s = RxStrategy.defaults().withTracking(t).withRestore(r).withStopMode(m);
          if (s.simulated()) {
            out.add(s);
          }
        }
      }
    }
    return out;
  }

  @Test
  void correctStrategies_loseOnlyOnTheWire_over20Seeds() {
    int checked = 0;
    for (RxStrategy s : all()) {
      if (!s.correct()) {
        continue;
      }
      for (long seed = 1; seed <= SEEDS; seed++) {
        VfRunReport r = run(s, 1_000, seed);
        VfRunReport.Ledger l = r.ledger();
        String where = s + " seed " + seed + ": " + l + " " + r.violations();
        assertEquals(MigrationReport.Outcome.COMPLETED, r.migration().outcome(), where);
        assertEquals(0, l.bugs(), where);
        assertEquals(
            l.sent(),
            l.delivered() + l.droppedByDevice() + l.lostOnWire() + l.droppedByDriver(),
            where);
        if (r.migration().downtimeNanos() > INTERVAL_NANOS) {
          // every frame that arrives while the source VF is stopped is lost there: at least
          // one per interval of the device's stop, which is most of the vCPU downtime
          assertTrue(l.lostOnWire() > 0, where);
          assertTrue(
              l.lostOnWire() <= r.serviceDowntimeNanos() / INTERVAL_NANOS + 1,
              "no more frames lost than the service gap can hold: " + where);
        }
        assertTrue(r.clean(), where);
        checked++;
      }
    }
    assertEquals(6 * SEEDS, checked, "the six correct combinations of RxDma's strategies");
  }

  @Test
  void longRun_100000Frames_losesOnlyOnTheWire() {
    VfRunReport r = run(RxStrategy.defaults(), 100_000, 7);
    VfRunReport.Ledger l = r.ledger();
    assertEquals(100_000, l.sent());
    assertEquals(0, l.bugs(), l.toString());
    assertTrue(l.lostOnWire() > 0 && l.delivered() > 99_000, l.toString());
  }

  @Test
  void everyBrokenStrategy_hasABugOnSomeSeedOf20() {
    List<String> missed = new ArrayList<>();
    int broken = 0;
    for (RxStrategy s : all()) {
      if (s.correct()) {
        continue;
      }
      broken++;
      boolean caught = false;
      for (long seed = 1; seed <= SEEDS && !caught; seed++) {
        caught = run(s, 1_000, seed).ledger().bugs() > 0;
      }
      if (!caught) {
        missed.add(s.toString());
      }
    }
    // NONE with GUEST_DRAIN breaks RxDma only through a buffer page the guest stack still holds
    // when the VM stops (RxDmaNoneShiftDrain's NoCorruption counterexample, specs/README.md); the
    // simulated stack copies every frame out at delivery, so no run can show it (the same two
    // were clean on every seed before issue 10's changes, with frames held on the wire)
    assertEquals(
        List.of(
            RxStrategy.defaults()
                .withTracking(Tracking.NONE)
                .withRestore(RingRestore.SHIFT)
                .withStopMode(StopMode.GUEST_DRAIN)
                .toString(),
            RxStrategy.defaults()
                .withTracking(Tracking.NONE)
                .withRestore(RingRestore.REINIT)
                .withStopMode(StopMode.GUEST_DRAIN)
                .toString()),
        missed,
        "broken strategies no seed of 20 caught");
    assertEquals(18, broken, "24 combinations, 6 correct");
  }
}
