package org.vfiomc.conformance.guest;

import static com.google.common.base.Preconditions.checkArgument;

import org.vfiomc.conformance.emulator.dma.GuestMemory;
import org.vfiomc.conformance.emulator.packet.Frame;
import org.vfiomc.conformance.emulator.regs.VfRegs;
import org.vfiomc.conformance.emulator.ring.AdvRxDesc;
import org.vfiomc.conformance.emulator.ring.RingRegs;

/**
 * The driver's side of one Rx ring ({@code ixgbevf_clean_rx_irq} and {@code
 * ixgbevf_alloc_rx_buffers}), one micro-step at a time.
 *
 * <pre>
 *   0 ...... ntc ............... ntu ...... count
 *   | unused | posted to hardware | unused |     unused = floorMod(ntc - ntu - 1, count)
 * </pre>
 *
 * <p>Buffers are page halves, as ixgbevf keeps them with 4 KiB pages and 2 KiB buffers ({@code
 * ixgbevf_alloc_mapped_page}, {@code ixgbevf_add_rx_frag}, {@code ixgbevf_can_reuse_rx_page},
 * {@code ixgbevf_reuse_rx_page} in {@code ixgbevf_main.c}): a "page" here is two buffers ({@code 2
 * x bufferSize} bytes, one 4 KiB page for the default 2 KiB buffers) from a pool of {@link
 * #pages()} in guest memory. A slot holds a page and the offset of the half it posts. When the
 * driver consumes a buffer, the frame's skb takes that half, the slot's offset flips to the other
 * half ({@code page_offset ^= truesize}), and the page goes back to the ring at next_to_alloc only
 * if the stack no longer holds that other half; otherwise the driver lets the page go (it returns
 * to the pool once the stack releases its halves) and the next refill allocates a new one.
 *
 * <p>The stack ({@link RxStack}) reads a frame only when it takes it off its backlog: {@code
 * stackBacklog} complete frames wait there (a socket queue), holding their halves; with a backlog
 * of 0 the stack reads each frame at once. So a half re-posted while the stack still holds it would
 * be overwritten before it is read.
 *
 * <p>Refill ({@code ixgbevf_alloc_rx_buffers}) writes only the packet buffer address of each
 * descriptor and zeroes the length of the one after it ("clear the length for the next_to_use
 * descriptor"), then writes RDT once for the batch. A slot that comes round again therefore never
 * reads as done: the length-checking driver sees the zero it wrote; the DD-checking (older) driver
 * clears {@code status_error} after consuming a descriptor.
 */
public final class GuestRxRing {
  /**
   * A dummy write touches one byte per 64-byte line of the buffer (read it, write it back): the
   * RFC's "read a byte and write it back", once per cache line the DMA may have filled, so a stale
   * write-back is visible in any frame longer than one line.
   */
  public static final int DUMMY_STRIDE = 64;

  /** Refill batch ({@code IXGBEVF_RX_BUFFER_WRITE}). */
  public static final int RX_BUFFER_WRITE = 16;

  private enum Phase {
    CHECK,
    DUMMY_READ,
    DUMMY_WRITE,
    CONSUME
  }

  private GuestMemory mem;
  private final int queue;
  private final long ringBase;
  private final long bufferBase;
  private final int stackBacklog;
  private final int pages;

  /** Per slot: the pool page it holds ({@code rx_buffer_info[i].page}), -1 for none. */
  private final int[] slotPage;

  /** Per slot: the offset of the half it posts ({@code page_offset}): 0 or {@code bufferSize}. */
  private final int[] slotOffset;

  /** Per pool page: bit h set while the stack (or the skb being built) holds half h. */
  private final int[] heldHalves;

  /** Per pool page: a slot of the ring holds it (the driver's reference). */
  private final boolean[] inRing;

  /** The page allocator: pool pages no one holds. */
  private final java.util.ArrayDeque<Integer> freePages = new java.util.ArrayDeque<>();

  /** next_to_alloc: where a reused page goes ({@code ixgbevf_reuse_rx_page}). */
  private int nta;

  /** Most buffers one frame can span (1 KiB buffers, the largest frame). */
  private static final int MAX_FRAGS = Frame.MAX_LENGTH / 1024 + 1;

  /**
   * The frame being gathered, as primitive arrays (no allocation per packet): per fragment its
   * buffer address, length, pool page and half.
   */
  private final long[] fragAddr = new long[MAX_FRAGS];

  private final int[] fragLen = new int[MAX_FRAGS];
  private final int[] fragPage = new int[MAX_FRAGS];
  private final int[] fragHalf = new int[MAX_FRAGS];
  private int nFrags;

  /** Complete frames the stack holds and has not read yet, oldest first. */
  private final java.util.ArrayDeque<StackFrame> backlog = new java.util.ArrayDeque<>();

  /**
   * A frame on the stack's backlog (allocated only when the stack holds frames): per fragment its
   * buffer address, length, page and half. A private holder, never compared or shared.
   */
  private static final class StackFrame {
    final long[] addr;
    final int[] len;
    final int[] page;
    final int[] half;
    final int slot;
    final int vlanTci;

    StackFrame(long[] addr, int[] len, int[] page, int[] half, int slot, int vlanTci) {
      this.addr = addr;
      this.len = len;
      this.page = page;
      this.half = half;
      this.slot = slot;
      this.vlanTci = vlanTci;
    }
  }

  private long pagesAllocated;
  private long pagesReused;
  private long allocFailed;
  private final int count;
  private final int bufferSize;
  private final DirtyTracking dirty;
  private final DoneCheck done;
  private final RxStack stack;
  private final byte[] scratch;
  private final byte[] skb = new byte[Frame.MAX_LENGTH];
  private final byte[] zeros = new byte[ETH_ZLEN];
  private Bar bar;
  private int skbLen;
  private int ntc;
  private int ntu;
  private Phase phase;
  private long delivered;
  private long driverDrops;
  private long dummyWrites;

  /** REINIT at the destination: cleaning the old ring, no refills, re-initialise when empty. */
  private boolean draining;

  GuestRxRing(
      GuestMemory mem,
      Bar bar,
      int queue,
      long ringBase,
      long bufferBase,
      int count,
      int bufferSize,
      DirtyTracking dirty,
      DoneCheck done,
      RxStack stack,
      int stackBacklog) {
    checkArgument(count >= 8 && count % 8 == 0, "ring size %s not a multiple of 8", count);
    this.mem = mem;
    this.bar = bar;
    this.queue = queue;
    this.ringBase = ringBase;
    this.bufferBase = bufferBase;
    this.count = count;
    this.bufferSize = bufferSize;
    this.dirty = dirty;
    this.done = done;
    this.stack = stack;
    this.scratch = new byte[bufferSize / DUMMY_STRIDE];
    this.stackBacklog = stackBacklog;
    this.pages = pagesFor(count, stackBacklog);
    this.slotPage = new int[count];
    this.slotOffset = new int[count];
    java.util.Arrays.fill(slotPage, -1);
    this.heldHalves = new int[pages];
    this.inRing = new boolean[pages];
    for (int p = 0; p < pages; p++) {
      freePages.add(p);
    }
    this.phase = initialPhase();
  }

  void rebind(Bar b) {
    this.bar = b;
  }

  void rebindMemory(GuestMemory m) {
    this.mem = m;
  }

  private Phase initialPhase() {
    return dirty == DirtyTracking.DUMMY_WRITE_BEFORE_CHECK ? Phase.DUMMY_READ : Phase.CHECK;
  }

  /** The ring's size in descriptors. */
  public int count() {
    return count;
  }

  /** Guest-physical address of the descriptor ring. */
  public long ringBase() {
    return ringBase;
  }

  /**
   * Minimum frame length the driver hands to the stack: shorter frames are padded with zeros to it
   * ({@code ETH_ZLEN} = 60, {@code eth_skb_pad} in {@code ixgbevf_cleanup_headers}).
   */
  public static final int ETH_ZLEN = 60;

  /**
   * Pool pages a ring of {@code count} slots needs when the stack holds up to {@code backlog}
   * frames: one per slot, one per held frame (a frame of one buffer; longer frames hold more, and a
   * refill that finds the pool empty is counted, {@link #allocFailed()}), and one spare.
   */
  static int pagesFor(int count, int backlog) {
    return count + backlog + 1;
  }

  /** Pool pages (each two buffers). */
  public int pages() {
    return pages;
  }

  /**
   * Guest-physical address of buffer {@code b} of the pool: page {@code b / 2}, half {@code b % 2}.
   */
  public long bufferAddress(int b) {
    return pageAddress(b / 2) + (long) (b % 2) * bufferSize;
  }

  private long pageAddress(int p) {
    return bufferBase + (long) p * 2 * bufferSize;
  }

  /** Pages the refill took from the pool ({@code alloc_rx_page}). */
  public long pagesAllocated() {
    return pagesAllocated;
  }

  /** Pages flipped and handed back to the ring ({@code ixgbevf_reuse_rx_page}). */
  public long pagesReused() {
    return pagesReused;
  }

  /** Refills that found the pool empty ({@code alloc_rx_page_failed}). */
  public long allocFailed() {
    return allocFailed;
  }

  /** Frames handed to the stack (read or not): what the NAPI budget counts. */
  public long handedToStack() {
    return handedToStack;
  }

  private long handedToStack;

  /** Frames the stack holds unread. */
  public int stackBacklog() {
    return backlog.size();
  }

  /** True while a REINIT restore is cleaning the old ring. */
  public boolean draining() {
    return draining;
  }

  /** Polls of RXDCTL.ENABLE in {@link #disableQueue} ({@code ixgbevf_disable_rx_queue}: 10). */
  public static final int DISABLE_POLLS = 10;

  /**
   * {@code ixgbevf_disable_rx_queue}: clear RXDCTL.ENABLE, then up to {@link #DISABLE_POLLS} times
   * wait 10 us ({@code udelay10us}, which gives the device that much time) and read RXDCTL until
   * ENABLE reads 0. The 82599 keeps ENABLE set until the frame it is writing is written back. If
   * the poll runs out the driver takes its give-up path: it logs ("RXDCTL.ENABLE queue %d not
   * cleared while polling"), counts here ({@link #disableTimeouts()}) and carries on as if the
   * queue were disabled. Returns true if ENABLE read 0.
   */
  public boolean disableQueue(Runnable udelay10us) {
    int v = bar.read(VfRegs.rxdctl(queue));
    bar.write(VfRegs.rxdctl(queue), v & ~VfRegs.DCTL_ENABLE);
    for (int i = 0; i < DISABLE_POLLS; i++) {
      udelay10us.run();
      if ((bar.read(VfRegs.rxdctl(queue)) & VfRegs.DCTL_ENABLE) == 0) {
        return true;
      }
    }
    disableTimeouts++;
    return false;
  }

  /** Times {@link #disableQueue} gave up with ENABLE still set. */
  public long disableTimeouts() {
    return disableTimeouts;
  }

  private long disableTimeouts;

  /**
   * Cooperative stop (GUEST_DRAIN), first half: {@link #disableQueue} (the device finishes the
   * frame it is writing, then ENABLE reads 0, and it drops and counts later frames); the caller
   * then cleans the ring. Returns false if the driver gave up polling.
   */
  public boolean disableForMigration(Runnable udelay10us) {
    return disableQueue(udelay10us);
  }

  /** The migration was abandoned after {@link #disableForMigration}: Rx runs on. */
  public void enableAfterAbort() {
    bar.write(VfRegs.rxdctl(queue), rxdctlEnabled);
  }

  /**
   * Ring restore SHIFT (the 2015 RFC) on the destination, whose RDH the driver cannot restore:
   * rotate the descriptors, rx_buffer_info and the driver's indices by the saved head {@code h} so
   * that it becomes index 0, then program RDH = 0, RDT = saved RDT - h and enable the queue.
   */
  public void restoreShift() {
    int h = bar.read(VfRegs.rdh(queue));
    int t = bar.read(VfRegs.rdt(queue));
    byte[] old = new byte[count * RingRegs.DESC_SIZE];
    mem.read(ringBase, old, 0, old.length);
    byte[] rotated = new byte[old.length];
    for (int s = 0; s < count; s++) {
      System.arraycopy(
          old,
          ((s + h) % count) * RingRegs.DESC_SIZE,
          rotated,
          s * RingRegs.DESC_SIZE,
          RingRegs.DESC_SIZE);
    }
    mem.write(ringBase, rotated, 0, rotated.length);
    int[] page = slotPage.clone();
    int[] off = slotOffset.clone();
    for (int s = 0; s < count; s++) {
      slotPage[s] = page[(s + h) % count];
      slotOffset[s] = off[(s + h) % count];
    }
    ntc = Math.floorMod(ntc - h, count);
    ntu = Math.floorMod(ntu - h, count);
    nta = Math.floorMod(nta - h, count);
    bar.write(VfRegs.rxdctl(queue), 0);
    bar.write(VfRegs.rdh(queue), 0);
    bar.write(VfRegs.rdt(queue), Math.floorMod(t - h, count));
    bar.write(VfRegs.rxdctl(queue), rxdctlEnabled);
  }

  /**
   * Ring restore HEAD_ZERO (broken): RDH comes back as 0 and nothing is shifted; RDT keeps its
   * saved value. The device now owns slots the driver has not cleaned yet.
   */
  public void restoreHeadZero() {
    bar.write(VfRegs.rxdctl(queue), 0);
    bar.write(VfRegs.rdh(queue), 0);
    bar.write(VfRegs.rxdctl(queue), rxdctlEnabled);
  }

  /**
   * Ring restore REINIT (Duyck): the queue stays disabled (RDH = RDT = 0) while the driver cleans
   * the old ring's done descriptors; the first poll that finds nothing re-initialises the ring as
   * at ifup ({@link #configure()}).
   */
  public void restoreReinit() {
    bar.write(VfRegs.rxdctl(queue), 0);
    bar.write(VfRegs.rdh(queue), 0);
    bar.write(VfRegs.rdt(queue), 0);
    draining = true;
  }

  /** Programs the ring registers, enables the queue and posts {@code count - 1} buffers. */
  void configure() {
    bar.write(VfRegs.rxdctl(queue), 0);
    bar.write(VfRegs.rdbal(queue), (int) ringBase);
    bar.write(VfRegs.rdbah(queue), (int) (ringBase >>> 32));
    bar.write(VfRegs.rdlen(queue), count * RingRegs.DESC_SIZE);
    bar.write(VfRegs.rdh(queue), 0);
    bar.write(VfRegs.rdt(queue), 0);
    mem.writeShort(ringBase + AdvRxDesc.LENGTH, 0);
    int bsize = bufferSize / 1024;
    bar.write(
        VfRegs.srrctl(queue),
        bsize | (1 << VfRegs.SRRCTL_DESCTYPE_SHIFT) | VfRegs.SRRCTL_DROP_EN | (4 << 8));
    bar.write(VfRegs.rxdctl(queue), rxdctlEnabled);
    ntc = 0;
    ntu = 0;
    nta = 0;
    skbLen = 0;
    for (int i = 0; i < nFrags; i++) {
      release(fragPage[i], fragHalf[i]); // an unfinished frame of the old ring is freed
    }
    nFrags = 0;
    for (int s = 0; s < count; s++) {
      if (slotPage[s] >= 0) {
        int p = slotPage[s];
        slotPage[s] = -1;
        inRing[p] = false; // ixgbevf_clean_rx_ring frees the ring's pages
        freeIfUnheld(p);
      }
    }
    phase = initialPhase();
    refill();
  }

  /** Slots neither posted nor waiting to be cleaned. */
  public int unused() {
    return (ntc > ntu ? 0 : count) + ntc - ntu - 1;
  }

  /** Next to clean. */
  public int nextToClean() {
    return ntc;
  }

  /** Next to use. */
  public int nextToUse() {
    return ntu;
  }

  /** Frames the stack has read. */
  public long delivered() {
    return delivered;
  }

  /**
   * RXDCTL as {@code ixgbevf_configure_rx_ring} leaves it: ENABLE and VME (strip 802.1Q tags; the
   * driver always sets it, and {@code NETIF_F_HW_VLAN_CTAG_RX} is a fixed feature of ixgbevf, not
   * one ethtool can turn off). A driver that wants the tags in the data (DPDK with stripping off)
   * writes ENABLE alone: {@link #setVlanStrip}.
   */
  public static final int RXDCTL_ENABLED = VfRegs.DCTL_ENABLE | VfRegs.RXDCTL_VME;

  /** The RXDCTL value this ring writes to enable its queue ({@link #RXDCTL_ENABLED} by default). */
  private int rxdctlEnabled = RXDCTL_ENABLED;

  /**
   * Whether the queue strips VLAN tags (RXDCTL.VME); takes effect at the next enable ({@link
   * #configure()}, a restore). Not an ixgbevf knob: for tests of the other side of the bit.
   */
  void setVlanStrip(boolean on) {
    rxdctlEnabled = on ? RXDCTL_ENABLED : VfRegs.DCTL_ENABLE;
  }

  /**
   * The VLANs the driver joined ({@code adapter->active_vlans}, set by {@code
   * ixgbevf_vlan_rx_add_vid} once the PF acked SET_VLAN). A stripped tag whose VLAN is not here is
   * not put into the skb ({@code ixgbevf_process_skb_fields}): the stack gets the frame untagged.
   */
  private final java.util.BitSet activeVlans = new java.util.BitSet(4096);

  void joinVlan(int vid) {
    activeVlans.set(vid & 0xFFF);
  }

  /** Frames the driver dropped (error bits). */
  public long driverDrops() {
    return driverDrops;
  }

  /** Dummy writes performed (each covers one buffer, one byte per line). */
  public long dummyWrites() {
    return dummyWrites;
  }

  private long desc(int i) {
    return ringBase + (long) i * RingRegs.DESC_SIZE;
  }

  /** The buffer slot {@code i} posts: its page's current half. */
  private long buffer(int i) {
    return pageAddress(slotPage[i]) + slotOffset[i];
  }

  /**
   * {@code ixgbevf_alloc_rx_buffers}: for each unused slot, a page if the slot has none ({@code
   * ixgbevf_alloc_mapped_page}: a reused page is already there; else one from the pool, half 0; an
   * empty pool ends the batch early, counted), then only the packet buffer address is written, and
   * the length of the next descriptor is zeroed; RDT is written once, after the batch (after the
   * "wmb()"), if anything was posted.
   */
  void refill() {
    int n = unused();
    int start = ntu;
    for (int i = 0; i < n; i++) {
      if (slotPage[ntu] < 0) {
        Integer p = freePages.poll();
        if (p == null) {
          allocFailed++;
          break;
        }
        slotPage[ntu] = p;
        slotOffset[ntu] = 0;
        inRing[p] = true;
        pagesAllocated++;
      }
      mem.writeLong(desc(ntu) + AdvRxDesc.PKT_ADDR, buffer(ntu));
      ntu = ntu + 1 == count ? 0 : ntu + 1;
      if (done == DoneCheck.LENGTH && !defects.contains(DriverDefect.REFILL_KEEPS_LENGTH)) {
        mem.writeShort(desc(ntu) + AdvRxDesc.LENGTH, 0); // "clear the length for next_to_use"
      }
    }
    nta = ntu;
    if (ntu != start) {
      bar.write(VfRegs.rdt(queue), ntu);
    }
  }

  private void release(int page, int half) {
    heldHalves[page] &= ~(1 << half);
    freeIfUnheld(page);
  }

  private void freeIfUnheld(int p) {
    if (!inRing[p] && heldHalves[p] == 0) {
      freePages.add(p);
    }
  }

  /** Upper half of the descriptor last found done (status/errors, length, vlan). */
  private long upper;

  /**
   * Reads the write-back upper half (one 8-byte load) and tests it. The driver reads status and
   * length again only "after rmb()"; the device never rewrites a done descriptor before it is
   * re-posted, so the value read here is the value read then.
   */
  private boolean isDone(int i) {
    upper = mem.readLong(desc(i) + AdvRxDesc.STATUS_ERROR);
    return done == DoneCheck.LENGTH
        ? (upper >>> 32 & 0xFFFF) != 0
        : (upper & AdvRxDesc.STAT_DD) != 0;
  }

  /**
   * One micro-step of the clean loop. Returns true if the driver did something (a refill, a dummy
   * read or write, a consumed descriptor), false if it polled and found nothing.
   */
  public boolean step() {
    if (draining) {
      return drainingStep();
    }
    if (unused() >= RX_BUFFER_WRITE) {
      refill();
      return true;
    }
    return phase == Phase.CHECK ? check() : dummyOrConsume();
  }

  /** A step while REINIT cleans the old ring: no refills; re-initialise once it is clean. */
  private boolean drainingStep() {
    if (phase == initialPhase() && nFrags == 0 && !isDone(ntc)) {
      draining = false; // old ring clean: re-initialise it as at ifup
      configure();
      return true;
    }
    return phase == Phase.CHECK ? check() : dummyOrConsume();
  }

  /** Phase CHECK: test the descriptor at next_to_clean, then consume it (or dummy-write first). */
  private boolean check() {
    if (!isDone(ntc)) {
      if (dirty == DirtyTracking.DUMMY_WRITE_BEFORE_CHECK) {
        phase = Phase.DUMMY_READ; // the RFC re-dirties the buffer on every poll
      }
      return false;
    }
    if (dirty == DirtyTracking.DUMMY_WRITE_AFTER_CHECK) {
      phase = Phase.DUMMY_READ;
      return true;
    }
    consume();
    if (dirty == DirtyTracking.DUMMY_WRITE_BEFORE_CHECK) {
      phase = Phase.DUMMY_READ;
    }
    return true;
  }

  /** The phases after CHECK: the dummy read and write of the buffer, and the deferred consume. */
  private boolean dummyOrConsume() {
    switch (phase) {
      case CHECK -> {
        return check();
      }
      case DUMMY_READ -> {
        if (ntc == ntu) {
          return false; // nothing posted at ntc: no buffer to touch
        }
        for (int i = 0; i < scratch.length; i++) {
          scratch[i] = mem.readByte(buffer(ntc) + (long) i * DUMMY_STRIDE);
        }
        phase = Phase.DUMMY_WRITE;
        return true;
      }
      case DUMMY_WRITE -> {
        for (int i = 0; i < scratch.length; i++) {
          mem.writeByte(buffer(ntc) + (long) i * DUMMY_STRIDE, scratch[i]);
        }
        dummyWrites++;
        phase = dirty == DirtyTracking.DUMMY_WRITE_AFTER_CHECK ? Phase.CONSUME : Phase.CHECK;
        return true;
      }
      case CONSUME -> {
        consume();
        phase = Phase.CHECK;
        return true;
      }
    }
    throw new AssertionError(phase);
  }

  /** Driver mutants this ring carries (tests only). */
  private final java.util.EnumSet<DriverDefect> defects =
      java.util.EnumSet.noneOf(DriverDefect.class);

  void inject(DriverDefect d) {
    defects.add(d);
  }

  /**
   * True if the descriptor at next_to_clean reads as done (a frame, or part of one, is waiting for
   * the driver) and it is posted to the hardware or was.
   */
  public boolean doneAtNextToClean() {
    if (ntc == ntu) {
      return false;
    }
    long u = mem.readLong(desc(ntc) + AdvRxDesc.STATUS_ERROR);
    return done == DoneCheck.LENGTH ? (u >>> 32 & 0xFFFF) != 0 : (u & AdvRxDesc.STAT_DD) != 0;
  }

  /** Runs micro-steps until the driver polls and finds nothing; returns frames delivered. */
  public int poll(int budget) {
    long before = delivered;
    for (int i = 0; i < budget && step(); i++) {
      // keep cleaning
    }
    return (int) (delivered - before);
  }

  /**
   * Consumes the descriptor at next_to_clean ({@code ixgbevf_clean_rx_irq}): its half joins the
   * frame's skb, the slot's page flips to its other half and goes back to the ring at next_to_alloc
   * if the stack does not hold that half ({@code ixgbevf_put_rx_buffer}); at EOP a frame with one
   * of the frame error bits ({@link AdvRxDesc#ERR_FRAME}, {@code IXGBE_RXDADV_ERR_FRAME_ERR_MASK})
   * is freed ({@code ixgbevf_cleanup_headers}; ixgbevf counts it nowhere, not even in rx_packets:
   * {@link #driverDrops()} is the model's count of those frees), a short one is padded to {@link
   * #ETH_ZLEN}, the VLAN tag of a VP write-back is taken from the vlan field if the driver joined
   * that VLAN ({@code ixgbevf_process_skb_fields}), and the frame goes to the stack's backlog.
   */
  private void consume() {
    long d = desc(ntc);
    int status = (int) upper;
    int len = (int) (upper >>> 32) & 0xFFFF;
    int page = slotPage[ntc];
    int off = slotOffset[ntc];
    if (skbLen + len <= skb.length && nFrags < MAX_FRAGS) {
      int half = off == 0 ? 0 : 1;
      fragAddr[nFrags] = pageAddress(page) + off;
      fragLen[nFrags] = len;
      fragPage[nFrags] = page;
      fragHalf[nFrags] = half;
      nFrags++;
      heldHalves[page] |= 1 << half;
      skbLen += len;
    } else {
      status |= AdvRxDesc.ERR_LE; // oversize gather: drop like a length error
    }
    if (done == DoneCheck.DESCRIPTOR_DD) {
      mem.writeInt(d + AdvRxDesc.STATUS_ERROR, 0); // older ixgbevf clears status_error
    }
    slotPage[ntc] = -1;
    int flipped = off ^ bufferSize;
    int other = flipped == 0 ? 0 : 1;
    if ((heldHalves[page] & (1 << other)) == 0 || defects.contains(DriverDefect.REUSE_HELD_PAGE)) {
      slotPage[nta] = page; // ixgbevf_reuse_rx_page
      slotOffset[nta] = flipped;
      nta = nta + 1 == count ? 0 : nta + 1;
      pagesReused++;
    } else {
      inRing[page] = false; // the stack holds the other half: the driver lets the page go
    }
    int slot = ntc;
    ntc = ntc + 1 == count ? 0 : ntc + 1;
    if ((status & AdvRxDesc.STAT_EOP) != 0) {
      int n = nFrags;
      nFrags = 0;
      skbLen = 0;
      if ((status & AdvRxDesc.ERR_FRAME) != 0
          && !defects.contains(DriverDefect.DELIVERS_ERROR_FRAMES)) {
        driverDrops++;
        stack.droppedByDriver(skb, gather(fragAddr, fragLen, n), queue, slot);
        for (int k = 0; k < n; k++) {
          release(fragPage[k], fragHalf[k]);
        }
      } else {
        handedToStack++;
        int tci = RxStack.NO_VLAN;
        if ((status & AdvRxDesc.STAT_VP) != 0 && !defects.contains(DriverDefect.IGNORES_VP)) {
          int vlan = (int) (upper >>> 48) & 0xFFFF;
          if (activeVlans.get(vlan & 0xFFF)) {
            tci = vlan; // __vlan_hwaccel_put_tag
          }
        }
        if (stackBacklog == 0) {
          read(fragAddr, fragLen, fragPage, fragHalf, n, slot, tci); // the stack reads it at once
        } else {
          backlog.add(
              new StackFrame(
                  java.util.Arrays.copyOf(fragAddr, n),
                  java.util.Arrays.copyOf(fragLen, n),
                  java.util.Arrays.copyOf(fragPage, n),
                  java.util.Arrays.copyOf(fragHalf, n),
                  slot,
                  tci));
          while (backlog.size() > stackBacklog) {
            stackReads(backlog.poll());
          }
        }
      }
    }
  }

  private void stackReads(StackFrame f) {
    read(f.addr, f.len, f.page, f.half, f.addr.length, f.slot, f.vlanTci);
  }

  /** Copies a frame's {@code n} buffers into {@link #skb}; returns its length. */
  private int gather(long[] addr, int[] len, int n) {
    int total = 0;
    for (int k = 0; k < n; k++) {
      mem.read(addr[k], skb, total, len[k]);
      total += len[k];
    }
    return total;
  }

  /** The stack reads a frame's buffers, pads it if short, then releases the buffers. */
  private void read(long[] addr, int[] len, int[] page, int[] half, int n, int slot, int tci) {
    int total = gather(addr, len, n);
    if (total < ETH_ZLEN && !defects.contains(DriverDefect.NO_RX_PAD)) {
      System.arraycopy(zeros, 0, skb, total, ETH_ZLEN - total); // eth_skb_pad
      total = ETH_ZLEN;
    }
    delivered++;
    stack.receive(skb, total, queue, slot, tci);
    for (int k = 0; k < n; k++) {
      release(page[k], half[k]);
    }
  }

  /** The stack reads the oldest frame it holds, if any (the application reads one). */
  public boolean stackReadOne() {
    StackFrame f = backlog.poll();
    if (f == null) {
      return false;
    }
    stackReads(f);
    return true;
  }

  /** True if the stack (or the frame being gathered) holds the buffer at {@code addr}. */
  boolean heldByStack(long addr) {
    long rel = addr - bufferBase;
    if (rel < 0 || rel >= (long) pages * 2 * bufferSize || rel % bufferSize != 0) {
      return false;
    }
    int page = (int) (rel / (2L * bufferSize));
    int half = (int) (rel / bufferSize) % 2;
    return (heldHalves[page] & (1 << half)) != 0;
  }

  /** The stack reads every frame it holds (the application catches up). */
  public void flushStack() {
    while (!backlog.isEmpty()) {
      stackReads(backlog.poll());
    }
  }
}
