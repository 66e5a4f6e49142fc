package org.vfiomc.conformance.replay.rxdma;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import org.vfiomc.checker.trace.TlaValue;
import org.vfiomc.conformance.emulator.Vf82599;
import org.vfiomc.conformance.emulator.VfConfig;
import org.vfiomc.conformance.emulator.VfListener;
import org.vfiomc.conformance.emulator.dma.DmaPort;
import org.vfiomc.conformance.emulator.dma.GuestMemory;
import org.vfiomc.conformance.emulator.dma.Iommu;
import org.vfiomc.conformance.emulator.dma.Pages;
import org.vfiomc.conformance.emulator.packet.DropReason;
import org.vfiomc.conformance.emulator.packet.Frame;
import org.vfiomc.conformance.emulator.packet.PacketId;
import org.vfiomc.conformance.emulator.packet.TestFrames;
import org.vfiomc.conformance.emulator.regs.VfRegs;
import org.vfiomc.conformance.emulator.ring.AdvRxDesc;
import org.vfiomc.conformance.guest.Bar;
import org.vfiomc.conformance.guest.DirtyTracking;
import org.vfiomc.conformance.guest.GuestDriver;
import org.vfiomc.conformance.guest.RecordingStack;
import org.vfiomc.conformance.ledger.PacketLedger;
import org.vfiomc.conformance.ledger.Violation;
import org.vfiomc.conformance.replay.StepOutcome;
import org.vfiomc.conformance.replay.SystemUnderTest;
import org.vfiomc.conformance.scenario.VfGuestMemoryMigration;
import org.vfiomc.conformance.vfio.DataFd;
import org.vfiomc.conformance.vfio.MigrationFeatures;
import org.vfiomc.conformance.vfio.MigrationState;
import org.vfiomc.conformance.vfio.ReadResult;
import org.vfiomc.conformance.vfio.SetResult;
import org.vfiomc.conformance.vfio.VfioMigrationDevice;

/**
 * RxDma's world, real where it can be: per host a {@link GuestMemory} with an identity-mapped IOMMU
 * and a {@link Vf82599} behind a {@link VfioMigrationDevice}; pages migrated by {@link
 * VfGuestMemoryMigration} from the CPU and (IOMMU tracking) device dirty logs; the device state
 * carried in the VFIO migration stream. The driver is ixgbevf at the spec's granularity (one check,
 * deliver, refill, dummy read or write per step) working on guest memory and BAR0; the real {@link
 * GuestDriver} only brings the VF up (mailbox handshake).
 *
 * <p>Layout: buffer {@code b} is the page at {@code BUF0 + b * 4096} (spec page {@code b}), the
 * ring the page after the last buffer (spec page {@code N}). Frame {@code p} is a 64-byte test
 * frame with id {@code p} and byte {@link #FIRST} = {@code p}: a buffer projects to {@code <<byte
 * FIRST, id>>} ({@code <<0, 0>>} if it holds no test frame). The dummy write touches byte {@link
 * #FIRST}.
 *
 * <p>Ghosts (what the spec calls ghosts, kept here too): per descriptor the frame written back into
 * it and whether the device wrote it back (the write-back's bytes 0-7, zeros from this VF, then
 * project to the spec's {@code WbAddr}, a zeroed descriptor's to {@code NoBuf}); they travel with
 * the ring page when it is copied. The wire counter, the accepted set and the host's round and
 * to-send set are the binding's bookkeeping of what it did to the emulator.
 *
 * <p>Ring size: an 82599 ring is a multiple of 8 descriptors (RDLEN counts 128-byte units,
 * IXGBE_REQ_RX_DESCRIPTOR_MULTIPLE = 8, RDLEN mask 0x000FFF80 of ixgbevf_reg_test), and the VF here
 * takes RDLEN as the datasheet says. A spec ring of {@code N} that is a multiple of 8 is the device
 * ring; a smaller one ({@code N} dividing 8: the CI models' 2 and 4) is laid onto a device ring of
 * 8: spec slot {@code s} is device slots {@code s, s + N, ...}, which the driver arms alike (same
 * buffer, same writes), and the driver keeps the device's window {@code [RDH, RDT)} exactly as long
 * as the spec's ({@link #devTail}), so the device takes the replica of the spec slot the spec's
 * device takes, with the spec's free slots; RDH and RDT project modulo {@code N} and a spec slot
 * projects from its replica the device wrote back last ({@code Side.rep}). Ring page, buffers, DMA
 * order and dirty logging are those of the 8-descriptor ring.
 *
 * <p>Speed: projected values are cached and rebuilt only when the bytes or ghosts they come from
 * change (see {@code Projected}, {@code IntSet}), so a cached value always equals a fresh one.
 */
final class RxDmaSystem implements SystemUnderTest<RxDmaAction> {
  /** Byte of a frame that the dummy write reads and writes back. */
  static final int FIRST = 22;

  static final int PKT_LEN = 64;

  /**
   * First buffer page: 64 KiB, so guest address 0 (a written-back descriptor's) is no page of ours.
   */
  static final long BUF0 = 64L << 10;

  /** Where the bring-up driver keeps its own rings and buffers (40 KiB), past N = 64's pages. */
  static final long DRIVER_BASE = 512L << 10;

  /** Guest RAM, identity-mapped by the IOMMU: 1 MiB (256 pages to map per host and trace). */
  static final long RAM = 1L << 20;

  static final long PEER_MAC = 0x02AABBCCDDEEL;

  private final int n;

  /** Device ring size: N if it is a multiple of 8, else 8 (N divides 8, see the class comment). */
  private final int d;

  private final int maxRounds;
  private final String tracking;
  private final String restore;
  private final String stopMode;
  private final boolean orderedFinalCopy;
  private final Side src;
  private final Side dst;
  private final VfGuestMemoryMigration memory;
  private final Optional<String> note;
  private final TlaValue zeroRing;
  private final TlaValue zeroBufs;
  private final PacketLedger ledger = new PacketLedger();
  private Side active;
  private DataFd srcFd;
  private DataFd dstFd;

  // driver (guest state, carried exactly by migration)
  private int ntc;
  private int ntu;
  private final int[] bufInfo;
  private String stage = "IDLE";
  private int rmw = -1;
  private int curPkt;
  private String drvMode = "UP";
  private final List<int[]> skbQueue = new ArrayList<>(); // {buf, pkt}
  private final List<TlaValue> delivered = new ArrayList<>();

  // wire, ghosts and host bookkeeping
  private int nextPkt = 1;
  private int inflightPkt;
  private int inflightSlot;
  private int inflightAddr;
  private int qprdc;
  private final TreeSet<Integer> accepted = new TreeSet<>();
  private final TreeSet<Integer> discarded = new TreeSet<>();
  private String phase = "PRECOPY";
  private int round = 1;
  private final TreeSet<Integer> toSend = new TreeSet<>();
  private TlaValue lastAction = rec(Map.of("tag", new TlaValue.Str("Init")));

  /** One host: memory, DMA, VF, migration device, descriptor ghosts. */
  private final class Side {
    final GuestMemory mem = new GuestMemory(RAM);
    final DmaPort dma;
    final Vf82599 vf;
    final VfioMigrationDevice dev;
    final int[] ghostPkt = new int[d];
    final boolean[] ghostWb = new boolean[d];

    /** Per spec slot, the device slot (one of its replicas) it projects from. */
    final int[] rep = new int[n];

    final Projected projected = new Projected();

    Side(String name, VfConfig cfg) {
      for (int s = 0; s < n; s++) {
        rep[s] = s;
      }
      Iommu iommu = new Iommu();
      iommu.mapIdentity(RAM);
      dma = new DmaPort(mem, iommu);
      vf =
          new Vf82599(
              dma,
              cfg,
              new VfListener() {
                @Override
                public void rxDropped(Frame frame, DropReason reason) {
                  ledger.dropped(frame, reason, name + " VF");
                }
              });
      dev = new VfioMigrationDevice(name, vf, MigrationFeatures.of(false, false));
    }

    int reg(int offset) {
      return vf.registers().get(offset);
    }
  }

  RxDmaSystem(
      int n,
      int packets,
      int maxRounds,
      String tracking,
      String restore,
      String stopMode,
      String finalCopy,
      VfConfig vfConfig) {
    this(n, packets, maxRounds, tracking, restore, stopMode, finalCopy, 0, vfConfig);
  }

  /**
   * As above, with the ring standing at head {@code initHead} when migration starts ({@code
   * RxDma.tla}'s {@code InitHead}, {@code RingAt(initHead)}): every slot armed with its own buffer
   * but the one before the head, RDH = next_to_clean = initHead, RDT = next_to_use = initHead - 1.
   * The VF takes the RDH write while the queue is disabled, as ixgbevf's own {@code RDH = 0} in
   * {@code ixgbevf_configure_rx_ring}.
   */
  RxDmaSystem(
      int n,
      int packets,
      int maxRounds,
      String tracking,
      String restore,
      String stopMode,
      String finalCopy,
      int initHead,
      VfConfig vfConfig) {
    this.n = n;
    this.d = RxDmaBinding.deviceRing(n);
    this.maxRounds = maxRounds;
    this.tracking = tracking;
    this.restore = restore;
    this.stopMode = stopMode;
    this.orderedFinalCopy = finalCopy.equals("ORDERED");
    this.bufInfo = new int[n];
    this.lastBufInfo = new int[n];
    this.smallInts = new TlaValue[Math.max(n + 2, packets + 1) + PKT_LEN + 2];
    for (int v = -1; v < smallInts.length - 1; v++) {
      smallInts[v + 1] = TlaValue.Int.of(v);
    }
    TlaValue[] zeros = new TlaValue[n];
    java.util.Arrays.fill(
        zeros, descValue(n + 1, 0, 0)); // ZeroDesc: NoBuf = N + 1, length 0, no status, no frame
    this.zeroRing = fun(zeros);
    java.util.Arrays.fill(zeros, new TlaValue.Seq(List.of(num(0), num(0))));
    this.zeroBufs = fun(zeros);
    this.note = d == n ? Optional.empty() : Optional.of(RxDmaBinding.mappedNote(n));
    this.src = new Side("source", vfConfig);
    this.dst = new Side("destination", vfConfig);
    this.active = src;
    // bring the VF up with the real driver (reset handshake, API, MAC), far from our pages
    GuestDriver up =
        new GuestDriver(
            Bar.of(src.vf),
            src.mem,
            new GuestDriver.Config(
                8,
                8,
                2048,
                DirtyTracking.NONE,
                org.vfiomc.conformance.guest.DoneCheck.LENGTH,
                DRIVER_BASE),
            new RecordingStack());
    if (up.bringUp() != GuestDriver.UpResult.UP) {
      throw new IllegalStateException("VF bring-up failed");
    }
    // Init: every slot but the one before the head armed with its buffer, RDH = initHead (0 but
    // in the *Ring8 models), RDT = RDH - 1, queue enabled
    int empty = (initHead + n - 1) % n;
    for (int s = 0; s < n; s++) {
      bufInfo[s] = s;
      if (s != empty) {
        arm(src, s, s);
      } else {
        unarm(src, s);
      }
    }
    ntc = initHead;
    ntu = empty;
    mmio(VfRegs.rxdctl(0), 0);
    mmio(VfRegs.rdbal(0), (int) ring());
    mmio(VfRegs.rdbah(0), 0);
    mmio(VfRegs.rdlen(0), d * 16);
    mmio(VfRegs.rdh(0), initHead);
    mmio(VfRegs.rdt(0), initHead);
    mmio(VfRegs.srrctl(0), 2 | (1 << VfRegs.SRRCTL_DESCTYPE_SHIFT) | VfRegs.SRRCTL_DROP_EN);
    mmio(VfRegs.rxdctl(0), VfRegs.DCTL_ENABLE);
    mmio(VfRegs.rdt(0), devTail(empty));
    // migration starts: destination waits in RESUMING, dirty logging on, round 1 sends everything
    dstFd = dst.dev.set(MigrationState.RESUMING).dataFd().orElseThrow();
    memory = new VfGuestMemoryMigration(src.mem, src.dma, dst.mem, tracking.equals("IOMMU"));
    memory.startDirtyTracking();
    for (int p = 0; p <= n; p++) {
      toSend.add(p);
    }
  }

  /**
   * The spec's {@code addr} of a descriptor whose bytes 0-7 hold {@code lower}: buffer {@code b}
   * for a buffer page address; for anything else {@code WbAddr} (N + 2) if the device wrote the
   * descriptor back (bytes 0-7 are then pkt_info/hdr_info/RSS, which this VF writes as zeros), else
   * {@code NoBuf} (N + 1, a zeroed descriptor).
   */
  private int bufIndex(long lower, boolean writtenBack) {
    long off = lower - BUF0;
    if (off >= 0 && off % Pages.PAGE_SIZE == 0 && off / Pages.PAGE_SIZE < n) {
      return (int) (off / Pages.PAGE_SIZE);
    }
    return writtenBack ? n + 2 : n + 1;
  }

  private long ring() {
    return BUF0 + (long) n * Pages.PAGE_SIZE;
  }

  private long desc(int s) {
    return ring() + 16L * s;
  }

  private static long bufAddr(int b) {
    return BUF0 + (long) b * Pages.PAGE_SIZE;
  }

  private long pageAddr(int page) {
    return BUF0 + (long) page * Pages.PAGE_SIZE;
  }

  private void mmio(int offset, int value) {
    active.vf.mmioWrite(offset, value);
  }

  /** Arms spec slot {@code s} with buffer {@code b}: every replica of it on the device ring. */
  private void arm(Side side, int s, int b) {
    for (int r = s; r < d; r += n) {
      side.mem.writeLong(desc(r) + AdvRxDesc.PKT_ADDR, bufAddr(b));
      side.mem.writeLong(desc(r) + AdvRxDesc.HDR_ADDR, 0);
      side.ghostWb[r] = false;
      side.ghostPkt[r] = 0;
    }
  }

  /** Zeroes the buffer address of spec slot {@code s} (every replica): a slot left unarmed. */
  private void unarm(Side side, int s) {
    for (int r = s; r < d; r += n) {
      side.mem.writeLong(desc(r) + AdvRxDesc.PKT_ADDR, 0);
      side.mem.writeLong(desc(r) + AdvRxDesc.HDR_ADDR, 0);
      side.ghostWb[r] = false;
      side.ghostPkt[r] = 0;
    }
  }

  /**
   * The device RDT for the spec's tail {@code t}: as many descriptors past the device's RDH as the
   * spec's window {@code [RDH, t)} holds (the device's RDH and the spec's agree modulo N).
   */
  private int devTail(int t) {
    int h = active.reg(VfRegs.rdh(0));
    return (h + Math.floorMod(t - h, n)) % d;
  }

  private Frame frame(int p) {
    byte[] b =
        TestFrames.build(new PacketId(p), src.vf.pf().mac(), PEER_MAC, PKT_LEN, 1).toByteArray();
    b[FIRST] = (byte) p;
    return Frame.of(b);
  }

  private boolean vcpusRun() {
    return phase.equals("PRECOPY") || phase.equals("QUIESCED") || phase.equals("DEST");
  }

  private boolean deviceRuns() {
    return !phase.equals("STOPPED") && !phase.equals("COPIED");
  }

  /** Whether spec slot {@code s} holds a written-back descriptor (its projected replica). */
  private boolean done(Side side, int s) {
    return side.mem.readShort(desc(side.rep[s]) + AdvRxDesc.LENGTH) != 0;
  }

  private long drops(Vf82599 vf) {
    long d = 0;
    for (DropReason r : DropReason.values()) {
      d += vf.rx().drops(r);
    }
    return d;
  }

  /** For a spec ring smaller than the device's, how it is laid onto the 8 device descriptors. */
  @Override
  public Optional<String> note() {
    return note;
  }

  // ---- actions ---------------------------------------------------------------------------

  private static final TlaValue EMPTY_SEQ = new TlaValue.Seq(List.of());
  private static final TlaValue EMPTY_SET = new TlaValue.SetValue(List.of());

  @Override
  public StepOutcome apply(RxDmaAction a) {
    if (a instanceof RxDmaAction.RxBuffer b) {
      return rxBuffer(b.pkt());
    } else if (a instanceof RxDmaAction.RxWriteBack w) {
      return rxWriteBack(w.pkt());
    } else if (a instanceof RxDmaAction.RxDrop d) {
      return rxDrop(d.pkt());
    } else if (a instanceof RxDmaAction.CopyPage c) {
      return copyPage(c.page());
    } else if (a instanceof RxDmaAction.IommuMark m) {
      return no(
          "the emulated IOMMU sets page "
              + m.page()
              + "'s dirty bit with the write itself (DirtyLag = FALSE); it has no later marking"
              + " step");
    }
    return simple(((RxDmaAction.Simple) a).kind());
  }

  private StepOutcome no(String why) {
    return new StepOutcome.NotPossible(why);
  }

  private StepOutcome rxBuffer(int p) {
    if (p != nextPkt || !deviceRuns() || inflightPkt != 0) {
      return no(
          "the device cannot start frame " + p + " (next " + nextPkt + ", phase " + phase + ")");
    }
    int slot = active.reg(VfRegs.rdh(0));
    long pba = active.mem.readLong(desc(slot) + AdvRxDesc.PKT_ADDR);
    long before = drops(active.vf);
    Frame f = frame(p);
    ledger.sent(new PacketId(p), f);
    active.vf.deliver(f);
    nextPkt++;
    active.vf.stepRx();
    if (drops(active.vf) != before || !active.vf.rx().dataWritten()) {
      return new StepOutcome.Unexpected("the VF dropped frame " + p + " instead of writing it");
    }
    inflightPkt = p;
    inflightSlot = slot;
    inflightAddr = bufIndex(pba, active.ghostWb[slot]);
    lastAction =
        rec(
            Map.of(
                "tag",
                new TlaValue.Str("RxBuffer"),
                "pkt",
                TlaValue.Int.of(p),
                "slot",
                TlaValue.Int.of(slot % n),
                "buf",
                TlaValue.Int.of(inflightAddr)));
    return StepOutcome.OK;
  }

  private StepOutcome rxWriteBack(int p) {
    if (p != inflightPkt || p == 0 || !deviceRuns()) {
      return no("frame " + p + " is not in flight");
    }
    active.vf.stepRx();
    int slot = inflightSlot;
    if (active.vf.rx().dataWritten() || active.reg(VfRegs.rdh(0)) != (slot + 1) % d) {
      return new StepOutcome.Unexpected("the VF did not write back the descriptor of frame " + p);
    }
    active.ghostWb[slot] = true;
    active.ghostPkt[slot] = p;
    active.rep[slot % n] = slot;
    accepted.add(p);
    inflightPkt = 0;
    lastAction =
        rec(
            Map.of(
                "tag",
                new TlaValue.Str("RxWriteBack"),
                "pkt",
                TlaValue.Int.of(p),
                "slot",
                TlaValue.Int.of(slot % n)));
    return StepOutcome.OK;
  }

  private StepOutcome rxDrop(int p) {
    if (p != nextPkt || inflightPkt != 0) {
      return no("frame " + p + " is not next on the wire");
    }
    nextPkt++;
    Frame f = frame(p);
    ledger.sent(new PacketId(p), f);
    if (!deviceRuns()) {
      // the VF is in STOP: the host's PF stops forwarding to it, counted there
      ledger.dropped(f, DropReason.QUEUE_DISABLED, "PF: VF stopped for migration");
      qprdc++;
    } else {
      long before = drops(active.vf);
      active.vf.deliver(f);
      active.vf.stepRx();
      if (drops(active.vf) != before + 1) {
        return new StepOutcome.Unexpected("the VF took frame " + p + " instead of dropping it");
      }
      qprdc++;
    }
    lastAction = rec(Map.of("tag", new TlaValue.Str("RxDrop"), "pkt", TlaValue.Int.of(p)));
    return StepOutcome.OK;
  }

  private StepOutcome copyPage(int pg) {
    if (!(phase.equals("PRECOPY") || phase.equals("QUIESCED")) || !toSend.contains(pg)) {
      return no("page " + pg + " is not to be sent");
    }
    copy(pg);
    toSend.remove(pg);
    lastAction = rec(Map.of("tag", new TlaValue.Str("CopyPage"), "page", TlaValue.Int.of(pg)));
    return StepOutcome.OK;
  }

  private void copy(int pg) {
    memory.copyPage(Pages.pfn(pageAddr(pg)));
    if (pg == n) {
      System.arraycopy(src.ghostPkt, 0, dst.ghostPkt, 0, d);
      System.arraycopy(src.ghostWb, 0, dst.ghostWb, 0, d);
      System.arraycopy(src.rep, 0, dst.rep, 0, n);
    }
  }

  private StepOutcome simple(RxDmaAction.Kind k) {
    Map<String, TlaValue> act = new LinkedHashMap<>();
    act.put("tag", new TlaValue.Str(k.tag()));
    switch (k) {
      case RXDUMMYREAD -> {
        if (!vcpusRun()
            || !tracking.equals("DUMMY_BEFORE")
            || !(stage.equals("IDLE") || stage.equals("DUMMIED"))) {
          return no("no dummy read now");
        }
        rmw = active.mem.readByte(bufAddr(bufInfo[ntc]) + FIRST) & 0xFF;
        stage = "RMW";
        act.put("slot", TlaValue.Int.of(ntc));
        act.put("buf", TlaValue.Int.of(bufInfo[ntc]));
      }
      case RXDUMMYWRITE -> {
        if (!vcpusRun() || !stage.equals("RMW")) {
          return no("no dummy write pending");
        }
        active.mem.writeByte(bufAddr(bufInfo[ntc]) + FIRST, (byte) rmw);
        rmw = -1;
        stage = "DUMMIED";
        act.put("slot", TlaValue.Int.of(ntc));
        act.put("buf", TlaValue.Int.of(bufInfo[ntc]));
      }
      case RXCHECK -> {
        String want = tracking.equals("DUMMY_BEFORE") ? "DUMMIED" : "IDLE";
        if (!vcpusRun() || !stage.equals(want) || !done(active, ntc)) {
          return no("descriptor " + ntc + " is not done (or the driver is elsewhere)");
        }
        stage = "CHECKED";
        curPkt = active.ghostPkt[active.rep[ntc]];
        // UNMAP: the generic DMA unmap/sync-for-CPU path writes the buffer (Tsirkin, seed 000),
        // at the same point of the clean loop as Duyck's dummy write
        if (tracking.equals("DUMMY_AFTER") || tracking.equals("UNMAP")) {
          long a = bufAddr(bufInfo[ntc]) + FIRST;
          active.mem.writeByte(a, active.mem.readByte(a));
        }
        act.put("slot", TlaValue.Int.of(ntc));
      }
      case RXDELIVER -> {
        if (!vcpusRun() || !stage.equals("CHECKED")) {
          return no("nothing checked");
        }
        skbQueue.add(new int[] {bufInfo[ntc], curPkt});
        act.put("slot", TlaValue.Int.of(ntc));
        act.put("buf", TlaValue.Int.of(bufInfo[ntc]));
        ntc = (ntc + 1) % n;
        stage = "IDLE";
        curPkt = 0;
      }
      case RXREFILL -> {
        int next = (ntu + 1) % n;
        int b = bufInfo[ntu];
        if (!vcpusRun()
            || !drvMode.equals("UP")
            || !(stage.equals("IDLE") || stage.equals("DUMMIED"))
            || next == ntc
            || skbQueue.stream().anyMatch(x -> x[0] == b)) {
          return no("no refill now");
        }
        arm(active, ntu, b);
        for (int r = next; r < d; r += n) {
          active.mem.writeShort(desc(r) + AdvRxDesc.LENGTH, 0);
        }
        act.put("slot", TlaValue.Int.of(ntu));
        act.put("buf", TlaValue.Int.of(b));
        ntu = next;
        mmio(VfRegs.rdt(0), devTail(ntu));
      }
      case STACKREAD -> {
        if (!vcpusRun() || skbQueue.isEmpty()) {
          return no("the stack holds no skb");
        }
        int b = skbQueue.remove(0)[0];
        byte[] bytes = new byte[PKT_LEN];
        active.mem.read(bufAddr(b), bytes, 0, PKT_LEN);
        delivered.add(decode(bytes));
        ledger.delivered(bytes, PKT_LEN, "stack, buffer " + b + (active == dst ? " (dest)" : ""));
        act.put("buf", TlaValue.Int.of(b));
      }
      case RXREINIT -> {
        if (!vcpusRun()
            || !drvMode.equals("DRAIN")
            || !stage.equals("IDLE")
            || done(active, ntc)
            || !skbQueue.isEmpty()) {
          return no("the old ring is not clean yet");
        }
        for (int s = 0; s < n; s++) {
          bufInfo[s] = s;
          active.rep[s] = s;
          if (s < n - 1) {
            arm(active, s, s);
          } else {
            unarm(active, s);
          }
        }
        ntc = 0;
        ntu = n - 1;
        mmio(VfRegs.rxdctl(0), 0);
        mmio(VfRegs.rdh(0), 0);
        mmio(VfRegs.rdt(0), devTail(n - 1));
        mmio(VfRegs.rxdctl(0), VfRegs.DCTL_ENABLE);
        drvMode = "UP";
      }
      case RXCHECKSTATUS -> {
        return no(
            "the emulated ixgbevf reads a descriptor in one step (DescRead = ATOMIC); it has no"
                + " separate status read");
      }
      case RXTAILWRITE -> {
        return no(
            "the emulated ixgbevf writes RDT with every re-arm (RefillBatch = FALSE); it has no"
                + " separate tail write");
      }
      case SYNCDIRTY -> {
        if (!(phase.equals("PRECOPY") || phase.equals("QUIESCED"))
            || round >= maxRounds
            || !toSend.isEmpty()) {
          return no("no sync now");
        }
        for (long pfn : memory.readAndClearDirty()) {
          addPage(pfn);
        }
        round++;
        act.put("round", TlaValue.Int.of(round));
      }
      case QUIESCERX -> {
        if (!stopMode.equals("GUEST_DRAIN") || !phase.equals("PRECOPY") || inflightPkt != 0) {
          return no("no cooperative stop now");
        }
        mmio(VfRegs.rxdctl(0), 0);
        phase = "QUIESCED";
      }
      case PAUSEVCPUS -> {
        boolean ok =
            !stopMode.equals("GUEST_DRAIN")
                ? phase.equals("PRECOPY")
                : phase.equals("QUIESCED")
                    && (stage.equals("IDLE") || stage.equals("DUMMIED"))
                    && !done(active, ntc);
        if (!ok) {
          return no("the vCPUs cannot pause now");
        }
        phase = "PAUSED";
      }
      case STOPDEVICE -> {
        if (!phase.equals("PAUSED") || inflightPkt != 0) {
          return no("the device cannot stop now");
        }
        SetResult r = src.dev.set(MigrationState.STOP_COPY);
        if (!r.ok()) {
          return new StepOutcome.Unexpected("source SET STOP_COPY: " + r);
        }
        srcFd = r.dataFd().orElseThrow();
        phase = "STOPPED";
      }
      case STOPCOPY -> {
        if (!phase.equals("STOPPED")) {
          return no("not stopped");
        }
        for (long pfn : memory.readAndClearDirty()) {
          addPage(pfn);
        }
        if (orderedFinalCopy) {
          // Duyck's ordered final copy: the ring page first, then every mapped Rx buffer
          toSend.add(n);
          for (int b = 0; b < n; b++) {
            toSend.add(b);
          }
          copy(n);
          toSend.remove(n);
        }
        for (int pg : toSend) {
          copy(pg);
        }
        toSend.clear();
        memory.stopDirtyTracking();
        ByteArrayOutputStream stream = new ByteArrayOutputStream();
        for (ReadResult r = srcFd.read(1 << 16); !r.endOfStreamReached(); r = srcFd.read(1 << 16)) {
          if (r.errno().isPresent()) {
            return new StepOutcome.Unexpected("stop-copy read: " + r.errno().get());
          }
          stream.write(r.data(), 0, r.length());
        }
        if (dstFd.write(stream.toByteArray()).errno().isPresent()) {
          return new StepOutcome.Unexpected("destination refused the stream bytes");
        }
        phase = "COPIED";
      }
      case RESUME -> {
        if (!phase.equals("COPIED")) {
          return no("nothing to resume");
        }
        int h = src.reg(VfRegs.rdh(0));
        SetResult r = dst.dev.set(MigrationState.RUNNING);
        if (!r.ok()) {
          return new StepOutcome.Unexpected("destination SET RUNNING: " + r);
        }
        active = dst;
        resume(h);
        phase = "DEST";
        act.put("restore", new TlaValue.Str(restore));
        act.put("savedHead", TlaValue.Int.of(h % n));
      }
    }
    lastAction = rec(act);
    return StepOutcome.OK;
  }

  /**
   * Adds a dirty page to the round's to-send set if it is one of the spec's pages (0..N). Others
   * are no model page (e.g. guest address 0, where a re-taken written-back descriptor makes the
   * device write: the spec's WbAddr is neither tracked nor sent).
   */
  private void addPage(long pfn) {
    long page = (pfn * Pages.PAGE_SIZE - BUF0) / Pages.PAGE_SIZE;
    if (pfn * Pages.PAGE_SIZE >= BUF0 && page <= n) {
      toSend.add((int) page);
    }
  }

  /** The destination's ring restore: RDH comes back as h from the stream; the driver acts. */
  private void resume(int h) {
    int t = dst.reg(VfRegs.rdt(0));
    switch (restore) {
      case "SHIFT" -> {
        // the device ring rotates by the device's saved head, the spec's slots by it modulo N
        byte[] old = new byte[16 * d];
        dst.mem.read(ring(), old, 0, old.length);
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
        dst.mem.write(ring(), rot, 0, rot.length);
        ntc = Math.floorMod(ntc - h, n);
        ntu = Math.floorMod(ntu - h, n);
        mmio(VfRegs.rxdctl(0), 0);
        mmio(VfRegs.rdh(0), 0);
        mmio(VfRegs.rdt(0), Math.floorMod(t - h, d));
        mmio(VfRegs.rxdctl(0), VfRegs.DCTL_ENABLE);
      }
      case "REINIT" -> {
        mmio(VfRegs.rxdctl(0), 0);
        mmio(VfRegs.rdh(0), 0);
        mmio(VfRegs.rdt(0), 0);
        drvMode = "DRAIN";
      }
      case "DROP_RING" -> {
        // Duyck's drop-the-ring: every accepted frame not yet handed to the stack is discarded
        // (ghost), the old ring is freed (zeroed here), the driver starts over at slot 0 and
        // re-initialises once the stack has released the old buffers (RxReinit)
        for (int p : accepted) {
          boolean handed = delivered.contains(new TlaValue.Seq(List.of(num(p), num(p))));
          for (int[] x : skbQueue) {
            handed |= x[1] == p;
          }
          if (!handed) {
            discarded.add(p);
          }
        }
        dst.mem.write(ring(), new byte[16 * d], 0, 16 * d);
        java.util.Arrays.fill(dst.ghostPkt, 0);
        java.util.Arrays.fill(dst.ghostWb, false);
        for (int s = 0; s < n; s++) {
          dst.rep[s] = s;
        }
        ntc = 0;
        stage = "IDLE";
        rmw = -1;
        curPkt = 0;
        mmio(VfRegs.rxdctl(0), 0);
        mmio(VfRegs.rdh(0), 0);
        mmio(VfRegs.rdt(0), 0);
        drvMode = "DRAIN";
      }
      case "RESTORE_HEAD" -> {
        // the VMM writes the saved head while the queue is disabled, then enables it
        mmio(VfRegs.rxdctl(0), 0);
        mmio(VfRegs.rdh(0), h);
        mmio(VfRegs.rxdctl(0), VfRegs.DCTL_ENABLE);
      }
      default -> {
        mmio(VfRegs.rxdctl(0), 0);
        mmio(VfRegs.rdh(0), 0);
        mmio(VfRegs.rxdctl(0), VfRegs.DCTL_ENABLE);
      }
    }
  }

  // ---- projection ------------------------------------------------------------------------

  @Override
  public List<String> variables() {
    return RxDmaBinding.VARIABLES;
  }

  private static TlaValue rec(Map<String, TlaValue> m) {
    return TlaValue.Record.of(m);
  }

  /** Integer values of -1..{@code smallInts.length - 2}, built once (projection allocates none). */
  private final TlaValue[] smallInts;

  private TlaValue num(long v) {
    return v >= -1 && v < smallInts.length - 1 ? smallInts[(int) v + 1] : TlaValue.Int.of(v);
  }

  private TlaValue decode(byte[] b) {
    long id = TestFrames.idOf(b, 0, b.length);
    return new TlaValue.Seq(List.of(num(b[FIRST] & 0xFF), num(id < 0 ? 0 : id)));
  }

  /**
   * Projection caches of one host's ring and buffer pages. A value is rebuilt exactly when the
   * bytes (and ghosts) it is computed from differ from those it was last built from, so a cached
   * value always equals a fresh projection; most steps change one descriptor or buffer or none.
   */
  private final class Projected {
    final long[] lower = new long[n];
    final long[] upper = new long[n];
    final int[] pkt = new int[n];
    final boolean[] wb = new boolean[n];
    final TlaValue[] descs = new TlaValue[n];
    TlaValue ring;
    final byte[][] bytes = new byte[n][PKT_LEN];
    final TlaValue[] bufs = new TlaValue[n];
    TlaValue bufFun;
    final byte[] scratch = new byte[PKT_LEN];

    TlaValue ring(Side side) {
      boolean changed = ring == null;
      for (int s = 0; s < n; s++) {
        int r = side.rep[s];
        long lo = side.mem.readLong(desc(r) + AdvRxDesc.PKT_ADDR);
        long up = side.mem.readLong(desc(r) + AdvRxDesc.STATUS_ERROR);
        int p = side.ghostPkt[r];
        boolean w = side.ghostWb[r];
        if (descs[s] == null || lo != lower[s] || up != upper[s] || p != pkt[s] || w != wb[s]) {
          lower[s] = lo;
          upper[s] = up;
          pkt[s] = p;
          wb[s] = w;
          descs[s] = descValue(bufIndex(lo, w), up, p);
          changed = true;
        }
      }
      if (changed) {
        ring = fun(descs);
      }
      return ring;
    }

    TlaValue bufs(Side side) {
      boolean changed = bufFun == null;
      for (int b = 0; b < n; b++) {
        side.mem.read(bufAddr(b), scratch, 0, PKT_LEN);
        if (bufs[b] == null || !java.util.Arrays.equals(scratch, bytes[b])) {
          System.arraycopy(scratch, 0, bytes[b], 0, PKT_LEN);
          bufs[b] = decode(bytes[b]);
          changed = true;
        }
      }
      if (changed) {
        bufFun = fun(bufs);
      }
      return bufFun;
    }
  }

  private TlaValue descValue(int addr, long upper, int pkt) {
    Map<String, TlaValue> d = new LinkedHashMap<>();
    d.put("addr", num(addr));
    d.put("len", num(upper >>> 32 & 0xFFFF));
    d.put("dd", new TlaValue.Bool((upper & AdvRxDesc.STAT_DD) != 0));
    d.put("eop", new TlaValue.Bool((upper & AdvRxDesc.STAT_EOP) != 0));
    d.put("pkt", num(pkt));
    return rec(d);
  }

  /** The function 0..len-1 :> values[i]. */
  private TlaValue fun(TlaValue[] values) {
    Map<TlaValue, TlaValue> m = new LinkedHashMap<>();
    for (int i = 0; i < values.length; i++) {
      m.put(num(i), values[i]);
    }
    return TlaValue.Fun.of(m);
  }

  /** A set of small naturals, rebuilt only when its members change. */
  private final class IntSet {
    private final java.util.BitSet last = new java.util.BitSet();
    private final java.util.BitSet next = new java.util.BitSet();
    private TlaValue value;

    void clear() {
      next.clear();
    }

    void add(int x) {
      next.set(x);
    }

    TlaValue value() {
      if (value == null || !next.equals(last)) {
        last.clear();
        last.or(next);
        List<TlaValue> xs = new ArrayList<>(next.cardinality());
        for (int x = next.nextSetBit(0); x >= 0; x = next.nextSetBit(x + 1)) {
          xs.add(num(x));
        }
        value = new TlaValue.SetValue(xs);
      }
      return value;
    }
  }

  private final IntSet acceptedSet = new IntSet();
  private final IntSet discardedSet = new IntSet();
  private final IntSet cpuDirtySet = new IntSet();
  private final IntSet devDirtySet = new IntSet();
  private final IntSet toSendSet = new IntSet();
  private final int[] lastBufInfo;
  private TlaValue bufInfoValue;

  private TlaValue pages(IntSet set, java.util.function.LongPredicate dirty, boolean on) {
    set.clear();
    for (int p = 0; on && p <= n; p++) {
      if (dirty.test(pageAddr(p))) {
        set.add(p);
      }
    }
    return set.value();
  }

  private static TlaValue ints(IntSet set, java.util.Collection<Integer> xs) {
    set.clear();
    for (int x : xs) {
      set.add(x);
    }
    return set.value();
  }

  @Override
  public void project(TlaValue[] out) {
    boolean dest = phase.equals("DEST");
    int i = 0;
    out[i++] = active.projected.ring(active);
    out[i++] = active.projected.bufs(active);
    out[i++] = num(active.reg(VfRegs.rdh(0)) % n);
    out[i++] = num(active.reg(VfRegs.rdt(0)) % n);
    out[i++] = new TlaValue.Bool((active.reg(VfRegs.rxdctl(0)) & VfRegs.DCTL_ENABLE) != 0);
    out[i++] =
        active.vf.rx().dataWritten() && inflightPkt != 0
            ? new TlaValue.Seq(List.of(num(inflightPkt)))
            : EMPTY_SEQ;
    out[i++] = num(qprdc);
    out[i++] = num(ntc);
    out[i++] = num(ntu);
    if (bufInfoValue == null || !java.util.Arrays.equals(bufInfo, lastBufInfo)) {
      System.arraycopy(bufInfo, 0, lastBufInfo, 0, n);
      TlaValue[] bi = new TlaValue[n];
      for (int s = 0; s < n; s++) {
        bi[s] = num(bufInfo[s]);
      }
      bufInfoValue = fun(bi);
    }
    out[i++] = bufInfoValue;
    out[i++] = new TlaValue.Str(stage);
    out[i++] = num(rmw);
    out[i++] = num(curPkt);
    out[i++] = new TlaValue.Str(drvMode);
    // partial (rx_ring->skb): every replayed frame fits one buffer (FrameDescs = 1), so the
    // driver never parks a first part
    out[i++] = EMPTY_SEQ;
    List<TlaValue> skbs = new ArrayList<>();
    for (int[] x : skbQueue) {
      // one-descriptor frames: the rest of the frame is in the same buffer (buf2 = buf)
      skbs.add(rec(Map.of("buf", num(x[0]), "buf2", num(x[0]), "pkt", num(x[1]))));
    }
    out[i++] = new TlaValue.Seq(skbs);
    out[i++] = new TlaValue.Seq(delivered);
    out[i++] = num(nextPkt);
    out[i++] = ints(acceptedSet, accepted);
    out[i++] = ints(discardedSet, discarded);
    out[i++] = new TlaValue.Str(phase);
    out[i++] = num(round);
    boolean logging = src.mem.cpuDirtyLog().isActive();
    out[i++] = pages(cpuDirtySet, src.mem.cpuDirtyLog()::isDirty, logging);
    out[i++] =
        pages(devDirtySet, src.dma.deviceDirtyLog()::isDirty, src.dma.deviceDirtyLog().isActive());
    // devLag: the emulated IOMMU sets the dirty bit with the write (DirtyLag = FALSE, the
    // only value the binding takes), so no write is ever waiting for its dirty bit
    out[i++] = EMPTY_SET;
    out[i++] = ints(toSendSet, toSend);
    out[i++] = dest ? zeroRing : dst.projected.ring(dst);
    out[i++] = dest ? zeroBufs : dst.projected.bufs(dst);
    out[i++] = lastAction;
  }

  /**
   * RingOwnership read from the implementation: the first descriptor in the VF's {@code [RDH, RDT)}
   * that is not in armed read format (bytes 0-7 a posted buffer's address, bytes 8-15 zero).
   */
  private Optional<String> ownershipBreach() {
    int h = active.reg(VfRegs.rdh(0));
    int t = active.reg(VfRegs.rdt(0));
    for (int s = h; s != t; s = (s + 1) % d) {
      long lower = active.mem.readLong(desc(s) + AdvRxDesc.PKT_ADDR);
      long upper = active.mem.readLong(desc(s) + AdvRxDesc.STATUS_ERROR);
      if (bufIndex(lower, false) >= n || upper != 0) {
        return Optional.of(
            String.format(
                "the %s VF owns slot %d (RDH %d, RDT %d), which holds bytes 0-7 %#x, length %d,"
                    + " status %#x: not a descriptor the driver armed",
                active == dst ? "destination" : "source",
                s,
                h,
                t,
                lower,
                upper >>> 32 & 0xFFFF,
                upper & 0xFFFFFFFFL));
      }
    }
    return Optional.empty();
  }

  /**
   * Evidence from the packet ledger: the system first runs to quiescence (the device finishes a
   * frame in flight, the driver cleans every done descriptor and the stack reads every skb; no new
   * frames), then every frame sent must have been delivered once, intact, or dropped and counted.
   */
  @Override
  public Optional<String> violationEvidence(String property) {
    if (property.equals("RingOwnership")) {
      return ownershipBreach().map(w -> property + ": " + w);
    }
    if (inflightPkt != 0 && deviceRuns()) {
      rxWriteBack(inflightPkt);
    }
    for (int guard = 0; guard < 10 * n && vcpusRun(); guard++) {
      boolean progress = false;
      if (stage.equals("RMW")) {
        progress |= simple(RxDmaAction.Kind.RXDUMMYWRITE) == StepOutcome.OK;
      }
      if (stage.equals("DUMMIED") || stage.equals("IDLE")) {
        progress |= simple(RxDmaAction.Kind.RXCHECK) == StepOutcome.OK;
      }
      if (stage.equals("CHECKED")) {
        progress |= simple(RxDmaAction.Kind.RXDELIVER) == StepOutcome.OK;
      }
      while (!skbQueue.isEmpty()) {
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
