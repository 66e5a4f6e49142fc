package org.vfiomc.conformance.guest;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.vfiomc.conformance.testing.StatefulProperty.check;

import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.vfiomc.conformance.emulator.VfConfig;
import org.vfiomc.conformance.emulator.VfDefect;
import org.vfiomc.conformance.emulator.regs.VfRegs;
import org.vfiomc.conformance.ledger.Violation;
import org.vfiomc.conformance.testing.StatefulProperty;

/**
 * Issue 10, item 6: interrupt-driven Rx with VTEITR moderation and a NAPI budget. Frames arrive in
 * bursts into a 256-entry ring; the device places them, device time passes, and the driver runs
 * only when an interrupt scheduled NAPI ({@link GuestDriver#napiStep()}). Then:
 *
 * <ul>
 *   <li>two messages of the queue vector are never closer than the interval the driver programmed
 *       ({@link GuestDriver#RX_ITR_20K}: 50 us);
 *   <li>the vector is masked exactly while NAPI is scheduled (auto-masked by VTEIAM when the
 *       message is sent, re-enabled by the poll that finished under budget);
 *   <li>after the traffic, once device, NAPI and time have run until quiet for longer than the
 *       interval, every frame the device accepted reached the stack and the ring is not stalled: a
 *       held interrupt is sent late, never lost.
 * </ul>
 */
final class InterruptModerationProperties {
  /** Longer than the 50 us moderation interval: a held interrupt goes out within it. */
  static final int QUIET_MICROS = 200;

  static final class Sys {
    final Rig rig;

    Sys(VfConfig vfCfg, List<DriverDefect> defects, long seed) {
      rig =
          new Rig(
                  new GuestDriver.Config(
                      256, 16, 2048, DirtyTracking.NONE, DoneCheck.LENGTH, 1 << 20),
                  vfCfg,
                  seed)
              .up();
      defects.forEach(rig.driver::inject);
    }
  }

  sealed interface Act {
    void apply(Sys s);

    /** {@code n} frames arrive. */
    record Burst(int n) implements Act {
      @Override
      public void apply(Sys s) {
        for (int i = 0; i < n; i++) {
          s.rig.wire();
        }
      }
    }

    /** {@code n} device micro-steps. */
    record Device(int n) implements Act {
      @Override
      public void apply(Sys s) {
        for (int i = 0; i < n; i++) {
          s.rig.device();
        }
      }
    }

    /** {@code micros} of device time pass. */
    record Elapse(int micros) implements Act {
      @Override
      public void apply(Sys s) {
        s.rig.elapse(micros * 1_000L);
      }
    }

    /** {@code n} NAPI micro-steps of the guest. */
    record Napi(int n) implements Act {
      @Override
      public void apply(Sys s) {
        for (int i = 0; i < n; i++) {
          s.rig.napi();
        }
      }
    }
  }

  static Act next(SplittableRandom r) {
    int x = r.nextInt(100);
    if (x < 20) {
      return new Act.Burst(1 + r.nextInt(100));
    } else if (x < 50) {
      return new Act.Device(1 + r.nextInt(150));
    } else if (x < 70) {
      return new Act.Elapse(1 + r.nextInt(80));
    }
    return new Act.Napi(1 + r.nextInt(100));
  }

  static boolean moderated(Sys s) {
    long interval = s.rig.vf.moderationIntervalNanos(GuestDriver.RX_VECTOR);
    List<Long> at = s.rig.msixAt;
    for (int i = 1; i < at.size(); i++) {
      check(
          at.get(i) - at.get(i - 1) >= interval,
          "two interrupts "
              + (at.get(i) - at.get(i - 1))
              + " ns apart, less than the moderation interval of "
              + interval
              + " ns");
    }
    return true;
  }

  static boolean maskedIffScheduled(Sys s) {
    boolean masked = (s.rig.vf.registers().get(VfRegs.VTEIMS) & 1) == 0;
    check(
        masked == s.rig.driver.napiScheduled(),
        "the queue vector is "
            + (masked ? "masked" : "enabled")
            + " while NAPI is "
            + (s.rig.driver.napiScheduled() ? "" : "not ")
            + "scheduled");
    return true;
  }

  static void drainAndJudge(Sys s) {
    s.rig.drainNapi(QUIET_MICROS);
    check(!s.rig.driver.rxStalled(), "the Rx ring stalled: a done descriptor nobody cleans");
    List<Violation> v = s.rig.ledger.finalCheck();
    check(v.isEmpty(), "every accepted frame reaches the stack: " + v);
  }

  static StatefulProperty.Builder<Sys, Act> property(VfConfig cfg, List<DriverDefect> defects) {
    return StatefulProperty.<Sys, Act>named(
            "interrupt moderation: " + cfg.defects() + " " + defects, Act.class)
        .system(seed -> new Sys(cfg, defects, seed))
        .actions((r, s) -> next(r))
        .step((s, a) -> a.apply(s))
        .invariant("moderation", InterruptModerationProperties::moderated)
        .invariant("masked iff scheduled", InterruptModerationProperties::maskedIffScheduled)
        .atEnd(InterruptModerationProperties::drainAndJudge)
        .cover("moderation held an interrupt", s -> s.rig.vf.msixHeld() > 0)
        .cover("a poll used its whole budget", s -> s.rig.driver.budgetExhausted() > 0)
        .cover("NAPI completed and re-armed", s -> s.rig.driver.napiCompletions() > 1)
        .runs(20)
        .steps(120);
  }

  @Test
  void interrupts_areModeratedNeverLost_andNapiRearmsUnderBudget() {
    property(VfConfig.defaults(), List.of()).check();
  }

  /** The emulator before item 6: VTEITR ignored. */
  @Test
  void ignoredModeration_isCaught() {
    AssertionError e =
        assertThrows(
            AssertionError.class,
            () ->
                property(VfConfig.defaults().withDefect(VfDefect.EITR_IGNORED), List.of()).check());
    assertTrue(e.getMessage().contains("less than the moderation interval"), e.getMessage());
    assertTrue(StatefulProperty.shrunkActions(e).size() <= 8, e.getMessage());
  }

  /** A cause raised during the interval is dropped instead of held: a lost interrupt, a stall. */
  @Test
  void lostInterrupt_isAStall() {
    AssertionError e =
        assertThrows(
            AssertionError.class,
            () ->
                property(VfConfig.defaults().withDefect(VfDefect.MODERATED_CAUSE_LOST), List.of())
                    .check());
    assertTrue(e.getMessage().contains("stalled"), e.getMessage());
  }

  /** NAPI completes without re-enabling the vector. */
  @Test
  void neverRearmed_isCaught() {
    AssertionError e =
        assertThrows(
            AssertionError.class,
            () -> property(VfConfig.defaults(), List.of(DriverDefect.NEVER_REARM)).check());
    assertTrue(e.getMessage().contains("masked while NAPI is not scheduled"), e.getMessage());
  }

  /** NAPI completes after a full-budget poll: the frames left raise no interrupt. */
  @Test
  void completingOnAFullBudget_isAStall() {
    AssertionError e =
        assertThrows(
            AssertionError.class,
            () ->
                property(VfConfig.defaults(), List.of(DriverDefect.COMPLETE_ON_FULL_BUDGET))
                    .check());
    assertTrue(e.getMessage().contains("stalled"), e.getMessage());
  }
}
