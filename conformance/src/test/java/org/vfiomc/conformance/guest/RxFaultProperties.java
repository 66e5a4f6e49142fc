package org.vfiomc.conformance.guest;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.vfiomc.conformance.testing.StatefulProperty.check;
import static org.vfiomc.conformance.testing.StatefulProperty.checkEquals;

import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.vfiomc.conformance.emulator.VfConfig;
import org.vfiomc.conformance.emulator.VfDefect;
import org.vfiomc.conformance.emulator.dma.Pages;
import org.vfiomc.conformance.emulator.packet.DropReason;
import org.vfiomc.conformance.ledger.Violation;
import org.vfiomc.conformance.testing.StatefulProperty;

/**
 * Issue 10, item 4 on random traffic: the host's IOMMU unmaps and remaps pages of the guest's Rx
 * buffers (never the ring) while frames of 60..1514 bytes arrive into 1 KiB buffers. A refused
 * buffer write is a posted write: discarded page by page, and the descriptor is still written back
 * with DD and the length. So:
 *
 * <ul>
 *   <li>no buffer fault is ever a counted device drop ({@code DMA_FAULT} stays 0: the device does
 *       not know);
 *   <li>after a fault the slot's descriptor is still written back (the ring does not stall): once
 *       everything is remapped and drained, every frame is accounted for;
 *   <li>a run with a buffer fault ends with the ledger flagging it (the frame is lost and the stale
 *       or partial buffer delivered in its place is corrupted, unknown or a duplicate); a run
 *       without one ends clean.
 * </ul>
 */
final class RxFaultProperties {
  static final class Sys {
    final Rig rig;

    Sys(VfConfig vfCfg, long seed) {
      rig =
          new Rig(
                  new GuestDriver.Config(
                      16, 16, 1024, DirtyTracking.NONE, DoneCheck.LENGTH, 1 << 20),
                  vfCfg,
                  seed)
              .up();
    }

    long bufferPage(int b) {
      return Pages.pfn(rig.driver.rx().bufferAddress(b)) << Pages.PAGE_SHIFT;
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

    /** The host unmaps the page of buffer {@code b}. */
    record Unmap(int b) implements Act {
      @Override
      public void apply(Sys s) {
        s.rig.iommu.unmap(s.bufferPage(b), Pages.PAGE_SIZE);
      }
    }

    /** The host maps every buffer page again. */
    record Remap() implements Act {
      @Override
      public void apply(Sys s) {
        for (int b = 0; b < 16; b++) {
          long p = s.bufferPage(b);
          s.rig.iommu.map(p, p, Pages.PAGE_SIZE, true, true);
        }
      }
    }
  }

  static Act next(SplittableRandom r) {
    int x = r.nextInt(100);
    if (x < 30) {
      return new Act.Wire(60 + r.nextInt(1455));
    } else if (x < 62) {
      return new Act.Device();
    } else if (x < 92) {
      return new Act.Guest();
    } else if (x < 95) {
      return new Act.Unmap(r.nextInt(16));
    }
    return new Act.Remap();
  }

  static void drainAndJudge(Sys s) {
    new Act.Remap().apply(s);
    s.rig.drain();
    List<Violation> rx = s.rig.ledger.finalCheck();
    long faults = s.rig.dma.faultCount();
    if (faults == 0) {
      check(rx.isEmpty(), "no fault, no violation: " + rx);
    } else {
      check(!rx.isEmpty(), "a faulted posted buffer write shows in the ledger");
    }
  }

  static StatefulProperty.Builder<Sys, Act> property(VfConfig cfg) {
    return StatefulProperty.<Sys, Act>named("rx faults: " + cfg.defects(), Act.class)
        .system(seed -> new Sys(cfg, seed))
        .actions((r, s) -> next(r))
        .step((s, a) -> a.apply(s))
        .invariant(
            "a buffer fault is never a counted drop",
            s -> {
              checkEquals(
                  0L,
                  s.rig.vf.rx().drops(DropReason.DMA_FAULT),
                  "a buffer fault is never a counted drop (DMA_FAULT)");
              return true;
            })
        .atEnd(RxFaultProperties::drainAndJudge)
        .cover("a buffer write faulted", s -> s.rig.dma.faultCount() > 0)
        .runs(20)
        .steps(300);
  }

  @Test
  void faultingPostedWrites_areSilentCorruptionTheLedgerFlags() {
    property(VfConfig.defaults()).check();
  }

  /** The emulator before item 4: a refused buffer write abandons the frame, cleanly counted. */
  @Test
  void cleanFaultDrops_areCaught() {
    AssertionError e =
        assertThrows(
            AssertionError.class,
            () -> property(VfConfig.defaults().withDefect(VfDefect.FAULT_DROPS_CLEANLY)).check());
    assertTrue(
        e.getMessage().contains("a buffer fault is never a counted drop (DMA_FAULT): expected 0"),
        e.getMessage());
    // frames, device steps to place them and one unmap remain: about a dozen actions
    assertTrue(StatefulProperty.shrunkActions(e).size() <= 20, e.getMessage());
  }
}
