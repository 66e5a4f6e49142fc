package org.vfiomc.conformance.emulator;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.vfiomc.conformance.emulator.regs.VfRegs.*;
import static org.vfiomc.conformance.testing.StatefulProperty.check;
import static org.vfiomc.conformance.testing.StatefulProperty.checkEquals;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.vfiomc.conformance.emulator.packet.DropReason;
import org.vfiomc.conformance.testing.StatefulProperty;

/**
 * Issue 10, item 1 on random traffic: a VF that stops for migration keeps nothing of what it
 * received for later. Frames of 60..1514 bytes into 1 KiB buffers (so a frame spans one or two
 * descriptors) meet device steps, guest reposts, queue disables and stops. After every action:
 *
 * <ul>
 *   <li>a frame offered to a stopped VF is dropped at arrival as {@code VF_STOPPED}, and the
 *       migrated state does not change;
 *   <li>a frame offered to a running VF whose queue is disabled is dropped at arrival as {@code
 *       QUEUE_DISABLED};
 *   <li>after a stop, no frame is in flight and the packet buffer is empty (what the 82599 cannot
 *       hand to software is dropped and counted, not left inside the stopped device), and the
 *       stream saved then loads into a fresh VF that has nothing to place;
 *   <li>every frame offered is placed, dropped and counted, waiting, or the one in flight.
 * </ul>
 *
 * Each {@link VfDefect} is a mutant of the emulator one of these checks catches.
 */
final class StoppedVfProperties {
  /** The system: a fixture with Rx ring 0 of 8 descriptors and 1 KiB buffers, and the books. */
  static final class Sys {
    final VfFixture f;
    long offered;
    long nextId = 1;

    Sys(VfConfig config) {
      f = new VfFixture(config).resetHandshake().rxRing(VfFixture.COUNT - 1);
      f.vf.mmioWrite(srrctl(0), 1 | (1 << 25) | SRRCTL_DROP_EN); // 1 KiB buffers
    }

    long placed() {
      return f.vf.registers().get(VFGPRC) & 0xFFFFFFFFL;
    }

    boolean conserved() {
      return offered
          == placed()
              + f.vf.rx().totalDrops()
              + f.vf.rx().fifoSize()
              + (f.vf.rx().frameInFlight() ? 1 : 0);
    }
  }

  sealed interface Act {
    void apply(Sys s);

    /** A frame of {@code len} bytes arrives from the wire. */
    record Frame(int len) implements Act {
      @Override
      public void apply(Sys s) {
        boolean stopped = s.f.vf.isQuiesced();
        boolean disabled = (s.f.vf.registers().get(rxdctl(0)) & DCTL_ENABLE) == 0;
        long digest = s.f.vf.stateDigest();
        int fifo = s.f.vf.rx().fifoSize();
        int drops = s.f.drops.size();
        s.offered++;
        s.f.vf.deliver(s.f.frame(s.nextId++, len));
        if (stopped) {
          checkEquals(
              drops + 1, s.f.drops.size(), "a frame reaching a stopped VF is dropped at arrival");
          checkEquals("VF_STOPPED", s.f.drops.get(drops), "drop reason at a stopped VF");
          checkEquals(fifo, s.f.vf.rx().fifoSize(), "a stopped VF buffers nothing");
          check(digest == s.f.vf.stateDigest(), "a stopped VF's migrated state does not change");
        } else if (disabled) {
          checkEquals(
              drops + 1,
              s.f.drops.size(),
              "a frame for a disabled queue is dropped at arrival (DROP_EN/QDE)");
          checkEquals("QUEUE_DISABLED", s.f.drops.get(drops), "drop reason, disabled queue");
        }
      }
    }

    /** One device micro-step. */
    record Step() implements Act {
      @Override
      public void apply(Sys s) {
        s.f.vf.step();
      }
    }

    /** The guest reposts every free descriptor (RDT one behind RDH). */
    record Repost() implements Act {
      @Override
      public void apply(Sys s) {
        int h = s.f.vf.registers().get(rdh(0));
        s.f.vf.mmioWrite(rdt(0), (h + VfFixture.COUNT - 1) % VfFixture.COUNT);
      }
    }

    /** The guest clears or sets RXDCTL.ENABLE. */
    record Queue(boolean enable) implements Act {
      @Override
      public void apply(Sys s) {
        s.f.vf.mmioWrite(rxdctl(0), enable ? DCTL_ENABLE : 0);
      }
    }

    /** VFIO STOP: quiesce, save the stream, load it into a fresh VF. */
    record Stop() implements Act {
      @Override
      public void apply(Sys s) {
        s.f.vf.setQuiesced(true);
        check(!s.f.vf.rx().frameInFlight(), "no frame left in flight inside a stopped VF");
        checkEquals(0, s.f.vf.rx().fifoSize(), "a stopped VF's packet buffer");
        Vf82599 dst =
            new Vf82599(
                new org.vfiomc.conformance.emulator.dma.DmaPort(
                    new org.vfiomc.conformance.emulator.dma.GuestMemory(1 << 16),
                    new org.vfiomc.conformance.emulator.dma.Iommu()));
        check(dst.loadState(s.f.vf.saveState()).isEmpty(), "the stream loads");
        check(dst.rx().idle(), "the destination receives no frame with the stream");
      }
    }

    /** VFIO RUNNING again (the migration failed, the source resumes). */
    record Start() implements Act {
      @Override
      public void apply(Sys s) {
        s.f.vf.setQuiesced(false);
      }
    }
  }

  static Act next(SplittableRandom r) {
    int x = r.nextInt(100);
    if (x < 40) {
      return new Act.Frame(60 + r.nextInt(1455));
    } else if (x < 75) {
      return new Act.Step();
    } else if (x < 85) {
      return new Act.Repost();
    } else if (x < 91) {
      return new Act.Queue(r.nextInt(3) != 0);
    } else if (x < 96) {
      return new Act.Stop();
    }
    return new Act.Start();
  }

  static StatefulProperty.Builder<Sys, Act> property(VfConfig config) {
    return StatefulProperty.<Sys, Act>named("stopped VF: " + config.defects(), Act.class)
        .system(seed -> new Sys(config))
        .actions((r, s) -> next(r))
        .step((s, a) -> a.apply(s))
        .invariant("every offered frame accounted exactly once", Sys::conserved)
        .cover("a frame placed", s -> s.placed() > 0)
        .cover("a frame dropped at a stopped VF", s -> s.f.vf.rx().drops(DropReason.VF_STOPPED) > 0)
        .cover("a frame dropped at a disabled queue", s -> s.f.drops.contains("QUEUE_DISABLED"))
        .runs(20)
        .steps(200);
  }

  @Test
  void aStoppedVf_keepsNothingForLater() {
    property(VfConfig.defaults()).check();
  }

  /** The emulator before issue 10: frames reaching a stopped VF wait in its packet buffer. */
  @Test
  void bufferingWhileStopped_isCaught() {
    assertCaught(VfDefect.BUFFER_WHILE_STOPPED, "stopped VF");
  }

  /** Frames for a disabled queue wait for it to be enabled again. */
  @Test
  void noQueueGate_isCaught() {
    assertCaught(VfDefect.NO_QUEUE_GATE, "disabled queue is dropped at arrival");
  }

  /** The stop completes one descriptor only, leaving the rest of a two-buffer frame in flight. */
  @Test
  void stopMidFrame_isCaught() {
    assertCaught(VfDefect.STOP_MID_FRAME, "no frame left in flight inside a stopped VF");
  }

  private static void assertCaught(VfDefect d, String check) {
    AssertionError e =
        assertThrows(
            AssertionError.class, () -> property(VfConfig.defaults().withDefect(d)).check());
    assertTrue(
        e.getMessage().contains("failing check: ") && e.getMessage().contains(check),
        e.getMessage());
    // shrunk to a handful of actions
    assertTrue(StatefulProperty.shrunkActions(e).size() <= 8, e.getMessage());
  }
}
