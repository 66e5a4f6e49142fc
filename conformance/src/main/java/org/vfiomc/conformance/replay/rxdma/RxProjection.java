package org.vfiomc.conformance.replay.rxdma;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.function.LongPredicate;
import org.vfiomc.checker.trace.TlaValue;
import org.vfiomc.conformance.emulator.regs.VfRegs;
import org.vfiomc.conformance.emulator.ring.AdvRxDesc;

/**
 * The projection of an RxDma replay onto every variable of {@code RxDma.tla}, read from guest
 * memory, registers, dirty logs, the ghosts the spec also keeps and the driver's and host's state.
 * Values are cached and rebuilt only when the bytes or ghosts they come from change ({@link
 * HostCache}, {@link RxValues.IntSet}), so a cached value always equals a fresh projection.
 */
final class RxProjection {
  private final RxLayout layout;
  private final RxValues values;
  private final HostCache srcCache;
  private final HostCache dstCache;
  private final TlaValue zeroRing;
  private final TlaValue zeroBufs;
  private final RxValues.IntSet acceptedSet;
  private final RxValues.IntSet discardedSet;
  private final RxValues.IntSet cpuDirtySet;
  private final RxValues.IntSet devDirtySet;
  private final RxValues.IntSet toSendSet;
  private final int[] lastBufInfo;
  private TlaValue bufInfoValue;

  RxProjection(RxLayout layout, RxValues values) {
    this.layout = layout;
    this.values = values;
    this.srcCache = new HostCache();
    this.dstCache = new HostCache();
    int n = layout.n;
    TlaValue[] zeros = new TlaValue[n];
    // ZeroDesc: NoBuf = N + 1, length 0, no status, no frame
    Arrays.fill(zeros, values.descValue(n + 1, 0, 0));
    this.zeroRing = values.fun(zeros);
    Arrays.fill(zeros, new TlaValue.Seq(List.of(values.num(0), values.num(0))));
    this.zeroBufs = values.fun(zeros);
    this.acceptedSet = values.new IntSet();
    this.discardedSet = values.new IntSet();
    this.cpuDirtySet = values.new IntSet();
    this.devDirtySet = values.new IntSet();
    this.toSendSet = values.new IntSet();
    this.lastBufInfo = new int[n];
  }

  /**
   * Projection caches of one host's ring and buffer pages. A value is rebuilt exactly when the
   * bytes (and ghosts) it is computed from differ from those it was last built from; most steps
   * change one descriptor or buffer or none.
   */
  private final class HostCache {
    final long[] lower = new long[layout.n];
    final long[] upper = new long[layout.n];
    final int[] pkt = new int[layout.n];
    final boolean[] wb = new boolean[layout.n];
    final TlaValue[] descs = new TlaValue[layout.n];
    TlaValue ring;
    final byte[][] bytes = new byte[layout.n][RxLayout.PKT_LEN];
    final TlaValue[] bufs = new TlaValue[layout.n];
    TlaValue bufFun;
    final byte[] scratch = new byte[RxLayout.PKT_LEN];

    TlaValue ring(RxHost side) {
      boolean changed = ring == null;
      for (int s = 0; s < layout.n; s++) {
        int r = side.rep[s];
        long lo = side.mem.readLong(layout.desc(r) + AdvRxDesc.PKT_ADDR);
        long up = side.mem.readLong(layout.desc(r) + AdvRxDesc.STATUS_ERROR);
        int p = side.ghostPkt[r];
        boolean w = side.ghostWb[r];
        if (descs[s] == null || lo != lower[s] || up != upper[s] || p != pkt[s] || w != wb[s]) {
          lower[s] = lo;
          upper[s] = up;
          pkt[s] = p;
          wb[s] = w;
          descs[s] = values.descValue(layout.bufIndex(lo, w), up, p);
          changed = true;
        }
      }
      if (changed) {
        ring = values.fun(descs);
      }
      return ring;
    }

    TlaValue bufs(RxHost side) {
      boolean changed = bufFun == null;
      for (int b = 0; b < layout.n; b++) {
        side.mem.read(RxLayout.bufAddr(b), scratch, 0, RxLayout.PKT_LEN);
        if (bufs[b] == null || !Arrays.equals(scratch, bytes[b])) {
          System.arraycopy(scratch, 0, bytes[b], 0, RxLayout.PKT_LEN);
          bufs[b] = values.decode(bytes[b]);
          changed = true;
        }
      }
      if (changed) {
        bufFun = values.fun(bufs);
      }
      return bufFun;
    }
  }

  private TlaValue pages(RxValues.IntSet set, LongPredicate dirty, boolean on) {
    set.clear();
    for (int p = 0; on && p <= layout.n; p++) {
      if (dirty.test(layout.pageAddr(p))) {
        set.add(p);
      }
    }
    return set.value();
  }

  private static TlaValue ints(RxValues.IntSet set, Collection<Integer> xs) {
    set.clear();
    for (int x : xs) {
      set.add(x);
    }
    return set.value();
  }

  /** Fills {@code out} in {@link RxDmaBinding#VARIABLES} order. */
  void project(TlaValue[] out, RxDmaSystem sys) {
    int n = layout.n;
    RxHost src = sys.src;
    RxHost dst = sys.dst;
    RxHost active = sys.active;
    RxDriver drv = sys.driver;
    RxMigration mig = sys.migration;
    boolean dest = mig.phase.equals("DEST");
    HostCache activeCache = active == src ? srcCache : dstCache;
    int i = 0;
    out[i++] = activeCache.ring(active);
    out[i++] = activeCache.bufs(active);
    out[i++] = values.num(active.reg(VfRegs.rdh(0)) % n);
    out[i++] = values.num(active.reg(VfRegs.rdt(0)) % n);
    out[i++] = new TlaValue.Bool((active.reg(VfRegs.rxdctl(0)) & VfRegs.DCTL_ENABLE) != 0);
    out[i++] =
        active.vf.rx().dataWritten() && sys.inflightPkt != 0
            ? new TlaValue.Seq(List.of(values.num(sys.inflightPkt)))
            : RxValues.EMPTY_SEQ;
    out[i++] = values.num(sys.qprdc);
    out[i++] = values.num(drv.ntc);
    out[i++] = values.num(drv.ntu);
    if (bufInfoValue == null || !Arrays.equals(drv.bufInfo, lastBufInfo)) {
      System.arraycopy(drv.bufInfo, 0, lastBufInfo, 0, n);
      TlaValue[] bi = new TlaValue[n];
      for (int s = 0; s < n; s++) {
        bi[s] = values.num(drv.bufInfo[s]);
      }
      bufInfoValue = values.fun(bi);
    }
    out[i++] = bufInfoValue;
    out[i++] = new TlaValue.Str(drv.stage);
    out[i++] = values.num(drv.rmw);
    out[i++] = values.num(drv.curPkt);
    out[i++] = new TlaValue.Str(drv.drvMode);
    // partial (rx_ring->skb): every replayed frame fits one buffer (FrameDescs = 1), so the
    // driver never parks a first part
    out[i++] = RxValues.EMPTY_SEQ;
    List<TlaValue> skbs = new ArrayList<>();
    for (int[] x : drv.skbQueue) {
      // one-descriptor frames: the rest of the frame is in the same buffer (buf2 = buf)
      TlaValue b = values.num(x[0]);
      skbs.add(RxValues.rec(Map.of("buf", b, "buf2", b, "pkt", values.num(x[1]))));
    }
    out[i++] = new TlaValue.Seq(skbs);
    out[i++] = new TlaValue.Seq(drv.delivered);
    out[i++] = values.num(sys.nextPkt);
    out[i++] = ints(acceptedSet, sys.accepted);
    out[i++] = ints(discardedSet, sys.discarded);
    out[i++] = new TlaValue.Str(mig.phase);
    out[i++] = values.num(mig.round);
    boolean logging = src.mem.cpuDirtyLog().isActive();
    out[i++] = pages(cpuDirtySet, src.mem.cpuDirtyLog()::isDirty, logging);
    out[i++] =
        pages(devDirtySet, src.dma.deviceDirtyLog()::isDirty, src.dma.deviceDirtyLog().isActive());
    // devLag: the emulated IOMMU sets the dirty bit with the write (DirtyLag = FALSE, the
    // only value the binding takes), so no write is ever waiting for its dirty bit
    out[i++] = RxValues.EMPTY_SET;
    out[i++] = ints(toSendSet, mig.toSend);
    out[i++] = dest ? zeroRing : dstCache.ring(dst);
    out[i++] = dest ? zeroBufs : dstCache.bufs(dst);
    out[i++] = sys.lastAction;
  }
}
