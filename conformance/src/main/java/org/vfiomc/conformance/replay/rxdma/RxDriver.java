package org.vfiomc.conformance.replay.rxdma;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.vfiomc.checker.trace.TlaValue;
import org.vfiomc.conformance.emulator.regs.VfRegs;
import org.vfiomc.conformance.emulator.ring.AdvRxDesc;
import org.vfiomc.conformance.ledger.PacketLedger;
import org.vfiomc.conformance.scenario.RxStrategy.RingRestore;
import org.vfiomc.conformance.scenario.RxStrategy.Tracking;

/**
 * ixgbevf's Rx clean and refill loop at {@code RxDma.tla}'s granularity (one check, deliver,
 * refill, dummy read or write per step), working on the active host's guest memory and BAR0, and
 * its ring restore at the destination. Its state is guest state, carried exactly by migration.
 * Every action returns {@code null} when it was taken, else why the driver cannot take it.
 */
final class RxDriver {
  private final RxLayout layout;
  private final Tracking tracking;
  private final RxValues values;
  private final PacketLedger ledger;

  int ntc;
  int ntu;
  final int[] bufInfo;
  String stage = "IDLE";
  int rmw = -1;
  int curPkt;
  String drvMode = "UP";

  /** The skbs the stack has not read yet: {buf, pkt}. */
  final List<int[]> skbQueue = new ArrayList<>();

  final List<TlaValue> delivered = new ArrayList<>();

  RxDriver(RxLayout layout, Tracking tracking, RxValues values, PacketLedger ledger) {
    this.layout = layout;
    this.tracking = tracking;
    this.values = values;
    this.ledger = ledger;
    this.bufInfo = new int[layout.n];
  }

  /**
   * {@code Init}: every slot but the one before the head armed with its own buffer, RDH = ntc =
   * {@code initHead}, RDT = ntu = the slot before it, queue enabled. The VF takes the RDH write
   * while the queue is disabled, as ixgbevf's own {@code RDH = 0} in {@code
   * ixgbevf_configure_rx_ring}.
   */
  void init(RxHost h, int initHead) {
    int n = layout.n;
    int empty = (initHead + n - 1) % n;
    for (int s = 0; s < n; s++) {
      bufInfo[s] = s;
      if (s != empty) {
        h.arm(s, s);
      } else {
        h.unarm(s);
      }
    }
    ntc = initHead;
    ntu = empty;
    h.mmio(VfRegs.rxdctl(0), 0);
    h.mmio(VfRegs.rdbal(0), (int) layout.ring());
    h.mmio(VfRegs.rdbah(0), 0);
    h.mmio(VfRegs.rdlen(0), layout.d * 16);
    h.mmio(VfRegs.rdh(0), initHead);
    h.mmio(VfRegs.rdt(0), initHead);
    h.mmio(VfRegs.srrctl(0), 2 | (1 << VfRegs.SRRCTL_DESCTYPE_SHIFT) | VfRegs.SRRCTL_DROP_EN);
    h.mmio(VfRegs.rxdctl(0), VfRegs.DCTL_ENABLE);
    h.mmio(VfRegs.rdt(0), h.devTail(empty));
  }

  private boolean idleOrDummied() {
    return stage.equals("IDLE") || stage.equals("DUMMIED");
  }

  /** Whether the vCPUs may pause under GUEST_DRAIN: nothing half-done, nothing left to clean. */
  boolean drained(RxHost h) {
    return idleOrDummied() && !h.done(ntc);
  }

  String dummyRead(RxHost h, Map<String, TlaValue> act) {
    if (tracking != Tracking.DUMMY_BEFORE || !idleOrDummied()) {
      return "no dummy read now";
    }
    rmw = h.mem.readByte(RxLayout.bufAddr(bufInfo[ntc]) + RxLayout.FIRST) & 0xFF;
    stage = "RMW";
    act.put("slot", TlaValue.Int.of(ntc));
    act.put("buf", TlaValue.Int.of(bufInfo[ntc]));
    return null;
  }

  String dummyWrite(RxHost h, Map<String, TlaValue> act) {
    if (!stage.equals("RMW")) {
      return "no dummy write pending";
    }
    h.mem.writeByte(RxLayout.bufAddr(bufInfo[ntc]) + RxLayout.FIRST, (byte) rmw);
    rmw = -1;
    stage = "DUMMIED";
    act.put("slot", TlaValue.Int.of(ntc));
    act.put("buf", TlaValue.Int.of(bufInfo[ntc]));
    return null;
  }

  String check(RxHost h, Map<String, TlaValue> act) {
    String want = tracking == Tracking.DUMMY_BEFORE ? "DUMMIED" : "IDLE";
    if (!stage.equals(want) || !h.done(ntc)) {
      return "descriptor " + ntc + " is not done (or the driver is elsewhere)";
    }
    stage = "CHECKED";
    curPkt = h.ghostPkt[h.rep[ntc]];
    // UNMAP: the generic DMA unmap/sync-for-CPU path writes the buffer (Tsirkin, seed 000),
    // at the same point of the clean loop as Duyck's dummy write
    if (tracking == Tracking.DUMMY_AFTER || tracking == Tracking.UNMAP) {
      long a = RxLayout.bufAddr(bufInfo[ntc]) + RxLayout.FIRST;
      h.mem.writeByte(a, h.mem.readByte(a));
    }
    act.put("slot", TlaValue.Int.of(ntc));
    return null;
  }

  String deliver(Map<String, TlaValue> act) {
    if (!stage.equals("CHECKED")) {
      return "nothing checked";
    }
    skbQueue.add(new int[] {bufInfo[ntc], curPkt});
    act.put("slot", TlaValue.Int.of(ntc));
    act.put("buf", TlaValue.Int.of(bufInfo[ntc]));
    ntc = (ntc + 1) % layout.n;
    stage = "IDLE";
    curPkt = 0;
    return null;
  }

  String refill(RxHost h, Map<String, TlaValue> act) {
    int next = (ntu + 1) % layout.n;
    int b = bufInfo[ntu];
    if (!drvMode.equals("UP")
        || !idleOrDummied()
        || next == ntc
        || skbQueue.stream().anyMatch(x -> x[0] == b)) {
      return "no refill now";
    }
    h.arm(ntu, b);
    for (int r = next; r < layout.d; r += layout.n) {
      h.mem.writeShort(layout.desc(r) + AdvRxDesc.LENGTH, 0);
    }
    act.put("slot", TlaValue.Int.of(ntu));
    act.put("buf", TlaValue.Int.of(b));
    ntu = next;
    h.mmio(VfRegs.rdt(0), h.devTail(ntu));
    return null;
  }

  String stackRead(RxHost h, boolean onDestination, Map<String, TlaValue> act) {
    if (skbQueue.isEmpty()) {
      return "the stack holds no skb";
    }
    int b = skbQueue.remove(0)[0];
    byte[] bytes = new byte[RxLayout.PKT_LEN];
    h.mem.read(RxLayout.bufAddr(b), bytes, 0, RxLayout.PKT_LEN);
    delivered.add(values.decode(bytes));
    ledger.delivered(
        bytes, RxLayout.PKT_LEN, "stack, buffer " + b + (onDestination ? " (dest)" : ""));
    act.put("buf", TlaValue.Int.of(b));
    return null;
  }

  String reinit(RxHost h) {
    int n = layout.n;
    if (!drvMode.equals("DRAIN") || !stage.equals("IDLE") || h.done(ntc) || !skbQueue.isEmpty()) {
      return "the old ring is not clean yet";
    }
    for (int s = 0; s < n; s++) {
      bufInfo[s] = s;
      h.rep[s] = s;
      if (s < n - 1) {
        h.arm(s, s);
      } else {
        h.unarm(s);
      }
    }
    ntc = 0;
    ntu = n - 1;
    h.mmio(VfRegs.rxdctl(0), 0);
    h.mmio(VfRegs.rdh(0), 0);
    h.mmio(VfRegs.rdt(0), h.devTail(n - 1));
    h.mmio(VfRegs.rxdctl(0), VfRegs.DCTL_ENABLE);
    drvMode = "UP";
    return null;
  }

  /**
   * The destination's ring restore ({@code Resume}): RDH came back as {@code h} in the migration
   * stream. {@code accepted} and {@code discarded} are the wire's ghosts: DROP_RING discards every
   * accepted frame not yet handed to the stack.
   */
  void restore(
      RxHost dst, RingRestore restore, int h, Set<Integer> accepted, Set<Integer> discarded) {
    int n = layout.n;
    int d = layout.d;
    int t = dst.reg(VfRegs.rdt(0));
    switch (restore) {
      case SHIFT -> {
        // the device ring rotates by the device's saved head, the spec's slots by it modulo N
        byte[] old = new byte[16 * d];
        dst.mem.read(layout.ring(), old, 0, old.length);
        byte[] rot = new byte[old.length];
        int[] gp = dst.ghostPkt.clone();
        boolean[] gw = dst.ghostWb.clone();
        int[] rp = dst.rep.clone();
        int[] bi = bufInfo.clone();
        for (int r = 0; r < d; r++) {
          int from = (r + h) % d;
          System.arraycopy(old, 16 * from, rot, 16 * r, 16);
          dst.ghostPkt[r] = gp[from];
          dst.ghostWb[r] = gw[from];
        }
        for (int s = 0; s < n; s++) {
          int from = (s + h) % n;
          bufInfo[s] = bi[from];
          dst.rep[s] = Math.floorMod(rp[from] - h, d);
        }
        dst.mem.write(layout.ring(), rot, 0, rot.length);
        ntc = Math.floorMod(ntc - h, n);
        ntu = Math.floorMod(ntu - h, n);
        dst.mmio(VfRegs.rxdctl(0), 0);
        dst.mmio(VfRegs.rdh(0), 0);
        dst.mmio(VfRegs.rdt(0), Math.floorMod(t - h, d));
        dst.mmio(VfRegs.rxdctl(0), VfRegs.DCTL_ENABLE);
      }
      case REINIT -> {
        dst.mmio(VfRegs.rxdctl(0), 0);
        dst.mmio(VfRegs.rdh(0), 0);
        dst.mmio(VfRegs.rdt(0), 0);
        drvMode = "DRAIN";
      }
      case DROP_RING -> {
        // Duyck's drop-the-ring: every accepted frame not yet handed to the stack is discarded
        // (ghost), the old ring is freed (zeroed here), the driver starts over at slot 0 and
        // re-initialises once the stack has released the old buffers (RxReinit)
        for (int p : accepted) {
          boolean handed =
              delivered.contains(new TlaValue.Seq(List.of(values.num(p), values.num(p))));
          for (int[] x : skbQueue) {
            handed |= x[1] == p;
          }
          if (!handed) {
            discarded.add(p);
          }
        }
        dst.mem.write(layout.ring(), new byte[16 * d], 0, 16 * d);
        Arrays.fill(dst.ghostPkt, 0);
        Arrays.fill(dst.ghostWb, false);
        for (int s = 0; s < n; s++) {
          dst.rep[s] = s;
        }
        ntc = 0;
        stage = "IDLE";
        rmw = -1;
        curPkt = 0;
        dst.mmio(VfRegs.rxdctl(0), 0);
        dst.mmio(VfRegs.rdh(0), 0);
        dst.mmio(VfRegs.rdt(0), 0);
        drvMode = "DRAIN";
      }
      case RESTORE_HEAD -> {
        // the VMM writes the saved head while the queue is disabled, then enables it
        dst.mmio(VfRegs.rxdctl(0), 0);
        dst.mmio(VfRegs.rdh(0), h);
        dst.mmio(VfRegs.rxdctl(0), VfRegs.DCTL_ENABLE);
      }
      case HEAD_ZERO -> {
        dst.mmio(VfRegs.rxdctl(0), 0);
        dst.mmio(VfRegs.rdh(0), 0);
        dst.mmio(VfRegs.rxdctl(0), VfRegs.DCTL_ENABLE);
      }
    }
  }
}
