package org.vfiomc.conformance.emulator.ring;

import org.vfiomc.conformance.emulator.dma.DmaPort;
import org.vfiomc.conformance.emulator.packet.Frame;
import org.vfiomc.conformance.emulator.regs.RegisterFile;
import org.vfiomc.conformance.emulator.regs.VfRegs;
import org.vfiomc.conformance.emulator.state.TxQueueState;

/**
 * The transmit DMA engine: one descriptor per step, per queue, round robin.
 *
 * <p>A step fetches the descriptor at TDH, reads a data descriptor's buffer into the gather buffer
 * (a context descriptor carries no data), advances TDH, transmits the gathered frame on EOP, and
 * for RS completes: head write-back to TDWBA if TDWBAL bit 0 is set, else DD ORed into the status
 * dword of the descriptor, always after the data was read. A descriptor that cannot be fetched or
 * read, or is malformed (not advanced, zero or oversize data), dooms its packet: the remaining
 * descriptors still complete but nothing is sent (QEMU igb {@code skip_cp}).
 */
public final class TxEngine {
  private final RegisterFile rf;
  private final DmaPort dma;
  private final DeviceEvents events;
  private final RingRegs[] rings = new RingRegs[VfRegs.QUEUES];
  private final byte[][] gather = new byte[VfRegs.QUEUES][Frame.MAX_LENGTH];
  private final int[] gathered = new int[VfRegs.QUEUES];
  private final boolean[] skip = new boolean[VfRegs.QUEUES];
  private final long[] dropped = new long[VfRegs.QUEUES];

  /**
   * The least packet length the device transmits: shorter packets are dropped and counted. Linux
   * {@code ixgbevf_xmit_frame}: "The minimum packet size for olinfo paylen is 17", so the driver
   * pads shorter skbs to 17 bytes; what the 82599 does with a shorter one is in the datasheet
   * (UNVERIFIED: modelled as a counted drop). Padding on the wire to the Ethernet minimum is not
   * modelled.
   */
  public static final int MIN_PAYLEN = 17;

  private final byte[] desc = new byte[RingRegs.DESC_SIZE];
  private int next;

  /** An engine over the given register file and DMA port. */
  public TxEngine(RegisterFile rf, DmaPort dma, DeviceEvents events) {
    this.rf = rf;
    this.dma = dma;
    this.events = events;
    for (int q = 0; q < rings.length; q++) {
      rings[q] = RingRegs.tx(q);
    }
  }

  /** True if no queue has work: disabled or head equal to tail. */
  public boolean idle() {
    for (RingRegs r : rings) {
      if (r.enabled(rf) && r.pending(rf) > 0) {
        return false;
      }
    }
    return true;
  }

  /** Packets dropped on queue {@code q} (malformed or failed gather). */
  public long dropped(int q) {
    return dropped[q];
  }

  /** Processes one descriptor of the next queue with work; false if none has work. */
  public boolean step() {
    for (int i = 0; i < rings.length; i++) {
      int q = (next + i) % rings.length;
      RingRegs r = rings[q];
      if (r.enabled(rf) && r.pending(rf) > 0) {
        next = (q + 1) % rings.length;
        process(q, r);
        return true;
      }
    }
    return false;
  }

  private void process(int q, RingRegs r) {
    int index = r.head(rf);
    long addr = r.descriptorAddress(rf, index);
    if (!dma.read(addr, desc, 0, RingRegs.DESC_SIZE)) {
      skip[q] = true;
      r.advanceHead(rf); // consume it; the packet is lost, the ring keeps moving
      return;
    }
    int cmd = AdvTxDesc.cmdTypeLen(desc, 0);
    int olinfo = AdvTxDesc.olinfoStatus(desc, 0);
    int dtyp = (cmd >>> AdvTxDesc.DTYP_SHIFT) & 0xF;
    boolean dext = (cmd & AdvTxDesc.CMD_DEXT) != 0;
    if (dext && dtyp == AdvTxDesc.DTYP_DATA) {
      int len = cmd & AdvTxDesc.DTALEN_MASK;
      if (len == 0 || gathered[q] + len > Frame.MAX_LENGTH) {
        skip[q] = true;
      } else if (!skip[q]) {
        if (dma.read(AdvTxDesc.addr(desc, 0), gather[q], gathered[q], len)) {
          gathered[q] += len;
        } else {
          skip[q] = true;
        }
      }
    } else if (!(dext && dtyp == AdvTxDesc.DTYP_CONTEXT)) {
      skip[q] = true; // legacy or unknown descriptor type: not supported for a VF
    }
    r.advanceHead(rf);
    if ((cmd & AdvTxDesc.CMD_EOP) != 0) {
      if (!skip[q] && gathered[q] >= MIN_PAYLEN) {
        events.transmitted(q, gather[q], gathered[q]);
        rf.addStat32(VfRegs.VFGPTC, 1);
        rf.addStat36(VfRegs.VFGOTC_LSB, VfRegs.VFGOTC_MSB, gathered[q]);
      } else {
        dropped[q]++;
      }
      gathered[q] = 0;
      skip[q] = false;
    }
    if ((cmd & AdvTxDesc.CMD_RS) != 0) {
      int wbal = rf.get(VfRegs.tdwbal(q));
      if ((wbal & VfRegs.TDWBAL_ENABLE) != 0) {
        long wb = ((long) rf.get(VfRegs.tdwbah(q)) << 32) | (wbal & 0xFFFFFFFCL);
        dma.writeInt(wb, r.head(rf));
      } else {
        dma.writeInt(addr + AdvTxDesc.OLINFO_STATUS, olinfo | AdvTxDesc.STA_DD);
      }
      events.txDone(q);
    }
  }

  /**
   * Processes queue {@code q}'s descriptors until the packet it is part-way through (if any) is
   * complete: ixgbevf writes TDT only after every descriptor of a packet ({@code ixgbevf_tx_map}),
   * so the rest of a started packet is always posted. Returns the descriptors processed. Used by
   * the stop, so that no half-gathered packet is left in the stopped device.
   */
  public int finishPacket(int q) {
    RingRegs r = rings[q];
    int n = 0;
    int limit = Math.max(1, r.count(rf));
    while ((gathered[q] > 0 || skip[q]) && r.enabled(rf) && r.pending(rf) > 0 && n < limit) {
      process(q, r);
      n++;
    }
    return n;
  }

  /** The queue the round robin tries first on the next step. */
  public int nextQueue() {
    return next;
  }

  /** Restores the round-robin position. */
  public void restoreNextQueue(int q) {
    next = Math.floorMod(q, rings.length);
  }

  /**
   * What of queue {@code q}'s internals a migration carries: only whether a packet is part-way
   * through its descriptors (gathered bytes or a doomed packet before its EOP). The gathered bytes
   * themselves do not migrate (no 82599 register exposes them): like QEMU igb's {@code
   * igb_core_pre_save}, which sets {@code skip_cp} on a queue holding a partially gathered packet,
   * the destination completes the packet's remaining descriptors without sending it.
   */
  public TxQueueState save(int q) {
    return new TxQueueState(skip[q] || gathered[q] > 0);
  }

  /**
   * Replaces queue {@code q}'s internals with a migrated state: nothing gathered, and the packet in
   * progress (if any) doomed, counted in {@link #dropped} at its EOP.
   */
  public void restore(int q, TxQueueState s) {
    gathered[q] = 0;
    skip[q] = s.packetInProgress();
  }

  /** Queue {@code q} forgets the packet it was gathering (VF reset: not sent, not counted). */
  public void resetQueue(int q) {
    gathered[q] = 0;
    skip[q] = false;
  }
}
