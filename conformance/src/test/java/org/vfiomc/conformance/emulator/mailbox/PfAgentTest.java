package org.vfiomc.conformance.emulator.mailbox;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.vfiomc.conformance.emulator.mailbox.MboxMsg.*;

import com.google.common.collect.ImmutableList;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.vfiomc.conformance.emulator.packet.Frame;
import org.vfiomc.conformance.emulator.packet.PacketId;
import org.vfiomc.conformance.emulator.packet.TestFrames;
import org.vfiomc.conformance.emulator.regs.RegisterFile;
import org.vfiomc.conformance.emulator.regs.RegisterMap;
import org.vfiomc.conformance.emulator.regs.VfRegs;

/**
 * The PF's message handlers and filter decisions one by one (issue 13, item 5: PIT survivors of
 * {@code PfAgent} and {@code MboxMsg}), called directly. The reference is Linux {@code
 * ixgbe/ixgbe_sriov.c} ({@code ixgbe_rcv_msg_from_vf} and the handlers it calls) and {@code
 * ixgbe_mta_vector} in {@code ixgbe_common.c}.
 */
final class PfAgentTest {
  /** 02:11:22:33:44:55: every byte different, so a byte in the wrong place shows. */
  private static final long MAC = 0x02_11_22_33_44_55L;

  private final RegisterFile rf = new RegisterFile(RegisterMap.VF_82599);
  private final int[] reply = new int[VfRegs.MBMEM_WORDS];
  private int replyWords;

  /** Sends one request, returns reply word 0 (the length is in {@link #replyWords}). */
  private int send(PfAgent pf, int... words) {
    int[] msg = Arrays.copyOf(words, VfRegs.MBMEM_WORDS);
    Arrays.fill(reply, 0);
    replyWords = pf.handle(msg, reply);
    return reply[0];
  }

  private PfAgent resetPf(long mac, boolean adminMac, boolean pfJumbo, int api) {
    PfAgent pf = new PfAgent(rf, mac, adminMac, pfJumbo);
    send(pf, RESET);
    if (api != API_10) {
      assertEquals(API_NEGOTIATE | ACK | CTS, send(pf, API_NEGOTIATE, api));
    }
    return pf;
  }

  private static Frame frameTo(long dst) {
    return TestFrames.build(new PacketId(1), dst, 0x02_00_00_00_00_AAL, 60, 1);
  }

  @Test
  void macWords_areTheBytesInMemoryOrder() {
    // ixgbevf copies the 6 bytes into msgbuf[1..2] (ether_addr_copy): on a little-endian host
    // byte 0 is the low byte of word 1
    int[] w = new int[3];
    putMac(w, 1, MAC);
    assertEquals(0x33221102, w[1]);
    assertEquals(0x5544, w[2]);
    assertEquals(MAC, getMac(w, 1));
    assertEquals(0xFFFF_FFFF_FFFFL, getMac(new int[] {-1, -1}, 0) & 0xFFFF_FFFF_FFFFL);
  }

  @Test
  void mtaVector_isBits47To36OfTheAddress() {
    // ixgbe_mta_vector, filter type 0: (addr[4] >> 4) | (addr[5] << 4), 12 bits.
    // 01:00:5e:12:89:ab: 0x89 >> 4 = 0x8, 0xab << 4 = 0xab0 -> 0xab8
    assertEquals(0xAB8, PfAgent.mtaVector(0x01_00_5E_12_89_ABL));
    // 01:00:5e:00:f0:ff: 0xf | 0xff0 = 0xfff (the largest vector)
    assertEquals(0xFFF, PfAgent.mtaVector(0x01_00_5E_00_F0_FFL));
    assertEquals(0x001, PfAgent.mtaVector(0x01_00_5E_00_10_00L));
  }

  @Test
  void beforeReset_everyRequestIsNackedWithoutCts_andCounted() {
    PfAgent pf = new PfAgent(rf, MAC, false, false);
    assertFalse(pf.clearToSend());
    assertFalse(pf.txEnabled());
    assertFalse(pf.queueDropEnable());
    assertEquals(GET_QUEUES | NACK, send(pf, GET_QUEUES));
    assertEquals(1, replyWords);
    assertEquals(1, pf.messages());
    assertEquals(1, pf.nacks());
    assertEquals(0, send(pf, GET_QUEUES | ACK), "a message carrying ACK gets no reply");
    assertEquals(0, replyWords);
    assertEquals(1, pf.messages(), "and is not counted");
  }

  @Test
  void reset_repliesWithTheMac_enablesTheVf_andZeroesTheHeadWriteBackAddresses() {
    // ixgbe_vf_reset_msg: VFTE and QDE set, VFRE unless the PF runs jumbo frames, TDWBAL/H of
    // every VF queue zeroed ("not cleared by FLR"), reply RESET | ACK, MAC, filter type
    for (int q = 0; q < VfRegs.QUEUES; q++) {
      rf.set(VfRegs.tdwbal(q), 0x1000 * (q + 1) | 1);
      rf.set(VfRegs.tdwbah(q), q + 1);
    }
    PfAgent pf = new PfAgent(rf, MAC, false, false);
    assertEquals(RESET | ACK, send(pf, RESET));
    assertEquals(4, replyWords);
    assertArrayEquals(new int[] {RESET | ACK, 0x33221102, 0x5544, 0}, Arrays.copyOf(reply, 4));
    assertTrue(pf.clearToSend());
    assertTrue(pf.txEnabled());
    assertTrue(pf.queueDropEnable());
    assertTrue(pf.state().rxEnabled());
    for (int q = 0; q < VfRegs.QUEUES; q++) {
      assertEquals(0, rf.get(VfRegs.tdwbal(q)), "TDWBAL" + q);
      assertEquals(0, rf.get(VfRegs.tdwbah(q)), "TDWBAH" + q);
    }
    assertEquals(1, pf.messages());
    assertEquals(0, pf.nacks());
    // a PF with no MAC to hand out NACKs the reset (the VF then picks a random one)
    PfAgent none = new PfAgent(rf, 0, false, false);
    assertEquals(RESET | NACK, send(none, RESET));
    assertEquals(1, none.nacks());
  }

  @Test
  void reset_forgetsTheVlansAndApiOfTheLastSession() {
    PfAgent pf = resetPf(MAC, false, false, API_12);
    assertEquals(SET_VLAN | ACK | CTS, send(pf, SET_VLAN | (1 << 16), 100));
    assertEquals(ImmutableList.of(0, 100), pf.state().vlans());
    send(pf, RESET); // ixgbe_vf_reset_event: VLANs cleared, VLAN 0 re-added; API back to 1.0
    assertEquals(ImmutableList.of(0), pf.state().vlans());
    assertEquals(API_10, pf.apiVersion());
    // the same through a function reset (VFLR): also not clear to send, Rx and Tx off
    send(pf, API_NEGOTIATE, API_12);
    send(pf, SET_VLAN | (1 << 16), 200);
    pf.vfReset();
    assertEquals(ImmutableList.of(0), pf.state().vlans());
    assertEquals(API_10, pf.apiVersion());
    assertFalse(pf.clearToSend());
    assertFalse(pf.txEnabled());
    assertFalse(pf.state().rxEnabled());
  }

  @Test
  void vlanTable_holdsSixtyFourEntries_andAPortVlanForbidsChanges() {
    PfAgent pf = resetPf(MAC, false, false, API_10);
    // VLAN 0 from the reset plus 63 more fill the 64 entries
    for (int vid = 1; vid <= 63; vid++) {
      assertEquals(SET_VLAN | ACK | CTS, send(pf, SET_VLAN | (1 << 16), vid), "vid " + vid);
    }
    assertEquals(64, pf.state().vlans().size());
    assertEquals(SET_VLAN | NACK | CTS, send(pf, SET_VLAN | (1 << 16), 64));
    assertEquals(SET_VLAN | ACK | CTS, send(pf, SET_VLAN | (1 << 16), 63), "already there");
    assertEquals(SET_VLAN | ACK | CTS, send(pf, SET_VLAN, 63), "removed");
    assertEquals(SET_VLAN | ACK | CTS, send(pf, SET_VLAN | (1 << 16), 64), "room again");
    assertEquals(1, pf.nacks());
    // with a port VLAN the VLANs are the PF's (ixgbe_set_vf_vlan_msg refuses)
    pf.setPortVlan(5, 0);
    assertEquals(SET_VLAN | NACK | CTS, send(pf, SET_VLAN | (1 << 16), 7));
    send(pf, API_NEGOTIATE, API_11);
    assertEquals(GET_QUEUES | ACK | CTS, send(pf, GET_QUEUES));
    // ixgbe_get_vf_queues: IXGBE_VF_TRANS_VLAN is 1 with a port VLAN (the PF inserts and strips
    // the tag)
    assertEquals(1, reply[3]);
  }

  @Test
  void theSwitch_acceptsOwnUnicastBroadcastAndJoinedVlans() {
    PfAgent pf = resetPf(MAC, false, false, API_10);
    assertTrue(pf.accepts(frameTo(MAC)));
    assertTrue(pf.accepts(frameTo(0xFFFF_FFFF_FFFFL)));
    assertFalse(pf.accepts(frameTo(0x02_11_22_33_44_56L)));
    // a priority tag (VLAN 0) passes while VLAN 0 is in the table (re-added at every reset) ...
    assertTrue(pf.accepts(frameTo(MAC).withVlanTag(0x6000)));
    assertFalse(pf.accepts(frameTo(MAC).withVlanTag(100)));
    send(pf, SET_VLAN | (1 << 16), 100);
    assertTrue(pf.accepts(frameTo(MAC).withVlanTag(0x2000 | 100)), "priority bits ignored");
    // ... and not once the VF removed it
    send(pf, SET_VLAN, 0);
    assertFalse(pf.accepts(frameTo(MAC).withVlanTag(0)));
    // a second unicast address through SET_MACVLAN
    int[] m = new int[3];
    putMac(m, 1, 0x02_00_00_00_00_77L);
    assertEquals(SET_MACVLAN | ACK | CTS, send(pf, SET_MACVLAN | (1 << 16), m[1], m[2]));
    assertTrue(pf.accepts(frameTo(0x02_00_00_00_00_77L)));
    // link disabled by the host: nothing
    pf.setLinkEnable(false);
    assertFalse(pf.accepts(frameTo(MAC)));
  }

  @Test
  void multicast_passesByHashInMultiMode_andAllOfItInAllmulti() {
    long listed = 0x01_00_5E_12_89_ABL; // vector 0xab8
    long other = 0x01_00_5E_12_89_ACL; // vector 0xac8
    PfAgent pf = resetPf(MAC, false, false, API_12);
    pf.setTrusted(true); // clears clear-to-send: reset again
    send(pf, RESET);
    send(pf, API_NEGOTIATE, API_12);
    assertEquals(SET_MULTICAST | ACK | CTS, send(pf, SET_MULTICAST | (1 << 16), 0xAB8));
    assertEquals(UPDATE_XCAST_MODE | ACK | CTS, send(pf, UPDATE_XCAST_MODE, 1));
    assertTrue(pf.accepts(frameTo(listed)));
    assertFalse(pf.accepts(frameTo(other)));
    assertEquals(UPDATE_XCAST_MODE | ACK | CTS, send(pf, UPDATE_XCAST_MODE, 2));
    assertEquals(2, reply[1]);
    assertTrue(pf.accepts(frameTo(other)));
    assertFalse(pf.accepts(frameTo(0x02_11_22_33_44_56L)), "ALLMULTI is not promiscuous");
  }

  @Test
  void xcastMode_needsApi12_andTakesModesZeroToThree() {
    PfAgent old = resetPf(MAC, false, false, API_11);
    assertEquals(UPDATE_XCAST_MODE | NACK | CTS, send(old, UPDATE_XCAST_MODE, 1));
    PfAgent pf = resetPf(MAC, false, false, API_12);
    assertEquals(UPDATE_XCAST_MODE | ACK | CTS, send(pf, UPDATE_XCAST_MODE, 0));
    assertEquals(0, reply[1]);
    assertEquals(UPDATE_XCAST_MODE | NACK | CTS, send(pf, UPDATE_XCAST_MODE, -1));
    assertEquals(UPDATE_XCAST_MODE | NACK | CTS, send(pf, UPDATE_XCAST_MODE, 4));
    // an untrusted VF asking for promiscuous is capped to MULTI, which the 82599 supports
    assertEquals(UPDATE_XCAST_MODE | ACK | CTS, send(pf, UPDATE_XCAST_MODE, 3));
    assertEquals(1, reply[1]);
    assertEquals(2, pf.nacks());
  }

  @Test
  void linkStateRetaAndKey_needApi12_andTheQueryPermission() {
    PfAgent old = resetPf(MAC, false, false, API_11);
    old.setRssQueryEnabled(true);
    assertEquals(GET_LINK_STATE | NACK | CTS, send(old, GET_LINK_STATE));
    assertEquals(GET_RETA | NACK | CTS, send(old, GET_RETA));
    assertEquals(GET_RSS_KEY | NACK | CTS, send(old, GET_RSS_KEY));
    PfAgent pf = resetPf(MAC, false, false, API_12);
    assertEquals(GET_LINK_STATE | ACK | CTS, send(pf, GET_LINK_STATE));
    assertEquals(2, replyWords);
    assertEquals(1, reply[1]);
    pf.setLinkEnable(false);
    send(pf, GET_LINK_STATE);
    assertEquals(0, reply[1]);
    // RETA and key only with the host's permission (ixgbe_get_vf_reta: -EPERM otherwise)
    assertEquals(GET_RETA | NACK | CTS, send(pf, GET_RETA));
    assertEquals(1, replyWords);
    assertEquals(GET_RSS_KEY | NACK | CTS, send(pf, GET_RSS_KEY));
    pf.setRssQueryEnabled(true);
    // 128 RETA entries of 2 bits in 8 words, alternating queue 0 and 1 (0x4 = entries 0, 1)
    assertEquals(GET_RETA | ACK | CTS, send(pf, GET_RETA));
    assertEquals(9, replyWords);
    for (int i = 1; i <= 8; i++) {
      assertEquals(0x44444444, reply[i]);
    }
    // the 40-byte RSS key in 10 words, every one of them written: the model's fixed pattern
    // 0x6D5A6D5A (a real PF sends its netdev_rss_key)
    assertEquals(GET_RSS_KEY | ACK | CTS, send(pf, GET_RSS_KEY));
    assertEquals(11, replyWords);
    for (int i = 1; i <= 10; i++) {
      assertEquals(0x6D5A6D5A, reply[i], "key word " + i);
    }
  }

  @Test
  void setLpe_boundsAndTheJumboRules() {
    // ixgbe_set_vf_lpe: 68 (ETH_MIN_MTU) .. 9728 (IXGBE_MAX_JUMBO_FRAME_SIZE)
    PfAgent jumbo = resetPf(MAC, false, true, API_11);
    assertEquals(SET_LPE | NACK | CTS, send(jumbo, SET_LPE, 67));
    assertEquals(SET_LPE | ACK | CTS, send(jumbo, SET_LPE, 68));
    assertEquals(68, jumbo.maxFrame());
    assertEquals(SET_LPE | ACK | CTS, send(jumbo, SET_LPE, 9728));
    assertEquals(9728, jumbo.maxFrame());
    assertTrue(jumbo.state().rxEnabled(), "API 1.1 VFs may run jumbo on a jumbo PF");
    assertEquals(SET_LPE | NACK | CTS, send(jumbo, SET_LPE, 9729));
    assertEquals(9728, jumbo.maxFrame());
    // API 1.0 (legacy) VF on a jumbo PF: refused whatever it asks, and its Rx shut off
    PfAgent legacy = resetPf(MAC, false, true, API_10);
    assertFalse(legacy.state().rxEnabled(), "a jumbo PF leaves VFRE off at reset");
    assertEquals(SET_LPE | NACK | CTS, send(legacy, SET_LPE, 1518));
    assertFalse(legacy.state().rxEnabled());
    // API 1.0 on a standard PF: standard frames fine
    PfAgent std = resetPf(MAC, false, false, API_10);
    assertEquals(SET_LPE | ACK | CTS, send(std, SET_LPE, 1518));
    assertTrue(std.state().rxEnabled());
  }

  @Test
  void setMac_takesAValidUnicast_unlessTheAdministratorSetOne() {
    // ixgbe_set_vf_mac_addr: is_valid_ether_addr, and an administrator's MAC binds an untrusted VF
    PfAgent pf = resetPf(MAC, false, false, API_10);
    int[] m = new int[3];
    putMac(m, 1, 0x02_00_00_00_00_42L);
    assertEquals(SET_MAC_ADDR | ACK | CTS, send(pf, SET_MAC_ADDR, m[1], m[2]));
    assertEquals(0x02_00_00_00_00_42L, pf.mac());
    putMac(m, 1, 0x03_00_00_00_00_42L); // group bit: multicast
    assertEquals(SET_MAC_ADDR | NACK | CTS, send(pf, SET_MAC_ADDR, m[1], m[2]));
    assertEquals(SET_MAC_ADDR | NACK | CTS, send(pf, SET_MAC_ADDR, 0, 0));
    assertEquals(0x02_00_00_00_00_42L, pf.mac());
    PfAgent admin = resetPf(MAC, true, false, API_10);
    putMac(m, 1, 0x02_00_00_00_00_42L);
    assertEquals(SET_MAC_ADDR | NACK | CTS, send(admin, SET_MAC_ADDR, m[1], m[2]));
    putMac(m, 1, MAC);
    assertEquals(SET_MAC_ADDR | ACK | CTS, send(admin, SET_MAC_ADDR, m[1], m[2]), "its own MAC");
    admin.setTrusted(true);
    send(admin, RESET);
    putMac(m, 1, 0x02_00_00_00_00_42L);
    assertEquals(SET_MAC_ADDR | ACK | CTS, send(admin, SET_MAC_ADDR, m[1], m[2]), "trusted");
    assertEquals(0x02_00_00_00_00_42L, admin.mac());
  }

  @Test
  void macvlans_upToFifteen_noDuplicates_indexZeroClears() {
    PfAgent pf = resetPf(MAC, false, false, API_10);
    int[] m = new int[3];
    putMac(m, 1, 0x02_00_00_00_01_01L);
    assertEquals(SET_MACVLAN | ACK | CTS, send(pf, SET_MACVLAN | (1 << 16), m[1], m[2]));
    assertEquals(SET_MACVLAN | ACK | CTS, send(pf, SET_MACVLAN | (1 << 16), m[1], m[2]));
    assertEquals(1, pf.state().macvlans().size(), "a repeated address is kept once");
    for (int i = 2; i <= PfAgent.MAX_MACVLANS; i++) {
      putMac(m, 1, 0x02_00_00_00_01_00L + i);
      assertEquals(SET_MACVLAN | ACK | CTS, send(pf, SET_MACVLAN | (1 << 16), m[1], m[2]));
    }
    assertEquals(15, pf.state().macvlans().size());
    putMac(m, 1, 0x02_00_00_00_02_00L);
    assertEquals(SET_MACVLAN | NACK | CTS, send(pf, SET_MACVLAN | (1 << 16), m[1], m[2]));
    assertEquals(SET_MACVLAN | ACK | CTS, send(pf, SET_MACVLAN, 0, 0)); // index 0: clear all
    assertEquals(0, pf.state().macvlans().size());
    putMac(m, 1, 0x03_00_00_00_02_00L);
    assertEquals(SET_MACVLAN | NACK | CTS, send(pf, SET_MACVLAN | (1 << 16), m[1], m[2]));
    // an administrator's MAC keeps an untrusted VF to it
    PfAgent admin = resetPf(MAC, true, false, API_10);
    putMac(m, 1, 0x02_00_00_00_01_01L);
    assertEquals(SET_MACVLAN | NACK | CTS, send(admin, SET_MACVLAN | (1 << 16), m[1], m[2]));
  }
}
