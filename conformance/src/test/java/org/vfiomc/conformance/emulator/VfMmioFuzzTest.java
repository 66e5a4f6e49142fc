package org.vfiomc.conformance.emulator;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import org.vfiomc.conformance.emulator.mailbox.MboxMsg;
import org.vfiomc.conformance.emulator.regs.Reg;
import org.vfiomc.conformance.emulator.regs.RegisterFile;
import org.vfiomc.conformance.emulator.regs.RegisterMap;
import org.vfiomc.conformance.emulator.regs.VfRegs;
import org.vfiomc.conformance.emulator.state.SnapshotFormatException;
import org.vfiomc.conformance.emulator.state.VfSnapshotCodec;
import org.vfiomc.conformance.testing.FuzzLimits;

/**
 * Coverage-guided fuzzing of the VF's guest-facing write paths: a hostile guest's sequence of MMIO
 * writes and reads, device steps, frames from the wire and quiesce toggles. Guest misbehaviour is
 * device behaviour: the device must never throw, and its state must always encode and decode
 * ({@link VfSnapshotCodec}). {@link #mailboxWrites} aims at the mailbox (VFMBMEM words with real
 * message ids and flags, VFMAILBOX bit patterns, a PF answering between steps); {@link
 * #registerWrites} at the whole BAR (any word offset, mostly real registers, any value). Crash
 * reproducers go to {@code VfMmioFuzzTestInputs/<method>}.
 */
final class VfMmioFuzzTest {
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

  /**
   * One VF for all inputs, reset to its power-on state (a function-level reset restores every
   * register, ring and PF-held value) before each: a fresh VF per input costs more than the input.
   */
  private static final VfFixture SHARED = new VfFixture();

  private static VfFixture powerOn() {
    SHARED.vf.reset();
    SHARED.vf.setQuiesced(false);
    return SHARED;
  }

  @FuzzTest(maxExecutions = FuzzLimits.EXECUTIONS, maxDuration = FuzzLimits.DURATION)
  void mailboxWrites(FuzzedDataProvider data) {
    VfFixture f = data.consumeBoolean() ? powerOn().resetHandshake() : powerOn();
    int ops = data.consumeInt(0, 64);
    for (int i = 0; i < ops && data.remainingBytes() > 0; i++) {
      switch (data.consumeInt(0, 5)) {
        case 0 -> {
          // a message word 0: id, flags, and a payload in the upper half
          int id = MESSAGES[data.consumeInt(0, MESSAGES.length - 1)];
          int flags = data.consumeBoolean() ? 0 : data.consumeInt() & 0xFF000000;
          f.vf.mmioWrite(VfRegs.VFMBMEM, id | flags | (data.consumeInt(0, 0xFF) << 16));
        }
        case 1 -> f.vf.mmioWrite(VfRegs.VFMBMEM + 4 * data.consumeInt(0, 15), data.consumeInt());
        case 2 -> f.vf.mmioWrite(VfRegs.VFMAILBOX, data.consumeInt(0, 0x7F));
        case 3 -> f.vf.mmioRead(data.consumeBoolean() ? VfRegs.VFMAILBOX : VfRegs.VFMBMEM);
        case 4 -> f.vf.step();
        default -> f.vf.setQuiesced(data.consumeBoolean());
      }
    }
    encodesAndDecodes(f);
  }

  @FuzzTest(maxExecutions = FuzzLimits.EXECUTIONS, maxDuration = FuzzLimits.DURATION)
  void registerWrites(FuzzedDataProvider data) {
    VfFixture f = powerOn().resetHandshake();
    if (data.consumeBoolean()) {
      f.rxRing(VfFixture.COUNT - 1);
    }
    long frames = 0;
    int ops = data.consumeInt(0, 64);
    for (int i = 0; i < ops && data.remainingBytes() > 0; i++) {
      switch (data.consumeInt(0, 6)) {
        case 0, 1 ->
            f.vf.mmioWrite(REGS[data.consumeInt(0, REGS.length - 1)].offset(), data.consumeInt());
        case 2 ->
            f.vf.mmioWrite(
                4 * data.consumeInt(0, RegisterFile.BAR_SIZE / 4 - 1), data.consumeInt());
        case 3 -> f.vf.mmioRead(4 * data.consumeInt(0, RegisterFile.BAR_SIZE / 4 - 1));
        case 4 -> f.vf.deliver(f.frame(frames++, data.consumeInt(60, 1514)));
        case 5 -> f.vf.runUntilIdle(data.consumeInt(1, 32));
        default -> f.vf.setQuiesced(data.consumeBoolean());
      }
    }
    encodesAndDecodes(f);
  }

  private static void encodesAndDecodes(VfFixture f) {
    try {
      VfSnapshotCodec.decode(f.vf.saveState());
    } catch (SnapshotFormatException e) {
      throw new AssertionError("the device's own state does not decode: " + e.getMessage(), e);
    }
  }
}
