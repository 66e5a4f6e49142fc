package org.vfiomc.conformance.emulator;

import com.google.common.collect.ImmutableList;
import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.vfiomc.conformance.emulator.dma.DmaPort;
import org.vfiomc.conformance.emulator.mailbox.PfAgent;
import org.vfiomc.conformance.emulator.mailbox.VfMailbox;
import org.vfiomc.conformance.emulator.packet.DropReason;
import org.vfiomc.conformance.emulator.packet.Frame;
import org.vfiomc.conformance.emulator.regs.Reg;
import org.vfiomc.conformance.emulator.regs.RegisterFile;
import org.vfiomc.conformance.emulator.regs.RegisterMap;
import org.vfiomc.conformance.emulator.regs.VfRegs;
import org.vfiomc.conformance.emulator.ring.DeviceEvents;
import org.vfiomc.conformance.emulator.ring.RxEngine;
import org.vfiomc.conformance.emulator.ring.RxPolicy;
import org.vfiomc.conformance.emulator.ring.TxEngine;
import org.vfiomc.conformance.emulator.state.PfVfState;
import org.vfiomc.conformance.emulator.state.SnapshotFormatException;
import org.vfiomc.conformance.emulator.state.TxQueueState;
import org.vfiomc.conformance.emulator.state.VfSnapshot;
import org.vfiomc.conformance.emulator.state.VfSnapshotCodec;
import org.vfiomc.conformance.vfio.FunctionIdentity;
import org.vfiomc.conformance.vfio.MigratableFunction;

/**
 * One Intel 82599 virtual function with the PF behind its mailbox. The facade only decodes MMIO
 * through the {@link RegisterMap} table and delegates: registers to {@link RegisterFile}, the
 * mailbox to {@link VfMailbox}/{@link PfAgent}, rings to {@link RxEngine}/{@link TxEngine}, DMA to
 * the function's {@link DmaPort}. Single-threaded; nothing happens except inside a call.
 *
 * <p>Time is {@link #step()}: each call performs one device micro-operation (one Rx buffer write,
 * or one Rx descriptor write-back, or one Tx descriptor), so a test can interleave guest and device
 * at the granularity where DMA ordering bugs live.
 *
 * <p>As a {@link MigratableFunction} the VF's state payload is the {@link VfSnapshotCodec} stream;
 * the {@code VfioMigrationDevice} carries it inside its migration stream's sections.
 */
public final class Vf82599 implements MigratableFunction {
  /**
   * Intel (0x8086) 82599 virtual function (device id 0x10ED); the state layout version is the
   * snapshot codec's, and only that version loads.
   */
  public static final FunctionIdentity IDENTITY =
      new FunctionIdentity(
          0x8086, 0x10ED, "ixgbevf-82599", VfSnapshotCodec.VERSION, VfSnapshotCodec.VERSION);

  private final RegisterFile rf = new RegisterFile(RegisterMap.VF_82599);
  private final DmaPort dma;
  private final VfListener listener;
  private final Interrupts irq;
  private final PfAgent pf;
  private final VfMailbox mbx;
  private final RxEngine rx;
  private final TxEngine tx;

  private final boolean stopMidFrame;
  private final boolean restoresReadOnlyState;
  private final boolean enableClearsAtOnce;

  private boolean frozen;
  private boolean txFirst;
  private long steps;
  private long frozenWrites;

  /** The power-on state, restored by a function-level reset. */
  private final VfSnapshot powerOn;

  /** {@link #powerOn}'s register words, unboxed once. */
  private final int[] powerOnRegisters;

  /** A VF at power-on, DMAing through {@code dma}. */
  public Vf82599(DmaPort dma, VfConfig config, VfListener listener) {
    this.dma = dma;
    this.listener = listener;
    this.irq =
        new Interrupts(
            rf,
            listener,
            config.has(VfDefect.EITR_IGNORED),
            config.has(VfDefect.MODERATED_CAUSE_LOST));
    this.pf = new PfAgent(rf, config.mac(), config.adminMac(), config.pfJumbo());
    this.mbx = new VfMailbox(rf, pf, irq::other, config.has(VfDefect.SYNCHRONOUS_PF));
    DeviceEvents events = new Events();
    this.rx =
        new RxEngine(
            rf,
            dma,
            new Policy(),
            events,
            config.descriptorBeforeData(),
            config.has(VfDefect.BUFFER_WHILE_STOPPED),
            config.has(VfDefect.NO_QUEUE_GATE),
            VfConfig.RX_DISABLE_LATENCY_STEPS);
    this.enableClearsAtOnce = config.has(VfDefect.ENABLE_CLEARS_AT_ONCE);
    if (config.has(VfDefect.FAULT_DROPS_CLEANLY)) {
      rx.injectFaultDropsCleanly();
    }
    if (config.has(VfDefect.DESCTYPE_IGNORED)) {
      rx.injectDesctypeIgnored();
    }
    if (config.has(VfDefect.VLAN_STRIPPED_WITHOUT_VP)) {
      rx.injectVlanStrippedWithoutVp();
    }
    if (config.has(VfDefect.BAD_FRAME_DROPPED_SILENTLY)) {
      rx.injectBadFramesDroppedSilently();
    }
    this.stopMidFrame = config.has(VfDefect.STOP_MID_FRAME);
    this.restoresReadOnlyState = config.has(VfDefect.RESTORES_READ_ONLY_STATE);
    this.tx = new TxEngine(rf, dma, events);
    this.powerOn = snapshot();
    this.powerOnRegisters = rf.copyValues();
  }

  /** A VF with default configuration and no listener. */
  public Vf82599(DmaPort dma) {
    this(dma, VfConfig.defaults(), new VfListener() {});
  }

  private final class Events implements DeviceEvents {
    @Override
    public void rxDone(int q) {
      irq.rxQueue(q);
    }

    @Override
    public void txDone(int q) {
      irq.txQueue(q);
    }

    @Override
    public void rxDropped(Frame frame, DropReason reason) {
      listener.rxDropped(frame, reason);
    }

    @Override
    public void transmitted(int q, byte[] buf, int len) {
      listener.transmitted(q, buf, len);
    }
  }

  private final class Policy implements RxPolicy {
    @Override
    public boolean accepts(Frame frame) {
      return pf.accepts(frame);
    }

    @Override
    public boolean queueDropEnabled(int q) {
      return pf.queueDropEnable() || (rf.get(VfRegs.srrctl(q)) & VfRegs.SRRCTL_DROP_EN) != 0;
    }

    @Override
    public int maxFrame() {
      return pf.maxFrame();
    }

    @Override
    public boolean storeBadPackets() {
      return pf.storeBadPackets();
    }
  }

  // ---- accessors for tests, the orchestrator and the migration driver -------------------------

  /** The register file (read it; do not write it from outside the device). */
  public RegisterFile registers() {
    return rf;
  }

  /** The function's DMA port. */
  public DmaPort dma() {
    return dma;
  }

  /** The PF model behind the mailbox. */
  public PfAgent pf() {
    return pf;
  }

  /** The mailbox. */
  public VfMailbox mailbox() {
    return mbx;
  }

  /** The receive engine. */
  public RxEngine rx() {
    return rx;
  }

  /** The transmit engine. */
  public TxEngine tx() {
    return tx;
  }

  /** MSI-X messages sent on a vector (0..2). */
  public long msixSent(int vector) {
    return irq.sent(vector);
  }

  /** Times a latched, enabled cause was held back by VTEITR moderation. */
  public long msixHeld() {
    return irq.held();
  }

  /** The moderation interval of {@code vector} as VTEITR programs it, in nanoseconds. */
  public long moderationIntervalNanos(int vector) {
    return irq.intervalNanos(vector);
  }

  /**
   * Device time passes ({@code nanos} of wall time): an interrupt held by VTEITR moderation is sent
   * once its interval has run out. Only the interrupt timers use this time; DMA progresses by
   * {@link #step()}.
   */
  public void elapse(long nanos) {
    irq.elapse(nanos);
    if (!frozen) {
      mbx.elapse(nanos); // a stopped VF's mailbox does not change
    }
  }

  /**
   * The host's PF driver resets for {@code nanos} of device time ({@link VfMailbox#pfReset}): RSTI
   * is set meanwhile, then RSTD.
   */
  public void pfReset(long nanos) {
    mbx.pfReset(nanos);
  }

  /** Device steps taken that made progress. */
  public long steps() {
    return steps;
  }

  /** MMIO writes refused while the state was frozen. */
  public long frozenWrites() {
    return frozenWrites;
  }

  // ---- MMIO ----------------------------------------------------------------------------------

  /** A 32-bit guest read of BAR0 at {@code offset}. */
  public int mmioRead(int offset) {
    Reg r = rf.map().at(offset);
    if (r == null) {
      return rf.unknownRead();
    }
    return switch (r.access()) {
      case MAILBOX -> mbx.read(!frozen);
      case RO, STAT, RW, W1S, HEAD, TAIL, QUEUE_CTRL, RC_W1C, W1C_WO, RESET_CTRL ->
          rf.read(r, !frozen);
    };
  }

  /** A 32-bit guest write of BAR0 at {@code offset}. */
  public void mmioWrite(int offset, int value) {
    if (frozen) {
      frozenWrites++;
      return;
    }
    Reg r = rf.map().at(offset);
    if (r == null) {
      rf.unknownWrite();
      return;
    }
    switch (r.access()) {
      case RO, STAT, RW, RC_W1C, W1C_WO -> {
        rf.write(r, value);
        if (offset >= VfRegs.VTIVAR0 && offset < VfRegs.VTIVAR_MISC) {
          irq.refresh(); // interrupt routing changed
        }
        return;
      }
      case W1S -> {
        rf.write(r, value);
        irq.fire(); // EICS raised causes or EIMS enabled latched ones
        return;
      }
      case RESET_CTRL -> {
        if ((value & VfRegs.VFCTRL_RST) != 0) {
          vfReset();
        }
        return;
      }
      case MAILBOX -> {
        mbx.write(value);
        return;
      }
      case HEAD -> {
        // RDH/TDH are written only to re-initialise a disabled queue; ignored while enabled.
        if ((rf.get(offset + 0x18) & VfRegs.DCTL_ENABLE) == 0) {
          rf.set(offset, value & r.writeMask());
        } else {
          rf.droppedWrite();
        }
        return;
      }
      case TAIL -> {
        rf.set(offset, (rf.get(offset) & ~r.writeMask()) | (value & r.writeMask()));
        return;
      }
      case QUEUE_CTRL -> {
        int old = rf.get(offset);
        int v = (old & ~r.writeMask()) | (value & r.writeMask());
        int q = rxQueueOf(offset);
        if (q >= 0 && (value & VfRegs.DCTL_ENABLE) != 0) {
          rx.cancelDisable(q);
        } else if (q >= 0
            && (old & VfRegs.DCTL_ENABLE) != 0
            && !enableClearsAtOnce
            && rx.requestDisable(q)) {
          v |= VfRegs.DCTL_ENABLE; // reads 1 until the frame in flight is written back
        }
        rf.set(offset, v);
        return;
      }
    }
    throw new AssertionError(r);
  }

  /** The Rx queue whose RXDCTL is at {@code offset}, or -1. */
  private static int rxQueueOf(int offset) {
    for (int q = 0; q < VfRegs.QUEUES; q++) {
      if (offset == VfRegs.rxdctl(q)) {
        return q;
      }
    }
    return -1;
  }

  /**
   * VFCTRL.RST: queues stop (ENABLE cleared), interrupt state clears, the PF sees the reset (VFLRE)
   * and forgets the VF's filters, and the mailbox reports RSTD. Ring registers survive (82599
   * specification update: they are not reset by VFLR). A frame in flight is abandoned.
   */
  private void vfReset() {
    for (int q = 0; q < VfRegs.QUEUES; q++) {
      rf.set(VfRegs.rxdctl(q), rf.get(VfRegs.rxdctl(q)) & ~VfRegs.DCTL_ENABLE);
      rf.set(VfRegs.txdctl(q), rf.get(VfRegs.txdctl(q)) & ~VfRegs.DCTL_ENABLE);
      tx.resetQueue(q);
    }
    rx.abandonCurrent();
    rf.set(VfRegs.VTEICR, 0);
    rf.set(VfRegs.VTEIMS, 0);
    rf.set(VfRegs.VTEIAC, 0);
    rf.set(VfRegs.VTEIAM, 0);
    pf.vfReset();
    mbx.vfReset();
  }

  // ---- wire and time -------------------------------------------------------------------------

  /** A frame arrives from the wire; false if the packet buffer overflowed (dropped, counted). */
  public boolean deliver(Frame f) {
    return rx.receive(f);
  }

  /**
   * One device micro-operation, alternating Rx and Tx when both have work. Returns false if the
   * device is idle or may not DMA.
   */
  public boolean step() {
    if (!frozen) {
      mbx.pfTurn(); // the PF runs beside the device
    }
    if (!dma.isAllowed()) {
      return false;
    }
    rx.tick();
    boolean progress;
    if (txFirst) {
      progress = stepTx() || stepRx();
    } else {
      progress = stepRx() || stepTx();
    }
    txFirst = !txFirst;
    return progress;
  }

  /**
   * One Rx micro-operation only. As a unit of device time it does not count down a pending
   * RXDCTL.ENABLE clear ({@link #step()} and {@link #rxTick()} do).
   */
  public boolean stepRx() {
    if (!dma.isAllowed() || !rx.step()) {
      return false;
    }
    tick();
    return true;
  }

  /** One Tx descriptor only (if VFTE is set). */
  public boolean stepTx() {
    if (!dma.isAllowed() || !pf.txEnabled() || !tx.step()) {
      return false;
    }
    tick();
    return true;
  }

  /**
   * One unit of device time for the Rx queue controls only (a pending RXDCTL.ENABLE clear counts
   * down), then one Rx micro-operation: what a guest's 1 us of waiting gives the device. Returns
   * whether the Rx micro-operation made progress.
   */
  public boolean rxTick() {
    if (!dma.isAllowed()) {
      return false;
    }
    rx.tick();
    return stepRx();
  }

  private void tick() {
    steps++;
    rf.set(VfRegs.VFFRTIMER, (int) steps);
  }

  /** Steps until idle or {@code max} steps; returns steps taken. */
  public int runUntilIdle(int max) {
    int n = 0;
    while (n < max && step()) {
      n++;
    }
    return n;
  }

  // ---- quiesce gates ---------------------------------------------------------------------------

  /** Opens or closes the DMA and interrupt gate. */
  public void setDmaAllowed(boolean allowed) {
    dma.setAllowed(allowed);
    irq.setAllowed(allowed);
  }

  /** True if the device may DMA. */
  public boolean isDmaAllowed() {
    return dma.isAllowed();
  }

  /** Freezes or unfreezes device state against MMIO (writes dropped, reads side-effect free). */
  public void setStateFrozen(boolean f) {
    frozen = f;
  }

  /** True while MMIO cannot change device state. */
  public boolean isStateFrozen() {
    return frozen;
  }

  /**
   * Quiesce on (VFIO STOP, STOP_COPY, RESUMING): the frame being placed is finished first, every
   * descriptor of it down to its EOP write-back, as the 82599 finishes the packet in flight before
   * a cleared RXDCTL.ENABLE reads back 0 (the completion {@code ixgbevf_disable_rx_queue} polls
   * for; RxDma's StopDevice likewise waits for no frame in flight), and so is a Tx packet part-way
   * through its descriptors ({@link TxEngine#finishPacket}). Then the Rx side stops ({@link
   * RxEngine#stop()}: the packet buffer is dropped and counted, frames arriving meanwhile are
   * dropped at arrival), no DMA, no interrupts, no MMIO state change. Quiesce off: everything
   * resumes, pending interrupts fire. Idempotent.
   */
  @Override
  public void setQuiesced(boolean quiesced) {
    if (quiesced && !frozen && dma.isAllowed()) {
      if (stopMidFrame) {
        if (rx.dataWritten()) {
          stepRx(); // the defect: only the descriptor whose buffer is written completes
        }
      } else {
        // a frame of at most Frame.MAX_LENGTH bytes spans at most 2 * MAX_LENGTH / 1024 + 2 steps
        for (int i = 0; i < 4 * Frame.MAX_LENGTH / 1024 + 4 && rx.frameInFlight(); i++) {
          stepRx();
        }
      }
      if (pf.txEnabled()) {
        for (int q = 0; q < VfRegs.QUEUES; q++) {
          steps += tx.finishPacket(q); // likewise the Tx packet being gathered
        }
      }
    }
    if (quiesced) {
      if (!frozen) {
        rx.completeDisables(); // the stop takes far longer than the read-back latency
      }
      rx.stop();
    } else {
      rx.start();
    }
    setStateFrozen(quiesced);
    setDmaAllowed(!quiesced);
  }

  /** True while quiesced. */
  public boolean isQuiesced() {
    return frozen && !dma.isAllowed();
  }

  /** The VF initiates no peer-to-peer DMA (its DMA targets guest memory only): nothing to do. */
  @Override
  public void setOutboundP2pBlocked(boolean blocked) {}

  @Override
  public FunctionIdentity identity() {
    return IDENTITY;
  }

  /**
   * Function-level reset: back to the power-on state (registers, rings, PF-held state); frames in
   * the packet buffer or in flight are dropped and counted, the emulator's own tallies go on.
   */
  @Override
  public void reset() {
    rx.reset();
    for (int q = 0; q < VfRegs.QUEUES; q++) {
      tx.resetQueue(q);
    }
    restoreImage(powerOnRegisters, powerOn.tx(), powerOn.pf()); // restoreValues copies them
    steps = 0;
    txFirst = false;
    tx.restoreNextQueue(0);
  }

  // ---- state ---------------------------------------------------------------------------------

  /**
   * The device state a migration carries: what a real 82599 VF and its PF expose (the table in
   * {@code conformance/docs/migrated-state.md}). The packet buffer, the frame being placed, the Tx
   * gather buffer and the emulator's own tallies are not in it.
   */
  public VfSnapshot snapshot() {
    ImmutableList.Builder<Integer> regs =
        ImmutableList.builderWithExpectedSize(VfSnapshot.REGISTER_WORDS);
    for (int v : rf.copyValues()) {
      regs.add(v);
    }
    return new VfSnapshot(regs.build(), txStates(), pf.state());
  }

  /** The per-queue transmit state a snapshot carries. */
  private ImmutableList<TxQueueState> txStates() {
    List<TxQueueState> txs = new ArrayList<>();
    for (int q = 0; q < VfRegs.QUEUES; q++) {
      txs.add(tx.save(q));
    }
    return ImmutableList.copyOf(txs);
  }

  /**
   * Re-creates the migrated state as a VMM and the destination PF can: every register a guest, the
   * PF (its per-VF aliases of the queue registers, PFMAILBOX/PFMBMEM) or the PF driver's {@code
   * struct vf_data_storage} can write is written, RDH/TDH included (a guest cannot write a head
   * while the queue is enabled; the PF's alias of the pool's queue registers can, which the 2015
   * RFC lacked and so shifted its rings). What no one can write stays as this device has it: the
   * read-only statistics (VFGPRC, VFGORC, VFMPRC, VFGPTC, VFGOTC), VFFRTIMER, VFSTATUS, VFLINKS and
   * VFRXMEMWRAP ({@link VfSnapshot#HARDWARE_OWNED}); ixgbevf, which remembers the source's last
   * readings, then counts a wrap ({@link org.vfiomc.conformance.guest.GuestVfStats}). VTEICR is
   * read-to-clear and not writable: the source's pending causes are re-raised through VTEICS (set
   * bits, after VTEIMS is restored), on top of whatever this device has latched. The quiesce gates
   * are migration state, not device state, and are left as they are; so is what the snapshot does
   * not carry (an idle packet buffer on a fresh destination). The table of every field and where
   * the hardware exposes it is {@code conformance/docs/migrated-state.md}.
   */
  public void restore(VfSnapshot s) {
    restore(unboxed(s), s.tx(), s.pf());
  }

  private static int[] unboxed(VfSnapshot s) {
    int[] regs = new int[VfSnapshot.REGISTER_WORDS];
    for (int i = 0; i < regs.length; i++) {
      regs[i] = s.registers().get(i);
    }
    return regs;
  }

  /** {@link #restore(VfSnapshot)} of the snapshot's parts; {@code regs} is the caller's to lose. */
  private void restore(int[] regs, List<TxQueueState> txs, PfVfState pfState) {
    if (restoresReadOnlyState) {
      restoreImage(regs, txs, pfState); // the defect: the pre-issue-10 restore of the whole image
      return;
    }
    int[] mine = rf.copyValues();
    for (int off : VfSnapshot.HARDWARE_OWNED) {
      regs[off >>> 2] = mine[off >>> 2];
    }
    int causes = regs[VfRegs.VTEICR >>> 2] & VfRegs.IRQ_MASK;
    regs[VfRegs.VTEICR >>> 2] = mine[VfRegs.VTEICR >>> 2];
    rf.restoreValues(regs);
    irq.refresh();
    irq.expireIntervals(); // the moderation timer is not migrated state
    mbx.forgetPending(); // nor is the PF's unfinished mailbox work
    for (int q = 0; q < VfRegs.QUEUES; q++) {
      tx.restore(q, txs.get(q));
    }
    pf.restore(pfState);
    if (causes != 0) {
      rf.write(rf.map().at(VfRegs.VTEICS), causes); // the VMM's VTEICS write
      irq.fire();
    }
  }

  /**
   * Writes the whole image, hardware-owned registers included (a function reset's power-on): the
   * register words {@code regs}, the Tx state {@code txs}, the PF-held state {@code pfState}.
   */
  private void restoreImage(int[] regs, List<TxQueueState> txs, PfVfState pfState) {
    rf.restoreValues(regs);
    irq.refresh();
    irq.expireIntervals();
    mbx.forgetPending();
    for (int q = 0; q < VfRegs.QUEUES; q++) {
      tx.restore(q, txs.get(q));
    }
    pf.restore(pfState);
  }

  @Override
  public byte[] saveState() {
    // the bytes of VfSnapshotCodec.encode(snapshot()), without boxing the register words
    return VfSnapshotCodec.encode(rf.copyValues(), txStates(), pf.state());
  }

  /**
   * Replaces the device state with a {@link VfSnapshotCodec} stream. All or nothing: a stream that
   * does not decode leaves the device unchanged and is refused with the codec's message (which
   * names the byte offset).
   */
  @Override
  public Optional<String> loadState(byte[] stream) {
    // decoded straight into an array: no 4,096 boxed words to unbox again
    int[] regs = new int[VfSnapshot.REGISTER_WORDS];
    VfSnapshotCodec.Rest s;
    try {
      s = VfSnapshotCodec.decodeInto(stream, regs);
    } catch (SnapshotFormatException e) {
      return Optional.of(e.getMessage());
    }
    String theirs = hostConfiguration(s.pf());
    String mine = hostConfiguration();
    if (!theirs.equals(mine)) {
      return Optional.of(
          "host-side configuration of the source VF ("
              + theirs
              + ") is not this VF's ("
              + mine
              + ")");
    }
    restore(regs, s.tx(), keepingAdminSettings(s.pf(), pf.state()));
    return Optional.empty();
  }

  /**
   * What the PF administrator fixed for this VF and both ends of a migration must share: the port
   * VLAN and its priority ({@code ip link set ... vf N vlan V qos Q}) and an administratively set
   * MAC ({@code ... vf N mac M}, Linux {@code ixgbe_ndo_set_vf_mac}), compared by the orchestrator
   * before the source stops and again by {@link #loadState} against the stream's PF-held state.
   */
  @Override
  public String hostConfiguration() {
    return hostConfiguration(pf.state());
  }

  private static String hostConfiguration(PfVfState p) {
    // "vlan=%d qos=%d admin-mac=%s" with the MAC as %012x, without the formatter (every load asks)
    String mac = "none";
    if (p.adminMac()) {
      String hex = Long.toHexString(p.mac());
      mac = hex.length() >= 12 ? hex : "0".repeat(12 - hex.length()) + hex;
    }
    return "vlan=" + p.portVlan() + " qos=" + p.portQos() + " admin-mac=" + mac;
  }

  /**
   * The source's PF-held state with this host's administrator policy kept: trust, spoof check, link
   * state, RSS query and the Tx rate limit ({@code ip link set ... vf N trust|spoofchk|state|
   * query_rss|max_tx_rate}) belong to the destination host, not to the migrated VF.
   */
  private static PfVfState keepingAdminSettings(PfVfState migrated, PfVfState host) {
    return new PfVfState(
        migrated.mac(),
        migrated.adminMac(),
        migrated.mcHashes(),
        migrated.clearToSend(),
        migrated.apiVersion(),
        migrated.features(),
        migrated.xcastMode(),
        migrated.vlans(),
        migrated.macvlans(),
        migrated.maxFrame(),
        migrated.portVlan(),
        migrated.portQos(),
        host.trusted(),
        host.spoofCheck(),
        host.rssQueryEnabled(),
        host.linkEnable(),
        host.txRate(),
        migrated.rxEnabled(),
        migrated.txEnabled(),
        migrated.queueDropEnable());
  }

  /** The first 8 bytes of the SHA-256 of the saved stream: equal iff the states are (whp). */
  @Override
  public long stateDigest() {
    try {
      byte[] h = MessageDigest.getInstance("SHA-256").digest(saveState());
      return ByteBuffer.wrap(h).getLong();
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is mandatory on every JVM", e);
    }
  }

  @Override
  public String toString() {
    return "Vf82599[steps=" + steps + ", rxFifo=" + rx.fifoSize() + "]";
  }
}
