package org.vfiomc.conformance.guest;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.vfiomc.conformance.testing.StatefulProperty.check;
import static org.vfiomc.conformance.testing.StatefulProperty.checkEquals;

import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.vfiomc.conformance.emulator.Vf82599;
import org.vfiomc.conformance.emulator.VfConfig;
import org.vfiomc.conformance.emulator.VfDefect;
import org.vfiomc.conformance.emulator.VfListener;
import org.vfiomc.conformance.emulator.dma.DmaPort;
import org.vfiomc.conformance.emulator.dma.GuestMemory;
import org.vfiomc.conformance.emulator.dma.Iommu;
import org.vfiomc.conformance.testing.StatefulProperty;

/**
 * Issue 10, item 6: the driver and the mailbox as in ixgbevf and the ixgbe PF. The PF answers in
 * its own turns (PFACK, then the reply written under PFU a few words per turn, then PFSTS), and a
 * random number of extra PF turns runs before every access the driver makes; the host resets the PF
 * at random moments for random times (RSTI meanwhile, then RSTD), and device time passes. Each
 * bring-up ({@code ixgbevf_reset_hw_vf}, then the mailbox handshake):
 *
 * <ul>
 *   <li>succeeds, with the MAC the PF assigned and the PF clear to send, when no PF reset is in
 *       progress or it ends well within the driver's reset wait (200 polls of 5 us: the driver
 *       waits while RSTI/RSTD are asserted and talks to the PF only after);
 *   <li>fails with {@code RESET_FAILED} (a value, not an exception) when the PF reset outlasts the
 *       wait.
 * </ul>
 */
final class MailboxRaceProperties {
  /** The driver's reset wait: 200 polls, 5 us apart. */
  static final long WAIT_NANOS = GuestDriver.RESET_POLLS * GuestDriver.RESET_POLL_DELAY_NANOS;

  /**
   * A PF reset that ends this long before the wait does is waited out: the poll after its end reads
   * RSTD (set when it is done), the next reads neither bit. (Between the two bounds the outcome
   * depends on the poll phase and is not judged.)
   */
  static final long MARGIN_NANOS = 3 * GuestDriver.RESET_POLL_DELAY_NANOS;

  /** PF resets this short end well inside the driver's 1 ms wait. */
  static final int SHORT_RESET_MICROS = 800;

  /** PF resets at least this long outlast it. */
  static final int LONG_RESET_MICROS = 1_200;

  static final class Sys {
    final Vf82599 vf;
    final GuestMemory mem = new GuestMemory(4L << 20);
    final SplittableRandom pfSpeed;
    final List<DriverDefect> defects;
    long ups;
    long failedResets;
    long upsAfterPfReset;

    Sys(VfConfig cfg, List<DriverDefect> defects, long seed) {
      Iommu iommu = new Iommu();
      iommu.mapIdentity(mem.size());
      vf = new Vf82599(new DmaPort(mem, iommu), cfg, new VfListener() {});
      pfSpeed = new SplittableRandom(seed);
      this.defects = defects;
    }

    /** The VF's BAR with 0..2 extra PF turns (device steps) before every access. */
    Bar bar() {
      Bar b = Bar.of(vf);
      return new Bar() {
        @Override
        public int read(int offset) {
          pfTurns();
          return b.read(offset);
        }

        @Override
        public void write(int offset, int value) {
          pfTurns();
          b.write(offset, value);
        }
      };
    }

    void pfTurns() {
      for (int i = pfSpeed.nextInt(3); i > 0; i--) {
        vf.step();
      }
    }
  }

  sealed interface Act {
    void apply(Sys s);

    /** The guest driver (re)starts: reset wait, then the handshake. */
    record BringUp() implements Act {
      @Override
      public void apply(Sys s) {
        long left = s.vf.mailbox().pfResetLeftNanos();
        GuestDriver d =
            new GuestDriver(
                s.bar(),
                s.mem,
                new GuestDriver.Config(32, 32, 2048, DirtyTracking.NONE, DoneCheck.LENGTH, 1 << 20),
                new RecordingStack());
        s.defects.forEach(d::inject);
        d.setDelay(s.vf::elapse);
        GuestDriver.UpResult r = d.bringUp();
        if (left < 0 || left <= WAIT_NANOS - MARGIN_NANOS) {
          checkEquals(GuestDriver.UpResult.UP, r, "bring-up (PF reset left: " + left + " ns)");
          checkEquals(s.vf.pf().mac(), d.mac(), "the MAC the PF assigned");
          check(s.vf.pf().clearToSend(), "the PF is clear to send after the handshake");
          s.ups++;
          s.upsAfterPfReset += left >= 0 ? 1 : 0;
        } else if (left >= WAIT_NANOS) {
          checkEquals(
              GuestDriver.UpResult.RESET_FAILED, r, "bring-up (PF reset left: " + left + " ns)");
          s.failedResets++;
        }
      }
    }

    /** The host resets the PF for {@code micros}. */
    record PfReset(int micros) implements Act {
      @Override
      public void apply(Sys s) {
        s.vf.pfReset(micros * 1_000L);
      }
    }

    /** Device time passes. */
    record Elapse(int micros) implements Act {
      @Override
      public void apply(Sys s) {
        s.vf.elapse(micros * 1_000L);
      }
    }
  }

  static Act next(SplittableRandom r) {
    int x = r.nextInt(100);
    if (x < 45) {
      return new Act.BringUp();
    } else if (x < 70) {
      return new Act.PfReset(
          r.nextBoolean()
              ? r.nextInt(SHORT_RESET_MICROS + 1)
              : LONG_RESET_MICROS + r.nextInt(2_000));
    }
    return new Act.Elapse(1 + r.nextInt(1_500));
  }

  static StatefulProperty.Builder<Sys, Act> property(VfConfig cfg, List<DriverDefect> defects) {
    return StatefulProperty.<Sys, Act>named(
            "mailbox and reset: " + cfg.defects() + " " + defects, Act.class)
        .system(seed -> new Sys(cfg, defects, seed))
        .actions((r, s) -> next(r))
        .step((s, a) -> a.apply(s))
        .cover("a bring-up during a short PF reset", s -> s.upsAfterPfReset > 0)
        .cover("a bring-up that outlasted its reset wait", s -> s.failedResets > 0)
        .runs(20)
        .steps(30);
  }

  @Test
  void bringUp_waitsOutPfResets_andReadsRepliesUnderTheLock() {
    property(VfConfig.defaults(), List.of()).check();
  }

  /** The first driver's reset wait: it talks to a PF that is still in reset. */
  @Test
  void invertedResetWait_isCaught() {
    AssertionError e =
        assertThrows(
            AssertionError.class,
            () -> property(VfConfig.defaults(), List.of(DriverDefect.INVERTED_RESET_WAIT)).check());
    assertTrue(e.getMessage().contains("bring-up (PF reset left"), e.getMessage());
    assertTrue(StatefulProperty.shrunkActions(e).size() <= 2, e.getMessage());
  }

  /**
   * Reading the reply at PFACK, unlocked: with the PF answering in its own time, it is not there.
   */
  @Test
  void unlockedEarlyRead_isCaught() {
    AssertionError e =
        assertThrows(
            AssertionError.class,
            () -> property(VfConfig.defaults(), List.of(DriverDefect.READ_REPLY_UNLOCKED)).check());
    assertTrue(e.getMessage().contains("bring-up"), e.getMessage());
    assertTrue(StatefulProperty.shrunkActions(e).size() == 1, e.getMessage());
  }

  /**
   * The emulator before item 6 (a PF that answers inside the REQ write) hides that driver bug: the
   * same early, unlocked read finds the whole reply.
   */
  @Test
  void synchronousPf_hidesTheEarlyRead() {
    Sys s =
        new Sys(
            VfConfig.defaults().withDefect(VfDefect.SYNCHRONOUS_PF),
            List.of(DriverDefect.READ_REPLY_UNLOCKED),
            1);
    new Act.BringUp().apply(s);
    checkEquals(1L, s.ups, "bring-up with the synchronous PF");
  }
}
