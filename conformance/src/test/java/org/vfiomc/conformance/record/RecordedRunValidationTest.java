package org.vfiomc.conformance.record;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.nio.file.Path;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.vfiomc.checker.trace.TlaValue;
import org.vfiomc.checker.validate.ModelGraphs;
import org.vfiomc.checker.validate.TraceValidator;
import org.vfiomc.checker.validate.ValidationOutcome;
import org.vfiomc.conformance.orchestrator.ChunkFault;
import org.vfiomc.conformance.orchestrator.MigrationReport;
import org.vfiomc.conformance.orchestrator.OrchestratorOptions;
import org.vfiomc.conformance.orchestrator.P2pOrdering;
import org.vfiomc.conformance.orchestrator.ProtocolDefect;
import org.vfiomc.conformance.scenario.RxStrategy;
import org.vfiomc.conformance.scenario.RxStrategy.RingRestore;
import org.vfiomc.conformance.scenario.RxStrategy.StopMode;
import org.vfiomc.conformance.scenario.RxStrategy.Tracking;
import org.vfiomc.conformance.scenario.VfVm;
import org.vfiomc.conformance.testing.Shrinker;
import org.vfiomc.conformance.vfio.MigrationFeatures;

/**
 * Recorded emulator migrations validated against {@code
 * specs/VfioMigration/MC_VfioMigration_FindingQemuNetFaults.tla}: the QEMU 10.x host (a rejected
 * load resets the destination and completes), all four flag sets, MaxVersion 2, cancel allowed,
 * chunks lost or reordered on the wire as {@code simulate --net-fault} injects them, no defect.
 * Seeded randomized runs of the orchestrator are all behaviours of the spec; each injected protocol
 * defect is rejected at the step where it shows. The model is explored once, by TLC in a forked JVM
 * ({@link ModelGraphs}); each run is written as ITF, read back and checked by the checker's {@link
 * TraceValidator}.
 *
 * <p>{@code -Dseeds=N} runs N random seeds instead of {@link #DEFAULT_SEEDS}.
 */
final class RecordedRunValidationTest {
  /**
   * Enough seeds to reach the model's version bound. Only state a real VF exposes migrates (issue
   * 10), so a pre-copy image differs from the last one only when a frame moved a register between
   * two reads; the first seed whose run reads three distinct images is above 16 (16 seeds reach one
   * GuestWork step, 24 reach two).
   */
  static final int DEFAULT_SEEDS = 24;

  /**
   * The reachable states of {@code MC_VfioMigration_FindingQemuNetFaults.cfg}, as TLC counts them
   * with the invariants left out (the exploration keeps going past the NoSilentLoss states the
   * suite's model stops at): 6,630, against 6,254 for {@code MC_VfioMigration.cfg} counted the same
   * way, because a rejected load completes (phase CLEANUP with the destination reset, then
   * SaveCleanup) where that model recovers the source.
   */
  static final int FINDING_QEMU_NET_FAULTS_STATES = 6630;

  private static TraceValidator validator;

  @BeforeAll
  static void explore() {
    Path specs = Path.of(System.getProperty("vfiomc.root", "..")).resolve("specs");
    validator =
        ModelGraphs.explore(
            specs.resolve("VfioMigration/MC_VfioMigration_FindingQemuNetFaults.tla"),
            specs.resolve("VfioMigration/MC_VfioMigration_FindingQemuNetFaults.cfg"),
            600);
    // the model's reachable graph: FINDING_QEMU_NET_FAULTS_STATES distinct states (see the
    // constant)
    assertEquals(FINDING_QEMU_NET_FAULTS_STATES, validator.states());
  }

  /**
   * Arcs of setup: destination RUNNING -> (RUNNING_P2P ->) STOP -> RESUMING, source -> PRE_COPY.
   */
  static int setupArcs(MigrationFeatures f) {
    return (f.p2p() ? 3 : 2) + (f.preCopy() ? 1 : 0);
  }

  /**
   * One random migration: flag set, a correct Rx strategy, P2P ordering, 0..300 frames every 5..50
   * µs, the default or a 1 ns downtime budget (never converges: all three allowed iterations run,
   * and up to two new images follow the first), a third of the time a lost or reordered chunk
   * (1..3) on the way, and half the time a cancel asked for from setup's last arc on, up to 5 arcs
   * later (QEMU sees it after setup or after the stop-copy; later cancels come too late and the
   * migration completes).
   */
  /** One random migration, runnable with the wire schedule it draws or a shrunk one. */
  record Case(
      String what,
      VfVm.Config cfg,
      long seed,
      OrchestratorOptions options,
      Optional<ChunkFault> fault) {
    RecordedRuns.Run run(List<VfVm.Arrival> arrivals) {
      return RecordedRuns.run(what, cfg, seed, options, Set.of(), fault, arrivals);
    }

    List<VfVm.Arrival> schedule() {
      return VfVm.schedule(cfg, seed);
    }
  }

  /** Why {@code validator} does not explain {@code r}, if it does not. */
  static Optional<String> unexplained(RecordedRuns.Run r) {
    if (r.recorder().problem().isPresent()) {
      return Optional.of("not recordable: " + r.recorder().problem().get());
    }
    ValidationOutcome v = validator.validate(r.observed());
    return v instanceof ValidationOutcome.Accepted
        ? Optional.empty()
        : Optional.of("rejected: " + v);
  }

  /** The four flag sets a device may report, in the uAPI's numeric order (1, 3, 5, 7). */
  private static final List<MigrationFeatures> FLAG_SETS = List.of(MigrationFeatures.values());

  static Case random(long seed, List<RxStrategy> strategies) {
    SplittableRandom rnd = new SplittableRandom(seed * 0x9E3779B97F4A7C15L);
    MigrationFeatures f = FLAG_SETS.get(rnd.nextInt(FLAG_SETS.size()));
    RxStrategy s =
        strategies
            .get(rnd.nextInt(strategies.size()))
            .withOrdering(rnd.nextBoolean() ? P2pOrdering.PREPARE_THEN_MAIN : P2pOrdering.NAIVE);
    long packets = rnd.nextInt(301);
    long interval = 5_000L + 1_000L * rnd.nextInt(46);
    OrchestratorOptions o = RecordedRuns.recordingOptions();
    boolean tight = rnd.nextBoolean();
    if (tight) {
      o = o.withDowntimeLimitNanos(1);
    }
    Integer cancel = rnd.nextBoolean() ? setupArcs(f) + rnd.nextInt(6) : null;
    if (cancel != null) {
      o = o.withCancelAfterArc(cancel);
    }
    VfVm.Config cfg = new VfVm.Config(packets, interval, 1_000_000L, 4L << 20, 512, s, f);
    String what =
        "seed "
            + seed
            + ": "
            + f
            + " "
            + s
            + ", "
            + packets
            + " frames every "
            + interval
            + " ns"
            + (tight ? ", 1 ns downtime budget" : "")
            + (cancel == null ? "" : ", cancel after " + cancel + " arcs");
    Optional<ChunkFault> fault =
        rnd.nextInt(3) == 0
            ? Optional.of(
                new ChunkFault(
                    (rnd.nextInt(2) == 0 ? ChunkFault.Kind.LOSS : ChunkFault.Kind.REORDER),
                    1 + rnd.nextInt(3)))
            : Optional.empty();
    what += fault.map(x -> ", " + x).orElse("");
    return new Case(what, cfg, seed, o, fault);
  }

  static List<RxStrategy> correctStrategies() {
    return List.of(
        RxStrategy.defaults(),
        RxStrategy.defaults().withRestore(RingRestore.REINIT),
        RxStrategy.defaults().withStopMode(StopMode.GUEST_DRAIN),
        RxStrategy.defaults()
            .withTracking(Tracking.DUMMY_AFTER)
            .withStopMode(StopMode.GUEST_DRAIN));
  }

  @Test
  void randomCorrectRuns_areAllBehavioursOfTheSpec() {
    int seeds = Integer.getInteger("seeds", DEFAULT_SEEDS);
    Map<MigrationReport.Outcome, Integer> outcomes = new EnumMap<>(MigrationReport.Outcome.class);
    int maxGuestWork = 0;
    List<Long> completedAfterReset = new java.util.ArrayList<>();
    for (long seed = 1; seed <= seeds; seed++) {
      Case c = random(seed, correctStrategies());
      RecordedRuns.Run r = c.run(c.schedule());
      if (destinationReset(r)) {
        completedAfterReset.add(seed);
      }
      Optional<String> why = unexplained(r);
      if (why.isPresent()) {
        // shrink the wire schedule to the frames the failure needs, for the report
        List<VfVm.Arrival> frames = c.schedule();
        List<VfVm.Arrival> shrunk =
            frames.isEmpty()
                ? frames
                : Shrinker.shrink(frames, a -> unexplained(c.run(a)).isPresent());
        fail(
            c.what()
                + " (reproduce with this seed): "
                + why.get()
                + "\nrun "
                + r.actions()
                + "\nstill fails with "
                + shrunk.size()
                + " of "
                + frames.size()
                + " frames: "
                + shrunk
                + ", run "
                + c.run(shrunk).actions());
      }
      outcomes.merge(r.report().migration().outcome(), 1, Integer::sum);
      maxGuestWork =
          Math.max(maxGuestWork, (int) r.actions().stream().filter("GuestWork"::equals).count());
    }
    // the seeds cover both endings and the model's version bound (two GuestWork steps: the
    // zero-budget runs read three images)
    assertTrue(outcomes.getOrDefault(MigrationReport.Outcome.COMPLETED, 0) > 0, outcomes::toString);
    assertTrue(outcomes.getOrDefault(MigrationReport.Outcome.CANCELLED, 0) > 0, outcomes::toString);
    assertEquals(2, maxGuestWork);
    // QEMU's switchover rule stops the pre-copy after its first iteration in these runs, so the
    // chunk faults (seeds 1 in 3) land in cancelled runs or in streams the destination still
    // accepts; the rejected load that completes is driven by rejectedLoad_qemuResetsTheDestination
    if (seeds == DEFAULT_SEEDS) {
      assertEquals(List.of(), completedAfterReset, outcomes::toString);
    }
  }

  /** A run where QEMU resets the destination after a rejected load and completes. */
  static boolean destinationReset(RecordedRuns.Run r) {
    return r.report().migration().outcome() == MigrationReport.Outcome.COMPLETED
        && r.report().migration().detail().contains("destination rejected the load");
  }

  @Test
  void rxLevelBrokenStrategies_areProtocolCorrect_soTheyAreAccepted() {
    // Head-zero restore and guest-side tracking under QEMU's stop lose or corrupt frames
    // (specs/RxDma/RxDma.tla), but they follow the VFIO protocol step for step: VfioMigration,
    // which has
    // no ring or packet variables, must accept them. Their rejection belongs to RxDma.
    List<RxStrategy> broken =
        List.of(
            RxStrategy.defaults().withRestore(RingRestore.HEAD_ZERO),
            RxStrategy.defaults().withTracking(Tracking.DUMMY_BEFORE),
            RxStrategy.defaults().withTracking(Tracking.NONE));
    for (RxStrategy s : broken) {
      assertFalse(s.correct());
      RecordedRuns.Run r =
          RecordedRuns.run(
              s.toString(),
              RecordedRuns.simulateDefaults(s),
              1,
              RecordedRuns.recordingOptions(),
              Set.of(),
              Optional.empty());
      assertInstanceOf(
          ValidationOutcome.Accepted.class, validator.validate(r.observed()), s::toString);
    }
  }

  /**
   * Chunk 2 is the final state (one pre-copy image before it: QEMU's exact pass after iteration 1
   * is far below the threshold). It never reaches the destination, whose RESUMING -> STOP refuses
   * the stream without a final state. QEMU resets the destination device, logs the error there and
   * completes (vfio_vmstate_change -> vfio_migration_set_state_or_reset): DestStart (the reset,
   * nothing loaded, {@code dst_device} -1) and the source's SaveCleanup. The QEMU model takes it
   * (RejectedLoad = "COMPLETE"): a behaviour of the spec, and one in which the guest's device state
   * is gone, which is the NoSilentLoss violation of {@code VfioMigration_FindingQemuNetFaults}.
   * Before the spec followed QEMU, the validator rejected this run at DestStart (step 8).
   */
  @Test
  void rejectedLoad_qemuResetsTheDestination_acceptedWithTheStateLost() {
    RecordedRuns.Run r = RecordedRuns.withFault(new ChunkFault(ChunkFault.Kind.LOSS, 2));
    List<String> lost =
        List.of(
            "Init",
            "MigrationStart",
            "PrecopyRead",
            "Deliver",
            "Switchover",
            "StopCopyRead",
            "ChunkLost",
            "StopCopyEof",
            "DestStart",
            "SaveCleanup");
    assertEquals(lost, r.actions());
    assertEquals(MigrationReport.Outcome.COMPLETED, r.report().migration().outcome());
    assertTrue(destinationReset(r));
    assertEquals(lost.size(), accepted(r).steps());
    assertEquals(TlaValue.Int.of(-1), lastValue(r, "dst_device"));

    RecordedRuns.Run swapped = RecordedRuns.withFault(new ChunkFault(ChunkFault.Kind.REORDER, 1));
    // chunk 1 is held back until chunk 2 (the final state) comes, they arrive 2 then 1: refused
    // the same way, and completed the same way
    List<String> reordered =
        List.of(
            "Init",
            "MigrationStart",
            "PrecopyRead",
            "Switchover",
            "StopCopyRead",
            "ChunksReordered",
            "Deliver",
            "Deliver",
            "StopCopyEof",
            "DestStart",
            "SaveCleanup");
    assertEquals(reordered, swapped.actions());
    assertEquals(reordered.size(), accepted(swapped).steps());
    assertEquals(TlaValue.Int.of(-1), lastValue(swapped, "dst_device"));
  }

  /** The value the run recorded for {@code var} in its last state. */
  private static TlaValue lastValue(RecordedRuns.Run r, String var) {
    var steps = r.observed().steps();
    return steps.get(steps.size() - 1).state().get(var);
  }

  private static ValidationOutcome.Accepted accepted(RecordedRuns.Run r) {
    return assertInstanceOf(
        ValidationOutcome.Accepted.class, validator.validate(r.observed()), r.description());
  }

  @Test
  void cancelAfterSwitchover_isAccepted() {
    // the contrast for the two recovery defects below: the same run, recovered correctly
    RecordedRuns.Run r = RecordedRuns.standard("cancel 6", 6, Set.of());
    ValidationOutcome.Accepted a =
        assertInstanceOf(ValidationOutcome.Accepted.class, validator.validate(r.observed()));
    // a cancel asked for after 6 arcs lands after the stop-copy (no cancel point under the big
    // lock): Init .. StopCopyEof (8 states, as in the completed run: one pre-copy image, QEMU's
    // exact pass after iteration 1 is far below the threshold), Cancel, ResumeSource
    assertEquals(10, a.steps());
  }

  @Test
  void noResumeOnFailure_isRejectedAtResumeSource() {
    ValidationOutcome.Rejected v =
        rejected(
            RecordedRuns.standard("no resume", 6, Set.of(ProtocolDefect.NO_RESUME_ON_FAILURE)));
    // Steps 0..8 are the correct run up to the cancel after the stop-copy (source in STOP_COPY,
    // phase RECOVER): exactly one spec state. ResumeSource must bring the source to RUNNING; the
    // orchestrator left it in STOP_COPY, so no ResumeSource edge reaches the recorded state.
    assertEquals(9, v.step());
    assertEquals("ResumeSource", v.action());
    assertTrue(v.reason().startsWith("no ResumeSource step leads to a state"), v.reason());
    assertTrue(v.reason().contains("src_state |-> \"STOP_COPY\""), v.reason());
    assertEquals(1, v.total());
    assertEquals(new TlaValue.Str("STOP_COPY"), v.candidates().get(0).get("src_state"));
  }

  @Test
  void recoverByReset_isRejectedAtResumeSource() {
    // A 1 ns budget never converges: the VF changes between iterations (new images, GuestWork
    // steps) until the management layer cancels after 3 iterations, the source in PRE_COPY.
    RecordedRuns.Run r = RecordedRuns.tight("reset", Set.of(ProtocolDefect.RECOVER_BY_RESET));
    List<String> a = r.actions();
    int work = (int) a.stream().filter("GuestWork"::equals).count();
    assertTrue(work >= 1, a::toString);
    assertEquals(List.of("Cancel", "ResumeSource"), a.subList(a.size() - 2, a.size()));
    ValidationOutcome.Rejected v = rejected(r);
    // The source is RUNNING again, as it should be, but with version 0: the reset threw away the
    // state of the GuestWork steps. ResumeSource keeps src_device (their number, one candidate).
    assertEquals(a.size() - 1, v.step());
    assertEquals("ResumeSource", v.action());
    assertTrue(v.reason().contains("src_device |-> 0"), v.reason());
    assertEquals(1, v.total());
    assertEquals(TlaValue.Int.of(work), v.candidates().get(0).get("src_device"));
  }

  @Test
  void waitForEnomsgInStopCopy_isRejectedAtTheFirstEndOfStream() {
    ValidationOutcome.Rejected v =
        rejected(
            RecordedRuns.standard(
                "enomsg", null, Set.of(ProtocolDefect.WAIT_FOR_ENOMSG_IN_STOP_COPY)));
    // Steps 0..6 are the correct run up to the final chunk's Deliver. The read of 0 is the end of
    // the stream: StopCopyEof moves QEMU to COMPLETING. The loop waiting for -ENOMSG stays in
    // STOPCOPY, which no StopCopyEof edge of the correct spec allows.
    assertEquals(7, v.step());
    assertEquals("StopCopyEof", v.action());
    assertTrue(v.reason().contains("phase |-> \"STOPCOPY\""), v.reason());
    assertEquals(1, v.total());
  }

  @Test
  void cancelDuringSetup_isSeenAfterSetup_accepted() {
    // Asked for after 3 arcs (the destination RESUMING, the source not yet in PRE_COPY), the
    // cancel is seen where QEMU's migration thread looks, after setup: Init, MigrationStart,
    // Cancel, ResumeSource (PRE_COPY -> RUNNING). Before issue 20 the orchestrator cancelled
    // inside setup, which the spec's atomic MigrationStart cannot express.
    RecordedRuns.Run r = RecordedRuns.standard("cancel in setup", 3, Set.of());
    assertEquals(List.of("Init", "MigrationStart", "Cancel", "ResumeSource"), r.actions());
    ValidationOutcome.Accepted a =
        assertInstanceOf(ValidationOutcome.Accepted.class, validator.validate(r.observed()));
    assertEquals(4, a.steps());
  }

  private static ValidationOutcome.Rejected rejected(RecordedRuns.Run r) {
    return assertInstanceOf(
        ValidationOutcome.Rejected.class, validator.validate(r.observed()), r.description());
  }
}
