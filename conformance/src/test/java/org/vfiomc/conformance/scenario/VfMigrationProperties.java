package org.vfiomc.conformance.scenario;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.vfiomc.conformance.testing.StatefulProperty.check;
import static org.vfiomc.conformance.testing.StatefulProperty.checkEquals;

import java.util.ArrayList;
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
import org.vfiomc.conformance.testing.StatefulProperty;

/**
 * Seeded whole-migration runs of {@link VfVm} (VF, guest driver, memory migration, orchestrator)
 * under every strategy of {@code specs/RxDma/RxDma.tla}. The actions are the wire schedule (one
 * frame every 20 µs, random lengths); at the end of the run the VM migrates under that traffic.
 * Correct strategies complete, and every frame sent is delivered exactly once, intact, or dropped
 * before acceptance and counted (by a running VF, or at a stopped port: lost on the wire), nothing
 * lost after acceptance, corrupted or duplicated. Each broken strategy fails for some seed, and the
 * failing schedule shrinks to a few frames.
 */
class VfMigrationProperties {
  /** Seeds tried per strategy. */
  static final int SEEDS = 6;

  /**
   * Frames per schedule: 6 ms of traffic, so that frames still arrive after the destination runs
   * (pre-copy of 4 MiB at 10 Gbit/s alone takes about 3.4 ms from the start at 0.5 ms), which the
   * head-reset restore needs to show its loss now that nothing waits on the wire.
   */
  static final int FRAMES = 300;

  /** Frame spacing on the wire. */
  static final long INTERVAL_NANOS = 20_000L;

  /**
   * Migration at 0.5 ms; 4 MiB RAM (round 1 alone is 1024 pages of 3.3 µs, so frames keep arriving
   * through pre-copy and the switchover).
   */
  static VfVm.Config config(RxStrategy s) {
    return VfVm.Config.of(FRAMES, s).withMigrateAfterNanos(500_000L);
  }

  static RxStrategy of(Tracking t, RingRestore r, StopMode m) {
    return RxStrategy.defaults().withTracking(t).withRestore(r).withStopMode(m);
  }

  /** The wire schedule built so far. */
  static final class Wire {
    final long seed;
    final List<VfVm.Arrival> arrivals = new ArrayList<>();

    Wire(long seed) {
      this.seed = seed;
    }

    long last() {
      return arrivals.isEmpty() ? -1 : arrivals.get(arrivals.size() - 1).atNanos();
    }
  }

  /** The one action: a frame arrives. */
  sealed interface Act {
    record Frame(VfVm.Arrival arrival) implements Act {
      @Override
      public String toString() {
        return "Frame[at " + arrival.atNanos() + " ns, " + arrival.length() + " bytes]";
      }
    }
  }

  /** Migrates under the schedule and checks the books. */
  static void migrateAndBalance(RxStrategy s, Wire w) {
    VfRunReport r =
        new VfVm(config(s), w.seed, Choices.seeded(w.seed), w.arrivals)
            .run(OrchestratorOptions.defaults());
    check(r.violations().isEmpty(), s + ": " + r.violations());
    checkEquals(MigrationReport.Outcome.COMPLETED, r.migration().outcome(), "outcome");
    VfRunReport.Ledger l = r.ledger();
    checkEquals((long) w.arrivals.size(), l.sent(), "frames sent");
    checkEquals(
        l.sent(),
        l.delivered() + l.droppedByDevice() + l.lostOnWire() + l.droppedByDriver(),
        "sent = delivered + droppedByDevice + lostOnWire + droppedByDriver");
    checkEquals(0L, l.bugs(), "lostAfterAcceptance + corrupted + duplicated");
  }

  static StatefulProperty.Builder<Wire, Act> property(RxStrategy s) {
    return StatefulProperty.<Wire, Act>named(s.toString(), Act.class)
        .system(Wire::new)
        .actions(
            (r, w) ->
                new Act.Frame(
                    new VfVm.Arrival(
                        VfVm.TICK_NANOS + w.arrivals.size() * INTERVAL_NANOS, 60 + r.nextInt(196))))
        .precondition((w, a) -> ((Act.Frame) a).arrival().atNanos() > w.last())
        .step((w, a) -> w.arrivals.add(((Act.Frame) a).arrival()))
        .atEnd(w -> migrateAndBalance(s, w))
        .runs(SEEDS)
        .steps(FRAMES);
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
  void correctStrategy_deliversOrCountsEveryFrameExactlyOnce(RxStrategy s) {
    assertTrue(s.correct());
    property(s).check();
  }

  static Stream<Arguments> broken() {
    return Stream.of(
        // RxDmaDummyBeforeShiftDrain: a frame's first byte overwritten by the stale dummy
        // write-back (no migration needed). The driver is interrupt-driven (issue 10 item 6), so
        // it dummy-writes the next slot only inside a NAPI poll: frame 1's interrupt goes out at
        // once, frame 2's is held by moderation until 50 us after it, and the poll it starts
        // cleans frames 2 and 3 and is dummy-writing slot 4 when frame 4 lands there (60 us,
        // frames 20 us apart): four frames
        Arguments.of(
            of(Tracking.DUMMY_BEFORE, RingRestore.SHIFT, StopMode.GUEST_DRAIN),
            4,
            Violation.Kind.CORRUPTED),
        // RxDmaNoneShift / RxDmaDummyAfterShift: one frame the VF writes between the vCPU stop
        // and the device stop; nothing dirties its pages, the destination never sees it
        Arguments.of(of(Tracking.NONE, RingRestore.SHIFT, StopMode.QEMU), 1, Violation.Kind.LOST),
        Arguments.of(
            of(Tracking.DUMMY_AFTER, RingRestore.SHIFT, StopMode.QEMU), 1, Violation.Kind.LOST),
        // RxDmaIommuHeadZeroLoss: frame 1 done but not cleaned at the stop, RDH back to 0, the
        // destination VF writes frame 2 over slot 0: two frames
        Arguments.of(
            of(Tracking.IOMMU, RingRestore.HEAD_ZERO, StopMode.QEMU), 2, Violation.Kind.LOST));
  }

  @ParameterizedTest
  @MethodSource("broken")
  void brokenStrategy_failsForSomeSeed_andShrinksToAFewFrames(
      RxStrategy s, int shrunkFrames, Violation.Kind kind) {
    assertFalse(s.correct());
    AssertionError e = assertThrows(AssertionError.class, () -> property(s).check());
    String msg = e.getMessage();
    System.out.println(msg);
    assertTrue(msg.contains("for seed "), msg);
    assertTrue(msg.contains("failing check: " + s + ": [" + kind), msg);
    assertEquals(shrunkFrames, StatefulProperty.shrunkActions(e).size(), msg);
  }
}
