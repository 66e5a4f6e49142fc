package org.vfiomc.conformance.emulator;

import org.vfiomc.conformance.emulator.mailbox.MboxMsg;
import org.vfiomc.conformance.emulator.regs.Reg;
import org.vfiomc.conformance.emulator.regs.RegisterFile;
import org.vfiomc.conformance.emulator.regs.RegisterMap;
import org.vfiomc.conformance.emulator.regs.VfRegs;

/**
 * A hostile guest's scripts against a VF at power-on, driven by a {@link ScriptInput}: the bodies
 * of the MMIO fuzz targets ({@code VfMmioFuzzTest}), also run by the snapshot codec's target to
 * reach device states and by {@code ReusableVfTest} to compare a reused VF with a fresh one. Each
 * returns a hash of the values its MMIO reads returned (what the guest saw).
 */
public final class GuestScripts {
  private static final Reg[] REGS = RegisterMap.VF_82599.all().toArray(new Reg[0]);
  private static final int[] MESSAGES = {
    MboxMsg.RESET,
    MboxMsg.SET_MAC_ADDR,
    MboxMsg.SET_MULTICAST,
    MboxMsg.SET_VLAN,
    MboxMsg.SET_LPE,
    MboxMsg.SET_MACVLAN,
    MboxMsg.API_NEGOTIATE,
    MboxMsg.GET_QUEUES,
    MboxMsg.GET_RETA,
    MboxMsg.GET_RSS_KEY,
    MboxMsg.UPDATE_XCAST_MODE,
    MboxMsg.GET_LINK_STATE,
    MboxMsg.FEATURES_NEGOTIATE
  };

  private GuestScripts() {}

  /**
   * The mailbox: VFMBMEM words with real message ids and flags, VFMAILBOX bit patterns, reads of
   * both, device steps (the PF answers between them) and quiesce toggles; with or without the
   * VF_RESET handshake first.
   */
  public static long mailbox(VfFixture f, ScriptInput in) {
    if (in.bool()) {
      f.resetHandshake();
    }
    long seen = 17;
    int ops = in.between(0, 64);
    for (int i = 0; i < ops && !in.exhausted(); i++) {
      switch (in.between(0, 5)) {
        case 0 -> {
          // a message word 0: id, flags, and a payload in the upper half
          int id = MESSAGES[in.between(0, MESSAGES.length - 1)];
          int flags = in.bool() ? 0 : in.anyInt() & 0xFF000000;
          f.vf.mmioWrite(VfRegs.VFMBMEM, id | flags | (in.between(0, 0xFF) << 16));
        }
        case 1 -> f.vf.mmioWrite(VfRegs.VFMBMEM + 4 * in.between(0, 15), in.anyInt());
        case 2 -> f.vf.mmioWrite(VfRegs.VFMAILBOX, in.between(0, 0x7F));
        case 3 -> seen = 31 * seen + f.vf.mmioRead(in.bool() ? VfRegs.VFMAILBOX : VfRegs.VFMBMEM);
        case 4 -> f.vf.step();
        default -> f.vf.setQuiesced(in.bool());
      }
    }
    return seen;
  }

  /**
   * The whole BAR after the VF_RESET handshake, optionally with Rx ring 0 programmed: writes to
   * real registers and to any word offset, reads anywhere, frames from the wire, device steps and
   * quiesce toggles.
   */
  public static long registers(VfFixture f, ScriptInput in) {
    f.resetHandshake();
    if (in.bool()) {
      f.rxRing(VfFixture.COUNT - 1);
    }
    long seen = 17;
    long frames = 0;
    int ops = in.between(0, 64);
    for (int i = 0; i < ops && !in.exhausted(); i++) {
      switch (in.between(0, 6)) {
        case 0, 1 -> f.vf.mmioWrite(REGS[in.between(0, REGS.length - 1)].offset(), in.anyInt());
        case 2 -> f.vf.mmioWrite(4 * in.between(0, RegisterFile.BAR_SIZE / 4 - 1), in.anyInt());
        case 3 ->
            seen = 31 * seen + f.vf.mmioRead(4 * in.between(0, RegisterFile.BAR_SIZE / 4 - 1));
        case 4 -> f.vf.deliver(f.frame(frames++, in.between(60, 1514)));
        case 5 -> f.vf.runUntilIdle(in.between(1, 32));
        default -> f.vf.setQuiesced(in.bool());
      }
    }
    return seen;
  }
}
