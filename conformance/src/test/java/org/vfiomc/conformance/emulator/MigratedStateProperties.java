package org.vfiomc.conformance.emulator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.vfiomc.conformance.emulator.regs.VfRegs.*;
import static org.vfiomc.conformance.testing.StatefulProperty.check;
import static org.vfiomc.conformance.testing.StatefulProperty.checkEquals;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.vfiomc.conformance.emulator.state.VfSnapshot;
import org.vfiomc.conformance.emulator.state.VfSnapshotCodec;
import org.vfiomc.conformance.guest.Bar;
import org.vfiomc.conformance.guest.GuestVfStats;
import org.vfiomc.conformance.testing.StatefulProperty;

/**
 * Issue 10, item 1: a restore writes only what a VMM or the PF can write ({@code
 * conformance/docs/migrated-state.md}). Random traffic on a VF whose queue-0 cause is routed to
 * vector 0 but masked (so causes stay latched in VTEICR), guest statistics reads as ixgbevf does
 * them ({@link GuestVfStats}), and migrations to a destination VF that has counted traffic of its
 * own. At every migration:
 *
 * <ul>
 *   <li>the destination's {@link VfSnapshot#HARDWARE_OWNED} registers (statistics, VFFRTIMER, ...)
 *       are what they were before the load;
 *   <li>everything else equals the source's ({@link VfSnapshot#restorablePart()}), VTEICR being the
 *       source's causes OR the destination's (re-raised through VTEICS);
 *   <li>the guest's next statistics read counts a wrap exactly when the destination's VFGPRC is
 *       below the source's (ixgbevf {@code UPDATE_VF_COUNTER_32bit}): rx_packets grows by 2^32 -
 *       (source - destination), and by the difference otherwise;
 *   <li>the re-raised causes are sent once the destination runs and the guest unmasks them.
 * </ul>
 */
final class MigratedStateProperties {
  static final class Sys {
    final VfConfig config;
    VfFixture f;
    final GuestVfStats stats = new GuestVfStats();
    long nextId = 1;
    long migrations;
    long wraps;

    Sys(VfConfig config) {
      this.config = config;
      f = fixture(config);
      stats.baseline(Bar.of(f.vf));
    }

    static VfFixture fixture(VfConfig config) {
      VfFixture f = new VfFixture(config).resetHandshake().rxRing(VfFixture.COUNT - 1);
      f.vf.mmioWrite(VTIVAR0, 0x80); // Rx queue 0 -> vector 0, masked (VTEIMS = 0)
      return f;
    }
  }

  sealed interface Act {
    void apply(Sys s);

    /** A frame of {@code len} bytes arrives. */
    record Frame(int len) implements Act {
      @Override
      public void apply(Sys s) {
        s.f.vf.deliver(s.f.frame(s.nextId++, len));
      }
    }

    /** Device steps until idle. */
    record Run() implements Act {
      @Override
      public void apply(Sys s) {
        s.f.vf.runUntilIdle(64);
      }
    }

    /** The guest reposts every free descriptor. */
    record Repost() implements Act {
      @Override
      public void apply(Sys s) {
        int h = s.f.vf.registers().get(rdh(0));
        s.f.vf.mmioWrite(rdt(0), (h + VfFixture.COUNT - 1) % VfFixture.COUNT);
      }
    }

    /** The guest's watchdog reads the statistics ({@code ixgbevf_update_stats}). */
    record Stats() implements Act {
      @Override
      public void apply(Sys s) {
        long before = s.stats.rxPackets();
        s.stats.update(Bar.of(s.f.vf));
        check(s.stats.rxPackets() >= before, "the guest's rx_packets never decreases");
      }
    }

    /**
     * Live migration: stop the source, load its stream into a destination VF that has placed {@code
     * prior} frames of its own, copy the ring memory, run the destination, the guest reads its
     * statistics and unmasks vector 0.
     */
    record Migrate(int prior) implements Act {
      @Override
      public void apply(Sys s) {
        s.f.vf.setQuiesced(true);
        byte[] stream = s.f.vf.saveState();
        VfSnapshot src = s.f.vf.snapshot();
        VfFixture dst = Sys.fixture(s.config);
        for (int i = 0; i < prior; i++) {
          dst.vf.deliver(dst.frame(1_000_000 + i, 60));
        }
        dst.vf.runUntilIdle(64);
        dst.vf.setQuiesced(true); // RESUMING
        VfSnapshot before = dst.vf.snapshot();
        check(dst.vf.loadState(stream).isEmpty(), "the stream loads");
        VfSnapshot after = dst.vf.snapshot();
        for (int off : VfSnapshot.HARDWARE_OWNED) {
          checkEquals(
              before.register(off),
              after.register(off),
              String.format("the destination keeps its own register 0x%04x", off));
        }
        int causes = (src.register(VTEICR) | before.register(VTEICR)) & IRQ_MASK;
        checkEquals(causes, after.register(VTEICR), "VTEICR: source causes re-raised via VTEICS");
        checkEquals(
            src.withRegister(VTEICR, causes).restorablePart(),
            after.restorablePart(),
            "everything else is the source's");
        byte[] page = new byte[4096];
        for (long p = VfFixture.RX_RING; p < VfFixture.TX_RING; p += 4096) {
          s.f.mem.readPage(p, page);
          dst.mem.writePage(p, page);
        }
        dst.vf.setQuiesced(false);
        long srcGprc = src.register(VFGPRC) & 0xFFFFFFFFL;
        long dstGprc = after.register(VFGPRC) & 0xFFFFFFFFL;
        s.stats.update(Bar.of(s.f.vf)); // the last read on the source (the guest was running)
        long rx = s.stats.rxPackets();
        s.f = dst;
        s.stats.update(Bar.of(dst.vf));
        long expected = dstGprc >= srcGprc ? dstGprc - srcGprc : (1L << 32) - srcGprc + dstGprc;
        checkEquals(
            expected,
            s.stats.rxPackets() - rx,
            "rx_packets step at the first read on the destination (ixgbevf counts a smaller"
                + " counter as a wrap)");
        if (dstGprc < srcGprc) {
          s.wraps++;
        }
        long sent = dst.vf.msixSent(0);
        dst.vf.mmioWrite(VTEIMS, 1);
        checkEquals(
            sent + ((causes & 1) != 0 ? 1 : 0),
            dst.vf.msixSent(0),
            "a re-raised cause is sent once unmasked");
        s.migrations++;
      }
    }
  }

  static Act next(SplittableRandom r) {
    int x = r.nextInt(100);
    if (x < 40) {
      return new Act.Frame(60 + r.nextInt(900));
    } else if (x < 65) {
      return new Act.Run();
    } else if (x < 80) {
      return new Act.Repost();
    } else if (x < 92) {
      return new Act.Stats();
    }
    return new Act.Migrate(r.nextInt(4));
  }

  static StatefulProperty.Builder<Sys, Act> property(VfConfig config) {
    return StatefulProperty.<Sys, Act>named("migrated state: " + config.defects(), Act.class)
        .system(seed -> new Sys(config))
        .actions((r, s) -> next(r))
        .step((s, a) -> a.apply(s))
        .cover("a migration", s -> s.migrations > 0)
        .cover("a wrap counted by the guest", s -> s.wraps > 0)
        .runs(20)
        .steps(120);
  }

  @Test
  void restoreWritesOnlyWhatAVmmCan() {
    property(VfConfig.defaults()).check();
  }

  /** The pre-issue-10 restore: the source's statistics written into the destination's. */
  @Test
  void restoringReadOnlyState_isCaught() {
    AssertionError e =
        assertThrows(
            AssertionError.class,
            () ->
                property(VfConfig.defaults().withDefect(VfDefect.RESTORES_READ_ONLY_STATE))
                    .check());
    assertTrue(
        e.getMessage().contains("failing check: the destination keeps its own register"),
        e.getMessage());
    assertTrue(StatefulProperty.shrunkActions(e).size() <= 6, e.getMessage());
  }

  /**
   * The explained case: 5 frames counted on the source, the destination VF had counted 2 of its
   * own. The destination keeps 2; ixgbevf's next read sees 2 after 5 and adds 2^32 - 3.
   */
  @Test
  void guestCountsAWrap_whenTheStatisticsStayTheDestinations() throws Exception {
    VfFixture src = Sys.fixture(VfConfig.defaults());
    GuestVfStats stats = new GuestVfStats();
    stats.baseline(Bar.of(src.vf));
    for (int i = 0; i < 5; i++) {
      src.vf.deliver(src.frame(i + 1, 60));
    }
    src.vf.runUntilIdle(64);
    stats.update(Bar.of(src.vf));
    assertEquals(5, stats.rxPackets());
    src.vf.setQuiesced(true);
    VfFixture dst = Sys.fixture(VfConfig.defaults());
    dst.vf.deliver(dst.frame(100, 60));
    dst.vf.deliver(dst.frame(101, 60));
    dst.vf.runUntilIdle(64);
    dst.vf.setQuiesced(true);
    assertTrue(dst.vf.loadState(src.vf.saveState()).isEmpty());
    dst.vf.setQuiesced(false);
    assertEquals(2, dst.vf.mmioRead(VFGPRC));
    assertEquals(
        VfSnapshotCodec.decode(src.vf.saveState()).register(rdh(0)),
        dst.vf.mmioRead(rdh(0)),
        "the head did migrate");
    stats.update(Bar.of(dst.vf));
    assertEquals(5 + (1L << 32) - 3, stats.rxPackets());
  }
}
