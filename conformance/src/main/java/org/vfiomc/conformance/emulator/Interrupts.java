package org.vfiomc.conformance.emulator;

import org.vfiomc.conformance.emulator.regs.RegisterFile;
import org.vfiomc.conformance.emulator.regs.VfRegs;

/**
 * Interrupt causes and MSI-X delivery (Linux {@code ixgbevf/regs.h} and {@code
 * ixgbevf_configure_msix} in {@code ixgbevf_main.c}): causes are routed to vectors by
 * VTIVAR/VTIVAR_MISC, latched in VTEICR, and sent when enabled in VTEIMS; VTEIAC auto-clears the
 * cause and VTEIAM auto-masks the vector when the message is sent.
 *
 * <p>Interrupt moderation (issue 10, item 6): VTEITR(v)'s interval field (bits 11:3, {@code
 * IXGBE_MAX_EITR} = 0xFF8) is the least time between two messages of vector {@code v}. A cause that
 * becomes latched and enabled while the vector's interval runs is held in VTEICR (not lost) and
 * sent once the interval has passed; time passes only through {@link #elapse}. The interval's unit
 * is taken from the kernel's constants, not from the datasheet (UNVERIFIED): {@link
 * #EITR_UNIT_NANOS}. The interval timer itself is internal to the device (no register exposes it),
 * so it is not migrated: a restored VF starts with every interval expired. ixgbevf's dynamic ITR
 * ({@code ixgbevf_update_itr}, {@code ixgbevf_set_itr}) is not modelled; the driver writes the 20K
 * setting once ({@code ixgbevf_configure_msix}).
 */
final class Interrupts {
  static final int VECTORS = 3;

  /**
   * Nanoseconds per unit of the raw VTEITR value (interval field bits 11:3 counted with its three
   * low zero bits): Linux {@code ixgbevf.h} names {@code IXGBE_20K_ITR} = 200 "20K interrupts per
   * second" (50 us = 200 x 250 ns), {@code IXGBE_12K_ITR} = 336 (about 84 us) and {@code
   * IXGBE_100K_ITR} = 40 (10 us); so the field counts 2 us units. Datasheet UNVERIFIED.
   */
  static final long EITR_UNIT_NANOS = 250;

  /** VTEITR's interval field ({@code IXGBE_MAX_EITR}). */
  static final int EITR_INTERVAL_MASK = 0xFF8;

  private final RegisterFile rf;
  private final VfListener listener;
  private final long[] sent = new long[VECTORS];
  private final long[] nextAllowed = new long[VECTORS];
  private long held;
  private long now;
  private boolean allowed = true;
  private final boolean moderationIgnored;
  private final boolean heldCauseLost;

  Interrupts(RegisterFile rf, VfListener listener) {
    this(rf, listener, false, false);
  }

  /**
   * Interrupts with the mutants {@code VfDefect.EITR_IGNORED} ({@code moderationIgnored}) and
   * {@code VfDefect.MODERATED_CAUSE_LOST} ({@code heldCauseLost}).
   */
  Interrupts(
      RegisterFile rf, VfListener listener, boolean moderationIgnored, boolean heldCauseLost) {
    this.rf = rf;
    this.listener = listener;
    this.moderationIgnored = moderationIgnored;
    this.heldCauseLost = heldCauseLost;
    refresh();
  }

  /** The moderation interval of vector {@code v} in nanoseconds (0: none). */
  long intervalNanos(int v) {
    return (rf.get(VfRegs.VTEITR0 + 4 * v) & EITR_INTERVAL_MASK) * EITR_UNIT_NANOS;
  }

  /** Device time passes: held causes whose interval has run out are sent. */
  void elapse(long nanos) {
    now += nanos;
    fire();
  }

  /** Device time in nanoseconds (the sum of {@link #elapse} calls). */
  long now() {
    return now;
  }

  /** Times a latched, enabled cause was held back by moderation. */
  long held() {
    return held;
  }

  /** A restored or reset device: every moderation interval expired (the timer is not state). */
  void expireIntervals() {
    java.util.Arrays.fill(nextAllowed, 0);
  }

  void setAllowed(boolean a) {
    allowed = a;
    if (a) {
      fire();
    }
  }

  long sent(int v) {
    return sent[v];
  }

  void restoreSent(int v, long n) {
    sent[v] = n;
  }

  private static int vectorBit(int ivarByte) {
    if ((ivarByte & 0x80) == 0) {
      return 0;
    }
    int v = ivarByte & 0x3;
    return v < VECTORS ? 1 << v : 0;
  }

  private int ivarByte(int q, boolean tx) {
    int reg = rf.get(VfRegs.VTIVAR0 + 4 * (q / 2));
    int shift = 8 * ((q % 2) * 2 + (tx ? 1 : 0));
    return (reg >>> shift) & 0xFF;
  }

  // Cause bit per queue, decoded from VTIVAR; recomputed whenever VTIVAR changes (refresh()).
  private final int[] rxBit = new int[VfRegs.QUEUES];
  private final int[] txBit = new int[VfRegs.QUEUES];

  /** Re-decodes the VTIVAR routing (after a guest write or a restore). */
  void refresh() {
    for (int q = 0; q < VfRegs.QUEUES; q++) {
      rxBit[q] = vectorBit(ivarByte(q, false));
      txBit[q] = vectorBit(ivarByte(q, true));
    }
  }

  void rxQueue(int q) {
    raise(rxBit[q]);
  }

  void txQueue(int q) {
    raise(txBit[q]);
  }

  void other() {
    raise(vectorBit(rf.get(VfRegs.VTIVAR_MISC) & 0xFF));
  }

  void raise(int bits) {
    if (bits == 0) {
      return;
    }
    int eicr = rf.get(VfRegs.VTEICR);
    rf.set(VfRegs.VTEICR, eicr | bits);
    if ((rf.get(VfRegs.VTEIMS) & bits) != 0) {
      fire();
    }
  }

  /** Sends every cause that is latched and enabled. */
  void fire() {
    if (!allowed) {
      return;
    }
    int pending = rf.get(VfRegs.VTEICR) & rf.get(VfRegs.VTEIMS) & VfRegs.IRQ_MASK;
    while (pending != 0) {
      int bit = Integer.lowestOneBit(pending);
      pending &= ~bit;
      int v = Integer.numberOfTrailingZeros(bit);
      if (!moderationIgnored && now < nextAllowed[v]) {
        held++;
        if (heldCauseLost) {
          rf.set(VfRegs.VTEICR, rf.get(VfRegs.VTEICR) & ~bit); // the defect: not held, lost
        }
        continue; // latched in VTEICR; sent by elapse() once the interval has passed
      }
      nextAllowed[v] = now + intervalNanos(v);
      sent[v]++;
      if ((rf.get(VfRegs.VTEIAC) & bit) != 0) {
        rf.set(VfRegs.VTEICR, rf.get(VfRegs.VTEICR) & ~bit);
      }
      if ((rf.get(VfRegs.VTEIAM) & bit) != 0) {
        rf.set(VfRegs.VTEIMS, rf.get(VfRegs.VTEIMS) & ~bit);
      }
      listener.msix(v);
    }
  }
}
