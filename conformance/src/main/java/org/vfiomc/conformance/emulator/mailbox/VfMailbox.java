package org.vfiomc.conformance.emulator.mailbox;

import static org.vfiomc.conformance.emulator.mailbox.MboxMsg.*;

import org.vfiomc.conformance.emulator.regs.RegisterFile;
import org.vfiomc.conformance.emulator.regs.VfRegs;

/**
 * VFMAILBOX semantics on top of the register file (Linux {@code ixgbevf/mbx.c}; QEMU {@code
 * igb_set_vfmailbox}, {@code igb_mac_vfmailbox_read}). The mailbox state is VFMAILBOX's stored
 * value plus VFMBMEM, both in the register file.
 */
public final class VfMailbox {
  private final RegisterFile rf;
  private final PfAgent pf;
  private final Runnable otherInterrupt;
  private final int[] msg = new int[VfRegs.MBMEM_WORDS];
  private final int[] reply = new int[VfRegs.MBMEM_WORDS];
  private long lockRefusals;

  /** Mailbox of one VF; {@code otherInterrupt} raises the VF's mailbox/"other" cause. */
  public VfMailbox(RegisterFile rf, PfAgent pf, Runnable otherInterrupt) {
    this.rf = rf;
    this.pf = pf;
    this.otherInterrupt = otherInterrupt;
  }

  /** VFU take attempts refused because the PF held the buffer. */
  public long lockRefusals() {
    return lockRefusals;
  }

  /** Guest read: REQ/ACK read 0; PFSTS, PFACK and RSTD clear on read (if side effects). */
  public int read(boolean sideEffects) {
    int v = rf.get(VfRegs.VFMAILBOX);
    if (sideEffects) {
      rf.set(VfRegs.VFMAILBOX, v & ~MB_R2C);
    }
    return v & ~(MB_REQ | MB_ACK);
  }

  /** Guest write of VFMAILBOX. */
  public void write(int v) {
    int cur = rf.get(VfRegs.VFMAILBOX);
    int nv = cur & ~MB_VFU;
    if ((v & MB_VFU) != 0) {
      if ((cur & MB_PFU) == 0) {
        nv |= MB_VFU;
      } else {
        lockRefusals++;
      }
    }
    rf.set(VfRegs.VFMAILBOX, nv);
    if ((v & MB_REQ) != 0) {
      serviceRequest();
    }
    if ((v & MB_ACK) != 0) {
      pf.vfAcked();
    }
  }

  private void serviceRequest() {
    for (int i = 0; i < msg.length; i++) {
      msg[i] = rf.get(VfRegs.VFMBMEM + 4 * i);
    }
    int n = pf.handle(msg, reply);
    int bits = MB_PFACK;
    if (n > 0) {
      for (int i = 0; i < n; i++) {
        rf.set(VfRegs.VFMBMEM + 4 * i, reply[i]);
      }
      bits |= MB_PFSTS;
    }
    rf.set(VfRegs.VFMAILBOX, rf.get(VfRegs.VFMAILBOX) | bits);
    otherInterrupt.run();
  }

  /** PF-initiated message (e.g. the control ping): words into VFMBMEM, PFSTS, interrupt. */
  public void pfSend(int[] words, int n) {
    for (int i = 0; i < n; i++) {
      rf.set(VfRegs.VFMBMEM + 4 * i, words[i]);
    }
    rf.set(VfRegs.VFMAILBOX, rf.get(VfRegs.VFMAILBOX) | MB_PFSTS);
    otherInterrupt.run();
  }

  /** The VF function was reset: report it through RSTD (the driver waits for it). */
  public void vfReset() {
    rf.set(VfRegs.VFMAILBOX, (rf.get(VfRegs.VFMAILBOX) & ~(MB_VFU | MB_PFU)) | MB_RSTD);
  }
}
