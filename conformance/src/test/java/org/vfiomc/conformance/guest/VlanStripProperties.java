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
import org.vfiomc.conformance.emulator.packet.Frame;
import org.vfiomc.conformance.emulator.regs.VfRegs;
import org.vfiomc.conformance.emulator.ring.AdvRxDesc;
import org.vfiomc.conformance.ledger.Violation;
import org.vfiomc.conformance.testing.StatefulProperty;

/**
 * Issue 10, item 5: VLAN stripping and the VP bit. Untagged frames and frames tagged on the VLANs
 * the driver joined (1, 100, 4094, with random priority bits), 60..1514 bytes into 1 KiB buffers (a
 * frame may span two descriptors), arrive while device and driver take random steps. After every
 * device step the descriptor just written back is read:
 *
 * <ul>
 *   <li>with RXDCTL.VME (ixgbevf's setting) a tagged frame is placed without its 4-byte tag, and
 *       its EOP write-back has VP and the tag in the vlan field; VP is never on a non-EOP
 *       descriptor; the driver puts the tag into the skb, so the ledger sees the frame the wire
 *       carried;
 *   <li>without VME the tag stays in the data and VP is never set;
 * </ul>
 *
 * and once everything is drained the ledger is clean (every frame delivered byte for byte, tag
 * included, or dropped and counted) and the VP write-backs number the tagged frames delivered.
 */
final class VlanStripProperties {
  static final int[] VLANS = {1, 100, 4094};

  static final class Sys {
    final Rig rig;
    final boolean strip;
    long vpWriteBacks;
    long vpOnNonEop;
    long taggedSent;
    long taggedDelivered;

    Sys(boolean strip, VfConfig vf, Set<DriverDefect> defects, long seed) {
      rig =
          new Rig(
              new GuestDriver.Config(16, 16, 1024, DirtyTracking.NONE, DoneCheck.LENGTH, 1 << 20),
              vf,
              seed);
      rig.driver.rx().setVlanStrip(strip);
      defects.forEach(rig.driver::inject);
      rig.up();
      for (int v : VLANS) {
        check(rig.driver.addVlan(v), "the PF acks SET_VLAN " + v);
      }
      this.strip = strip;
    }

    /** Reads the descriptor the device wrote back in its last step, if any. */
    void readWriteBack(int headBefore) {
      int h = rig.vf.registers().get(VfRegs.rdh(0));
      if (h == headBefore) {
        return;
      }
      long d = rig.driver.rx().ringBase() + 16L * headBefore;
      int status = rig.mem.readInt(d + AdvRxDesc.STATUS_ERROR);
      if ((status & AdvRxDesc.STAT_VP) != 0) {
        vpWriteBacks++;
        if ((status & AdvRxDesc.STAT_EOP) == 0) {
          vpOnNonEop++;
        }
      }
    }
  }

  sealed interface Act {
    void apply(Sys s);

    /** A frame of {@code len} bytes arrives, tagged with {@code tci} unless it is -1. */
    record Wire(int len, int tci) implements Act {
      @Override
      public void apply(Sys s) {
        s.rig.wire(len, tci, false);
        if (tci >= 0) {
          s.taggedSent++;
        }
      }
    }

    /** One device micro-step; the write-back it made is read. */
    record Device() implements Act {
      @Override
      public void apply(Sys s) {
        int h = s.rig.vf.registers().get(VfRegs.rdh(0));
        s.rig.device();
        s.readWriteBack(h);
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
      int tci =
          r.nextInt(3) == 0 ? RxStack.NO_VLAN : r.nextInt(8) << 13 | VLANS[r.nextInt(VLANS.length)];
      return new Act.Wire(60 + r.nextInt(1455), tci);
    }
    return x < 65 ? new Act.Device() : new Act.Guest();
  }

  static void drainAndJudge(Sys s) {
    for (int i = 0; i < 10_000; i++) {
      int h = s.rig.vf.registers().get(VfRegs.rdh(0));
      boolean d = s.rig.device();
      s.readWriteBack(h);
      boolean g = s.rig.guest();
      if (!d && !g && !s.rig.guest() && !s.rig.device()) {
        break;
      }
    }
    s.rig.driver.rx().flushStack();
    List<Violation> v = s.rig.ledger.finalCheck();
    check(v.isEmpty(), "the stack got every frame as the wire carried it: " + v);
    for (byte[] got : s.rig.stackRx) {
      if (Frame.startsWithTpid(got, 0)) {
        s.taggedDelivered++;
      }
    }
    checkEquals(0L, s.vpOnNonEop, "VP write-backs on a non-EOP descriptor");
    checkEquals(
        s.strip ? s.taggedDelivered : 0L, s.vpWriteBacks, "VP write-backs (tagged frames placed)");
  }

  static StatefulProperty.Builder<Sys, Act> property(
      boolean strip, VfConfig vf, Set<DriverDefect> defects) {
    return StatefulProperty.<Sys, Act>named(
            "vlan strip " + strip + ": " + vf.defects() + " " + defects, Act.class)
        .system(seed -> new Sys(strip, vf, defects, seed))
        .actions((r, s) -> next(r))
        .step((s, a) -> a.apply(s))
        .atEnd(VlanStripProperties::drainAndJudge)
        .cover("a tagged frame delivered", s -> s.taggedSent > 0 && s.rig.ledger.delivered() > 0)
        .runs(20)
        .steps(200);
  }

  @Test
  void strippedTags_comeBackThroughVp() {
    property(true, VfConfig.defaults(), Set.of()).check();
  }

  @Test
  void withoutVme_theTagStaysInTheData() {
    property(false, VfConfig.defaults(), Set.of()).check();
  }

  /** A driver that ignores VP hands the stack the frame without its VLAN. */
  @Test
  void driverIgnoringVp_isCaught() {
    // one tagged frame, a device step per descriptor, a guest step: a handful of actions
    StatefulProperty.assertCaught(
        property(true, VfConfig.defaults(), Set.of(DriverDefect.IGNORES_VP)), "CORRUPTED", 6);
  }

  /** A device that strips the tag without VP loses the VLAN just the same. */
  @Test
  void stripWithoutVp_isCaught() {
    StatefulProperty.assertCaught(
        property(true, VfConfig.defaults().withDefect(VfDefect.VLAN_STRIPPED_WITHOUT_VP), Set.of()),
        "CORRUPTED",
        6);
  }

  /**
   * The driver's VLAN check ({@code active_vlans}): a tag on a VLAN the PF lets through but the
   * driver never joined is not put into the skb. Explained numbers: one frame of 100 bytes, 104
   * with its tag on VLAN 7 (joined on the PF behind the driver's back), reaches the stack 100 bytes
   * long, without the tag: the ledger counts it corrupted.
   */
  @Test
  void tagOnAVlanTheDriverNeverJoined_reachesTheStackUntagged() {
    Sys s = new Sys(true, VfConfig.defaults(), Set.of(), 1);
    int[] m = new int[VfRegs.MBMEM_WORDS];
    m[0] = org.vfiomc.conformance.emulator.mailbox.MboxMsg.SET_VLAN | 1 << 16;
    m[1] = 7;
    s.rig.vf.pf().handle(m, new int[VfRegs.MBMEM_WORDS]); // the PF's filter only
    s.rig.wire(100, 7, false);
    s.rig.drain();
    assertEquals(1, s.rig.stackRx.size());
    assertEquals(100, s.rig.stackRx.get(0).length);
    List<Violation> v = s.rig.ledger.finalCheck();
    assertEquals(1, v.size(), v.toString());
    assertEquals(Violation.Kind.CORRUPTED, v.get(0).kind());
  }
}
