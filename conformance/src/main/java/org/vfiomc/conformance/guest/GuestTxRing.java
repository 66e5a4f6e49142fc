package org.vfiomc.conformance.guest;

import static com.google.common.base.Preconditions.checkArgument;

import java.util.Arrays;
import org.vfiomc.conformance.emulator.dma.GuestMemory;
import org.vfiomc.conformance.emulator.packet.Frame;
import org.vfiomc.conformance.emulator.regs.VfRegs;
import org.vfiomc.conformance.emulator.ring.AdvTxDesc;
import org.vfiomc.conformance.emulator.ring.RingRegs;
import org.vfiomc.conformance.emulator.ring.TxEngine;

/**
 * The driver's side of one Tx ring ({@code ixgbevf_xmit_frame_ring}, {@code ixgbevf_clean_tx_irq}):
 * a frame is split over buffers of {@code bufferSize}, the last descriptor gets EOP|RS, TDT is
 * written after the descriptors; completion is DD in the EOP descriptor.
 */
public final class GuestTxRing {
  private GuestMemory mem;
  private final int queue;
  private final long ringBase;
  private final long bufferBase;
  private final int count;
  private final int bufferSize;
  private final int[] eopOf;
  private final byte[] copy = new byte[Frame.MAX_LENGTH];
  private Bar bar;
  private int ntc;
  private int ntu;
  private long sent;
  private long completed;
  private long busy;

  private final java.util.EnumSet<DriverDefect> defects =
      java.util.EnumSet.noneOf(DriverDefect.class);

  void inject(DriverDefect d) {
    defects.add(d);
  }

  /** Points the ring at the destination's copy of guest memory after a migration. */
  void rebindMemory(GuestMemory m) {
    this.mem = m;
  }

  GuestTxRing(
      GuestMemory mem,
      Bar bar,
      int queue,
      long ringBase,
      long bufferBase,
      int count,
      int bufferSize) {
    checkArgument(count >= 8 && count % 8 == 0, "ring size %s not a multiple of 8", count);
    this.mem = mem;
    this.bar = bar;
    this.queue = queue;
    this.ringBase = ringBase;
    this.bufferBase = bufferBase;
    this.count = count;
    this.bufferSize = bufferSize;
    this.eopOf = new int[count];
    Arrays.fill(eopOf, -1);
  }

  void rebind(Bar b) {
    this.bar = b;
  }

  /** TXDCTL=SWFLSH, base, length, no head write-back, heads 0, then enable with thresholds. */
  void configure() {
    bar.write(VfRegs.txdctl(queue), VfRegs.DCTL_SWFLSH);
    bar.write(VfRegs.tdbal(queue), (int) ringBase);
    bar.write(VfRegs.tdbah(queue), (int) (ringBase >>> 32));
    bar.write(VfRegs.tdlen(queue), count * RingRegs.DESC_SIZE);
    bar.write(VfRegs.tdwbah(queue), 0);
    bar.write(VfRegs.tdwbal(queue), 0);
    bar.write(VfRegs.tdh(queue), 0);
    bar.write(VfRegs.tdt(queue), 0);
    // ENABLE | WTHRESH=8 | HTHRESH=1 | PTHRESH=32
    bar.write(VfRegs.txdctl(queue), VfRegs.DCTL_ENABLE | (8 << 16) | (1 << 8) | 32);
    ntc = 0;
    ntu = 0;
    Arrays.fill(eopOf, -1);
  }

  /** Free slots, keeping one unused. */
  public int unused() {
    return (ntc > ntu ? 0 : count) + ntc - ntu - 1;
  }

  /** Frames queued to hardware. */
  public long sent() {
    return sent;
  }

  /** Frames whose completion (DD) the driver saw. */
  public long completed() {
    return completed;
  }

  /** Transmit attempts refused for lack of descriptors (NETDEV_TX_BUSY). */
  public long busy() {
    return busy;
  }

  /**
   * Queues a frame; false if the ring lacks {@code descriptors + 3} free slots. A frame shorter
   * than {@link TxEngine#MIN_PAYLEN} is first padded with zeros to it, as {@code
   * ixgbevf_xmit_frame} does.
   */
  public boolean transmit(Frame f) {
    if (f.length() < TxEngine.MIN_PAYLEN && !defects.contains(DriverDefect.NO_TX_PAD)) {
      f = padded(f); // ixgbevf_xmit_frame: skb_padto(skb, 17)
    }
    int n = (f.length() + bufferSize - 1) / bufferSize;
    if (unused() < n + 3) {
      busy++;
      return false;
    }
    f.copyTo(0, copy, 0, f.length());
    int first = ntu;
    int last = first;
    for (int i = 0; i < n; i++) {
      int off = i * bufferSize;
      int len = Math.min(bufferSize, f.length() - off);
      long buf = bufferBase + (long) ntu * bufferSize;
      mem.write(buf, copy, off, len);
      boolean eop = i == n - 1;
      long d = ringBase + (long) ntu * RingRegs.DESC_SIZE;
      mem.writeLong(d + AdvTxDesc.ADDR, buf);
      mem.writeInt(d + AdvTxDesc.CMD_TYPE_LEN, AdvTxDesc.dataCmd(len, eop, eop));
      mem.writeInt(
          d + AdvTxDesc.OLINFO_STATUS,
          (f.length() << AdvTxDesc.PAYLEN_SHIFT) | AdvTxDesc.OLINFO_CC);
      last = ntu;
      ntu = ntu + 1 == count ? 0 : ntu + 1;
    }
    eopOf[first] = last;
    sent++;
    bar.write(VfRegs.tdt(queue), ntu);
    return true;
  }

  private static Frame padded(Frame f) {
    byte[] b = new byte[TxEngine.MIN_PAYLEN];
    f.copyTo(0, b, 0, f.length());
    return Frame.of(b);
  }

  /** Reclaims completed frames (DD in the EOP descriptor); returns how many. */
  public int clean() {
    int n = 0;
    while (ntc != ntu) {
      int eop = eopOf[ntc];
      if (eop < 0) {
        break;
      }
      long d = ringBase + (long) eop * RingRegs.DESC_SIZE;
      if ((mem.readInt(d + AdvTxDesc.OLINFO_STATUS) & AdvTxDesc.STA_DD) == 0) {
        break;
      }
      eopOf[ntc] = -1;
      ntc = eop + 1 == count ? 0 : eop + 1;
      completed++;
      n++;
    }
    return n;
  }
}
