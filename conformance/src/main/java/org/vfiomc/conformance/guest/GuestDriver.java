package org.vfiomc.conformance.guest;

import static com.google.common.base.Preconditions.checkArgument;
import static org.vfiomc.conformance.emulator.mailbox.MboxMsg.*;

import org.vfiomc.conformance.emulator.dma.GuestMemory;
import org.vfiomc.conformance.emulator.dma.Pages;
import org.vfiomc.conformance.emulator.regs.VfRegs;
import org.vfiomc.conformance.emulator.ring.RingRegs;

/**
 * The ixgbevf model: VF reset and mailbox handshake, API negotiation, queue query, max frame, then
 * one Tx and one Rx ring on queue 0 with interrupts routed to vector 0 and the mailbox to vector 1
 * (Linux {@code ixgbevf_open} and {@code ixgbevf_up} in {@code ixgbevf_main.c}). Memory layout from
 * {@code memBase}, each area page aligned: Rx ring, Tx ring, Rx buffers, Tx buffers.
 */
public final class GuestDriver {
  /** Mailbox polls before a transfer is declared timed out ({@code IXGBE_VF_MBX_INIT_TIMEOUT}). */
  static final int MBX_POLLS = 2000;

  /** Wait between two mailbox polls ({@code IXGBE_VF_MBX_INIT_DELAY} = 500 us, {@code mbx.h}). */
  static final long MBX_POLL_DELAY_NANOS = 500_000;

  /**
   * Polls of VFMAILBOX while RSTI/RSTD are asserted after VFCTRL.RST ({@code IXGBE_VF_INIT_TIMEOUT}
   * = 200 in {@code vf.h}), each after {@link #RESET_POLL_DELAY_NANOS} ({@code udelay(5)} in {@code
   * ixgbevf_reset_hw_vf}): the driver gives up with {@link UpResult#RESET_FAILED} after about 1 ms.
   */
  static final int RESET_POLLS = 200;

  /** Wait between two reset polls. */
  static final long RESET_POLL_DELAY_NANOS = 5_000;

  /**
   * The NAPI budget of one poll: frames handed to the stack before {@code ixgbevf_poll} returns and
   * lets NAPI call it again ({@code NAPI_POLL_WEIGHT} = 64 in Linux {@code netdevice.h}, the weight
   * ixgbevf registers its queue vectors with in {@code ixgbevf_alloc_q_vector}).
   */
  public static final int NAPI_BUDGET = 64;

  /**
   * VTEITR value of the Rx/Tx vector: {@code IXGBE_20K_ITR} = 200 (Linux {@code ixgbevf.h}), which
   * {@code ixgbevf_configure_msix} writes through {@code ixgbevf_write_eitr} when {@code
   * rx_itr_setting} is 1 (the default); the dynamic re-tuning of {@code ixgbevf_set_itr} is not
   * modelled.
   */
  public static final int RX_ITR_20K = 200;

  /** VTEITR.CNT_WDIS ({@code IXGBE_EITR_CNT_WDIS}): the write does not reset the counter. */
  public static final int EITR_CNT_WDIS = 1 << 31;

  /** The MSI-X vector of the Rx/Tx queue pair. */
  public static final int RX_VECTOR = 0;

  /** Result of bring-up. */
  public enum UpResult {
    UP,
    /** RSTI/RSTD still read as asserted after {@link #RESET_POLLS} polls (a PF reset too long). */
    RESET_FAILED,
    MAILBOX_TIMEOUT,
    RESET_NACKED,
    API_REFUSED,
    QUEUES_REFUSED
  }

  /**
   * Driver parameters.
   *
   * @param rxRingSize Rx descriptors (multiple of 8)
   * @param txRingSize Tx descriptors (multiple of 8)
   * @param bufferSize Rx/Tx buffer bytes (multiple of 1024)
   * @param dirty dummy-write strategy
   * @param done descriptor-done test
   * @param memBase first guest-physical byte the driver may use (page aligned)
   * @param stackBacklog complete frames the stack holds unread (a socket queue) before it reads the
   *     oldest and releases its buffers ({@link GuestRxRing}); 0 = read at once
   */
  public record Config(
      int rxRingSize,
      int txRingSize,
      int bufferSize,
      DirtyTracking dirty,
      DoneCheck done,
      long memBase,
      int stackBacklog) {
    public Config {
      checkArgument(bufferSize >= 1024 && bufferSize % 1024 == 0, "buffer size %s", bufferSize);
      checkArgument(Pages.offset(memBase) == 0, "memBase %s not page aligned", memBase);
      checkArgument(stackBacklog >= 0, "stack backlog %s", stackBacklog);
    }

    /** A stack that reads every frame at once. */
    public Config(
        int rxRingSize,
        int txRingSize,
        int bufferSize,
        DirtyTracking dirty,
        DoneCheck done,
        long memBase) {
      this(rxRingSize, txRingSize, bufferSize, dirty, done, memBase, 0);
    }

    /** The same with a stack that holds {@code n} frames unread. */
    public Config withStackBacklog(int n) {
      return new Config(rxRingSize, txRingSize, bufferSize, dirty, done, memBase, n);
    }

    /** 64-entry rings, 2 KiB buffers, the given strategy, modern length check, at 1 MiB. */
    public static Config of(DirtyTracking dirty) {
      return new Config(64, 64, 2048, dirty, DoneCheck.LENGTH, 1 << 20);
    }

    /** Bytes of guest memory the layout needs. */
    public long footprint() {
      return pageUp((long) rxRingSize * RingRegs.DESC_SIZE)
          + pageUp((long) txRingSize * RingRegs.DESC_SIZE)
          + rxBufferBytes()
          + pageUp((long) txRingSize * bufferSize);
    }

    /** The Rx page pool: {@link GuestRxRing#pagesFor} pages of two buffers. */
    long rxBufferBytes() {
      return pageUp((long) GuestRxRing.pagesFor(rxRingSize, stackBacklog) * 2 * bufferSize);
    }
  }

  private static long pageUp(long n) {
    return (n + Pages.PAGE_SIZE - 1) & -Pages.PAGE_SIZE;
  }

  private final Config cfg;
  private final GuestRxRing rx;
  private final GuestTxRing tx;
  private final int[] words = new int[VfRegs.MBMEM_WORDS];
  private Bar bar;
  private int mbxShadow;
  private long mac;
  private int api = -1;
  private java.util.function.LongConsumer delay = ns -> {};
  private final java.util.EnumSet<DriverDefect> defects =
      java.util.EnumSet.noneOf(DriverDefect.class);
  private boolean napiScheduled;
  private int pollWork;
  private long interrupts;
  private long napiCompletions;
  private long budgetExhausted;

  /** A driver for the VF behind {@code bar}, using {@code mem} from {@code cfg.memBase()}. */
  public GuestDriver(Bar bar, GuestMemory mem, Config cfg, RxStack stack) {
    checkArgument(mem.contains(cfg.memBase(), cfg.footprint()), "driver memory outside RAM");
    this.bar = bar;
    this.cfg = cfg;
    long rxRing = cfg.memBase();
    long txRing = rxRing + pageUp((long) cfg.rxRingSize() * RingRegs.DESC_SIZE);
    long rxBuf = txRing + pageUp((long) cfg.txRingSize() * RingRegs.DESC_SIZE);
    long txBuf = rxBuf + cfg.rxBufferBytes();
    this.rx =
        new GuestRxRing(
            mem,
            bar,
            0,
            rxRing,
            rxBuf,
            cfg.rxRingSize(),
            cfg.bufferSize(),
            cfg.dirty(),
            cfg.done(),
            stack,
            cfg.stackBacklog());
    this.tx = new GuestTxRing(mem, bar, 0, txRing, txBuf, cfg.txRingSize(), cfg.bufferSize());
  }

  /** The configuration. */
  public Config config() {
    return cfg;
  }

  /** Rx queue 0. */
  public GuestRxRing rx() {
    return rx;
  }

  /** Tx queue 0. */
  public GuestTxRing tx() {
    return tx;
  }

  /** MAC the PF assigned (0 before bring-up). */
  public long mac() {
    return mac;
  }

  /** Negotiated API enum, -1 before bring-up. */
  public int api() {
    return api;
  }

  /**
   * After a live migration: the same guest (driver state carried exactly, as KVM's dirty log
   * carries CPU-written memory) now runs on the destination's memory and VF.
   */
  public void migrateTo(Bar b, GuestMemory m) {
    rebind(b);
    rx.rebindMemory(m);
    tx.rebindMemory(m);
  }

  /** Points the driver at another BAR (the same VF after migration). */
  public void rebind(Bar b) {
    this.bar = b;
    rx.rebind(b);
    tx.rebind(b);
  }

  /**
   * What the driver's busy waits ({@code udelay}) give the rest of the system: by default nothing
   * (time is not modelled); a test or scenario passes the VF's {@code elapse}.
   */
  public void setDelay(java.util.function.LongConsumer nanos) {
    this.delay = java.util.Objects.requireNonNull(nanos, "delay");
  }

  // ---- mailbox transport (legacy ops with the kernel's R2C shadow) ---------------------------

  private int readMailbox() {
    int v = bar.read(VfRegs.VFMAILBOX);
    mbxShadow |= v & MB_R2C;
    return v | mbxShadow;
  }

  private boolean checkBit(int bit) {
    boolean set = (readMailbox() & bit) != 0;
    mbxShadow &= ~bit;
    return set;
  }

  /**
   * {@code ixgbevf_obtain_mbx_lock_vf}: write VFU and read it back until the VF owns the buffer
   * (refused while the PF holds PFU), waiting between tries.
   */
  private boolean lock() {
    for (int i = 0; i < MBX_POLLS; i++) {
      bar.write(VfRegs.VFMAILBOX, MB_VFU);
      if ((readMailbox() & MB_VFU) != 0) {
        return true;
      }
      delay.accept(MBX_POLL_DELAY_NANOS);
    }
    return false;
  }

  private boolean pollFor(int bit) {
    for (int i = 0; i < MBX_POLLS; i++) {
      if (checkBit(bit)) {
        return true;
      }
      delay.accept(MBX_POLL_DELAY_NANOS);
    }
    return false;
  }

  /**
   * Sends {@code n} words and reads the reply into {@link #words}; returns reply word 0 or 0. As
   * {@code ixgbevf_write_msg_read_ack}: lock, write the message, REQ (which drops VFU), poll for
   * PFACK, poll for PFSTS (the PF answers in its own time), then read the reply under the VFU lock
   * ({@code ixgbevf_read_mbx_vf}) and ACK it (which drops VFU).
   */
  private int request(int[] msg, int n) {
    if (!lock()) {
      return 0;
    }
    mbxShadow &= ~(MB_PFSTS | MB_PFACK); // flush stale status
    for (int i = 0; i < n; i++) {
      bar.write(VfRegs.VFMBMEM + 4 * i, msg[i]);
    }
    bar.write(VfRegs.VFMAILBOX, MB_REQ);
    if (!pollFor(MB_PFACK)) {
      return 0;
    }
    if (!defects.contains(DriverDefect.READ_REPLY_UNLOCKED)) {
      if (!pollFor(MB_PFSTS) || !lock()) {
        return 0;
      }
    }
    for (int i = 0; i < words.length; i++) {
      words[i] = bar.read(VfRegs.VFMBMEM + 4 * i);
    }
    bar.write(VfRegs.VFMAILBOX, MB_ACK);
    return words[0];
  }

  private static boolean acked(int w0, int id) {
    return (w0 & 0xFFFF) == id && (w0 & ACK) != 0;
  }

  // ---- bring-up ------------------------------------------------------------------------------

  /** The whole open sequence; the device must be stepped by nobody meanwhile (synchronous PF). */
  public UpResult bringUp() {
    for (int q = 0; q < VfRegs.QUEUES; q++) {
      bar.write(VfRegs.rxdctl(q), 0);
      bar.write(VfRegs.txdctl(q), 0);
    }
    bar.write(VfRegs.VTEIMC, VfRegs.IRQ_MASK);
    bar.read(VfRegs.VTEICR);
    bar.write(VfRegs.VFCTRL, VfRegs.VFCTRL_RST);
    if (!resetWait()) {
      return UpResult.RESET_FAILED;
    }
    mbxShadow = 0;
    int[] m = new int[VfRegs.MBMEM_WORDS];
    m[0] = RESET;
    int w0 = request(m, 1);
    if (w0 == 0) {
      return UpResult.MAILBOX_TIMEOUT;
    }
    if (!acked(w0, RESET)) {
      return UpResult.RESET_NACKED;
    }
    mac = getMac(words, 1);
    int[] apis = {API_17, API_16, API_15, API_14, API_13, API_12, API_11, API_10};
    for (int a : apis) {
      m[0] = API_NEGOTIATE;
      m[1] = a;
      m[2] = 0;
      if (acked(request(m, 3), API_NEGOTIATE)) {
        api = a;
        break;
      }
    }
    if (api < 0) {
      return UpResult.API_REFUSED;
    }
    if (api >= API_11) {
      m[0] = GET_QUEUES;
      if (!acked(request(m, 5), GET_QUEUES) || words[2] < 1) {
        return UpResult.QUEUES_REFUSED;
      }
    }
    m[0] = SET_LPE;
    m[1] = 1518; // MTU 1500 + 14 + 4
    request(m, 2);
    tx.configure();
    bar.write(VfRegs.VFPSRTYPE, (1 << 4) | (1 << 5) | (1 << 8) | (1 << 9) | (1 << 12));
    rx.configure();
    bar.write(VfRegs.VTIVAR0, 0x8080); // Rx0 and Tx0 -> vector 0
    bar.write(VfRegs.VTIVAR_MISC, 0x81); // mailbox -> vector 1
    bar.write(VfRegs.VTEITR0 + 4 * RX_VECTOR, RX_ITR_20K | EITR_CNT_WDIS); // ixgbevf_write_eitr
    m[0] = SET_MAC_ADDR;
    putMac(m, 1, mac);
    request(m, 3);
    bar.read(VfRegs.VTEICR);
    bar.write(VfRegs.VTEIAM, 0x3);
    bar.write(VfRegs.VTEIAC, 0x3);
    bar.write(VfRegs.VTEIMS, 0x3);
    return UpResult.UP;
  }

  /**
   * {@code ixgbevf_vlan_rx_add_vid}: ask the PF to add VLAN {@code vid} to the VF's filter
   * (SET_VLAN, MSGINFO 1 = add) and, once it acks, mark the VLAN active, so a tag stripped on that
   * VLAN is put into the skb. Returns false if the PF refused or did not answer (nothing joined).
   */
  public boolean addVlan(int vid) {
    int[] m = new int[VfRegs.MBMEM_WORDS];
    m[0] = SET_VLAN | (1 << 16);
    m[1] = vid & 0xFFF;
    if (!acked(request(m, 2), SET_VLAN)) {
      return false;
    }
    rx.joinVlan(vid);
    return true;
  }

  /**
   * {@code ixgbevf_reset_hw_vf}: "we cannot reset while the RSTI / RSTD bits are asserted". It
   * polls {@code check_for_rst} (true while either bit reads set; RSTD clears on read, RSTI stays
   * set while the PF is in reset) and goes on only once neither is seen; after {@link #RESET_POLLS}
   * polls it fails. Returns false on that timeout.
   */
  private boolean resetWait() {
    if (defects.contains(DriverDefect.INVERTED_RESET_WAIT)) {
      for (int i = 0; i < RESET_POLLS; i++) { // the pre-issue-10 model: wait until a bit shows
        if ((readMailbox() & (MB_RSTD | MB_RSTI)) != 0) {
          return true;
        }
      }
      return false;
    }
    for (int i = 0; i < RESET_POLLS; i++) {
      if (!checkBit(MB_RSTD | MB_RSTI)) {
        return true;
      }
      delay.accept(RESET_POLL_DELAY_NANOS);
    }
    return false;
  }

  /** One Rx micro-step (see {@link GuestRxRing#step()}), outside NAPI: a polling driver. */
  public boolean rxStep() {
    return rx.step();
  }

  /** Injects a driver mutant (tests only). */
  void inject(DriverDefect d) {
    defects.add(d);
    rx.inject(d);
    tx.inject(d);
  }

  // ---- interrupts and NAPI -------------------------------------------------------------------

  /**
   * An MSI-X message on {@code vector} ({@code ixgbevf_msix_clean_rings}): the queue vector
   * schedules NAPI ({@code napi_schedule_irqoff}); the vector is auto-masked by VTEIAM until the
   * poll re-enables it. The mailbox vector's work ({@code ixgbevf_msix_other}) is not modelled.
   */
  public void msix(int vector) {
    if (vector == RX_VECTOR) {
      interrupts++;
      napiScheduled = true;
    }
  }

  /**
   * One micro-step of NAPI polling (ixgbevf's interrupt-driven Rx): nothing unless an interrupt
   * scheduled NAPI. Then one Rx micro-step ({@link GuestRxRing#step()}); once {@link #NAPI_BUDGET}
   * frames went to the stack the poll returns its budget and NAPI polls again, the vector still
   * masked; a poll that finds nothing more finished under budget, so it completes NAPI ({@code
   * napi_complete_done}) and re-enables the vector ({@code ixgbevf_irq_enable_queues}: a VTEIMS
   * write, which sends at once any cause latched meanwhile, subject to moderation). This is {@code
   * ixgbevf_poll}. A lost interrupt, or a vector never re-enabled, leaves frames in the ring with
   * no one to clean them: {@link #rxStalled()}. Returns true if the driver did something.
   */
  public boolean napiStep() {
    if (!napiScheduled) {
      return false;
    }
    long before = rx.handedToStack();
    boolean progress = rx.step();
    pollWork += (int) (rx.handedToStack() - before);
    if (pollWork >= NAPI_BUDGET) {
      budgetExhausted++;
      pollWork = 0; // the poll returns its budget: NAPI keeps polling, the vector stays masked
      if (defects.contains(DriverDefect.COMPLETE_ON_FULL_BUDGET)) {
        completeNapi();
      }
      return true;
    }
    if (!progress) {
      completeNapi();
    }
    return true;
  }

  private void completeNapi() {
    napiScheduled = false;
    pollWork = 0;
    napiCompletions++;
    if (!defects.contains(DriverDefect.NEVER_REARM)) {
      bar.write(VfRegs.VTEIMS, 1 << RX_VECTOR);
    }
  }

  /**
   * A software interrupt on the queue vector (a VTEICS write, as {@code ixgbevf_check_hang_subtask}
   * does "to ensure rings are cleaned"): the driver's restore paths use it after re-programming a
   * ring, so that NAPI looks at the ring once.
   */
  public void kickRx() {
    bar.write(VfRegs.VTEICS, 1 << RX_VECTOR);
  }

  /** True while NAPI is scheduled (an interrupt came and the poll has not completed). */
  public boolean napiScheduled() {
    return napiScheduled;
  }

  /** Interrupts taken on the queue vector. */
  public long interrupts() {
    return interrupts;
  }

  /** Polls that completed NAPI under budget (each re-enabled the vector). */
  public long napiCompletions() {
    return napiCompletions;
  }

  /** Polls that used the whole budget. */
  public long budgetExhausted() {
    return budgetExhausted;
  }

  /**
   * The Rx ring stalled: NAPI is not scheduled but the descriptor at next_to_clean is written back
   * (a frame the device handed over that nothing will clean until another interrupt comes).
   */
  public boolean rxStalled() {
    return !napiScheduled && rx.doneAtNextToClean();
  }
}
