package org.vfiomc.conformance.guest;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.vfiomc.conformance.testing.StatefulProperty.check;

import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.vfiomc.conformance.emulator.VfConfig;
import org.vfiomc.conformance.emulator.regs.VfRegs;
import org.vfiomc.conformance.emulator.ring.AdvRxDesc;
import org.vfiomc.conformance.emulator.ring.RingRegs;
import org.vfiomc.conformance.ledger.Violation;
import org.vfiomc.conformance.testing.StatefulProperty;

/**
 * Issue 10, item 6: refill and page-half recycling as ixgbevf does them. A 32-entry ring of 1 KiB
 * buffers (two per "page", so frames up to 1514 bytes span two descriptors) under frames of
 * 60..1514 bytes; the stack holds up to 40 frames unread (more than a lap of the ring) and the
 * application reads them at random moments. Then:
 *
 * <ul>
 *   <li>every descriptor posted to the device and not yet written back has length 0 (refill writes
 *       the packet address only and zeroes the next descriptor's length, so nothing stale reads as
 *       done);
 *   <li>no posted descriptor names a buffer the stack still holds (a page is flipped and re-posted
 *       only when the stack released its other half, else a new page is taken);
 *   <li>after the traffic, with everything read, every frame the device accepted was delivered
 *       intact, exactly once: the device wrote where the descriptors said.
 * </ul>
 */
final class RxRefillProperties {
  static final int RING = 32;

  /** More frames than a lap of the ring: a half can still be held when its page comes round. */
  static final int BACKLOG = 40;

  static final class Sys {
    final Rig rig;

    Sys(List<DriverDefect> defects, long seed) {
      rig =
          new Rig(
                  new GuestDriver.Config(
                          RING, 16, 1024, DirtyTracking.NONE, DoneCheck.LENGTH, 1 << 20)
                      .withStackBacklog(BACKLOG),
                  VfConfig.defaults(),
                  seed)
              .up();
      defects.forEach(rig.driver::inject);
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

    /** {@code n} device micro-steps. */
    record Device(int n) implements Act {
      @Override
      public void apply(Sys s) {
        for (int i = 0; i < n; i++) {
          s.rig.device();
        }
      }
    }

    /** {@code n} driver micro-steps (clean, refill). */
    record Guest(int n) implements Act {
      @Override
      public void apply(Sys s) {
        for (int i = 0; i < n; i++) {
          s.rig.guest();
        }
      }
    }

    /** The application reads the oldest frame the stack holds. */
    record AppRead() implements Act {
      @Override
      public void apply(Sys s) {
        s.rig.driver.rx().stackReadOne();
      }
    }
  }

  static Act next(SplittableRandom r) {
    int x = r.nextInt(100);
    if (x < 25) {
      return new Act.Wire(60 + r.nextInt(1455));
    } else if (x < 55) {
      return new Act.Device(1 + r.nextInt(6));
    } else if (x < 85) {
      return new Act.Guest(1 + r.nextInt(6));
    }
    return new Act.AppRead();
  }

  /** Descriptors RDH..RDT-1: posted, not yet written back. */
  static boolean postedDescriptors(Sys s) {
    var regs = s.rig.vf.registers();
    int h = regs.get(VfRegs.rdh(0));
    int t = regs.get(VfRegs.rdt(0));
    long ring = s.rig.driver.rx().ringBase();
    for (int i = h; i != t; i = (i + 1) % RING) {
      if (i == h && s.rig.vf.rx().frameInFlight()) {
        continue; // the device is placing a frame here: its buffer is being written
      }
      long d = ring + (long) i * RingRegs.DESC_SIZE;
      check(
          s.rig.mem.readShort(d + AdvRxDesc.LENGTH) == 0,
          "posted descriptor " + i + " has a stale length (it would read as done)");
      long buf = s.rig.mem.readLong(d + AdvRxDesc.PKT_ADDR);
      check(
          !s.rig.driver.rx().heldByStack(buf),
          "posted descriptor " + i + " names a buffer the stack still holds");
    }
    return true;
  }

  static void drainAndJudge(Sys s) {
    s.rig.drain();
    List<Violation> v = s.rig.ledger.finalCheck();
    check(v.isEmpty(), "every accepted frame delivered intact, once: " + v);
  }

  static StatefulProperty.Builder<Sys, Act> property(List<DriverDefect> defects) {
    return StatefulProperty.<Sys, Act>named("rx refill and page halves: " + defects, Act.class)
        .system(seed -> new Sys(defects, seed))
        .actions((r, s) -> next(r))
        .step((s, a) -> a.apply(s))
        .invariant("posted descriptors", RxRefillProperties::postedDescriptors)
        .atEnd(RxRefillProperties::drainAndJudge)
        .cover("a page flipped and reused", s -> s.rig.driver.rx().pagesReused() > 0)
        .cover(
            "a new page because the stack held the other half",
            s -> s.rig.driver.rx().pagesAllocated() > RING)
        .cover("the stack holds frames", s -> s.rig.driver.rx().stackBacklog() >= 3)
        .runs(20)
        .steps(300);
  }

  @Test
  void refillAndPageHalves_keepEveryFrameIntact() {
    property(List.of()).check();
  }

  /** Refill without the per-descriptor length zero: a stale write-back reads as done. */
  @Test
  void refillKeepingTheLength_isCaught() {
    AssertionError e =
        assertThrows(
            AssertionError.class,
            () -> property(List.of(DriverDefect.REFILL_KEEPS_LENGTH)).check());
    assertTrue(e.getMessage().contains("stale length"), e.getMessage());
  }

  /** A page re-posted while the stack holds its other half: the device overwrites unread data. */
  @Test
  void reusingAHeldPage_isCaught() {
    AssertionError e =
        assertThrows(
            AssertionError.class, () -> property(List.of(DriverDefect.REUSE_HELD_PAGE)).check());
    assertTrue(e.getMessage().contains("the stack still holds"), e.getMessage());
  }
}
