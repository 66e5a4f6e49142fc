package org.vfiomc.conformance.guest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.vfiomc.conformance.testing.StatefulProperty.check;
import static org.vfiomc.conformance.testing.StatefulProperty.checkEquals;

import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.vfiomc.conformance.emulator.VfConfig;
import org.vfiomc.conformance.emulator.VfDefect;
import org.vfiomc.conformance.emulator.packet.DropReason;
import org.vfiomc.conformance.emulator.regs.VfRegs;
import org.vfiomc.conformance.ledger.Violation;
import org.vfiomc.conformance.testing.StatefulProperty;

/**
 * Issue 10, item 5: frames with a CRC error. Good and broken frames (a bit error in the last byte,
 * the FCS no longer matching) of 60..1514 bytes arrive into 1 KiB buffers while device and driver
 * take random steps. Once everything is drained:
 *
 * <ul>
 *   <li>the ledger is clean: no broken frame reaches the stack, none is lost;
 *   <li>with the PF storing bad packets (FCTRL.SBP) every broken frame the device did not drop for
 *       another reason is placed with CE and freed by the driver ({@code droppedByDriver}), and the
 *       device discards none for its CRC;
 *   <li>without SBP (ixgbe's default) the MAC discards every broken frame, counted ({@code
 *       CRC_ERROR}), and the driver sees none;
 *   <li>the driver's count of frees equals the ledger's class, and VFGPRC counts the good frames
 *       only (each delivered once).
 * </ul>
 */
final class BadFrameProperties {
  static final class Sys {
    final Rig rig;
    final boolean sbp;
    long badSent;

    Sys(boolean sbp, VfConfig vf, Set<DriverDefect> defects, long seed) {
      rig =
          new Rig(
                  new GuestDriver.Config(
                      16, 16, 1024, DirtyTracking.NONE, DoneCheck.LENGTH, 1 << 20),
                  vf,
                  seed)
              .up();
      rig.vf.pf().setStoreBadPackets(sbp);
      defects.forEach(rig.driver::inject);
      this.sbp = sbp;
    }
  }

  sealed interface Act {
    void apply(Sys s);

    /** A frame of {@code len} bytes arrives, broken by a bit error if {@code bad}. */
    record Wire(int len, boolean bad) implements Act {
      @Override
      public void apply(Sys s) {
        s.rig.wire(len, RxStack.NO_VLAN, bad);
        if (bad) {
          s.badSent++;
        }
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
  }

  static Act next(SplittableRandom r) {
    int x = r.nextInt(100);
    if (x < 30) {
      return new Act.Wire(60 + r.nextInt(1455), r.nextInt(3) == 0);
    }
    return x < 65 ? new Act.Device() : new Act.Guest();
  }

  static void drainAndJudge(Sys s) {
    s.rig.drain();
    List<Violation> v = s.rig.ledger.finalCheck();
    check(v.isEmpty(), "no broken frame delivered, none lost: " + v);
    long byDriver = s.rig.ledger.droppedByDriver();
    checkEquals(s.rig.driver.rx().driverDrops(), byDriver, "driver frees = the ledger's class");
    if (s.sbp) {
      checkEquals(0L, s.rig.vf.rx().drops(DropReason.CRC_ERROR), "CRC drops with SBP");
      checkEquals(
          s.badSent - s.rig.badFramesDroppedByDevice,
          byDriver,
          "broken frames the driver dropped (SBP: all the device placed)");
    } else {
      checkEquals(s.badSent, s.rig.vf.rx().drops(DropReason.CRC_ERROR), "CRC drops without SBP");
      checkEquals(0L, byDriver, "broken frames the driver saw without SBP");
    }
    checkEquals(
        s.rig.ledger.delivered(),
        (long) s.rig.vf.registers().get(VfRegs.VFGPRC),
        "VFGPRC: good frames placed (all delivered)");
  }

  static StatefulProperty.Builder<Sys, Act> property(
      boolean sbp, VfConfig vf, Set<DriverDefect> defects) {
    return StatefulProperty.<Sys, Act>named(
            "bad frames, SBP " + sbp + ": " + vf.defects() + " " + defects, Act.class)
        .system(seed -> new Sys(sbp, vf, defects, seed))
        .actions((r, s) -> next(r))
        .step((s, a) -> a.apply(s))
        .atEnd(BadFrameProperties::drainAndJudge)
        .cover("a broken frame sent", s -> s.badSent > 0)
        .runs(20)
        .steps(200);
  }

  @Test
  void withSbp_theDriverDropsWhatTheDeviceFlags() {
    property(true, VfConfig.defaults(), Set.of()).check();
  }

  @Test
  void withoutSbp_theMacDiscardsThem() {
    property(false, VfConfig.defaults(), Set.of()).check();
  }

  /** A driver that skips {@code ixgbevf_cleanup_headers}' error check delivers broken bytes. */
  @Test
  void driverDeliveringErrorFrames_isCaught() {
    StatefulProperty.assertCaught(
        property(true, VfConfig.defaults(), Set.of(DriverDefect.DELIVERS_ERROR_FRAMES)),
        "CORRUPTED",
        6);
  }

  /** A device that swallows broken frames instead of writing them back with CE. */
  @Test
  void deviceDroppingErrorFramesSilently_isCaught() {
    StatefulProperty.assertCaught(
        property(
            true, VfConfig.defaults().withDefect(VfDefect.BAD_FRAME_DROPPED_SILENTLY), Set.of()),
        "LOST",
        4);
  }

  /**
   * The counter difference: ten frames of 100 bytes, every other one broken, SBP on, into an idle
   * ring. The 82599 places all ten; the driver frees the five with CE (droppedByDriver 5) and
   * delivers five; VFGPRC counts the five good ones. The silent mutant places only the good five:
   * the driver frees nothing and the ledger finds the five broken frames lost.
   */
  @Test
  void silentDrop_showsAsLossInsteadOfDriverDrops() {
    for (boolean mutant : new boolean[] {false, true}) {
      VfConfig vf =
          mutant
              ? VfConfig.defaults().withDefect(VfDefect.BAD_FRAME_DROPPED_SILENTLY)
              : VfConfig.defaults();
      Sys s = new Sys(true, vf, Set.of(), 1);
      for (int i = 0; i < 10; i++) {
        s.rig.wire(100, RxStack.NO_VLAN, i % 2 == 1);
      }
      s.rig.drain();
      List<Violation> v = s.rig.ledger.finalCheck();
      assertEquals(5, s.rig.ledger.delivered());
      assertEquals(5, s.rig.vf.registers().get(VfRegs.VFGPRC));
      assertEquals(mutant ? 0 : 5, s.rig.ledger.droppedByDriver());
      assertEquals(mutant ? 0 : 5, s.rig.driver.rx().driverDrops());
      assertEquals(mutant ? 5 : 0, v.stream().filter(x -> x.kind() == Violation.Kind.LOST).count());
    }
  }
}
