package org.vfiomc.conformance.emulator.ring;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.vfiomc.conformance.emulator.VfFixture.COUNT;
import static org.vfiomc.conformance.emulator.VfFixture.RX_BUF;
import static org.vfiomc.conformance.emulator.VfFixture.RX_RING;
import static org.vfiomc.conformance.emulator.regs.VfRegs.*;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.vfiomc.conformance.emulator.VfConfig;
import org.vfiomc.conformance.emulator.VfDefect;
import org.vfiomc.conformance.emulator.VfFixture;
import org.vfiomc.conformance.emulator.mailbox.MboxMsg;
import org.vfiomc.conformance.emulator.mailbox.PfAgent;
import org.vfiomc.conformance.emulator.packet.DropReason;
import org.vfiomc.conformance.emulator.packet.Frame;
import org.vfiomc.conformance.emulator.packet.PacketId;
import org.vfiomc.conformance.emulator.packet.TestFrames;
import org.vfiomc.conformance.emulator.state.PfVfState;

/**
 * The Rx engine's admission, fault and reset edges (issue 13, item 5: PIT survivors of {@code
 * RxEngine}). Sources: {@code ../shared/reference/82599-vf.md} §2 (descriptor formats, SRRCTL), §3
 * "Ownership / head-tail" and "Rx order"; {@link DropReason}'s documented causes; QEMU igb {@code
 * igb_has_rxbufs}.
 */
final class RxEngineEdgeTest {
  /** 1 KiB packet buffers, advanced one-buffer descriptors, DROP_EN (SRRCTL, reference §2). */
  private static final int SRRCTL_1K = 1 | (1 << SRRCTL_DESCTYPE_SHIFT) | SRRCTL_DROP_EN;

  private static int rdh0(VfFixture f) {
    return f.vf.mmioRead(rdh(0));
  }

  private static void readOnly(VfFixture f, long page) {
    f.iommu.unmap(page, 4096);
    f.iommu.map(page, page, 4096, true, false);
  }

  @Test
  void deliver_isFalseForEveryDropAtArrival_trueForAFrameItKeeps() {
    // Vf82599.deliver / RxEngine.receive: "Returns false if it was dropped"
    VfFixture f = new VfFixture().resetHandshake().rxRing(COUNT - 1);
    assertFalse(f.vf.deliver(f.frame(1, 60).withBitErrorInLastByte()), "CRC_ERROR (no SBP)");
    Frame foreign = TestFrames.build(new PacketId(2), 0x02_00_00_00_00_99L, 0x02AABBCCDDEEL, 60, 1);
    assertFalse(f.vf.deliver(foreign), "FILTERED");
    f.vf.setQuiesced(true);
    assertTrue(f.vf.rx().stopped());
    assertFalse(f.vf.deliver(f.frame(3, 60)), "VF_STOPPED");
    f.vf.setQuiesced(false);
    assertFalse(f.vf.rx().stopped());
    f.vf.mmioWrite(rxdctl(0), 0);
    assertFalse(f.vf.deliver(f.frame(4, 60)), "QUEUE_DISABLED");
    f.vf.mmioWrite(rxdctl(0), DCTL_ENABLE);
    assertTrue(f.vf.deliver(f.frame(5, 60)));
    assertEquals(List.of("CRC_ERROR", "FILTERED", "VF_STOPPED", "QUEUE_DISABLED"), f.drops);
    f.vf.setDmaAllowed(false);
    for (int i = 1; i < RxEngine.FIFO_CAPACITY; i++) {
      assertTrue(f.vf.deliver(f.frame(5 + i, 60)));
    }
    assertFalse(f.vf.deliver(f.frame(9999, 60)), "FIFO_FULL");
    assertEquals(5, f.vf.rx().totalDrops());
  }

  @Test
  void theMaxFrame_isPlaced_oneByteLongerIsOversize() {
    // RxPolicy.maxFrame is the largest frame the VF may receive (SET_LPE; 1518 until the VF asks
    // for more, ixgbe_set_vf_lpe); DropReason.OVERSIZE: "larger than the max frame"
    VfFixture f = new VfFixture().resetHandshake().rxRing(COUNT - 1);
    int max = f.vf.pf().maxFrame();
    f.vf.deliver(f.frame(1, max));
    f.vf.runUntilIdle(10);
    assertEquals(List.of(), f.drops);
    assertEquals(1, f.vf.mmioRead(VFGPRC));
    f.vf.deliver(f.frame(2, max + 1));
    f.vf.runUntilIdle(10);
    assertEquals(List.of("OVERSIZE"), f.drops);
    assertEquals(1, f.vf.rx().drops(DropReason.OVERSIZE));
    assertEquals(1, rdh0(f));
  }

  @Test
  void aStrippedTag_doesNotCountTowardsTheBuffersAFrameNeeds() {
    // reference §3 "Rx order": with RXDCTL.VME the tag is removed and reported in the write-back
    // (VP, vlan); the frame placed is 4 bytes shorter. A priority tag (TCI 0, VLAN 0, which the PF
    // re-adds at every VF reset) is a tag like any other. 1024 bytes after stripping fill exactly
    // the one 1 KiB buffer posted.
    VfFixture f = new VfFixture().resetHandshake().rxRing(1);
    f.vf.mmioWrite(srrctl(0), SRRCTL_1K);
    f.vf.mmioWrite(rxdctl(0), DCTL_ENABLE | RXDCTL_VME);
    Frame wire = f.frame(1, 1024).withVlanTag(0);
    f.vf.deliver(wire);
    f.vf.runUntilIdle(10);
    assertEquals(List.of(), f.drops);
    assertEquals(1, rdh0(f));
    assertEquals(1024, f.mem.readShort(RX_RING + AdvRxDesc.LENGTH));
    int dd = AdvRxDesc.STAT_DD | AdvRxDesc.STAT_EOP | AdvRxDesc.STAT_VP;
    assertEquals(dd, f.mem.readInt(RX_RING + AdvRxDesc.STATUS_ERROR));
    assertEquals(0, f.mem.readShort(RX_RING + AdvRxDesc.VLAN));
    byte[] placed = new byte[1024];
    f.mem.read(RX_BUF, placed, 0, 1024);
    assertArrayEquals(wire.withoutVlanTag().toByteArray(), placed);
  }

  @Test
  void aFrameOneByteShortOfTwoBuffers_needsTwo_andTwoAreEnough() {
    // igb_has_rxbufs: the whole frame must fit the pending descriptors, ceil(len / bsize) of them
    VfFixture f = new VfFixture().resetHandshake().rxRing(2);
    pf(f, Frame.MAX_LENGTH, true);
    f.vf.mmioWrite(srrctl(0), SRRCTL_1K);
    Frame fr = f.frame(1, 2047);
    f.vf.deliver(fr);
    assertEquals(4, f.vf.runUntilIdle(10));
    assertEquals(List.of(), f.drops);
    assertEquals(1024, f.mem.readShort(RX_RING + AdvRxDesc.LENGTH));
    assertEquals(1023, f.mem.readShort(RX_RING + 16 + AdvRxDesc.LENGTH));
  }

  /**
   * Queue 0 with head {@code h} and tail {@code t}, 1 KiB buffers (heads move only while the queue
   * is disabled), jumbo frames allowed.
   */
  private static VfFixture ring(int h, int t) {
    VfFixture f = new VfFixture().resetHandshake().rxRing(0);
    pf(f, Frame.MAX_LENGTH, true);
    f.vf.mmioWrite(rxdctl(0), 0);
    f.vf.mmioWrite(srrctl(0), SRRCTL_1K);
    f.vf.mmioWrite(rdh(0), h);
    f.vf.mmioWrite(rdt(0), t);
    f.vf.mmioWrite(rxdctl(0), DCTL_ENABLE);
    return f;
  }

  @Test
  void pendingDescriptors_wrapAroundTheRing() {
    // reference §3 "Ownership": hardware owns [HEAD, TAIL) modulo the ring size; head 6, tail 1 of
    // 8: descriptors 6, 7, 0 (3 buffers, 3072 bytes)
    VfFixture f = ring(6, 1);
    Frame fr = f.frame(1, 3072);
    f.vf.deliver(fr);
    f.vf.runUntilIdle(20);
    assertEquals(List.of(), f.drops);
    assertEquals(1, rdh0(f), "head wrapped past descriptor 7 to 0, then to 1");
    assertEquals(AdvRxDesc.STAT_DD | AdvRxDesc.STAT_EOP, f.mem.readInt(RX_RING + 8));
    byte[] got = new byte[3072];
    f.mem.read(RX_BUF + 2048L * 6, got, 0, 1024);
    f.mem.read(RX_BUF + 2048L * 7, got, 1024, 1024);
    f.mem.read(RX_BUF, got, 2048, 1024);
    assertArrayEquals(fr.toByteArray(), got);

    VfFixture g = ring(6, 1);
    g.vf.deliver(g.frame(1, 3073)); // four buffers, three pending
    g.vf.runUntilIdle(20);
    assertEquals(List.of("NO_DESCRIPTORS"), g.drops);
    assertEquals(6, rdh0(g));
  }

  @Test
  void pendingDescriptors_headBeforeTail() {
    VfFixture f = ring(2, 5); // 2, 3, 4
    f.vf.deliver(f.frame(1, 3072));
    f.vf.deliver(f.frame(2, 60));
    f.vf.runUntilIdle(20);
    assertEquals(List.of("NO_DESCRIPTORS"), f.drops, "the second finds head = tail");
    assertEquals(5, rdh0(f));
  }

  @ParameterizedTest
  @ValueSource(ints = {5, COUNT})
  void headEqualToTail_orAtTheRingSize_offersNothing(int h) {
    // HEAD == TAIL: nothing for hardware; a head at or beyond LEN/16 is as invalid as such a tail
    // (RingRegs: "0 for an invalid tail or head")
    VfFixture f = ring(h, h == COUNT ? 1 : h);
    f.vf.deliver(f.frame(1, 60));
    f.vf.runUntilIdle(10);
    assertEquals(List.of("NO_DESCRIPTORS"), f.drops);
    assertEquals(0, f.vf.mmioRead(VFGPRC));
  }

  @Test
  void aQueueDisabledWhileItsFrameWaits_dropsIt() {
    // reference §3 "Rx order" step 2: a frame for a disabled queue is dropped (DROP_EN/QDE set)
    VfFixture f = new VfFixture().resetHandshake().rxRing(COUNT - 1);
    assertTrue(f.vf.deliver(f.frame(1, 60)));
    f.vf.mmioWrite(rxdctl(0), 0); // nothing in flight: ENABLE reads 0 at once
    assertTrue(f.vf.stepRx(), "a counted drop is progress");
    assertEquals(List.of("QUEUE_DISABLED"), f.drops);
    assertEquals(0, f.vf.rx().fifoSize());
  }

  @Test
  void withoutDropEnable_aFrameWaitsForBuffers() {
    // reference §3 "Rx order" step 2: without DROP_EN (and QDE) the frame waits in the packet
    // buffer, head-of-line blocking (82598 datasheet text; ixgbevf and the PF always set them)
    VfFixture f = new VfFixture().resetHandshake().rxRing(0);
    pf(f, f.vf.pf().maxFrame(), false);
    f.vf.mmioWrite(srrctl(0), 2 | (1 << SRRCTL_DESCTYPE_SHIFT)); // 2 KiB, DROP_EN clear
    Frame first = f.frame(1, 60);
    f.vf.deliver(first);
    f.vf.deliver(f.frame(2, 60));
    assertFalse(f.vf.stepRx(), "no buffer: no progress");
    assertEquals(2, f.vf.rx().fifoSize());
    assertEquals(List.of(), f.drops);
    f.vf.mmioWrite(rdt(0), COUNT - 1);
    f.vf.runUntilIdle(10);
    assertEquals(2, f.vf.mmioRead(VFGPRC));
    assertEquals(List.of(), f.drops);
    byte[] got = new byte[60];
    f.mem.read(RX_BUF, got, 0, 60);
    assertArrayEquals(first.toByteArray(), got, "in arrival order");
  }

  /**
   * Replaces the PF's state for this VF: its max frame (a PF that accepted a jumbo SET_LPE) and its
   * QDE for the VF's queues.
   */
  private static void pf(VfFixture f, int maxFrame, boolean qde) {
    PfVfState s = f.vf.pf().state();
    f.vf
        .pf()
        .restore(
            new PfVfState(
                s.mac(),
                s.adminMac(),
                s.mcHashes(),
                s.clearToSend(),
                s.apiVersion(),
                s.features(),
                s.xcastMode(),
                s.vlans(),
                s.macvlans(),
                maxFrame,
                s.portVlan(),
                s.portQos(),
                s.trusted(),
                s.spoofCheck(),
                s.rssQueryEnabled(),
                s.linkEnable(),
                s.txRate(),
                s.rxEnabled(),
                s.txEnabled(),
                qde));
  }

  @Test
  void multicastFrames_areCountedInVfmprc_unicastNot() {
    // reference §3 "Rx order" step 5: after the last descriptor the VF's VFGPRC/VFGORC/VFMPRC;
    // the PF passes a multicast frame whose MTA hash the VF registered (SET_MULTICAST,
    // ixgbevf_update_mc_addr_list_vf)
    VfFixture f = new VfFixture().resetHandshake().rxRing(COUNT - 1);
    long group = 0x01_00_5E_00_00_FBL;
    int[] m = new int[MBMEM_WORDS];
    m[0] = MboxMsg.SET_MULTICAST | 1 << 16;
    m[1] = PfAgent.mtaVector(group);
    f.vf.pf().handle(m, new int[MBMEM_WORDS]);
    f.vf.deliver(TestFrames.build(new PacketId(1), group, 0x02AABBCCDDEEL, 60, 1));
    f.vf.deliver(f.frame(2, 100));
    f.vf.deliver(TestFrames.build(new PacketId(3), group, 0x02AABBCCDDEEL, 80, 1));
    f.vf.runUntilIdle(10);
    assertEquals(List.of(), f.drops);
    assertEquals(3, f.vf.mmioRead(VFGPRC));
    assertEquals(2, f.vf.mmioRead(VFMPRC), "the two multicast frames, not the unicast one");
    assertEquals(240, f.vf.mmioRead(VFGORC_LSB));
  }

  @Test
  void aFrameTheFilterNoLongerPasses_isDroppedAsFiltered_whenItsTurnComes() {
    // the switch decides again when the frame leaves the packet buffer (RxEngine.admit): the host
    // admin disabled the VF's link meanwhile (PfAgent.setLinkEnable, ip link set vf N state
    // disable)
    VfFixture f = new VfFixture().resetHandshake().rxRing(COUNT - 1);
    assertTrue(f.vf.deliver(f.frame(1, 60)));
    f.vf.pf().setLinkEnable(false);
    assertTrue(f.vf.stepRx());
    assertEquals(List.of("FILTERED"), f.drops);
    assertEquals(1, f.vf.rx().drops(DropReason.FILTERED));
  }

  @Test
  void descriptorFetchFault_abandonsTheFrame_asADmaFault() {
    // DropReason.DMA_FAULT: a descriptor fetch is a non-posted read, the device sees the failure
    VfFixture f = new VfFixture().resetHandshake().rxRing(COUNT - 1);
    f.iommu.unmap(RX_RING, 4096);
    f.mem.writeLong(RX_BUF, 0x5A5A5A5A5A5A5A5AL);
    f.vf.deliver(f.frame(1, 60));
    assertTrue(f.vf.stepRx());
    assertEquals(List.of("DMA_FAULT"), f.drops);
    assertEquals(1, f.dma.faultCount());
    assertFalse(f.vf.rx().frameInFlight());
    assertFalse(f.vf.stepRx(), "nothing left to write back");
    assertEquals(0, rdh0(f));
    assertEquals(0x5A5A5A5A5A5A5A5AL, f.mem.readLong(RX_BUF), "no data written");
  }

  @ParameterizedTest
  @ValueSource(booleans = {false, true})
  void writeBackFault_abandonsTheFrame_asADmaFault(boolean legacy) {
    // DropReason.DMA_FAULT: a refused descriptor write-back abandons the frame; the ring page is
    // readable (the fetch works) but not writable
    VfFixture f = new VfFixture().resetHandshake().rxRing(COUNT - 1);
    f.vf.mmioWrite(srrctl(0), 2 | ((legacy ? 0 : 1) << SRRCTL_DESCTYPE_SHIFT) | SRRCTL_DROP_EN);
    readOnly(f, RX_RING);
    Frame fr = f.frame(1, 60);
    f.vf.deliver(fr);
    f.vf.runUntilIdle(10);
    assertEquals(List.of("DMA_FAULT"), f.drops);
    assertEquals(0, rdh0(f));
    assertEquals(0, f.vf.mmioRead(VFGPRC));
    assertEquals(0L, f.mem.readLong(RX_RING + 8), "the descriptor is still in read format");
    byte[] got = new byte[60];
    f.mem.read(RX_BUF, got, 0, 60);
    assertArrayEquals(fr.toByteArray(), got, "the buffer write came first and landed");
  }

  @Test
  void descriptorFirstDevice_writeBackFault_abandonsBeforeAnyData() {
    // the injected ordering bug (VfConfig.descriptorBeforeData) writes the descriptor first: its
    // refusal abandons the frame at once, before the buffer is touched
    VfFixture f = new VfFixture(VfConfig.defaults().withDescriptorBeforeData());
    f.resetHandshake().rxRing(COUNT - 1);
    readOnly(f, RX_RING);
    f.mem.writeLong(RX_BUF, 0x5A5A5A5A5A5A5A5AL);
    f.vf.deliver(f.frame(1, 60));
    assertTrue(f.vf.stepRx());
    assertEquals(List.of("DMA_FAULT"), f.drops);
    assertFalse(f.vf.rx().dataWritten());
    assertEquals(0x5A5A5A5A5A5A5A5AL, f.mem.readLong(RX_BUF));
  }

  @Test
  void faultDropsCleanlyDefect_differsOnlyOnAFault() {
    // VfDefect.FAULT_DROPS_CLEANLY: a refused buffer write drops the frame (the correct device
    // writes the descriptor back regardless); a buffer that lands is placed as always
    VfConfig c = VfConfig.defaults().withDefect(VfDefect.FAULT_DROPS_CLEANLY);
    VfFixture ok = new VfFixture(c).resetHandshake().rxRing(COUNT - 1);
    ok.vf.deliver(ok.frame(1, 60));
    ok.vf.runUntilIdle(10);
    assertEquals(List.of(), ok.drops);
    assertEquals(1, ok.vf.mmioRead(VFGPRC));
    assertEquals(AdvRxDesc.STAT_DD | AdvRxDesc.STAT_EOP, ok.mem.readInt(RX_RING + 8));

    VfFixture bad = new VfFixture(c).resetHandshake().rxRing(COUNT - 1);
    bad.mem.writeLong(RX_RING, 0x7F00_0000L); // beyond the 16 MiB mapping
    bad.vf.deliver(bad.frame(1, 60));
    bad.vf.runUntilIdle(10);
    assertEquals(List.of("DMA_FAULT"), bad.drops);
    assertEquals(0, rdh0(bad));
    assertEquals(0L, bad.mem.readLong(RX_RING + 8), "no write-back");
  }

  @Test
  void descriptorFirstDevice_withFaultDropsCleanly_abandonsOnTheLateBufferFault() {
    // both injected defects at once: the descriptor goes first (VfConfig.descriptorBeforeData),
    // the buffer write second, and its refusal drops the frame (VfDefect.FAULT_DROPS_CLEANLY)
    VfFixture f =
        new VfFixture(
            VfConfig.defaults()
                .withDescriptorBeforeData()
                .withDefect(VfDefect.FAULT_DROPS_CLEANLY));
    f.resetHandshake().rxRing(COUNT - 1);
    f.mem.writeLong(RX_RING, 0x7F00_0000L); // beyond the 16 MiB mapping
    f.vf.deliver(f.frame(1, 60));
    assertTrue(f.vf.stepRx()); // the descriptor, with DD
    assertEquals(List.of(), f.drops);
    assertTrue(f.vf.stepRx()); // the buffer: refused
    assertEquals(List.of("DMA_FAULT"), f.drops);
    assertFalse(f.vf.rx().frameInFlight());
    assertEquals(0, rdh0(f), "head does not advance past an abandoned frame");
  }

  @Test
  void badFramesDroppedSilentlyDefect_losesOnlyCeFrames() {
    // VfDefect.BAD_FRAME_DROPPED_SILENTLY: a frame stored with CE (FCTRL.SBP) is neither placed
    // nor counted; a good frame is placed as always
    VfFixture f =
        new VfFixture(VfConfig.defaults().withDefect(VfDefect.BAD_FRAME_DROPPED_SILENTLY))
            .resetHandshake()
            .rxRing(COUNT - 1);
    f.vf.pf().setStoreBadPackets(true);
    f.vf.deliver(f.frame(1, 60).withBitErrorInLastByte());
    assertTrue(f.vf.stepRx());
    assertTrue(f.vf.rx().idle());
    assertEquals(0, f.vf.rx().totalDrops());
    assertEquals(0, rdh0(f));
    f.vf.deliver(f.frame(2, 60));
    f.vf.runUntilIdle(10);
    assertEquals(1, rdh0(f));
    assertEquals(1, f.vf.mmioRead(VFGPRC));
  }

  @Test
  void functionLevelReset_dropsWaitingAndInFlightFrames() {
    // Vf82599.reset / RxEngine.reset: frames in the packet buffer or in flight are dropped and
    // counted (QUEUE_DISABLED), the engine is idle afterwards
    VfFixture f = new VfFixture().resetHandshake().rxRing(COUNT - 1);
    for (int i = 1; i <= 3; i++) {
      f.vf.deliver(f.frame(i, 60));
    }
    assertTrue(f.vf.stepRx()); // frame 1 in flight
    assertTrue(f.vf.rx().frameInFlight());
    f.vf.reset();
    assertEquals(List.of("QUEUE_DISABLED", "QUEUE_DISABLED", "QUEUE_DISABLED"), f.drops);
    assertTrue(f.vf.rx().idle());
    assertFalse(f.vf.rx().dataWritten());
    assertFalse(f.vf.rx().stopped());
  }

  @Test
  void vfReset_dropsOnlyAFrameInFlight() {
    // VFCTRL.RST (Vf82599.vfReset): a frame in flight is abandoned and counted; with nothing in
    // flight nothing is dropped
    VfFixture f = new VfFixture().resetHandshake().rxRing(COUNT - 1);
    f.vf.mmioWrite(VFCTRL, VFCTRL_RST);
    assertEquals(List.of(), f.drops);
    VfFixture g = new VfFixture().resetHandshake().rxRing(COUNT - 1);
    g.vf.deliver(g.frame(1, 60));
    g.vf.stepRx();
    g.vf.mmioWrite(VFCTRL, VFCTRL_RST);
    assertEquals(List.of("QUEUE_DISABLED"), g.drops);
    assertFalse(g.vf.rx().frameInFlight());
  }
}
