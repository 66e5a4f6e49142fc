package org.vfiomc.conformance.emulator.mailbox;

import static org.vfiomc.conformance.emulator.mailbox.MboxMsg.*;

import java.util.ArrayDeque;
import java.util.Arrays;
import org.vfiomc.conformance.emulator.regs.RegisterFile;
import org.vfiomc.conformance.emulator.regs.VfRegs;

/**
 * VFMAILBOX semantics on top of the register file (Linux {@code ixgbevf/mbx.c}; the PF side {@code
 * ixgbe/ixgbe_mbx.c}; QEMU {@code igb_set_vfmailbox}, {@code igb_mac_vfmailbox_read}). The mailbox
 * state is VFMAILBOX's stored value plus VFMBMEM, both in the register file.
 *
 * <p>The PF is a separate agent (issue 10, item 6): a REQ write only tells it a message is there;
 * it answers in its own later turns ({@link #pfTurn}), never inside the VF's write. A turn comes
 * with every VF access of VFMAILBOX (the VF spinning on the register leaves the PF's CPU time to
 * run; the real ratio is not known: UNVERIFIED) and with every device step or time step of {@code
 * Vf82599}. In its turns the PF, as {@code ixgbe_read_mbx_pf} and {@code ixgbe_write_mbx_pf} do,
 * takes PFU (refused while the VF holds VFU), reads the request, sets PFACK, then writes its reply
 * into the buffer {@link #PF_WORDS_PER_TURN} words per turn while holding PFU, and only then sets
 * PFSTS and drops PFU. A VF that reads the buffer before PFSTS, or without holding VFU while the PF
 * may write, can read a half-written reply.
 *
 * <p>A PF reset ({@link #pfReset}): RSTI reads 1 while it lasts, the PF answers nothing, and when
 * it is done RSTI clears and RSTD is set (the PF's reset-done handshake; {@code
 * ixgbevf_check_for_rst_vf} sees either bit).
 */
public final class VfMailbox {
  /** Reply words the PF writes into VFMBMEM per turn (UNVERIFIED pacing, see the class comment). */
  public static final int PF_WORDS_PER_TURN = 4;

  private final RegisterFile rf;
  private final PfAgent pf;
  private final Runnable otherInterrupt;
  private final boolean synchronous;
  private final int[] msg = new int[VfRegs.MBMEM_WORDS];
  private final int[] reply = new int[VfRegs.MBMEM_WORDS];
  private final ArrayDeque<int[]> outbox = new ArrayDeque<>();
  private long lockRefusals;
  private long pfLockRefusals;
  private boolean requestPending;
  private int[] writing;
  private int written;
  private long pfResetLeftNanos = -1;

  /** Mailbox of one VF; {@code otherInterrupt} raises the VF's mailbox/"other" cause. */
  public VfMailbox(RegisterFile rf, PfAgent pf, Runnable otherInterrupt) {
    this(rf, pf, otherInterrupt, false);
  }

  /**
   * A mailbox whose PF is {@code synchronous} (the mutant {@code VfDefect.SYNCHRONOUS_PF}: the
   * whole reply, PFACK and PFSTS inside the VF's REQ write, as the emulator had it before issue
   * 10).
   */
  public VfMailbox(RegisterFile rf, PfAgent pf, Runnable otherInterrupt, boolean synchronous) {
    this.rf = rf;
    this.pf = pf;
    this.otherInterrupt = otherInterrupt;
    this.synchronous = synchronous;
  }

  /** VFU take attempts refused because the PF held the buffer. */
  public long lockRefusals() {
    return lockRefusals;
  }

  /** PFU take attempts refused because the VF held the buffer. */
  public long pfLockRefusals() {
    return pfLockRefusals;
  }

  /** True while a PF reset is in progress (RSTI reads 1). */
  public boolean pfInReset() {
    return pfResetLeftNanos >= 0;
  }

  /** Device time left until a PF reset in progress is done; -1 if none is. */
  public long pfResetLeftNanos() {
    return pfResetLeftNanos;
  }

  /** Guest read: REQ/ACK read 0; PFSTS, PFACK and RSTD clear on read (if side effects). */
  public int read(boolean sideEffects) {
    if (sideEffects) {
      pfTurn();
    }
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
    if ((v & MB_REQ) != 0 && !pfInReset()) { // a PF in reset never sees the request
      requestPending = true;
      if (synchronous) {
        while (requestPending || writing != null || !outbox.isEmpty()) {
          if (!pfTurn()) {
            break;
          }
        }
      }
    }
    if ((v & MB_ACK) != 0) {
      pf.vfAcked();
    }
    pfTurn();
  }

  private boolean pfu() {
    return (rf.get(VfRegs.VFMAILBOX) & MB_PFU) != 0;
  }

  private boolean takePfu() {
    int v = rf.get(VfRegs.VFMAILBOX);
    if ((v & MB_VFU) != 0) {
      pfLockRefusals++;
      return false;
    }
    rf.set(VfRegs.VFMAILBOX, v | MB_PFU);
    return true;
  }

  /**
   * One turn of the PF: nothing during a PF reset; else it continues writing a reply (and finishes
   * it: PFSTS, PFU dropped, interrupt), or reads a pending request (PFACK, interrupt; its reply
   * queued), or starts writing the next queued message. Returns true if it did something.
   */
  public boolean pfTurn() {
    if (pfInReset()) {
      return false;
    }
    if (writing != null) {
      int end = Math.min(writing.length, written + PF_WORDS_PER_TURN);
      for (; written < end; written++) {
        rf.set(VfRegs.VFMBMEM + 4 * written, writing[written]);
      }
      if (written == writing.length) {
        writing = null;
        rf.set(VfRegs.VFMAILBOX, (rf.get(VfRegs.VFMAILBOX) & ~MB_PFU) | MB_PFSTS);
        otherInterrupt.run();
      }
      return true;
    }
    if (requestPending) {
      if (!takePfu()) {
        return false;
      }
      requestPending = false;
      for (int i = 0; i < msg.length; i++) {
        msg[i] = rf.get(VfRegs.VFMBMEM + 4 * i);
      }
      int n = pf.handle(msg, reply);
      if (n > 0) {
        outbox.addFirst(Arrays.copyOf(reply, n));
      }
      rf.set(VfRegs.VFMAILBOX, (rf.get(VfRegs.VFMAILBOX) & ~MB_PFU) | MB_PFACK);
      otherInterrupt.run();
      return true;
    }
    if (!outbox.isEmpty() && !pfu()) {
      if (!takePfu()) {
        return false;
      }
      writing = outbox.poll();
      written = 0;
      return true;
    }
    return false;
  }

  /** PF-initiated message (e.g. the control ping): written in the PF's next turns, then PFSTS. */
  public void pfSend(int[] words, int n) {
    outbox.add(Arrays.copyOf(words, n));
    pfTurn();
  }

  /**
   * The PF driver resets (e.g. {@code ixgbe_reset} after a configuration change) and needs {@code
   * nanos} of device time: RSTI reads 1 and the PF answers nothing until then; a request in
   * progress and queued messages are lost; then RSTI clears and RSTD is set. The PF forgets the
   * VF's negotiated state ({@code PfAgent#vfReset}): the VF must reset and handshake again.
   */
  public void pfReset(long nanos) {
    pfResetLeftNanos = Math.max(0, nanos);
    requestPending = false;
    writing = null;
    outbox.clear();
    rf.set(VfRegs.VFMAILBOX, (rf.get(VfRegs.VFMAILBOX) & ~MB_PFU) | MB_RSTI);
    pf.vfReset();
    otherInterrupt.run();
    if (nanos <= 0) {
      elapse(0);
    }
  }

  /** Device time passes: a PF reset in progress may end; the PF takes a turn. */
  public void elapse(long nanos) {
    if (pfResetLeftNanos >= 0) {
      pfResetLeftNanos -= nanos;
      if (pfResetLeftNanos > 0) {
        return;
      }
      pfResetLeftNanos = -1;
      rf.set(VfRegs.VFMAILBOX, (rf.get(VfRegs.VFMAILBOX) & ~MB_RSTI) | MB_RSTD);
      otherInterrupt.run();
    }
    pfTurn();
  }

  /**
   * The PF's side of a conversation in progress is forgotten (a function reset, or a restore: the
   * PF's pending work is not migration state; the registers are).
   */
  public void forgetPending() {
    requestPending = false;
    writing = null;
    outbox.clear();
    pfResetLeftNanos = -1;
  }

  /** The VF function was reset: report it through RSTD (the driver waits for it). */
  public void vfReset() {
    requestPending = false;
    writing = null;
    outbox.clear();
    rf.set(VfRegs.VFMAILBOX, (rf.get(VfRegs.VFMAILBOX) & ~(MB_VFU | MB_PFU)) | MB_RSTD);
  }
}
