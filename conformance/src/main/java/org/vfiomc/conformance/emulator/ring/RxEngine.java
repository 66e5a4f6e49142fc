package org.vfiomc.conformance.emulator.ring;

import java.util.ArrayList;
import java.util.List;
import org.vfiomc.conformance.emulator.dma.DmaPort;
import org.vfiomc.conformance.emulator.packet.DropReason;
import org.vfiomc.conformance.emulator.packet.Frame;
import org.vfiomc.conformance.emulator.regs.RegisterFile;
import org.vfiomc.conformance.emulator.regs.VfRegs;
import org.vfiomc.conformance.emulator.state.RxEngineState;

/**
 * The receive DMA engine. Frames from the wire that pass the arrival checks of {@link #receive}
 * wait in a bounded packet buffer ({@link #FIFO_CAPACITY} frames; overflow drops). Placing one
 * buffer takes two steps, so a guest step can run in between:
 *
 * <ol>
 *   <li>{@code DATA}: accept the frame (filter, queue, enough descriptors, else drop and count),
 *       fetch the descriptor at head, write up to BSIZEPACKET bytes of data to its buffer;
 *   <li>{@code WRITEBACK}: write the descriptor's lower half, then its upper half (status with DD,
 *       EOP, length) in one 8-byte write, so DD and length become visible last; advance head; on
 *       EOP update VFGPRC/VFGORC/VFMPRC and raise the queue's cause.
 * </ol>
 *
 * Frames longer than one buffer use consecutive descriptors (only the last has EOP). The whole
 * frame must fit in the pending descriptors before any byte is written (QEMU {@code
 * igb_has_rxbufs}); otherwise it is dropped if drop is enabled, or waits at the head of the packet
 * buffer (head-of-line blocking) if not.
 */
// Per-reason drop counters on the Rx hot path are a long[] indexed by DropReason.ordinal() (sized
// from values(), never persisted or sent: the snapshot carries no ordinal), and admit() returns an
// ordinal as its int verdict to avoid boxing per frame.
@SuppressWarnings("EnumOrdinal")
public final class RxEngine {
  /** Packet buffer capacity in frames (a power of two). */
  public static final int FIFO_CAPACITY = 256;

  private final RegisterFile rf;
  private final DmaPort dma;
  private final RxPolicy policy;
  private final DeviceEvents events;
  private final Frame[] fifo = new Frame[FIFO_CAPACITY];
  private int fifoHead;
  private int fifoSize;
  private final long[] drops = new long[DropReason.values().length];
  private final byte[] data = new byte[Frame.MAX_LENGTH];

  /** The frame being placed, as it is written to memory (without a stripped tag). */
  private Frame current;

  /** The frame being placed as it came from the wire (what a drop reports). */
  private Frame currentWire;

  /** The TCI stripped from the frame being placed, or -1 if none was. */
  private int currentVlan = -1;

  private int queue;
  private int offset;
  private int chunk;
  private boolean dataWritten;
  private long descAddr;

  /** Per queue: the guest cleared RXDCTL.ENABLE and the register still reads 1. */
  private final boolean[] disablePending = new boolean[VfRegs.QUEUES];

  /** Per queue: steps left until ENABLE reads 0 once nothing is in flight; -1 = not counting. */
  private final int[] disableCountdown = {-1, -1};

  private final int disableLatency;
  private boolean faultDropsCleanly;
  private boolean desctypeIgnored;
  private boolean vlanStrippedWithoutVp;
  private boolean badFramesDroppedSilently;

  private final boolean descriptorFirst;
  private final boolean bufferWhileStopped;
  private final boolean noQueueGate;
  private boolean stopped;

  /** A correct engine over the given register file and DMA port. */
  public RxEngine(RegisterFile rf, DmaPort dma, RxPolicy policy, DeviceEvents events) {
    this(rf, dma, policy, events, false, false, false, 0);
  }

  /**
   * An engine; {@code descriptorFirst} injects the ordering bug (descriptor write-back in the first
   * step, buffer data in the second), {@code bufferWhileStopped} and {@code noQueueGate} the
   * defects {@code VfDefect.BUFFER_WHILE_STOPPED} and {@code NO_QUEUE_GATE}, for oracle self-tests;
   * {@code disableLatency} is {@code VfConfig.RX_DISABLE_LATENCY_STEPS}.
   */
  public RxEngine(
      RegisterFile rf,
      DmaPort dma,
      RxPolicy policy,
      DeviceEvents events,
      boolean descriptorFirst,
      boolean bufferWhileStopped,
      boolean noQueueGate,
      int disableLatency) {
    this.disableLatency = disableLatency;
    this.descriptorFirst = descriptorFirst;
    this.bufferWhileStopped = bufferWhileStopped;
    this.noQueueGate = noQueueGate;
    this.rf = rf;
    this.dma = dma;
    this.policy = policy;
    this.events = events;
  }

  /**
   * A frame arrives from the wire. It is dropped at once, and counted, if the VF is {@linkplain
   * #stop() stopped} ({@link DropReason#VF_STOPPED}), if the PF's L2 filter does not send it to
   * this VF ({@link DropReason#FILTERED}), if its queue is disabled ({@link
   * DropReason#QUEUE_DISABLED}: the 82599 drops a frame for a disabled queue when DROP_EN/QDE is
   * set, which ixgbevf and the ixgbe PF always set; {@code ../shared/reference/82599-vf.md} §3 "Rx
   * order" step 2) or if the packet buffer is full ({@link DropReason#FIFO_FULL}); otherwise it
   * waits in the packet buffer until the engine places it. Returns false if it was dropped.
   */
  public boolean receive(Frame f) {
    if (f.fcsError() && !policy.storeBadPackets()) {
      drop(f, DropReason.CRC_ERROR); // the MAC discards it before any pool or queue sees it
      return false;
    }
    if (stopped && !bufferWhileStopped) {
      drop(f, DropReason.VF_STOPPED);
      return false;
    }
    if (!policy.accepts(f)) {
      drop(f, DropReason.FILTERED);
      return false;
    }
    if (!noQueueGate && !accepting(selectQueue(f))) {
      drop(f, DropReason.QUEUE_DISABLED);
      return false;
    }
    if (fifoSize == FIFO_CAPACITY) {
      drop(f, DropReason.FIFO_FULL);
      return false;
    }
    fifo[(fifoHead + fifoSize) & (FIFO_CAPACITY - 1)] = f;
    fifoSize++;
    return true;
  }

  /**
   * The VF stops for migration: every frame still waiting in the packet buffer is dropped and
   * counted ({@link DropReason#VF_STOPPED}; the 82599 cannot hand its packet buffer to software, so
   * nothing of it reaches a migration stream), and frames that arrive until {@link #start()} are
   * dropped at arrival. The frame being placed is the caller's to finish first (see {@code
   * Vf82599.setQuiesced}). Idempotent.
   */
  public void stop() {
    stopped = true;
    if (bufferWhileStopped) {
      return;
    }
    while (fifoSize > 0) {
      drop(pop(), DropReason.VF_STOPPED);
    }
  }

  /** The VF runs again: frames are received from now on. */
  public void start() {
    stopped = false;
  }

  /** Injects {@code VfDefect.FAULT_DROPS_CLEANLY} (a mutant for the tests to catch). */
  public void injectFaultDropsCleanly() {
    faultDropsCleanly = true;
  }

  /** Injects {@code VfDefect.DESCTYPE_IGNORED} (a mutant for the tests to catch). */
  public void injectDesctypeIgnored() {
    desctypeIgnored = true;
  }

  /** Injects {@code VfDefect.VLAN_STRIPPED_WITHOUT_VP} (a mutant for the tests to catch). */
  public void injectVlanStrippedWithoutVp() {
    vlanStrippedWithoutVp = true;
  }

  /** Injects {@code VfDefect.BAD_FRAME_DROPPED_SILENTLY} (a mutant for the tests to catch). */
  public void injectBadFramesDroppedSilently() {
    badFramesDroppedSilently = true;
  }

  /** True if queue {@code q} takes new frames: enabled and no disable pending. */
  private boolean accepting(int q) {
    return (rf.get(VfRegs.rxdctl(q)) & VfRegs.DCTL_ENABLE) != 0 && !disablePending[q];
  }

  /**
   * The guest cleared RXDCTL.ENABLE of queue {@code q} (issue 10, item 3): the queue takes no new
   * frame from now on; if it is placing one, ENABLE keeps reading 1 until that frame's EOP
   * write-back and {@code VfConfig.RX_DISABLE_LATENCY_STEPS} more steps ({@link #tick()}), else it
   * reads 0 at once. Returns true if the register must keep ENABLE set for now.
   */
  public boolean requestDisable(int q) {
    if (current == null || queue != q) {
      disablePending[q] = false;
      disableCountdown[q] = -1;
      return false;
    }
    disablePending[q] = true;
    disableCountdown[q] = -1;
    return true;
  }

  /** The guest set ENABLE again: a pending disable is cancelled. */
  public void cancelDisable(int q) {
    disablePending[q] = false;
    disableCountdown[q] = -1;
  }

  /** True while queue {@code q}'s ENABLE still reads 1 after the guest cleared it. */
  public boolean disablePending(int q) {
    return disablePending[q];
  }

  /** One unit of device time for the pending disables: a countdown reaching 0 clears ENABLE. */
  public void tick() {
    for (int q = 0; q < VfRegs.QUEUES; q++) {
      if (disablePending[q] && disableCountdown[q] > 0 && --disableCountdown[q] == 0) {
        completeDisable(q);
      }
    }
  }

  /** Every pending disable completes now (the frame in flight must be finished first). */
  public void completeDisables() {
    for (int q = 0; q < VfRegs.QUEUES; q++) {
      if (disablePending[q] && (current == null || queue != q)) {
        completeDisable(q);
      }
    }
  }

  private void completeDisable(int q) {
    disablePending[q] = false;
    disableCountdown[q] = -1;
    rf.set(VfRegs.rxdctl(q), rf.get(VfRegs.rxdctl(q)) & ~VfRegs.DCTL_ENABLE);
  }

  /** True between {@link #stop()} and {@link #start()}. */
  public boolean stopped() {
    return stopped;
  }

  /** True if a frame is being placed (some of its descriptors written, not yet its EOP). */
  public boolean frameInFlight() {
    return current != null;
  }

  /**
   * Drops (and counts as {@link DropReason#QUEUE_DISABLED}) every frame in the packet buffer and
   * the one in flight: a function-level reset.
   */
  public void reset() {
    abandonCurrent();
    while (fifoSize > 0) {
      drop(pop(), DropReason.QUEUE_DISABLED);
    }
    stopped = false;
  }

  /** Frames waiting in the packet buffer. */
  public int fifoSize() {
    return fifoSize;
  }

  /** True if a frame is between its buffer write and its descriptor write-back. */
  public boolean dataWritten() {
    return dataWritten;
  }

  /** True if nothing is waiting or in flight. */
  public boolean idle() {
    return fifoSize == 0 && current == null;
  }

  /** Drops so far for a reason. */
  public long drops(DropReason r) {
    return drops[r.ordinal()];
  }

  /** Total drops over all reasons. */
  public long totalDrops() {
    long t = 0;
    for (long d : drops) {
      t += d;
    }
    return t;
  }

  private void drop(Frame f, DropReason r) {
    drops[r.ordinal()]++;
    events.rxDropped(f, r);
  }

  private Frame pop() {
    Frame f = fifo[fifoHead];
    fifo[fifoHead] = null;
    fifoHead = (fifoHead + 1) & (FIFO_CAPACITY - 1);
    fifoSize--;
    return f;
  }

  private int bufferSize(int q) {
    return (rf.get(VfRegs.srrctl(q)) & VfRegs.SRRCTL_BSIZEPKT_MASK) * 1024;
  }

  /** Queue selection: RSS over two queues when VFPSRTYPE.RQPL is set, else queue 0. */
  private int selectQueue(Frame f) {
    return (rf.get(VfRegs.VFPSRTYPE) & VfRegs.PSRTYPE_RQPL) != 0 ? (f.crc32c() & 1) : 0;
  }

  /**
   * Performs one micro-step. Returns true if the device made progress (including a counted drop).
   */
  public boolean step() {
    if (dataWritten) {
      writeBack();
      return true;
    }
    if (current == null) {
      return fifoSize != 0 && startFrame();
    }
    writeData(queue, head(queue)); // next descriptor of a multi-descriptor frame
    return true;
  }

  /** {@link #admit} verdict: the frame may be placed now. */
  private static final int ADMIT = -1;

  /** {@link #admit} verdict: not enough descriptors and drop disabled; the frame waits. */
  private static final int WAIT = -2;

  private static final DropReason[] REASONS = DropReason.values();

  /**
   * The frame at the head of the packet buffer: accept and place its first buffer, drop it and
   * count, or leave it waiting. Returns true on progress.
   */
  private boolean startFrame() {
    Frame f = fifo[fifoHead];
    int q = selectQueue(f);
    int verdict = admit(f, q);
    if (verdict != ADMIT) {
      if (verdict == WAIT) {
        return false; // head-of-line blocking: wait for the driver to post buffers
      }
      drop(pop(), REASONS[verdict]);
      return true;
    }
    Frame wire = pop();
    if (badFramesDroppedSilently && wire.fcsError()) {
      return true; // the mutant: neither placed nor counted
    }
    currentWire = wire;
    if (strips(wire, q)) {
      current = wire.withoutVlanTag();
      currentVlan = wire.vlanTci();
    } else {
      current = wire;
      currentVlan = -1;
    }
    queue = q;
    offset = 0;
    writeData(q, head(q));
    return true;
  }

  /**
   * True if queue {@code q} strips the 802.1Q tag of {@code f}: RXDCTL.VME set and the frame tagged
   * ({@link Frame#VLAN_TPID}). The 82599 then places the frame without the tag and reports it in
   * the EOP write-back (VP, vlan field) ({@code ../shared/reference/82599-vf.md} §1 VFRXDCTL bit 30
   * and §3 "Rx order"; ixgbevf sets VME on every Rx queue, {@code ixgbevf_configure_rx_ring}).
   */
  private boolean strips(Frame f, int q) {
    return (rf.get(VfRegs.rxdctl(q)) & VfRegs.RXDCTL_VME) != 0 && f.vlanTci() >= 0;
  }

  /**
   * Whether {@code f} can be placed on queue {@code q} now: {@link #ADMIT}, {@link #WAIT}, or the
   * ordinal of the {@link DropReason} to drop it for. The whole frame must fit in the pending
   * descriptors before any byte is written.
   */
  private int admit(Frame f, int q) {
    if (!policy.accepts(f)) {
      return DropReason.FILTERED.ordinal();
    }
    if (f.length() > policy.maxFrame()) {
      return DropReason.OVERSIZE.ordinal();
    }
    int len = strips(f, q) ? f.length() - Frame.VLAN_TAG_LENGTH : f.length();
    if (!accepting(q)) {
      return noQueueGate ? WAIT : DropReason.QUEUE_DISABLED.ordinal();
    }
    int bsize = bufferSize(q);
    int c = count(q);
    if (c == 0 || bsize == 0) {
      return DropReason.BAD_RING.ordinal();
    }
    int need = len <= bsize ? 1 : (len + bsize - 1) / bsize;
    int h = head(q);
    int t = rf.get(VfRegs.rdt(q)) & 0xFFFF;
    int pending = t >= c || h >= c ? 0 : t >= h ? t - h : t - h + c;
    if (pending < need) {
      return policy.queueDropEnabled(q) ? DropReason.NO_DESCRIPTORS.ordinal() : WAIT;
    }
    return ADMIT;
  }

  // Ring registers of queue q, addressed by offset arithmetic on q (VfRegs), with the masks and
  // formulas of RingRegs: one register-file load each, no ring object in the dependency chain.

  private int head(int q) {
    return rf.get(VfRegs.rdh(q)) & 0xFFFF;
  }

  private int count(int q) {
    return RingRegs.count(rf.get(VfRegs.rdlen(q)));
  }

  private long descriptorAddress(int q, int index) {
    long base = RingRegs.base(rf.get(VfRegs.rdbah(q)), rf.get(VfRegs.rdbal(q)));
    return base + (long) index * RingRegs.DESC_SIZE;
  }

  private void writeData(int q, int head) {
    descAddr = descriptorAddress(q, head);
    // one-buffer mode uses only the packet buffer address (bytes 0..7) of the read format
    long pba = dma.readLong(descAddr + AdvRxDesc.PKT_ADDR);
    if (!dma.lastReadOk()) {
      abandon();
      return;
    }
    chunk = Math.min(current.length() - offset, bufferSize(queue));
    pendingPba = pba;
    if (descriptorFirst ? !writeDescriptor() : !writeBuffer(pba)) {
      abandon();
      return;
    }
    dataWritten = true;
  }

  private long pendingPba;

  /**
   * The buffer data: a posted write ({@link DmaPort#writePosted}). A page the IOMMU refuses is
   * discarded and the device goes on to write the descriptor back with DD and the length as if the
   * data had landed (a posted write gets no completion; the fault is the host's to see, as an IOMMU
   * fault record, {@link DmaPort#faultCount()}): silent corruption the guest delivers and the
   * ledger flags. Returns false only for the {@code FAULT_DROPS_CLEANLY} mutant, which drops the
   * frame instead.
   */
  private boolean writeBuffer(long pba) {
    boolean landed = dma.writePosted(pba, current, offset, chunk, data);
    return landed || !faultDropsCleanly;
  }

  /**
   * Lower half first, then status/length/vlan in one 8-byte write: DD and length last. With
   * SRRCTL.DESCTYPE = legacy (000b) the legacy write-back instead ({@link LegacyRxDesc}: one 8-byte
   * write of length, status, errors and VLAN; bytes 0..7, the buffer address, are left as they
   * are). The other non-advanced types (header split, replication) are not modelled and write the
   * advanced one-buffer format.
   */
  private boolean writeDescriptor() {
    boolean eop = offset + chunk == current.length();
    int status = AdvRxDesc.STAT_DD;
    int vlan = 0;
    boolean crcError = false;
    if (eop) {
      // status, errors and VLAN only on the EOP descriptor (reference §3 "Rx order" step 4)
      status |= AdvRxDesc.STAT_EOP;
      if (currentVlan >= 0 && !vlanStrippedWithoutVp) {
        status |= AdvRxDesc.STAT_VP;
        vlan = currentVlan;
      }
      crcError = current.fcsError();
    }
    if (!desctypeIgnored
        && ((rf.get(VfRegs.srrctl(queue)) >>> VfRegs.SRRCTL_DESCTYPE_SHIFT) & 7)
            == LegacyRxDesc.DESCTYPE) {
      int errors = crcError ? LegacyRxDesc.ERR_CE : 0;
      return dma.writeLong(
          descAddr + LegacyRxDesc.LENGTH, LegacyRxDesc.upper(chunk, status, errors, vlan));
    }
    int statusError = status | (crcError ? AdvRxDesc.ERR_CE : 0);
    long upper =
        (statusError & 0xFFFFFFFFL) | ((long) chunk << 32) | ((long) (vlan & 0xFFFF) << 48);
    return dma.writeLongPair(descAddr, 0L, upper);
  }

  private void writeBack() {
    boolean eop = offset + chunk == current.length();
    if (descriptorFirst ? !writeBuffer(pendingPba) : !writeDescriptor()) {
      dataWritten = false;
      abandon();
      return;
    }
    dataWritten = false;
    int h = head(queue) + 1;
    rf.set(VfRegs.rdh(queue), h >= count(queue) ? 0 : h);
    offset += chunk;
    if (eop) {
      Frame f = currentWire;
      current = null;
      currentWire = null;
      if (!f.fcsError()) {
        // good packets only: a frame stored with CE is no good packet (UNVERIFIED)
        rf.addStat32(VfRegs.VFGPRC, 1);
        rf.addStat36(VfRegs.VFGORC_LSB, VfRegs.VFGORC_MSB, f.length());
        if (f.isMulticast()) {
          rf.addStat32(VfRegs.VFMPRC, 1);
        }
      }
      events.rxDone(queue);
      startLatency(queue); // the in-flight write-back is complete
    }
  }

  /** Abandons the frame in flight (queue reset); it is counted as a QUEUE_DISABLED drop. */
  public void abandonCurrent() {
    if (current != null) {
      Frame f = currentWire;
      current = null;
      currentWire = null;
      dataWritten = false;
      drop(f, DropReason.QUEUE_DISABLED);
    }
    for (int q = 0; q < VfRegs.QUEUES; q++) {
      cancelDisable(q);
    }
  }

  private void abandon() {
    Frame f = currentWire;
    current = null;
    currentWire = null;
    drop(f, DropReason.DMA_FAULT);
    startLatency(queue); // nothing left to write back
  }

  /** A pending disable of {@code q} has nothing left in flight: ENABLE clears after the latency. */
  private void startLatency(int q) {
    if (!disablePending[q]) {
      return;
    }
    if (disableLatency == 0) {
      completeDisable(q);
    } else {
      disableCountdown[q] = disableLatency;
    }
  }

  /**
   * Internal state as a value, for tests and diagnostics. It is never migrated: the 82599 exposes
   * none of it (its packet buffer, the frame being placed, the drop tallies), see the emulator
   * package's migration table.
   */
  public RxEngineState save() {
    List<Frame> q = new ArrayList<>(fifoSize);
    for (int i = 0; i < fifoSize; i++) {
      q.add(fifo[(fifoHead + i) % FIFO_CAPACITY]);
    }
    List<Long> d = new ArrayList<>();
    for (long x : drops) {
      d.add(x);
    }
    return RxEngineState.of(q, currentWire, queue, offset, chunk, dataWritten, d);
  }
}
