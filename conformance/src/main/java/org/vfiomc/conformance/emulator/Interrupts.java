package org.vfiomc.conformance.emulator;

import org.vfiomc.conformance.emulator.regs.RegisterFile;
import org.vfiomc.conformance.emulator.regs.VfRegs;

/**
 * Interrupt causes and MSI-X delivery (Linux {@code ixgbevf/regs.h} and {@code
 * ixgbevf_configure_msix} in {@code ixgbevf_main.c}): causes are routed to vectors by
 * VTIVAR/VTIVAR_MISC, latched in VTEICR, and sent when enabled in VTEIMS; VTEIAC auto-clears the
 * cause and VTEIAM auto-masks the vector when the message is sent. EITR moderation is not modelled
 * (every enabled cause sends at once).
 */
final class Interrupts {
  static final int VECTORS = 3;
  private final RegisterFile rf;
  private final VfListener listener;
  private final long[] sent = new long[VECTORS];
  private boolean allowed = true;

  Interrupts(RegisterFile rf, VfListener listener) {
    this.rf = rf;
    this.listener = listener;
    refresh();
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
