package org.vfiomc.conformance.emulator;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.EnumMap;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.vfiomc.conformance.emulator.packet.DropReason;
import org.vfiomc.conformance.emulator.regs.Reg;
import org.vfiomc.conformance.emulator.regs.RegisterMap;
import org.vfiomc.conformance.emulator.regs.VfRegs;
import org.vfiomc.conformance.emulator.state.RxEngineState;
import org.vfiomc.conformance.emulator.state.SnapshotFormatException;
import org.vfiomc.conformance.emulator.state.VfSnapshotCodec;
import org.vfiomc.conformance.testing.StatefulProperty;

/**
 * A hostile guest: random MMIO writes (mostly to real registers, with random values, so rings point
 * anywhere, lengths and tails are garbage, the mailbox is hammered), random reads, frames, quiesce
 * toggles and device steps. The device must never throw; after every action every frame offered
 * from the wire is accounted for exactly once (placed in a ring and counted in VFGPRC, dropped and
 * counted under one reason, waiting in the packet buffer, or in flight), each reason's drop counter
 * equals the drops the device reported for it; and its state always encodes and decodes.
 */
final class GuestMisbehaviourProperties {
  private static final Reg[] REGS = RegisterMap.VF_82599.all().toArray(new Reg[0]);

  /** The fixture VF and the books the test keeps on it. */
  static final class Hostile {
    final VfFixture f = new VfFixture().resetHandshake().rxRing(VfFixture.COUNT - 1);

    /** If positive, every n-th offered frame is lost on the way in (a broken variant). */
    final int loseEvery;

    long offered;
    private final Map<DropReason, Long> reported = new EnumMap<>(DropReason.class);
    private int dropsSeen;

    Hostile(int loseEvery) {
      this.loseEvery = loseEvery;
    }

    void offer(int len) {
      offered++;
      if (loseEvery > 0 && offered % loseEvery == 0) {
        return;
      }
      f.vf.deliver(f.frame(offered, len));
    }

    /** Offered - placed - dropped (all reasons) - waiting: the frames in flight. */
    long inFlight() {
      long placed = Integer.toUnsignedLong(f.vf.registers().get(VfRegs.VFGPRC));
      return offered - placed - f.vf.rx().totalDrops() - f.vf.rx().fifoSize();
    }

    /**
     * Cheap form, after every action: at most one frame in flight, none if the engine is idle (the
     * exact form copies the packet buffer, so it runs at the end of each run).
     */
    boolean conservedCheaply() {
      long n = inFlight();
      return f.vf.rx().idle() ? n == 0 : n == 0 || n == 1;
    }

    /** Offered = placed + dropped (all reasons) + waiting + in flight. */
    boolean conserved() {
      RxEngineState rx = f.vf.rx().save();
      return inFlight() == (rx.current() == null ? 0 : 1);
    }

    /** Each reason's device counter equals the drops reported for it. */
    boolean dropCountersMatchReports() {
      if (f.vf.rx().totalDrops() != f.drops.size()) {
        return false;
      }
      if (dropsSeen == f.drops.size()) {
        return true; // no new drop since the per-reason comparison last held
      }
      for (; dropsSeen < f.drops.size(); dropsSeen++) {
        reported.merge(DropReason.valueOf(f.drops.get(dropsSeen)), 1L, Long::sum);
      }
      for (DropReason r : DropReason.values()) {
        if (f.vf.rx().drops(r) != reported.getOrDefault(r, 0L)) {
          return false;
        }
      }
      return true;
    }

    @Override
    public String toString() {
      return "offered " + offered + ", drops " + f.drops.size();
    }
  }

  /** One thing the guest (or the wire) does. */
  sealed interface Act {
    void apply(Hostile h);

    record Write(int offset, int value) implements Act {
      @Override
      public void apply(Hostile h) {
        h.f.vf.mmioWrite(offset, value);
      }

      @Override
      public String toString() {
        return String.format("Write[0x%x = 0x%x]", offset, value);
      }
    }

    record Read(int offset) implements Act {
      @Override
      public void apply(Hostile h) {
        h.f.vf.mmioRead(offset);
      }
    }

    record Frame(int len) implements Act {
      @Override
      public void apply(Hostile h) {
        h.offer(len);
      }
    }

    record Quiesce(boolean on) implements Act {
      @Override
      public void apply(Hostile h) {
        h.f.vf.setQuiesced(on);
      }
    }

    record Step() implements Act {
      @Override
      public void apply(Hostile h) {
        h.f.vf.step();
      }
    }
  }

  static Act next(SplittableRandom r) {
    int x = r.nextInt(100);
    if (x < 40) {
      int off = r.nextInt(10) == 0 ? r.nextInt(0x5000) : REGS[r.nextInt(REGS.length)].offset();
      return new Act.Write(off, r.nextBoolean() ? r.nextInt() : r.nextInt(64));
    } else if (x < 55) {
      return new Act.Read(r.nextInt(0x4100));
    } else if (x < 70) {
      return new Act.Frame(60 + r.nextInt(3000));
    } else if (x < 72) {
      return new Act.Quiesce(r.nextBoolean());
    }
    return new Act.Step();
  }

  private static void roundTrips(Hostile h) {
    try {
      StatefulProperty.checkEquals(
          h.f.vf.snapshot(), VfSnapshotCodec.decode(h.f.vf.saveState()), "state round trip");
    } catch (SnapshotFormatException e) {
      throw new AssertionError("saved state does not decode: " + e.getMessage(), e);
    }
  }

  static StatefulProperty.Builder<Hostile, Act> property(int loseEvery) {
    return StatefulProperty.<Hostile, Act>named("hostile guest", Act.class)
        .system(seed -> new Hostile(loseEvery))
        .actions((r, h) -> next(r))
        .step((h, a) -> a.apply(h))
        .invariant("every offered frame accounted exactly once", Hostile::conservedCheaply)
        .invariant("drop counters equal the drops reported", Hostile::dropCountersMatchReports)
        .atEnd(
            h ->
                StatefulProperty.check(h.conserved(), "every offered frame accounted exactly once"))
        .atEnd(GuestMisbehaviourProperties::roundTrips)
        .cover("a frame placed", h -> h.f.vf.registers().get(VfRegs.VFGPRC) > 0)
        .cover("a frame dropped", h -> h.f.vf.rx().totalDrops() > 0)
        .runs(25)
        .steps(3000);
  }

  @Test
  void randomMmioAndTraffic_neverThrow_accountForEveryFrame_andStateRoundTrips() {
    property(0).check();
  }

  /** The books catch a frame lost on the way into the device. */
  @Test
  void aLossyWire_isCaught() {
    AssertionError e =
        assertThrows(AssertionError.class, () -> property(5).runs(3).steps(200).check());
    assertTrue(
        e.getMessage().contains("for seed 1 ") && e.getMessage().contains("accounted"),
        e.getMessage());
    // five frames: the fifth is lost
    assertTrue(
        StatefulProperty.shrunkActions(e).stream().filter(a -> a.startsWith("Frame")).count() == 5,
        e.getMessage());
  }
}
