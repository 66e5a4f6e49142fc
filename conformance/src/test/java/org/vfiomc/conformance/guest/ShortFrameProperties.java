package org.vfiomc.conformance.guest;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.vfiomc.conformance.testing.StatefulProperty.check;
import static org.vfiomc.conformance.testing.StatefulProperty.checkEquals;

import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.vfiomc.conformance.emulator.VfConfig;
import org.vfiomc.conformance.emulator.packet.Frame;
import org.vfiomc.conformance.emulator.packet.TestFrames;
import org.vfiomc.conformance.emulator.ring.TxEngine;
import org.vfiomc.conformance.testing.StatefulProperty;

/**
 * Issue 10, item 6: short frames are padded as ixgbevf pads them. On transmit, a frame shorter than
 * {@link TxEngine#MIN_PAYLEN} (17) is padded with zeros to it ({@code ixgbevf_xmit_frame}), so the
 * device, which drops and counts shorter packets, sends every frame the guest queued: in order, its
 * bytes followed by zeros. On receive, a frame shorter than {@link GuestRxRing#ETH_ZLEN} (60)
 * reaches the stack padded with zeros to 60 ({@code eth_skb_pad} in {@code
 * ixgbevf_cleanup_headers}). (Frames that short reach an 82599 VF's ring after VLAN stripping; the
 * emulator does not filter runts, so the test hands it short frames directly.)
 */
final class ShortFrameProperties {
  static final class Sys {
    final Rig rig;
    final ArrayDeque<byte[]> txQueued = new ArrayDeque<>();
    final ArrayDeque<byte[]> rxAccepted = new ArrayDeque<>();
    int txChecked;
    int rxChecked;
    int shortTx;
    int shortRx;

    Sys(List<DriverDefect> defects, long seed) {
      rig =
          new Rig(
                  new GuestDriver.Config(
                      32, 32, 2048, DirtyTracking.NONE, DoneCheck.LENGTH, 1 << 20),
                  VfConfig.defaults(),
                  seed)
              .up();
      defects.forEach(rig.driver::inject);
    }

    void checkWire() {
      while (txChecked < rig.wireTx.size()) {
        byte[] out = rig.wireTx.get(txChecked++);
        byte[] in = txQueued.poll();
        check(in != null, "a frame on the wire the guest never queued");
        checkEquals(Math.max(in.length, TxEngine.MIN_PAYLEN), out.length, "length on the wire");
        check(Arrays.equals(in, Arrays.copyOf(out, in.length)), "the frame's bytes on the wire");
        for (int i = in.length; i < out.length; i++) {
          check(out[i] == 0, "padding is zeros");
        }
      }
      checkEquals(0L, rig.vf.tx().dropped(0), "Tx packets the device dropped");
    }

    void checkStack() {
      while (rxChecked < rig.stackRx.size()) {
        byte[] got = rig.stackRx.get(rxChecked++);
        byte[] sent = rxAccepted.poll();
        check(sent != null, "a frame in the stack the device never accepted");
        checkEquals(
            Math.max(sent.length, GuestRxRing.ETH_ZLEN), got.length, "length the stack receives");
        check(Arrays.equals(sent, Arrays.copyOf(got, sent.length)), "the frame's bytes received");
        for (int i = sent.length; i < got.length; i++) {
          check(got[i] == 0, "Rx padding is zeros");
        }
      }
    }
  }

  static byte[] bytes(SplittableRandom r, int len, long dst, long src) {
    byte[] b = new byte[len];
    for (int i = 0; i < len; i++) {
      b[i] = (byte) (1 + r.nextInt(255)); // never zero: padding is told apart
    }
    TestFrames.putMac(b, 0, dst);
    TestFrames.putMac(b, 6, src);
    return b;
  }

  sealed interface Act {
    void apply(Sys s);

    /** The guest queues a frame of {@code len} bytes. */
    record Send(int len, long seed) implements Act {
      @Override
      public void apply(Sys s) {
        byte[] b = bytes(new SplittableRandom(seed), len, Rig.PEER_MAC, s.rig.driver.mac());
        if (s.rig.driver.tx().transmit(Frame.of(b))) {
          s.txQueued.add(b);
          s.shortTx += len < TxEngine.MIN_PAYLEN ? 1 : 0;
        }
      }
    }

    /** A frame of {@code len} bytes arrives for the VM. */
    record Arrive(int len, long seed) implements Act {
      @Override
      public void apply(Sys s) {
        byte[] b = bytes(new SplittableRandom(seed), len, s.rig.driver.mac(), Rig.PEER_MAC);
        if (s.rig.vf.deliver(Frame.of(b))) {
          s.rxAccepted.add(b);
          s.shortRx += len < GuestRxRing.ETH_ZLEN ? 1 : 0;
        }
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

    /** {@code n} driver steps: Rx micro-steps and a Tx clean. */
    record Guest(int n) implements Act {
      @Override
      public void apply(Sys s) {
        for (int i = 0; i < n; i++) {
          s.rig.guest();
        }
        s.rig.txClean();
      }
    }
  }

  static Act next(SplittableRandom r) {
    int x = r.nextInt(100);
    if (x < 25) {
      return new Act.Send(14 + r.nextInt(60), r.nextLong());
    } else if (x < 50) {
      return new Act.Arrive(14 + r.nextInt(80), r.nextLong());
    } else if (x < 75) {
      return new Act.Device(1 + r.nextInt(6));
    }
    return new Act.Guest(1 + r.nextInt(6));
  }

  static StatefulProperty.Builder<Sys, Act> property(List<DriverDefect> defects) {
    return StatefulProperty.<Sys, Act>named("short frames: " + defects, Act.class)
        .system(seed -> new Sys(defects, seed))
        .actions((r, s) -> next(r))
        .step(
            (s, a) -> {
              a.apply(s);
              s.checkWire();
              s.checkStack();
            })
        .atEnd(
            s -> {
              s.rig.drain();
              s.checkWire();
              s.checkStack();
              check(s.txQueued.isEmpty(), "every queued frame left on the wire");
              check(s.rxAccepted.isEmpty(), "every accepted frame reached the stack");
            })
        .cover("a Tx frame shorter than 17 bytes", s -> s.shortTx > 0)
        .cover("an Rx frame shorter than 60 bytes", s -> s.shortRx > 0)
        .runs(20)
        .steps(150);
  }

  @Test
  void shortFrames_arePaddedBothWays() {
    property(List.of()).check();
  }

  /** A driver that queues a 14..16-byte frame as it is: the device drops it. */
  @Test
  void unpaddedTx_isCaught() {
    AssertionError e =
        assertThrows(AssertionError.class, () -> property(List.of(DriverDefect.NO_TX_PAD)).check());
    assertTrue(e.getMessage().contains("Tx packets the device dropped"), e.getMessage());
    assertTrue(StatefulProperty.shrunkActions(e).size() <= 2, e.getMessage());
  }

  /** A driver that hands a short received frame up unpadded. */
  @Test
  void unpaddedRx_isCaught() {
    AssertionError e =
        assertThrows(AssertionError.class, () -> property(List.of(DriverDefect.NO_RX_PAD)).check());
    assertTrue(e.getMessage().contains("length the stack receives"), e.getMessage());
  }
}
