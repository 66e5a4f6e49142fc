package org.vfiomc.conformance.emulator;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.vfiomc.conformance.emulator.regs.VfRegs.*;
import static org.vfiomc.conformance.testing.StatefulProperty.check;
import static org.vfiomc.conformance.testing.StatefulProperty.checkEquals;

import java.util.ArrayDeque;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.vfiomc.conformance.emulator.ring.AdvRxDesc;
import org.vfiomc.conformance.emulator.ring.LegacyRxDesc;
import org.vfiomc.conformance.testing.StatefulProperty;

/**
 * Issue 10, item 5: SRRCTL.DESCTYPE is honoured. Frames of 60..1514 bytes into 2 KiB buffers (one
 * descriptor each) while the guest switches queue 0 between the legacy (000b) and the advanced
 * one-buffer (001b) format (with the queue disabled, as a driver reprograms SRRCTL). Every
 * descriptor the device writes back is read in the format the queue had: legacy has the length at
 * bytes 8..9, DD|EOP in the status byte 12 and the buffer address left in bytes 0..7; advanced has
 * DD|EOP in bytes 8..11 and the length at 12..13. Lengths are checked against the frames placed, in
 * order.
 */
final class DescTypeProperties {
  static final class Sys {
    final VfFixture f;
    final ArrayDeque<Integer> accepted = new ArrayDeque<>();
    long nextId = 1;
    long legacyChecked;
    long advancedChecked;

    Sys(VfConfig config) {
      f = new VfFixture(config).resetHandshake().rxRing(VfFixture.COUNT - 1);
    }

    boolean legacy() {
      return ((f.vf.registers().get(srrctl(0)) >>> SRRCTL_DESCTYPE_SHIFT) & 7) == 0;
    }
  }

  sealed interface Act {
    void apply(Sys s);

    /** A frame of {@code len} bytes arrives. */
    record Frame(int len) implements Act {
      @Override
      public void apply(Sys s) {
        if (s.f.vf.deliver(s.f.frame(s.nextId++, len))) {
          s.accepted.add(len);
        }
      }
    }

    /** One device micro-step; a write-back is read in the queue's format. */
    record Step() implements Act {
      @Override
      public void apply(Sys s) {
        int h = s.f.vf.registers().get(rdh(0));
        int drops = s.f.drops.size();
        s.f.vf.step();
        if (s.f.drops.size() > drops) {
          s.accepted.poll(); // dropped at placement (no descriptors), not written
        }
        if (s.f.vf.registers().get(rdh(0)) == h) {
          return;
        }
        long d = VfFixture.RX_RING + 16L * h;
        int len = s.accepted.isEmpty() ? -1 : s.accepted.poll();
        if (s.legacy()) {
          checkEquals(len, s.f.mem.readShort(d + LegacyRxDesc.LENGTH), "legacy length");
          checkEquals(
              AdvRxDesc.STAT_DD | AdvRxDesc.STAT_EOP,
              s.f.mem.readInt(d + LegacyRxDesc.STATUS) & 0xFF,
              "legacy status byte");
          checkEquals(
              VfFixture.RX_BUF + 2048L * h,
              s.f.mem.readLong(d + LegacyRxDesc.BUFFER_ADDR),
              "legacy: the buffer address is not written back");
          s.legacyChecked++;
        } else {
          checkEquals(len, s.f.mem.readShort(d + AdvRxDesc.LENGTH), "advanced length");
          check((s.f.mem.readInt(d + AdvRxDesc.STATUS_ERROR) & 3) == 3, "advanced DD|EOP in 8..11");
          s.advancedChecked++;
        }
      }
    }

    /**
     * The guest re-arms every free descriptor (buffer addresses rewritten: write-backs eat them).
     */
    record Repost() implements Act {
      @Override
      public void apply(Sys s) {
        int h = s.f.vf.registers().get(rdh(0));
        int t = s.f.vf.registers().get(rdt(0));
        for (int i = t; i != (h + VfFixture.COUNT - 1) % VfFixture.COUNT; i = (i + 1) % 8) {
          long d = VfFixture.RX_RING + 16L * i;
          s.f.mem.writeLong(d, VfFixture.RX_BUF + 2048L * i);
          s.f.mem.writeLong(d + 8, 0);
        }
        s.f.vf.mmioWrite(rdt(0), (h + VfFixture.COUNT - 1) % VfFixture.COUNT);
      }
    }

    /** The guest switches the format: disable (when idle), SRRCTL, enable. */
    record Format(boolean legacy) implements Act {
      @Override
      public void apply(Sys s) {
        if (s.f.vf.rx().frameInFlight()) {
          return; // a driver reprograms SRRCTL only once the queue reads disabled
        }
        s.f.vf.mmioWrite(rxdctl(0), 0);
        s.f.vf.mmioWrite(
            srrctl(0), 2 | ((legacy ? 0 : 1) << SRRCTL_DESCTYPE_SHIFT) | SRRCTL_DROP_EN);
        s.f.vf.mmioWrite(rxdctl(0), DCTL_ENABLE);
      }
    }
  }

  static Act next(SplittableRandom r) {
    int x = r.nextInt(100);
    if (x < 35) {
      return new Act.Frame(60 + r.nextInt(1455));
    } else if (x < 75) {
      return new Act.Step();
    } else if (x < 90) {
      return new Act.Repost();
    }
    return new Act.Format(r.nextBoolean());
  }

  static StatefulProperty.Builder<Sys, Act> property(VfConfig config) {
    return StatefulProperty.<Sys, Act>named("descriptor type: " + config.defects(), Act.class)
        .system(seed -> new Sys(config))
        .actions((r, s) -> next(r))
        .step((s, a) -> a.apply(s))
        .cover("a legacy write-back", s -> s.legacyChecked > 0)
        .cover("an advanced write-back", s -> s.advancedChecked > 0)
        .runs(20)
        .steps(200);
  }

  @Test
  void everyWriteBack_hasTheQueuesFormat() {
    property(VfConfig.defaults()).check();
  }

  /** The emulator before item 5: the advanced format whatever SRRCTL.DESCTYPE says. */
  @Test
  void ignoringDesctype_isCaught() {
    AssertionError e =
        assertThrows(
            AssertionError.class,
            () -> property(VfConfig.defaults().withDefect(VfDefect.DESCTYPE_IGNORED)).check());
    assertTrue(e.getMessage().contains("failing check: legacy"), e.getMessage());
    assertTrue(StatefulProperty.shrunkActions(e).size() <= 6, e.getMessage());
  }
}
