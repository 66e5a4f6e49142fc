package org.vfiomc.conformance.guest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.vfiomc.conformance.emulator.mailbox.MboxMsg.*;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.vfiomc.conformance.emulator.Vf82599;
import org.vfiomc.conformance.emulator.VfConfig;
import org.vfiomc.conformance.emulator.dma.DmaPort;
import org.vfiomc.conformance.emulator.dma.GuestMemory;
import org.vfiomc.conformance.emulator.dma.Iommu;
import org.vfiomc.conformance.emulator.regs.VfRegs;

/**
 * Bring-up as {@code ixgbevf_open} and {@code ixgbevf_reset_hw_vf} do it, seen from the BAR (issue
 * 13, PIT survivors of {@link GuestDriver}): each refusal of the PF ends bring-up with its own
 * result, the mailbox and reset waits give up after exactly their poll counts ({@code
 * IXGBE_VF_MBX_INIT_TIMEOUT} = 2000 polls 500 us apart, {@code IXGBE_VF_INIT_TIMEOUT} = 200 polls 5
 * us apart), and the registers bring-up programs hold the values the driver's functions write.
 */
final class GuestBringUpEdgeTest {
  private static final long MB = 1 << 20;

  /** A VF with the given configuration, a driver behind a {@link TapBar}, and its delays. */
  private static final class Setup {
    final GuestMemory mem = new GuestMemory(8 * MB);
    final Vf82599 vf;
    final TapBar bar;
    final GuestDriver driver;
    final List<Long> delays = new ArrayList<>();

    Setup(VfConfig config) {
      Iommu iommu = new Iommu();
      iommu.mapIdentity(8 * MB);
      vf =
          new Vf82599(
              new DmaPort(mem, iommu), config, new org.vfiomc.conformance.emulator.VfListener() {});
      bar = new TapBar(Bar.of(vf));
      driver =
          new GuestDriver(
              bar, mem, GuestDriver.Config.of(DirtyTracking.NONE), new RecordingStack());
      driver.setDelay(delays::add);
    }

    Setup() {
      this(VfConfig.defaults());
    }

    long delaysOf(long nanos) {
      return delays.stream().filter(d -> d == nanos).count();
    }
  }

  /** The reply word {@code value} of a message {@code id} turned into a NACK. */
  private static int nack(int value) {
    return (value & ~ACK) | NACK;
  }

  @Test
  void aPfWithoutAMacForTheVf_nacksTheReset_andBringUpStopsThere() {
    // ixgbe_vf_reset_msg answers NACK when the PF has no MAC for the VF; ixgbevf_reset_hw_vf
    // then fails ("msgbuf[0] != (IXGBE_VF_RESET | IXGBE_VT_MSGTYPE_ACK)")
    Setup s = new Setup(new VfConfig(0, false, false, false, java.util.Set.of()));
    assertEquals(GuestDriver.UpResult.RESET_NACKED, s.driver.bringUp());
    assertEquals(List.of(RESET), s.bar.requestsSent());
    assertEquals(-1, s.driver.api());
    assertEquals(0, s.driver.mac());
  }

  @Test
  void anAckForAnotherMessage_isNoAckOfTheReset() {
    // the reply must name the message it answers: ACK with id SET_MAC_ADDR is not RESET's ACK
    Setup s = new Setup();
    s.bar.filter =
        (off, v, req) ->
            off == VfRegs.VFMBMEM && (req[0] & 0xFFFF) == RESET ? (v & ~0xFFFF) | SET_MAC_ADDR : v;
    assertEquals(GuestDriver.UpResult.RESET_NACKED, s.driver.bringUp());
    // and an ACK whose id is right but whose ACK bit is clear (CTS alone) is none either
    Setup t = new Setup();
    t.bar.filter =
        (off, v, req) -> off == VfRegs.VFMBMEM && (req[0] & 0xFFFF) == RESET ? v & ~ACK : v;
    assertEquals(GuestDriver.UpResult.RESET_NACKED, t.driver.bringUp());
  }

  @Test
  void aPfThatRefusesEveryApi_isAskedForEachFromNewestToOldest_andBringUpFails() {
    // ixgbevf_negotiate_api walks its api[] list newest first and stops at the first ACK
    Setup s = new Setup();
    List<Integer> asked = new ArrayList<>();
    s.bar.filter =
        (off, v, req) -> {
          if (off == VfRegs.VFMBMEM && (req[0] & 0xFFFF) == API_NEGOTIATE) {
            asked.add(req[1]);
            return nack(v);
          }
          return v;
        };
    assertEquals(GuestDriver.UpResult.API_REFUSED, s.driver.bringUp());
    assertEquals(List.of(API_17, API_16, API_15, API_14, API_13, API_12, API_11, API_10), asked);
    assertEquals(-1, s.driver.api());
    assertFalse(s.bar.requestsSent().contains(GET_QUEUES));
    assertEquals(0x020000000001L, s.driver.mac(), "the reset's MAC was taken before");
  }

  @Test
  void api10_isAnApi_andAsksNoQueueCount() {
    // API 1.0 has no GET_QUEUES (ixgbevf_get_queues returns at once below ixgbe_mbox_api_11):
    // the driver comes up with it, enum value 0
    Setup s = new Setup();
    s.bar.filter =
        (off, v, req) ->
            off == VfRegs.VFMBMEM && (req[0] & 0xFFFF) == API_NEGOTIATE && req[1] != API_10
                ? nack(v)
                : v;
    assertEquals(GuestDriver.UpResult.UP, s.driver.bringUp());
    assertEquals(API_10, s.driver.api());
    assertFalse(s.bar.requestsSent().contains(GET_QUEUES));
  }

  @Test
  void api11_asksTheQueueCount_andANackedOrEmptyAnswerStopsBringUp() {
    // from API 1.1 on the driver asks GET_QUEUES; the model needs at least one Rx queue (word 2)
    for (int rxQueues : new int[] {-1, 0, 1}) {
      Setup s = new Setup();
      s.bar.filter =
          (off, v, req) -> {
            int id = req[0] & 0xFFFF;
            if (off == VfRegs.VFMBMEM && id == API_NEGOTIATE && req[1] != API_11) {
              return nack(v);
            }
            if (id == GET_QUEUES && rxQueues < 0 && off == VfRegs.VFMBMEM) {
              return nack(v);
            }
            if (id == GET_QUEUES && rxQueues >= 0 && off == VfRegs.VFMBMEM + 8) {
              return rxQueues;
            }
            return v;
          };
      GuestDriver.UpResult r = s.driver.bringUp();
      assertEquals(
          rxQueues == 1 ? GuestDriver.UpResult.UP : GuestDriver.UpResult.QUEUES_REFUSED,
          r,
          "Rx queues " + rxQueues);
      assertEquals(API_11, s.driver.api());
      assertTrue(s.bar.requestsSent().contains(GET_QUEUES));
    }
  }

  @Test
  void aPfThatNeverLetsGoOfTheMailbox_timesOutAfter2000Tries() {
    // ixgbevf_obtain_mbx_lock_vf: write VFU, read it back; while the PF holds PFU the VFU bit
    // does not stick. 2000 tries 500 us apart, then the request fails (IXGBE_ERR_MBX)
    Setup s = new Setup();
    s.bar.filter = (off, v, req) -> off == VfRegs.VFMAILBOX ? v & ~MB_VFU : v;
    assertEquals(GuestDriver.UpResult.MAILBOX_TIMEOUT, s.driver.bringUp());
    assertEquals(GuestDriver.MBX_POLLS, s.delaysOf(GuestDriver.MBX_POLL_DELAY_NANOS));
    assertEquals(GuestDriver.MBX_POLLS, s.bar.writesTo(VfRegs.VFMAILBOX).size());
    assertEquals(List.of(), s.bar.requestsSent(), "no request without the lock");
  }

  @Test
  void aPfThatNeverAcks_timesOutAfter2000Polls() {
    // ixgbevf_poll_for_ack: PFACK never seen
    Setup s = new Setup();
    s.bar.filter = (off, v, req) -> off == VfRegs.VFMAILBOX ? v & ~MB_PFACK : v;
    assertEquals(GuestDriver.UpResult.MAILBOX_TIMEOUT, s.driver.bringUp());
    assertEquals(GuestDriver.MBX_POLLS, s.delaysOf(GuestDriver.MBX_POLL_DELAY_NANOS));
    assertEquals(List.of(RESET), s.bar.requestsSent());
  }

  @Test
  void aPfThatAcksButNeverAnswers_timesOutAfter2000Polls() {
    // ixgbevf_poll_for_msg: PFACK seen, PFSTS (the reply is ready) never
    Setup s = new Setup();
    s.bar.filter = (off, v, req) -> off == VfRegs.VFMAILBOX ? v & ~MB_PFSTS : v;
    assertEquals(GuestDriver.UpResult.MAILBOX_TIMEOUT, s.driver.bringUp());
    assertEquals(GuestDriver.MBX_POLLS, s.delaysOf(GuestDriver.MBX_POLL_DELAY_NANOS));
    assertFalse(s.bar.writesTo(VfRegs.VFMAILBOX).contains(MB_ACK), "no reply read, none acked");
  }

  @Test
  void theResetWait_polls200Times5usApart_thenGivesUp() {
    // ixgbevf_reset_hw_vf: "while (!mbx->ops.check_for_rst(hw) && timeout)" with udelay(5) and
    // IXGBE_VF_INIT_TIMEOUT = 200: RSTI asserted for ever (a PF reset that never ends) fails
    Setup s = new Setup();
    s.bar.filter = (off, v, req) -> off == VfRegs.VFMAILBOX ? v | MB_RSTI : v;
    assertEquals(GuestDriver.UpResult.RESET_FAILED, s.driver.bringUp());
    assertEquals(GuestDriver.RESET_POLLS, s.bar.mailboxReads);
    assertEquals(GuestDriver.RESET_POLLS, s.delaysOf(GuestDriver.RESET_POLL_DELAY_NANOS));
    assertEquals(List.of(), s.bar.requestsSent());
  }

  @Test
  void aResetThatEndsOnTheLastPoll_isWaitedFor() {
    // RSTI seen on the first 199 polls, clear on the 200th: the driver goes on
    Setup s = new Setup();
    int[] reads = {0};
    s.bar.filter =
        (off, v, req) ->
            off == VfRegs.VFMAILBOX && ++reads[0] < GuestDriver.RESET_POLLS ? v | MB_RSTI : v;
    assertEquals(GuestDriver.UpResult.UP, s.driver.bringUp());
    assertEquals(GuestDriver.RESET_POLLS - 1, s.delaysOf(GuestDriver.RESET_POLL_DELAY_NANOS));
  }

  @Test
  void bringUp_programsTheInterruptsAndFilters_asIxgbevfDoes() {
    Setup s = new Setup();
    assertEquals(GuestDriver.UpResult.UP, s.driver.bringUp());
    TapBar b = s.bar;
    // ixgbevf_stop_hw_vf first: both queues' RXDCTL and TXDCTL written 0, interrupts masked
    // (IXGBE_VF_IRQ_CLEAR_MASK = 7), all before VFCTRL.RST
    int rst = b.indexOf(VfRegs.VFCTRL, VfRegs.VFCTRL_RST);
    assertTrue(rst > 0);
    for (int q = 0; q < VfRegs.QUEUES; q++) {
      int rx = b.indexOf(VfRegs.rxdctl(q), 0);
      int tx = b.indexOf(VfRegs.txdctl(q), 0);
      assertTrue(rx >= 0 && rx < rst, "RXDCTL" + q);
      assertTrue(tx >= 0 && tx < rst, "TXDCTL" + q);
    }
    int imc = b.indexOf(VfRegs.VTEIMC, VfRegs.IRQ_MASK);
    assertTrue(imc >= 0 && imc < rst);
    // the requests of ixgbevf_open, in order: RESET, one API_NEGOTIATE (1.7 accepted at once),
    // GET_QUEUES, SET_LPE, then SET_MAC_ADDR with the MAC the reset gave
    assertEquals(
        List.of(RESET, API_NEGOTIATE, GET_QUEUES, SET_LPE, SET_MAC_ADDR), b.requestsSent());
    // ixgbevf_setup_psrtype: TCPHDR 0x10 | UDPHDR 0x20 | IPV4HDR 0x100 | IPV6HDR 0x200 | L2HDR
    // 0x1000
    assertEquals(0x1330, b.last(VfRegs.VFPSRTYPE));
    // ixgbevf_set_ivar with IXGBE_IVAR_ALLOC_VAL 0x80: Rx0 (bits 7:0) and Tx0 (bits 15:8) on
    // vector 0, the mailbox (VTIVAR_MISC) on vector 1
    assertEquals(0x8080, b.last(VfRegs.VTIVAR0));
    assertEquals(0x81, b.last(VfRegs.VTIVAR_MISC));
    assertEquals(GuestDriver.RX_ITR_20K | GuestDriver.EITR_CNT_WDIS, b.last(VfRegs.VTEITR0));
    // ixgbevf_irq_enable: both vectors auto-masked, auto-cleared and enabled (bits 0 and 1)
    assertEquals(0x3, b.last(VfRegs.VTEIAM));
    assertEquals(0x3, b.last(VfRegs.VTEIAC));
    assertEquals(0x3, b.last(VfRegs.VTEIMS));
    assertEquals(0x3, s.vf.mmioRead(VfRegs.VTEIMS));
    // SET_LPE carries the max frame 1518 = MTU 1500 + 14 + 4, and the PF took it
    assertEquals(1518, s.vf.pf().maxFrame());
  }

  @Test
  void setMacAddr_carriesTheMacTheResetGave() {
    // ixgbevf_set_uc_addr_vf: SET_MAC_ADDR with the MAC's 6 bytes in words 1..2 (memory order);
    // a PF that checks them (NACK on a mismatch) still lets bring-up finish
    Setup s = new Setup();
    int[] sent = new int[3];
    s.bar.filter =
        (off, v, req) -> {
          if ((req[0] & 0xFFFF) == SET_MAC_ADDR) {
            System.arraycopy(req, 0, sent, 0, 3);
          }
          return v;
        };
    assertEquals(GuestDriver.UpResult.UP, s.driver.bringUp());
    int[] expected = new int[3];
    expected[0] = SET_MAC_ADDR;
    putMac(expected, 1, 0x020000000001L);
    assertEquals(
        List.of(expected[0], expected[1], expected[2]), List.of(sent[0], sent[1], sent[2]));
  }

  @Test
  void addVlan_isTrueOnlyWhenThePfAcks() {
    // ixgbevf_vlan_rx_add_vid: SET_VLAN with MSGINFO 1 (add) and the VLAN id in word 1
    Setup s = new Setup();
    assertEquals(GuestDriver.UpResult.UP, s.driver.bringUp());
    assertTrue(s.driver.addVlan(5));
    assertEquals((1 << 16) | SET_VLAN, s.bar.last(VfRegs.VFMBMEM));
    assertEquals(5, s.bar.last(VfRegs.VFMBMEM + 4));
    s.bar.filter =
        (off, v, req) -> off == VfRegs.VFMBMEM && (req[0] & 0xFFFF) == SET_VLAN ? nack(v) : v;
    assertFalse(s.driver.addVlan(6));
  }
}
