package org.vfiomc.conformance.replay.rxdma;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import org.vfiomc.checker.trace.TlaValue;
import org.vfiomc.conformance.emulator.VfConfig;
import org.vfiomc.conformance.emulator.packet.DropReason;
import org.vfiomc.conformance.emulator.packet.Frame;
import org.vfiomc.conformance.emulator.packet.PacketId;
import org.vfiomc.conformance.emulator.packet.TestFrames;
import org.vfiomc.conformance.emulator.regs.VfRegs;
import org.vfiomc.conformance.emulator.ring.AdvRxDesc;
import org.vfiomc.conformance.guest.Bar;
import org.vfiomc.conformance.guest.DirtyTracking;
import org.vfiomc.conformance.guest.DoneCheck;
import org.vfiomc.conformance.guest.GuestDriver;
import org.vfiomc.conformance.guest.RecordingStack;
import org.vfiomc.conformance.ledger.PacketLedger;
import org.vfiomc.conformance.ledger.Violation;
import org.vfiomc.conformance.replay.StepOutcome;
import org.vfiomc.conformance.replay.SystemUnderTest;
import org.vfiomc.conformance.scenario.RxStrategy.FinalCopy;
import org.vfiomc.conformance.scenario.RxStrategy.RingRestore;
import org.vfiomc.conformance.scenario.RxStrategy.StopMode;
import org.vfiomc.conformance.scenario.RxStrategy.Tracking;

/**
 * RxDma's world, real where it can be: two {@link RxHost}s (guest memory with an identity-mapped
 * IOMMU and an 82599 VF behind a VFIO migration device each), the host migration between them
 * ({@link RxMigration}: pages from the CPU and, with IOMMU tracking, device dirty logs; the device
 * state in the VFIO migration stream), ixgbevf at the spec's granularity ({@link RxDriver}) and the
 * wire, which this class drives: frames into the active VF, one emulator micro-step per spec step,
 * with a packet ledger. The real {@link GuestDriver} only brings the VF up (mailbox handshake).
 * Layout of the pages: {@link RxLayout}; projection: {@link RxProjection}.
 *
 * <p>Ghosts (what the spec calls ghosts, kept here too): per descriptor the frame written back into
 * it and whether the device wrote it back (the write-back's bytes 0-7, zeros from this VF, then
 * project to the spec's {@code WbAddr}, a zeroed descriptor's to {@code NoBuf}); they travel with
 * the ring page when it is copied. The wire counter and the accepted set are the binding's
 * bookkeeping of what it did to the emulator.
 *
 * <p>Ring size: an 82599 ring is a multiple of 8 descriptors (RDLEN counts 128-byte units,
 * IXGBE_REQ_RX_DESCRIPTOR_MULTIPLE = 8, RDLEN mask 0x000FFF80 of ixgbevf_reg_test), and the VF here
 * takes RDLEN as the datasheet says. A spec ring of {@code N} that is a multiple of 8 is the device
 * ring; a smaller one ({@code N} dividing 8: the CI models' 2 and 4) is laid onto a device ring of
 * 8: spec slot {@code s} is device slots {@code s, s + N, ...}, which the driver arms alike (same
 * buffer, same writes), and the driver keeps the device's window {@code [RDH, RDT)} exactly as long
 * as the spec's ({@link RxHost#devTail}), so the device takes the replica of the spec slot the
 * spec's device takes, with the spec's free slots; RDH and RDT project modulo {@code N} and a spec
 * slot projects from its replica the device wrote back last ({@code RxHost.rep}).
 *
 * <p>The hosts come from the binding's {@link RxHostPool}, started as freshly built ones, and go
 * back to it at {@link #close}; a closed system refuses every further call.
 */
final class RxDmaSystem implements SystemUnderTest<RxDmaAction> {
  private final RxLayout layout;
  private final RxHostPool pool;
  private final VfConfig vfConfig;
  private final RxHostPool.Pair hosts;
  private final RingRestore restore;
  private final Optional<String> note;
  private final PacketLedger ledger = new PacketLedger();
  private final RxValues values;
  private final RxProjection projection;
  private boolean closed;

  final RxHost src;
  final RxHost dst;
  RxHost active;
  final RxDriver driver;
  final RxMigration migration;

  // the wire and its ghosts
  int nextPkt = 1;
  int inflightPkt;
  private int inflightSlot;
  int qprdc;
  final TreeSet<Integer> accepted = new TreeSet<>();
  final TreeSet<Integer> discarded = new TreeSet<>();
  TlaValue lastAction = RxValues.rec(Map.of("tag", new TlaValue.Str("Init")));

  /**
   * A replay world with the ring standing at head {@code initHead} when migration starts ({@code
   * RxDma.tla}'s {@code InitHead}, {@code RingAt(initHead)}), on hosts leased from {@code pool}.
   */
  RxDmaSystem(
      RxHostPool pool,
      int n,
      int packets,
      int maxRounds,
      Tracking tracking,
      RingRestore restore,
      StopMode stopMode,
      FinalCopy finalCopy,
      int initHead,
      VfConfig vfConfig) {
    this.layout = new RxLayout(n);
    this.pool = pool;
    this.vfConfig = vfConfig;
    this.restore = restore;
    this.values = new RxValues(n, packets);
    this.projection = new RxProjection(layout, values);
    this.note = layout.d == n ? Optional.empty() : Optional.of(RxDmaBinding.mappedNote(n));
    this.hosts = pool.lease(layout, vfConfig, ledger);
    this.src = hosts.src();
    this.dst = hosts.dst();
    this.active = src;
    // bring the VF up with the real driver (reset handshake, API, MAC), far from our pages
    GuestDriver up =
        new GuestDriver(
            Bar.of(src.vf),
            src.mem,
            new GuestDriver.Config(
                8, 8, 2048, DirtyTracking.NONE, DoneCheck.LENGTH, RxLayout.DRIVER_BASE),
            new RecordingStack());
    if (up.bringUp() != GuestDriver.UpResult.UP) {
      throw new IllegalStateException("VF bring-up failed");
    }
    this.driver = new RxDriver(layout, tracking, values, ledger);
    driver.init(src, initHead);
    this.migration =
        new RxMigration(layout, src, dst, maxRounds, tracking.deviceLog(), stopMode, finalCopy);
  }

  private Frame frame(int p) {
    byte[] b =
        TestFrames.build(new PacketId(p), src.vf.pf().mac(), RxLayout.PEER_MAC, RxLayout.PKT_LEN, 1)
            .toByteArray();
    b[RxLayout.FIRST] = (byte) p;
    return Frame.of(b);
  }

  /** For a spec ring smaller than the device's, how it is laid onto the 8 device descriptors. */
  @Override
  public Optional<String> note() {
    return note;
  }

  /** Gives the hosts back to the pool; the system refuses every call after this. */
  @Override
  public void close() {
    if (!closed) {
      closed = true;
      pool.release(layout, vfConfig, hosts);
    }
  }

  private void open() {
    if (closed) {
      throw new IllegalStateException("RxDma replay system used after close()");
    }
  }

  // ---- actions ---------------------------------------------------------------------------

  @Override
  public StepOutcome apply(RxDmaAction a) {
    open();
    if (a instanceof RxDmaAction.RxBuffer b) {
      return rxBuffer(b.pkt());
    } else if (a instanceof RxDmaAction.RxWriteBack w) {
      return rxWriteBack(w.pkt());
    } else if (a instanceof RxDmaAction.RxDrop d) {
      return rxDrop(d.pkt());
    } else if (a instanceof RxDmaAction.CopyPage c) {
      String why = migration.copyPage(c.page());
      if (why != null) {
        return no(why);
      }
      lastAction =
          RxValues.rec(
              Map.of("tag", new TlaValue.Str("CopyPage"), "page", TlaValue.Int.of(c.page())));
      return StepOutcome.OK;
    } else if (a instanceof RxDmaAction.IommuMark m) {
      return no(
          "the emulated IOMMU sets page "
              + m.page()
              + "'s dirty bit with the write itself (DirtyLag = FALSE); it has no later marking"
              + " step");
    }
    return simple(((RxDmaAction.Simple) a).kind());
  }

  private static StepOutcome no(String why) {
    return new StepOutcome.NotPossible(why);
  }

  private StepOutcome rxBuffer(int p) {
    if (p != nextPkt || !migration.deviceRuns() || inflightPkt != 0) {
      return no(
          "the device cannot start frame "
              + p
              + " (next "
              + nextPkt
              + ", phase "
              + migration.phase
              + ")");
    }
    int slot = active.reg(VfRegs.rdh(0));
    long pba = active.mem.readLong(layout.desc(slot) + AdvRxDesc.PKT_ADDR);
    long before = active.drops();
    Frame f = frame(p);
    ledger.sent(new PacketId(p), f);
    active.vf.deliver(f);
    nextPkt++;
    active.vf.stepRx();
    if (active.drops() != before || !active.vf.rx().dataWritten()) {
      return new StepOutcome.Unexpected("the VF dropped frame " + p + " instead of writing it");
    }
    return tookFrame(p, slot, pba);
  }

  /**
   * The next frame on the wire reaches the VF, and the VF decides: it writes the frame into the
   * buffer of the descriptor at RDH ({@code RxBuffer}), or drops it and the PF counts it ({@code
   * RxDrop}: the queue is disabled or owns no descriptor, SRRCTL.DROP_EN; or the VF is stopped for
   * migration and the PF no longer forwards to it). For the emulator-driven recording ({@link
   * RxDmaRun}), where no spec step names the outcome in advance. Not possible while a frame is in
   * flight (the VF's packet buffer holds the next one, {@code MaxInflight = 1}).
   */
  StepOutcome arrival() {
    open();
    int p = nextPkt;
    if (inflightPkt != 0) {
      return no(
          "frame " + inflightPkt + " is in flight: frame " + p + " waits in the packet buffer");
    }
    if (!migration.deviceRuns()) {
      return rxDrop(p);
    }
    int slot = active.reg(VfRegs.rdh(0));
    long pba = active.mem.readLong(layout.desc(slot) + AdvRxDesc.PKT_ADDR);
    long before = active.drops();
    Frame f = frame(p);
    ledger.sent(new PacketId(p), f);
    active.vf.deliver(f);
    nextPkt++;
    active.vf.stepRx();
    if (active.vf.rx().dataWritten()) {
      return tookFrame(p, slot, pba);
    }
    if (active.drops() != before + 1) {
      return new StepOutcome.Unexpected("the VF neither wrote nor dropped frame " + p);
    }
    qprdc++;
    lastAction = RxValues.rec(Map.of("tag", new TlaValue.Str("RxDrop"), "pkt", TlaValue.Int.of(p)));
    return StepOutcome.OK;
  }

  private StepOutcome tookFrame(int p, int slot, long pba) {
    inflightPkt = p;
    inflightSlot = slot;
    int inflightAddr = layout.bufIndex(pba, active.ghostWb[slot]);
    lastAction =
        RxValues.rec(
            Map.of(
                "tag",
                new TlaValue.Str("RxBuffer"),
                "pkt",
                TlaValue.Int.of(p),
                "slot",
                TlaValue.Int.of(slot % layout.n),
                "buf",
                TlaValue.Int.of(inflightAddr)));
    return StepOutcome.OK;
  }

  private StepOutcome rxWriteBack(int p) {
    if (p != inflightPkt || p == 0 || !migration.deviceRuns()) {
      return no("frame " + p + " is not in flight");
    }
    active.vf.stepRx();
    int slot = inflightSlot;
    if (active.vf.rx().dataWritten() || active.reg(VfRegs.rdh(0)) != (slot + 1) % layout.d) {
      return new StepOutcome.Unexpected("the VF did not write back the descriptor of frame " + p);
    }
    active.ghostWb[slot] = true;
    active.ghostPkt[slot] = p;
    active.rep[slot % layout.n] = slot;
    accepted.add(p);
    inflightPkt = 0;
    lastAction =
        RxValues.rec(
            Map.of(
                "tag",
                new TlaValue.Str("RxWriteBack"),
                "pkt",
                TlaValue.Int.of(p),
                "slot",
                TlaValue.Int.of(slot % layout.n)));
    return StepOutcome.OK;
  }

  private StepOutcome rxDrop(int p) {
    if (p != nextPkt || inflightPkt != 0) {
      return no("frame " + p + " is not next on the wire");
    }
    nextPkt++;
    Frame f = frame(p);
    ledger.sent(new PacketId(p), f);
    if (!migration.deviceRuns()) {
      // the VF is in STOP: the host's PF stops forwarding to it, counted there
      ledger.dropped(f, DropReason.QUEUE_DISABLED, "PF: VF stopped for migration");
      qprdc++;
    } else {
      long before = active.drops();
      active.vf.deliver(f);
      active.vf.stepRx();
      if (active.drops() != before + 1) {
        return new StepOutcome.Unexpected("the VF took frame " + p + " instead of dropping it");
      }
      qprdc++;
    }
    lastAction = RxValues.rec(Map.of("tag", new TlaValue.Str("RxDrop"), "pkt", TlaValue.Int.of(p)));
    return StepOutcome.OK;
  }

  private StepOutcome simple(RxDmaAction.Kind k) {
    Map<String, TlaValue> act = new LinkedHashMap<>();
    act.put("tag", new TlaValue.Str(k.tag()));
    String why = null;
    switch (k) {
      case RXDUMMYREAD -> why = guest(() -> driver.dummyRead(active, act));
      case RXDUMMYWRITE -> why = guest(() -> driver.dummyWrite(active, act));
      case RXCHECK -> why = guest(() -> driver.check(active, act));
      case RXDELIVER -> why = guest(() -> driver.deliver(act));
      case RXREFILL -> why = guest(() -> driver.refill(active, act));
      case STACKREAD -> why = guest(() -> driver.stackRead(active, active == dst, act));
      case RXREINIT -> why = guest(() -> driver.reinit(active));
      case RXCHECKSTATUS ->
          why =
              "the emulated ixgbevf reads a descriptor in one step (DescRead = ATOMIC); it has no"
                  + " separate status read";
      case RXTAILWRITE ->
          why =
              "the emulated ixgbevf writes RDT with every re-arm (RefillBatch = FALSE); it has no"
                  + " separate tail write";
      case SYNCDIRTY -> why = migration.syncDirty(act);
      case QUIESCERX -> why = migration.quiesce(inflightPkt != 0);
      case PAUSEVCPUS -> why = migration.pauseVcpus(driver.drained(active));
      case STOPDEVICE -> {
        StepOutcome o = migration.stopDevice(inflightPkt != 0);
        if (o != StepOutcome.OK) {
          return o;
        }
      }
      case STOPCOPY -> {
        StepOutcome o = migration.stopCopy();
        if (o != StepOutcome.OK) {
          return o;
        }
      }
      case RESUME -> {
        int h = src.reg(VfRegs.rdh(0));
        StepOutcome o = migration.resumeDestination();
        if (o != StepOutcome.OK) {
          return o;
        }
        active = dst;
        driver.restore(dst, restore, h, accepted, discarded);
        act.put("restore", new TlaValue.Str(restore.name()));
        act.put("savedHead", TlaValue.Int.of(h % layout.n));
      }
    }
    if (why != null) {
      return no(why);
    }
    lastAction = RxValues.rec(act);
    return StepOutcome.OK;
  }

  /** A driver action: possible only while the guest's vCPUs run. */
  private String guest(java.util.function.Supplier<String> action) {
    return migration.vcpusRun() ? action.get() : "the guest's vCPUs are paused";
  }

  // ---- projection ------------------------------------------------------------------------

  @Override
  public List<String> variables() {
    return RxDmaBinding.VARIABLES;
  }

  @Override
  public void project(TlaValue[] out) {
    open();
    projection.project(out, this);
  }

  /**
   * RingOwnership read from the implementation: the first descriptor in the VF's {@code [RDH, RDT)}
   * that is not in armed read format (bytes 0-7 a posted buffer's address, bytes 8-15 zero).
   */
  private Optional<String> ownershipBreach() {
    int h = active.reg(VfRegs.rdh(0));
    int t = active.reg(VfRegs.rdt(0));
    for (int s = h; s != t; s = (s + 1) % layout.d) {
      long lower = active.mem.readLong(layout.desc(s) + AdvRxDesc.PKT_ADDR);
      long upper = active.mem.readLong(layout.desc(s) + AdvRxDesc.STATUS_ERROR);
      if (layout.bufIndex(lower, false) >= layout.n || upper != 0) {
        return Optional.of(
            String.format(
                "the %s VF owns slot %d (RDH %d, RDT %d), which holds bytes 0-7 %#x, length %d,"
                    + " status %#x: not a descriptor the driver armed",
                active.name, s, h, t, lower, upper >>> 32 & 0xFFFF, upper & 0xFFFFFFFFL));
      }
    }
    return Optional.empty();
  }

  /** The packet ledger's final check of the frames so far, as they stand (no run to quiescence). */
  List<Violation> ledgerCheck() {
    open();
    return ledger.finalCheck();
  }

  /**
   * Evidence from the packet ledger: the system first runs to quiescence (the device finishes a
   * frame in flight, the driver cleans every done descriptor and the stack reads every skb; no new
   * frames), then every frame sent must have been delivered once, intact, or dropped and counted.
   */
  @Override
  public Optional<String> violationEvidence(String property) {
    open();
    if (property.equals("RingOwnership")) {
      return ownershipBreach().map(w -> property + ": " + w);
    }
    if (inflightPkt != 0 && migration.deviceRuns()) {
      rxWriteBack(inflightPkt);
    }
    for (int guard = 0; guard < 10 * layout.n && migration.vcpusRun(); guard++) {
      boolean progress = false;
      if (driver.stage.equals("RMW")) {
        progress |= simple(RxDmaAction.Kind.RXDUMMYWRITE) == StepOutcome.OK;
      }
      if (driver.stage.equals("DUMMIED") || driver.stage.equals("IDLE")) {
        progress |= simple(RxDmaAction.Kind.RXCHECK) == StepOutcome.OK;
      }
      if (driver.stage.equals("CHECKED")) {
        progress |= simple(RxDmaAction.Kind.RXDELIVER) == StepOutcome.OK;
      }
      while (!driver.skbQueue.isEmpty()) {
        progress |= simple(RxDmaAction.Kind.STACKREAD) == StepOutcome.OK;
      }
      if (!progress) {
        break;
      }
    }
    List<Violation> v = ledger.finalCheck();
    return v.isEmpty() ? Optional.empty() : Optional.of(property + ": ledger " + v);
  }
}
