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
  /** Mailbox polls before a transfer is declared timed out. */
  static final int MBX_POLLS = 100;

  /** Result of bring-up. */
  public enum UpResult {
    UP,
    RESET_NOT_REPORTED,
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
   */
  public record Config(
      int rxRingSize,
      int txRingSize,
      int bufferSize,
      DirtyTracking dirty,
      DoneCheck done,
      long memBase) {
    public Config {
      checkArgument(bufferSize >= 1024 && bufferSize % 1024 == 0, "buffer size %s", bufferSize);
      checkArgument(Pages.offset(memBase) == 0, "memBase %s not page aligned", memBase);
    }

    /** 64-entry rings, 2 KiB buffers, the given strategy, modern length check, at 1 MiB. */
    public static Config of(DirtyTracking dirty) {
      return new Config(64, 64, 2048, dirty, DoneCheck.LENGTH, 1 << 20);
    }

    /** Bytes of guest memory the layout needs. */
    public long footprint() {
      return pageUp((long) rxRingSize * RingRegs.DESC_SIZE)
          + pageUp((long) txRingSize * RingRegs.DESC_SIZE)
          + pageUp((long) rxRingSize * bufferSize)
          + pageUp((long) txRingSize * bufferSize);
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

  /** A driver for the VF behind {@code bar}, using {@code mem} from {@code cfg.memBase()}. */
  public GuestDriver(Bar bar, GuestMemory mem, Config cfg, RxStack stack) {
    checkArgument(mem.contains(cfg.memBase(), cfg.footprint()), "driver memory outside RAM");
    this.bar = bar;
    this.cfg = cfg;
    long rxRing = cfg.memBase();
    long txRing = rxRing + pageUp((long) cfg.rxRingSize() * RingRegs.DESC_SIZE);
    long rxBuf = txRing + pageUp((long) cfg.txRingSize() * RingRegs.DESC_SIZE);
    long txBuf = rxBuf + pageUp((long) cfg.rxRingSize() * cfg.bufferSize());
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
            stack);
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

  /** Sends {@code n} words and reads the reply into {@link #words}; returns reply word 0 or 0. */
  private int request(int[] msg, int n) {
    boolean locked = false;
    for (int i = 0; i < MBX_POLLS && !locked; i++) {
      bar.write(VfRegs.VFMAILBOX, MB_VFU);
      locked = (readMailbox() & MB_VFU) != 0;
    }
    if (!locked) {
      return 0;
    }
    mbxShadow &= ~(MB_PFSTS | MB_PFACK); // flush stale status
    for (int i = 0; i < n; i++) {
      bar.write(VfRegs.VFMBMEM + 4 * i, msg[i]);
    }
    bar.write(VfRegs.VFMAILBOX, MB_REQ);
    boolean acked = false;
    for (int i = 0; i < MBX_POLLS && !acked; i++) {
      acked = checkBit(MB_PFACK);
    }
    boolean replied = false;
    for (int i = 0; acked && i < MBX_POLLS && !replied; i++) {
      replied = checkBit(MB_PFSTS);
    }
    if (!replied) {
      return 0;
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
    boolean reset = false;
    for (int i = 0; i < 200 && !reset; i++) {
      reset = (readMailbox() & (MB_RSTD | MB_RSTI)) != 0;
    }
    if (!reset) {
      return UpResult.RESET_NOT_REPORTED;
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
    m[0] = SET_MAC_ADDR;
    putMac(m, 1, mac);
    request(m, 3);
    bar.read(VfRegs.VTEICR);
    bar.write(VfRegs.VTEIAM, 0x3);
    bar.write(VfRegs.VTEIAC, 0x3);
    bar.write(VfRegs.VTEIMS, 0x3);
    return UpResult.UP;
  }

  /** One Rx micro-step (see {@link GuestRxRing#step()}). */
  public boolean rxStep() {
    return rx.step();
  }
}
