package org.vfiomc.conformance.guest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.stream.LongStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.vfiomc.conformance.emulator.VfConfig;
import org.vfiomc.conformance.ledger.Violation;
import org.vfiomc.conformance.testing.Shrinker;

/**
 * Seeded runs in which wire, device and guest interleave one micro-step at a time, in both
 * directions (Rx from the wire, Tx from the guest, each with its own ledger). With a correct driver
 * no run loses, duplicates or corrupts a packet (even with device-state migrations mixed in); with
 * the RFC's dummy-write-before-check driver some early seed corrupts a packet, and delta debugging
 * shrinks the run to the six-step race Duyck described.
 */
final class RxDmaOrderingProperties {
  /** One scheduling decision. */
  enum Act {
    /** A new frame arrives from the wire. */
    W,
    /** One device micro-step (buffer write, descriptor write-back, or a counted drop). */
    D,
    /** One guest Rx micro-step (refill, dummy read/write, check, consume). */
    G,
    /** Save the device state, load it into a fresh VF, continue there. */
    M,
    /** The guest transmits a frame (Tx ring, TDT doorbell). */
    T,
    /** The guest reclaims completed Tx descriptors (DD). */
    C
  }

  /** Seeds per configuration; {@code -Dseeds=N} runs more. */
  private static final int SEEDS = Integer.getInteger("seeds", 25);

  /** Actions per correct-driver run: long enough to wrap a 64-entry ring several times. */
  private static final int RUN_LENGTH = 600;

  static List<Act> randomRun(long seed, int length, boolean migrations) {
    SplittableRandom r = new SplittableRandom(seed);
    List<Act> acts = new ArrayList<>(length);
    for (int i = 0; i < length; i++) {
      int x = r.nextInt(100);
      acts.add(
          x < 22
              ? Act.W
              : x < 57
                  ? Act.D
                  : x < 87 ? Act.G : x < 92 ? Act.T : x < 97 ? Act.C : migrations ? Act.M : Act.G);
    }
    return acts;
  }

  /** Runs the actions; the first violation seen, including loss after a drain if asked. */
  static Optional<Violation> run(
      GuestDriver.Config cfg, long seed, List<Act> acts, boolean drainAndFinalCheck) {
    return run(cfg, VfConfig.defaults(), seed, acts, drainAndFinalCheck);
  }

  static Optional<Violation> run(
      GuestDriver.Config cfg,
      VfConfig vfCfg,
      long seed,
      List<Act> acts,
      boolean drainAndFinalCheck) {
    Rig rig = new Rig(cfg, vfCfg, seed).up();
    for (Act a : acts) {
      switch (a) {
        case W:
          rig.wire();
          break;
        case D:
          rig.device();
          break;
        case G:
          rig.guest();
          break;
        case M:
          rig.migrate();
          break;
        case T:
          rig.transmit();
          break;
        case C:
          rig.txClean();
          break;
      }
      if (!rig.ledger.violations().isEmpty()) {
        return Optional.of(rig.ledger.violations().get(0));
      }
      if (!rig.txLedger.violations().isEmpty()) {
        return Optional.of(rig.txLedger.violations().get(0));
      }
    }
    if (!drainAndFinalCheck) {
      return Optional.empty();
    }
    rig.drain();
    assertTrue(rig.ledger.delivered() > 0 && rig.txLedger.delivered() > 0, "vacuous run");
    rig.checkDropCounters();
    List<Violation> v = new ArrayList<>(rig.ledger.finalCheck());
    assertEquals(
        rig.ledger.sent(),
        rig.ledger.delivered()
            + rig.ledger.dropped()
            + v.stream().filter(x -> x.kind() == Violation.Kind.LOST).count(),
        "ledger arithmetic");
    v.addAll(rig.txLedger.finalCheck());
    // every frame the guest queued was completed (DD seen) by the end
    assertEquals(rig.driver.tx().sent(), rig.driver.tx().completed(), "tx completions");
    return v.stream().findFirst();
  }

  static Stream<Arguments> correctRuns() {
    List<GuestDriver.Config> cfgs =
        List.of(
            GuestDriver.Config.of(DirtyTracking.NONE),
            GuestDriver.Config.of(DirtyTracking.DUMMY_WRITE_AFTER_CHECK),
            new GuestDriver.Config(
                64,
                64,
                2048,
                DirtyTracking.DUMMY_WRITE_AFTER_CHECK,
                DoneCheck.DESCRIPTOR_DD,
                1 << 20),
            new GuestDriver.Config(
                16, 16, 1024, DirtyTracking.NONE, DoneCheck.DESCRIPTOR_DD, 1 << 20));
    return cfgs.stream()
        .flatMap(
            c ->
                LongStream.rangeClosed(1, SEEDS)
                    .mapToObj(
                        s ->
                            Arguments.of(
                                c.dirty() + "/" + c.done() + "/ring" + c.rxRingSize(), c, s)));
  }

  @ParameterizedTest(name = "{0} seed {2}")
  @MethodSource("correctRuns")
  void correctDriver_neverLosesDuplicatesOrCorrupts(
      String name, GuestDriver.Config cfg, long seed) {
    List<Act> acts = randomRun(seed, RUN_LENGTH, true);
    Optional<Violation> v = run(cfg, seed, acts, true);
    if (v.isPresent()) {
      List<Act> shrunk = Shrinker.shrink(acts, a -> run(cfg, seed, a, true).isPresent());
      fail(
          name + " seed " + seed + ": " + v.get() + "\nshrunk to " + shrunk.size() + ": " + shrunk);
    }
  }

  /** Broken-driver runs are shorter: the race needs only a handful of steps. */
  private static final int BROKEN_RUN_LENGTH = 200;

  /** The search budget stated in the issue: a corrupting seed must appear among the first 20. */
  private static final int BROKEN_SEED_BUDGET = 20;

  @Test
  void dummyWriteBeforeCheck_corruptsWithinBudget_andShrinksToTheRace() {
    GuestDriver.Config cfg = GuestDriver.Config.of(DirtyTracking.DUMMY_WRITE_BEFORE_CHECK);
    for (long seed = 1; seed <= BROKEN_SEED_BUDGET; seed++) {
      long s = seed;
      List<Act> acts = randomRun(seed, BROKEN_RUN_LENGTH, false);
      Optional<Violation> v = run(cfg, seed, acts, false);
      if (v.isEmpty()) {
        continue;
      }
      // the stale write-back lands inside a frame whose id bytes stay intact: CORRUPTED, with id
      assertEquals(Violation.Kind.CORRUPTED, v.get().kind(), v.get().toString());
      assertTrue(v.get().packetId() >= 0);
      List<Act> shrunk =
          Shrinker.shrink(
              acts,
              a ->
                  run(cfg, s, a, false)
                      .filter(x -> x.kind() == Violation.Kind.CORRUPTED)
                      .isPresent());
      // The race needs exactly six actions: one W (a frame; before or after the dummy read), G
      // (dummy read of the posted buffer), D (device writes the buffer), G (stale write-back),
      // D (descriptor write-back), G (check, consume). Fewer cannot fail (each is necessary);
      // the window pass removes the extra phase cycles plain ddmin leaves behind.
      String msg = "seed " + seed + " shrunk to " + shrunk.size() + ": " + shrunk;
      assertEquals(6, shrunk.size(), msg);
      assertEquals(List.of(Act.D, Act.G, Act.D, Act.G), shrunk.subList(2, 6), msg);
      assertTrue(shrunk.subList(0, 2).containsAll(List.of(Act.W, Act.G)), msg);
      assertTrue(run(cfg, s, shrunk, false).isPresent(), "shrunk run must still fail");
      System.out.println(
          "dummy-write-before-check: seed "
              + seed
              + " corrupts ("
              + v.get()
              + "); shrunk to "
              + shrunk.size()
              + " actions: "
              + shrunk);
      return;
    }
    fail("no corrupting seed among the first " + BROKEN_SEED_BUDGET);
  }

  /**
   * The oracle also catches device bugs: a device that writes the descriptor one step before the
   * buffer data makes the correct driver consume a stale buffer.
   */
  @Test
  void deviceWritingDescriptorBeforeData_isCaughtByTheLedger() {
    GuestDriver.Config cfg = GuestDriver.Config.of(DirtyTracking.NONE);
    VfConfig broken = VfConfig.defaults().withDescriptorBeforeData();
    for (long seed = 1; seed <= BROKEN_SEED_BUDGET; seed++) {
      long s = seed;
      List<Act> acts = randomRun(seed, BROKEN_RUN_LENGTH, false);
      if (run(cfg, broken, seed, acts, false).isEmpty()) {
        continue;
      }
      List<Act> shrunk = Shrinker.shrink(acts, a -> run(cfg, broken, s, a, false).isPresent());
      // W (a frame), D (descriptor says done, buffer still stale), G (driver consumes it): the
      // stale bytes carry no id of a sent packet, or an old one, so the ledger flags the delivery
      assertEquals(List.of(Act.W, Act.D, Act.G), shrunk, "seed " + seed);
      System.out.println(
          "descriptor-before-data device: seed " + seed + " caught; shrunk to " + shrunk);
      return;
    }
    fail("device bug not caught within " + BROKEN_SEED_BUDGET + " seeds");
  }
}
