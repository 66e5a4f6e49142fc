package org.vfiomc.conformance.emulator.mailbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.vfiomc.conformance.emulator.mailbox.MboxMsg.*;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.vfiomc.conformance.emulator.regs.RegisterFile;
import org.vfiomc.conformance.emulator.regs.RegisterMap;
import org.vfiomc.conformance.emulator.regs.VfRegs;

/**
 * The mailbox protocol turn by turn (issue 13, item 5: PIT survivors of {@code VfMailbox}), on a
 * register file, a PF and an interrupt counter of its own. The PF's side follows {@code
 * ixgbe_read_mbx_pf}/{@code ixgbe_write_mbx_pf} (Linux {@code ixgbe/ixgbe_mbx.c}): it takes PFU
 * (refused while the VF holds VFU), reads the request and sets PFACK, then writes its reply while
 * holding PFU, and only then sets PFSTS and drops PFU; each of PFACK and PFSTS raises the VF's
 * mailbox interrupt. The VF's side: {@code ixgbevf/mbx.c}.
 */
final class VfMailboxTest {
  private static final long MAC = 0x02_11_22_33_44_55L;
  private final RegisterFile rf = new RegisterFile(RegisterMap.VF_82599);
  private final PfAgent pf = new PfAgent(rf, MAC, false, false);
  private int interrupts;
  private final VfMailbox mbx = new VfMailbox(rf, pf, () -> interrupts++);

  private int bits() {
    return rf.get(VfRegs.VFMAILBOX);
  }

  /** The VF writes a request into VFMBMEM (no REQ yet). */
  private void request(int... words) {
    for (int i = 0; i < words.length; i++) {
      rf.set(VfRegs.VFMBMEM + 4 * i, words[i]);
    }
  }

  @Test
  void aRequest_isAckedInTheWritesTurn_andAnsweredInTheNextTwo() {
    // power-on VFMAILBOX is RSTD (0x80, the PF's reset done); clear it as the driver's first read
    assertEquals(MB_RSTD, mbx.read(true));
    assertEquals(0, bits());
    request(RESET);
    mbx.write(MB_REQ);
    // the write's own PF turn read the request: PFACK (and one interrupt), PFU released again
    assertEquals(MB_PFACK, bits());
    assertEquals(1, interrupts);
    assertEquals(1, pf.messages());
    // next turn: the PF takes PFU to write its 4-word RESET reply
    assertTrue(mbx.pfTurn());
    assertEquals(MB_PFACK | MB_PFU, bits());
    // next: the 4 words (PF_WORDS_PER_TURN = 4) land, PFSTS set, PFU dropped, a second interrupt
    assertTrue(mbx.pfTurn());
    assertEquals(MB_PFACK | MB_PFSTS, bits());
    assertEquals(2, interrupts);
    assertEquals(RESET | ACK, rf.get(VfRegs.VFMBMEM));
    assertEquals(0x33221102, rf.get(VfRegs.VFMBMEM + 4)); // 02:11:22:33 little-endian
    // nothing left to do
    assertFalse(mbx.pfTurn());
    assertEquals(2, interrupts);
  }

  @Test
  void aLongReply_takesOneTurnPerFourWords() {
    pf.setRssQueryEnabled(true);
    request(RESET);
    mbx.write(MB_REQ);
    while (mbx.pfTurn()) {
      // finish the RESET reply
    }
    request(API_NEGOTIATE, API_12);
    mbx.write(MB_REQ);
    while (mbx.pfTurn()) {
      // finish the negotiation's reply
    }
    mbx.read(true); // clear PFACK and PFSTS
    // GET_RSS_KEY: 11 words (word 0 and the 40-byte key), so 3 writing turns after the one that
    // takes PFU; PFSTS only after the last
    request(GET_RSS_KEY);
    mbx.write(MB_REQ);
    assertTrue(mbx.pfTurn()); // takes PFU
    assertTrue(mbx.pfTurn()); // words 0..3
    assertTrue(mbx.pfTurn()); // words 4..7
    assertEquals(MB_PFACK | MB_PFU, bits());
    assertTrue(mbx.pfTurn()); // words 8..10
    assertEquals(MB_PFACK | MB_PFSTS, bits());
    assertEquals(GET_RSS_KEY | ACK | CTS, rf.get(VfRegs.VFMBMEM));
    assertFalse(mbx.pfTurn());
  }

  @Test
  void whileTheVfHoldsVfu_thePfCannotTakeTheBuffer() {
    mbx.read(true);
    mbx.write(MB_VFU); // the VF takes the buffer; not a request
    assertEquals(MB_VFU, bits());
    assertEquals(0, pf.messages());
    request(RESET);
    mbx.write(MB_VFU | MB_REQ);
    // the write's turn: PFU refused, nothing read
    assertEquals(1, mbx.pfLockRefusals());
    assertEquals(MB_VFU, bits());
    assertFalse(mbx.pfTurn(), "refused again: no progress");
    assertEquals(2, mbx.pfLockRefusals());
    assertEquals(0, pf.messages());
    mbx.write(0); // released: the write's own turn reads the request
    assertEquals(MB_PFACK, bits());
    assertEquals(1, pf.messages());
    assertEquals(0, mbx.lockRefusals());
  }

  @Test
  void aPfMessage_waitsWhileTheVfHoldsVfu() {
    mbx.read(true);
    mbx.write(MB_VFU);
    mbx.pfSend(new int[] {PF_CONTROL_MSG}, 1);
    assertEquals(1, mbx.pfLockRefusals());
    assertFalse(mbx.pfTurn());
    assertEquals(MB_VFU, bits());
    mbx.write(0); // release; the write's turn takes PFU
    assertEquals(MB_PFU, bits());
    assertTrue(mbx.pfTurn());
    assertEquals(MB_PFSTS, bits());
    assertEquals(PF_CONTROL_MSG, rf.get(VfRegs.VFMBMEM));
    assertEquals(1, interrupts);
  }

  @Test
  void whileThePfHoldsPfu_theVfCannotTakeVfu() {
    mbx.read(true);
    mbx.pfSend(new int[] {PF_CONTROL_MSG, 1, 2, 3, 4, 5}, 6); // 6 words: two writing turns
    assertEquals(MB_PFU, bits());
    mbx.write(MB_VFU); // refused; the write's turn writes words 0..3
    assertEquals(1, mbx.lockRefusals());
    assertEquals(MB_PFU, bits(), "VFU not granted");
    assertTrue(mbx.pfTurn()); // words 4..5, PFSTS
    assertEquals(MB_PFSTS, bits());
    mbx.write(MB_VFU); // now free
    assertEquals(MB_PFSTS | MB_VFU, bits());
    assertEquals(1, mbx.lockRefusals());
  }

  @Test
  void onlyAckWritesAckAPfMessage() {
    mbx.write(MB_ACK);
    assertEquals(1, pf.vfAcks());
    mbx.write(MB_VFU);
    mbx.write(0);
    assertEquals(1, pf.vfAcks());
    mbx.write(MB_ACK);
    assertEquals(2, pf.vfAcks());
    assertEquals(0, pf.messages(), "an ACK is not a request");
  }

  @Test
  void aRequestCarryingAckOrNack_isAcknowledgedButNeverAnswered() {
    // ixgbe_rcv_msg_from_vf ignores a message that already has ACK or NACK: no reply, so no PFSTS
    mbx.read(true);
    request(RESET | ACK);
    mbx.write(MB_REQ);
    assertEquals(MB_PFACK, bits());
    for (int i = 0; i < 4; i++) {
      assertFalse(mbx.pfTurn());
    }
    assertEquals(MB_PFACK, bits());
    assertEquals(1, interrupts);
  }

  @Test
  void aSynchronousPf_answersInsideTheWrite() {
    // VfDefect.SYNCHRONOUS_PF: PFACK, the whole reply and PFSTS before the REQ write returns
    VfMailbox sync = new VfMailbox(rf, pf, () -> interrupts++, true);
    sync.read(true);
    request(RESET);
    sync.write(MB_REQ);
    assertEquals(MB_PFACK | MB_PFSTS, bits());
    assertEquals(RESET | ACK, rf.get(VfRegs.VFMBMEM));
    assertEquals(2, interrupts);
  }

  @Test
  void aSynchronousPf_writesAReplyOfMoreThanOneTurnInsideTheWrite() {
    // GET_QUEUES' reply is 5 words: two writing turns, both inside the REQ write
    VfMailbox sync = new VfMailbox(rf, pf, () -> interrupts++, true);
    request(RESET);
    sync.write(MB_REQ);
    request(API_NEGOTIATE, API_11);
    sync.write(MB_REQ);
    sync.read(true);
    request(GET_QUEUES);
    sync.write(MB_REQ);
    assertEquals(MB_PFACK | MB_PFSTS, bits());
    assertEquals(GET_QUEUES | ACK | CTS, rf.get(VfRegs.VFMBMEM));
    assertEquals(VfRegs.QUEUES, rf.get(VfRegs.VFMBMEM + 4));
    assertFalse(sync.pfTurn());
  }

  @Test
  void aPfReset_dropsTheMessagesItHadQueued() {
    mbx.read(true);
    mbx.write(MB_VFU); // the VF holds the buffer: the PF's message stays queued
    mbx.pfSend(new int[] {PF_CONTROL_MSG}, 1);
    mbx.pfReset(0);
    mbx.write(0); // release
    for (int i = 0; i < 3; i++) {
      assertFalse(mbx.pfTurn(), "nothing left to send after the reset");
    }
    assertEquals(MB_RSTD, bits() & ~MB_VFU);
    assertEquals(0, rf.get(VfRegs.VFMBMEM));
  }

  @Test
  void aPfReset_holdsRstiForItsDuration_thenReportsRstd() {
    request(RESET);
    mbx.write(MB_REQ);
    assertTrue(pf.clearToSend());
    mbx.read(true);
    int before = interrupts;
    mbx.pfReset(1000);
    assertTrue(mbx.pfInReset());
    assertEquals(1000, mbx.pfResetLeftNanos());
    assertEquals(MB_RSTI, bits(), "PFU dropped, RSTI set");
    assertFalse(pf.clearToSend(), "the PF forgot the VF (ixgbe_vf_reset_event)");
    assertEquals(before + 1, interrupts);
    // a request during the reset is never seen, and the PF takes no turn
    request(RESET);
    mbx.write(MB_REQ);
    assertFalse(mbx.pfTurn());
    mbx.elapse(400);
    assertEquals(600, mbx.pfResetLeftNanos());
    assertTrue(mbx.pfInReset());
    assertEquals(MB_RSTI, bits());
    mbx.elapse(600); // exactly the rest
    assertFalse(mbx.pfInReset());
    assertEquals(-1, mbx.pfResetLeftNanos());
    assertEquals(MB_RSTD, bits());
    assertEquals(before + 2, interrupts);
    assertFalse(mbx.pfTurn(), "the request written during the reset is lost");
    assertEquals(1, pf.messages());
  }

  @Test
  void aPfResetOfNoTime_isDoneAtOnce_announcedWhileInProgress() {
    // the interrupt that announces the reset comes while it is in progress (RSTI set), the one
    // that announces its end after RSTD
    List<String> seen = new ArrayList<>();
    VfMailbox[] ref = new VfMailbox[1];
    ref[0] =
        new VfMailbox(rf, pf, () -> seen.add(ref[0].pfInReset() + "/" + rf.get(VfRegs.VFMAILBOX)));
    VfMailbox m = ref[0];
    m.read(true);
    m.pfReset(0);
    assertEquals(List.of("true/" + MB_RSTI, "false/" + MB_RSTD), seen);
    assertFalse(m.pfInReset());
    m.pfReset(-5); // a negative duration is none
    assertFalse(m.pfInReset());
    assertEquals(MB_RSTD, rf.get(VfRegs.VFMAILBOX));
  }

  @Test
  void aVfReset_dropsBothLocksAndQueuedMessages_andSetsRstd() {
    mbx.read(true);
    request(RESET);
    mbx.write(MB_REQ); // PFACK
    mbx.write(MB_VFU); // the VF holds the buffer; the PF's reply waits in the outbox
    assertEquals(MB_PFACK | MB_VFU, bits());
    mbx.vfReset();
    assertEquals(MB_PFACK | MB_RSTD, bits());
    for (int i = 0; i < 3; i++) {
      assertFalse(mbx.pfTurn(), "the queued reply was dropped");
    }
    assertEquals(MB_PFACK | MB_RSTD, bits());
  }
}
