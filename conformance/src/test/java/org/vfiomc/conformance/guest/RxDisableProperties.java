package org.vfiomc.conformance.guest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
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
 * Issue 10, item 3 on random traffic: RXDCTL.ENABLE clears only after the frame in flight is
 * written back ({@link VfConfig#RX_DISABLE_LATENCY_STEPS} later), and the driver disables Rx as
 * {@code ixgbevf_disable_rx_queue} does ({@link GuestRxRing#disableQueue}: 10 polls, each after 10
 * us in which the device gets 0..12 ticks; 0 is a device that cannot make progress). Frames of
 * 60..1514 bytes land in 1 KiB buffers (SRRCTL.BSIZEPACKET = 1), so many span two descriptors.
 * After every disable:
 *
 * <ul>
 *   <li>ENABLE read back 0 only when the device has no frame in flight: from then on it writes
 *       nothing to the ring (the driver may free and reuse every buffer);
 *   <li>the driver gave up (its logged give-up path, counted) only while the device really still
 *       had the disable pending;
 * </ul>
 *
 * and at the end, with Rx enabled again and drained, every frame is delivered intact or dropped and
 * counted (no loss, duplicate or corruption), multi-descriptor frames included.
 */
final class RxDisableProperties {
  static final class Sys {
    final Rig rig;
    long waitedForFrame;
    long longDelivered;

    Sys(VfConfig vfCfg, long seed) {
      rig =
          new Rig(
                  new GuestDriver.Config(
                      16, 16, 1024, DirtyTracking.NONE, DoneCheck.LENGTH, 1 << 20),
                  vfCfg,
                  seed)
              .up();
    }
  }

  sealed interface Act {
    void apply(Sys s);

    /** A frame of {@code len} bytes arrives. */
    record Wire(int len) implements Act {
      @Override
      public void apply(Sys s) {
        s.rig.wire(len);
      }
    }

    /** One device micro-step. */
    record Device() implements Act {
      @Override
      public void apply(Sys s) {
        s.rig.device();
      }
    }

    /** One guest Rx micro-step. */
    record Guest() implements Act {
      @Override
      public void apply(Sys s) {
        s.rig.guest();
      }
    }

    /** {@code ixgbevf_disable_rx_queue}, the device getting {@code ticks} per 10 us wait. */
    record Disable(int ticks) implements Act {
      @Override
      public void apply(Sys s) {
        boolean inFlight = s.rig.vf.rx().frameInFlight();
        long timeouts = s.rig.driver.rx().disableTimeouts();
        boolean cleared =
            s.rig
                .driver
                .rx()
                .disableQueue(
                    () -> {
                      for (int i = 0; i < ticks; i++) {
                        s.rig.vf.rxTick();
                      }
                    });
        if (cleared) {
          check(
              !s.rig.vf.rx().frameInFlight(),
              "RXDCTL.ENABLE reads 0 only when no frame is in flight");
          if (inFlight) {
            s.waitedForFrame++;
          }
        } else {
          check(
              s.rig.vf.rx().disablePending(0),
              "the driver gives up only while the disable is still pending");
          check(s.rig.driver.rx().disableTimeouts() == timeouts + 1, "a give-up is counted once");
        }
      }
    }

    /** The driver enables Rx again (as after an abandoned migration). */
    record Enable() implements Act {
      @Override
      public void apply(Sys s) {
        s.rig.driver.rx().enableAfterAbort();
      }
    }
  }

  static Act next(SplittableRandom r) {
    int x = r.nextInt(100);
    if (x < 30) {
      return new Act.Wire(60 + r.nextInt(1455));
    } else if (x < 60) {
      return new Act.Device();
    } else if (x < 82) {
      return new Act.Guest();
    } else if (x < 92) {
      int t = r.nextInt(4);
      return new Act.Disable(t == 0 ? 0 : r.nextInt(13));
    }
    return new Act.Enable();
  }

  static void drainAndBalance(Sys s) {
    s.rig.driver.rx().enableAfterAbort();
    s.rig.drain();
    List<Violation> rx = s.rig.ledger.finalCheck();
    check(rx.isEmpty(), "rx: " + rx);
    s.rig.checkDropCounters();
  }

  static StatefulProperty.Builder<Sys, Act> property(VfConfig cfg) {
    return StatefulProperty.<Sys, Act>named("rx disable: " + cfg.defects(), Act.class)
        .system(seed -> new Sys(cfg, seed))
        .actions((r, s) -> next(r))
        .step((s, a) -> a.apply(s))
        .invariant(
            "no loss, duplicate or corruption so far",
            s -> {
              check(s.rig.ledger.violations().isEmpty(), "rx: " + s.rig.ledger.violations());
              return true;
            })
        .atEnd(RxDisableProperties::drainAndBalance)
        .cover("a disable that waited for a frame in flight", s -> s.waitedForFrame > 0)
        .cover("a disable poll that gave up", s -> s.rig.driver.rx().disableTimeouts() > 0)
        .runs(20)
        .steps(300);
  }

  @Test
  void enableClearsOnlyAfterTheFrameInFlight() {
    property(VfConfig.defaults()).check();
  }

  /** The emulator before item 3: ENABLE reads 0 at once while the frame goes on being written. */
  @Test
  void enableClearingAtOnce_isCaught() {
    AssertionError e =
        assertThrows(
            AssertionError.class,
            () -> property(VfConfig.defaults().withDefect(VfDefect.ENABLE_CLEARS_AT_ONCE)).check());
    assertTrue(
        e.getMessage().contains("failing check: RXDCTL.ENABLE reads 0 only when no frame"),
        e.getMessage());
    assertTrue(StatefulProperty.shrunkActions(e).size() <= 6, e.getMessage());
  }

  /**
   * The explained case: a 1,500-byte frame in two 1 KiB buffers; the device has written the first
   * buffer when the driver clears ENABLE. Two ticks per 10 us: poll 1 sees ENABLE (descriptor 0
   * written back, descriptor 1's data written), poll 2 sees it (descriptor 1, the EOP, written
   * back: the latency starts), poll 3 sees 0 after the {@value VfConfig#RX_DISABLE_LATENCY_STEPS}
   * latency steps.
   */
  @Test
  void disablePoll_waitsForTheEopWriteBackAndTheLatency() {
    Rig rig = new Sys(VfConfig.defaults(), 1).rig;
    rig.wire(1500);
    rig.device(); // buffer 0 written
    int[] polls = {0};
    boolean cleared =
        rig.driver
            .rx()
            .disableQueue(
                () -> {
                  polls[0]++;
                  rig.vf.rxTick();
                  rig.vf.rxTick();
                });
    assertTrue(cleared);
    assertEquals(3, polls[0]);
    assertFalse(rig.vf.rx().frameInFlight());
    assertEquals(0, rig.vf.mmioRead(VfRegs.rxdctl(0)) & VfRegs.DCTL_ENABLE);
    // a device that cannot run (no ticks) never clears it: the driver gives up after 10 polls
    rig.driver.rx().enableAfterAbort();
    rig.wire(1500);
    rig.device();
    assertFalse(rig.driver.rx().disableQueue(() -> {}));
    assertEquals(1, rig.driver.rx().disableTimeouts());
  }
}
