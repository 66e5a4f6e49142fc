package org.vfiomc.conformance.emulator.mailbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.vfiomc.conformance.emulator.mailbox.MboxMsg.*;
import static org.vfiomc.conformance.emulator.regs.VfRegs.VFMAILBOX;
import static org.vfiomc.conformance.emulator.regs.VfRegs.VFMBMEM;

import com.google.common.collect.ImmutableList;
import org.junit.jupiter.api.Test;
import org.vfiomc.conformance.emulator.Vf82599;
import org.vfiomc.conformance.emulator.VfFixture;

/**
 * Mailbox register semantics and the PF's message handling (Linux {@code ixgbevf/mbx.c}; the PF
 * side {@code ixgbe_rcv_msg_from_vf} in {@code ixgbe/ixgbe_sriov.c}).
 */
final class MailboxTest {
  private final Vf82599 vf = new VfFixture().vf;

  /** Sends words, returns reply word 0 (the reply stays in VFMBMEM). */
  private int send(int... words) {
    for (int i = 0; i < words.length; i++) {
      vf.mmioWrite(VFMBMEM + 4 * i, words[i]);
    }
    vf.mmioWrite(VFMAILBOX, MB_REQ);
    // the PF answers in its own turns (one per VFMAILBOX access): poll as the driver does
    int bits = 0;
    for (int i = 0; i < 20 && (bits & MB_PFSTS) == 0; i++) {
      bits |= vf.mmioRead(VFMAILBOX);
    }
    assertEquals(MB_PFACK | MB_PFSTS, bits & (MB_PFACK | MB_PFSTS), "PF acked and replied");
    vf.mmioWrite(VFMAILBOX, MB_ACK);
    return vf.mmioRead(VFMBMEM);
  }

  private int word(int i) {
    return vf.mmioRead(VFMBMEM + 4 * i);
  }

  @Test
  void beforeVfReset_everyOtherRequestGetsAOneWordNackWithoutCts() {
    assertEquals(API_NEGOTIATE | NACK, send(API_NEGOTIATE, API_11, 0));
  }

  @Test
  void vfReset_repliesAckWithTheMac_andNoCts() {
    int w0 = send(RESET);
    assertEquals(RESET | ACK, w0);
    // defaults(): 02:00:00:00:00:01 packed little-endian into words 1..2
    assertEquals(0x00000002, word(1));
    assertEquals(0x0100, word(2));
    assertEquals(0, word(3)); // multicast filter type 0
    assertTrue(vf.pf().clearToSend());
  }

  @Test
  void apiNegotiation_acceptsWhatLinuxPfAccepts() {
    send(RESET);
    assertEquals(API_NEGOTIATE | NACK | CTS, send(API_NEGOTIATE, API_15, 0)); // ESX-only 1.5
    assertEquals(API_NEGOTIATE | ACK | CTS, send(API_NEGOTIATE, API_17, 0));
    assertEquals(API_17, vf.pf().apiVersion());
    assertEquals(FEATURES_NEGOTIATE | ACK | CTS, send(FEATURES_NEGOTIATE, 0x3));
    assertEquals(0, word(1)); // this PF supports neither IPsec nor the ESX mailbox
  }

  @Test
  void getQueues_needsApi11_andReportsTwoQueues() {
    send(RESET);
    assertEquals(GET_QUEUES | NACK | CTS, send(GET_QUEUES, 0, 0, 0, 0)); // API 1.0 after reset
    send(API_NEGOTIATE, API_11, 0);
    assertEquals(GET_QUEUES | ACK | CTS, send(GET_QUEUES, 0, 0, 0, 0));
    assertEquals(2, word(1)); // Tx queues
    assertEquals(2, word(2)); // Rx queues
    assertEquals(0, word(3)); // no port VLAN, no TCs
    assertEquals(0, word(4)); // default queue
  }

  @Test
  void jumboFrameOnANonJumboPf_isRefused_andDisablesReceive() {
    send(RESET);
    send(API_NEGOTIATE, API_12, 0);
    assertEquals(SET_LPE | NACK | CTS, send(SET_LPE, 9018));
    assertEquals(1518, vf.pf().maxFrame());
    assertFalse(vf.pf().state().rxEnabled());
    assertEquals(SET_LPE | ACK | CTS, send(SET_LPE, 1518));
    assertTrue(vf.pf().state().rxEnabled());
  }

  @Test
  void xcastMode_isCappedForUntrustedVfs_andPromiscRefused() {
    send(RESET);
    send(API_NEGOTIATE, API_13, 0);
    assertEquals(UPDATE_XCAST_MODE | ACK | CTS, send(UPDATE_XCAST_MODE, 2));
    assertEquals(1, word(1)); // ALLMULTI capped to MULTI
    vf.pf().setTrusted(true);
    send(RESET); // trust change clears clear_to_send: reset again
    send(API_NEGOTIATE, API_13, 0);
    assertEquals(UPDATE_XCAST_MODE | NACK | CTS, send(UPDATE_XCAST_MODE, 3));
  }

  @Test
  void multicastVlanMacvlan_areKeptAsPfState() {
    send(RESET);
    send(SET_MULTICAST | (3 << 16), 0x0222_0111, 0x0333);
    send(SET_VLAN | (1 << 16), 100);
    send(SET_VLAN | (1 << 16), 200);
    send(SET_VLAN, 100); // delete
    int[] m = new int[3];
    putMac(m, 1, 0x020000000099L);
    send(SET_MACVLAN | (1 << 16), m[1], m[2]);
    assertEquals(ImmutableList.of(0x111, 0x222, 0x333), vf.pf().state().mcHashes());
    assertEquals(ImmutableList.of(0, 200), vf.pf().state().vlans()); // VLAN 0 from reset
    assertEquals(ImmutableList.of(0x020000000099L), vf.pf().state().macvlans());
  }

  @Test
  void messagesAlreadyCarryingAckOrNack_areIgnored() {
    send(RESET);
    vf.mmioWrite(VFMBMEM, SET_VLAN | ACK);
    vf.mmioWrite(VFMAILBOX, MB_REQ);
    assertEquals(MB_PFACK, vf.mmioRead(VFMAILBOX) & (MB_PFACK | MB_PFSTS)); // no reply
  }

  @Test
  void mailboxBits_vfuLockAndReadToClear() {
    assertEquals(MB_RSTD, vf.mmioRead(VFMAILBOX)); // PF reset done, read clears it
    vf.mmioWrite(VFMAILBOX, MB_VFU | MB_REQ | MB_ACK);
    int v = vf.mmioRead(VFMAILBOX);
    assertEquals(0, v & (MB_REQ | MB_ACK)); // REQ and ACK read as 0
    vf.mmioWrite(VFMAILBOX, MB_VFU);
    assertEquals(MB_VFU, vf.mmioRead(VFMAILBOX) & MB_VFU);
    vf.mmioWrite(VFMAILBOX, 0); // release
    assertEquals(0, vf.mmioRead(VFMAILBOX) & MB_VFU);
  }

  @Test
  void pfStateRoundTrips() {
    send(RESET);
    send(API_NEGOTIATE, API_14, 0);
    send(SET_VLAN | (1 << 16), 7);
    PfAgent other = new PfAgent(vf.registers(), 0, false, false);
    other.restore(vf.pf().state());
    assertEquals(vf.pf().state(), other.state());
  }
}
