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
 * Each slot owns a fixed buffer at {@code bufferBase + slot * bufferSize}. A slot that comes round
 * again unrefilled never reads as done: the DD-checking driver clears {@code status_error} after
 * consuming a descriptor; the length-checking driver zeroes the length of the slot at next_to_use
 * after each refill (both as ixgbevf does).
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
  private final int count;
  private final int bufferSize;
  private final DirtyTracking dirty;
  private final DoneCheck done;
  private final RxStack stack;
  private final byte[] scratch;
  private final byte[] skb = new byte[Frame.MAX_LENGTH];
  private Bar bar;
  private int skbLen;
  private int ntc;
  private int ntu;
  private Phase phase;
  private long delivered;
  private long driverDrops;
  private long dummyWrites;

  /**
   * Buffer rotation: slot {@code s} owns buffer {@code (s + bufferShift) % count}. 0 until a SHIFT
   * restore rotates the ring (the RFC rotates rx_buffer_info with the descriptors).
   */
  private int bufferShift;

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
      RxStack stack) {
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

  /** Guest-physical address of buffer {@code b} (buffers are fixed; slots map to them). */
  public long bufferAddress(int b) {
    return bufferBase + (long) b * bufferSize;
  }

  /** The buffer slot {@code s} owns ({@code rx_buffer_info[s]}). */
  public int bufferOf(int s) {
    int b = s + bufferShift;
    return b < count ? b : b % count; // no division for a slot index in [0, count)
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
    bar.write(VfRegs.rxdctl(queue), VfRegs.DCTL_ENABLE);
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
    bufferShift = (bufferShift + h) % count;
    ntc = Math.floorMod(ntc - h, count);
    ntu = Math.floorMod(ntu - h, count);
    bar.write(VfRegs.rxdctl(queue), 0);
    bar.write(VfRegs.rdh(queue), 0);
    bar.write(VfRegs.rdt(queue), Math.floorMod(t - h, count));
    bar.write(VfRegs.rxdctl(queue), VfRegs.DCTL_ENABLE);
  }

  /**
   * Ring restore HEAD_ZERO (broken): RDH comes back as 0 and nothing is shifted; RDT keeps its
   * saved value. The device now owns slots the driver has not cleaned yet.
   */
  public void restoreHeadZero() {
    bar.write(VfRegs.rxdctl(queue), 0);
    bar.write(VfRegs.rdh(queue), 0);
    bar.write(VfRegs.rxdctl(queue), VfRegs.DCTL_ENABLE);
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
    bar.write(VfRegs.rxdctl(queue), VfRegs.DCTL_ENABLE);
    ntc = 0;
    ntu = 0;
    skbLen = 0;
    bufferShift = 0;
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

  /** Frames handed to the stack. */
  public long delivered() {
    return delivered;
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

  private long buffer(int i) {
    return bufferAddress(bufferOf(i));
  }

  /** Posts every unused slot and writes RDT (after the descriptors, i.e. after the "wmb()"). */
  void refill() {
    int n = unused();
    if (n == 0) {
      return;
    }
    for (int i = 0; i < n; i++) {
      long d = desc(ntu);
      mem.writeLong(d + AdvRxDesc.PKT_ADDR, buffer(ntu));
      mem.writeLong(d + AdvRxDesc.HDR_ADDR, 0); // also zeroes status and length
      ntu = ntu + 1 == count ? 0 : ntu + 1;
    }
    if (done == DoneCheck.LENGTH) {
      // modern ixgbevf: zero the length of the first unposted slot, so a clean loop that catches
      // up with next_to_use never mistakes last lap's write-back for a new one
      mem.writeShort(desc(ntu) + AdvRxDesc.LENGTH, 0);
    }
    bar.write(VfRegs.rdt(queue), ntu);
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
    if (phase == initialPhase() && skbLen == 0 && !isDone(ntc)) {
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

  private void consume() {
    long d = desc(ntc);
    int status = (int) upper;
    int len = (int) (upper >>> 32) & 0xFFFF;
    if (skbLen + len <= skb.length) {
      mem.read(buffer(ntc), skb, skbLen, len);
      skbLen += len;
    } else {
      status |= AdvRxDesc.ERR_LE; // oversize gather: drop like a length error
    }
    if (done == DoneCheck.DESCRIPTOR_DD) {
      mem.writeInt(d + AdvRxDesc.STATUS_ERROR, 0); // older ixgbevf clears status_error
    }
    int slot = ntc;
    ntc = ntc + 1 == count ? 0 : ntc + 1;
    if ((status & AdvRxDesc.STAT_EOP) != 0) {
      if ((status & AdvRxDesc.ERR_FRAME) != 0 || skbLen < Frame.MIN_LENGTH) {
        driverDrops++;
      } else {
        delivered++;
        stack.receive(skb, skbLen, queue, slot);
      }
      skbLen = 0;
    }
  }
}
