package org.vfiomc.conformance.emulator.ring;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.vfiomc.conformance.emulator.VfFixture.TX_RING;
import static org.vfiomc.conformance.emulator.regs.VfRegs.*;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.vfiomc.conformance.emulator.VfFixture;
import org.vfiomc.conformance.emulator.packet.Frame;
import org.vfiomc.conformance.emulator.packet.TestFrames;
import org.vfiomc.conformance.emulator.state.TxQueueState;

/**
 * The Tx engine's edges (issue 13, item 5: PIT survivors of {@code TxEngine}): completion
 * write-back, context descriptors, malformed and faulting descriptors, the 17-byte minimum, the
 * round robin between the two queues, and the part-way packet a stop finishes or a migration dooms.
 * Sources: {@code ../shared/reference/82599-vf.md} §2 "Advanced Tx data descriptor" and "Advanced
 * Tx context descriptor", §3 "Tx order"; QEMU igb {@code igb_start_xmit}, {@code
 * igb_txdesc_writeback}; Linux {@code ixgbevf_xmit_frame}, {@code ixgbevf_tx_map}.
 */
final class TxEngineEdgeTest {
  /** Buffers 16 KiB apart, so that a 9728-byte gather fits between two of them. */
  private static final long BUF = 0x100000;

  /** Tx ring 1: 8 descriptors at 0x38000. */
  private static final long TX_RING1 = 0x38000;

  private static VfFixture txReady() {
    VfFixture f = new VfFixture().resetHandshake();
    f.vf.mmioWrite(tdbal(0), (int) TX_RING);
    f.vf.mmioWrite(tdlen(0), 8 * 16);
    f.vf.mmioWrite(txdctl(0), DCTL_ENABLE);
    return f;
  }

  private static void enableQueue1(VfFixture f) {
    f.vf.mmioWrite(tdbal(1), (int) TX_RING1);
    f.vf.mmioWrite(tdlen(1), 8 * 16);
    f.vf.mmioWrite(txdctl(1), DCTL_ENABLE);
  }

  /** Writes a raw descriptor into slot {@code slot} of the ring at {@code ring}. */
  private static void desc(VfFixture f, long ring, int slot, long addr, int cmd, int olinfo) {
    byte[] d = new byte[16];
    AdvTxDesc.encodeData(d, 0, addr, cmd, olinfo);
    f.mem.write(ring + 16L * slot, d, 0, 16);
  }

  /** Posts {@code bytes} as one data descriptor (EOP and RS) in slot {@code slot}. */
  private static void postBytes(VfFixture f, long ring, int slot, byte[] bytes) {
    long buf = BUF + 0x4000L * slot + (ring == TX_RING ? 0 : 0x40000);
    f.mem.write(buf, bytes, 0, bytes.length);
    desc(
        f,
        ring,
        slot,
        buf,
        AdvTxDesc.dataCmd(bytes.length, true, true),
        bytes.length << AdvTxDesc.PAYLEN_SHIFT);
  }

  private static byte[] randomBytes(long seed, int len) {
    byte[] b = new byte[len];
    new SplittableRandom(seed).nextBytes(b);
    return b;
  }

  @Test
  void ddIsOredIntoTheStatusDword_theRestOfOlinfoStays() {
    // QEMU igb_txdesc_writeback: status = le32(wb.status) | E1000_TXD_STAT_DD, written back in
    // place; the reference's write-back format: bytes 12..15 status with DD = bit 0
    VfFixture f = txReady();
    Frame fr = f.frame(1, 60);
    int olinfo =
        (60 << AdvTxDesc.PAYLEN_SHIFT) | AdvTxDesc.OLINFO_CC; // as ixgbevf_tx_olinfo_status
    f.mem.write(BUF, fr.toByteArray(), 0, 60);
    desc(f, TX_RING, 0, BUF, AdvTxDesc.dataCmd(60, true, true), olinfo);
    f.vf.mmioWrite(tdt(0), 1);
    f.vf.runUntilIdle(10);
    assertEquals(olinfo | AdvTxDesc.STA_DD, f.mem.readInt(TX_RING + AdvTxDesc.OLINFO_STATUS));
  }

  @Test
  void contextDescriptor_takesASlotButNoData_andThePacketIsSent() {
    // reference §2: a context descriptor (DTYP 0010b, DEXT) occupies one ring slot and carries no
    // buffer; ixgbevf_tx_ctxtdesc writes one before the data descriptors of an offloaded packet
    VfFixture f = txReady();
    Frame fr = f.frame(1, 60);
    int ctx = (AdvTxDesc.DTYP_CONTEXT << AdvTxDesc.DTYP_SHIFT) | AdvTxDesc.CMD_DEXT;
    desc(f, TX_RING, 0, 0x0E00_0000_0000_0000L, ctx, 0); // vlan_macip_lens etc.: not an address
    f.mem.write(BUF, fr.toByteArray(), 0, 60);
    desc(f, TX_RING, 1, BUF, AdvTxDesc.dataCmd(60, true, true), 60 << AdvTxDesc.PAYLEN_SHIFT);
    f.vf.mmioWrite(tdt(0), 2);
    assertEquals(2, f.vf.runUntilIdle(10));
    assertEquals(1, f.wire.size());
    assertArrayEquals(fr.toByteArray(), f.wire.get(0));
    assertEquals(0, f.vf.tx().dropped(0));
    assertEquals(2, f.vf.mmioRead(tdh(0)));
  }

  @Test
  void dataTypeWithoutDext_isNoAdvancedDescriptor_andDoomsThePacket() {
    // DEXT (bit 29) selects the advanced format; without it bits 23:20 are not a DTYP (reference
    // §2: ixgbevf always sets DEXT|DTYP=data). The model supports no legacy Tx descriptor.
    VfFixture f = txReady();
    f.mem.write(BUF, f.frame(1, 60).toByteArray(), 0, 60);
    int cmd = AdvTxDesc.dataCmd(60, true, true) & ~AdvTxDesc.CMD_DEXT;
    desc(f, TX_RING, 0, BUF, cmd, 0);
    f.vf.mmioWrite(tdt(0), 1);
    f.vf.runUntilIdle(10);
    assertEquals(0, f.wire.size());
    assertEquals(1, f.vf.tx().dropped(0));
    assertEquals(1, f.vf.mmioRead(tdh(0)), "the ring still moves");
  }

  @Test
  void packetsShorterThan17Bytes_areDropped_17AreSent() {
    // ixgbevf_xmit_frame: "The minimum packet size for olinfo paylen is 17", it pads shorter skbs;
    // TxEngine.MIN_PAYLEN models what the device does with a shorter one (a counted drop)
    VfFixture f = txReady();
    byte[] short16 = randomBytes(16, 16);
    byte[] ok17 = randomBytes(17, 17);
    postBytes(f, TX_RING, 0, short16);
    postBytes(f, TX_RING, 1, ok17);
    f.vf.mmioWrite(tdt(0), 2);
    assertEquals(2, f.vf.runUntilIdle(10));
    assertEquals(1, f.wire.size());
    assertArrayEquals(ok17, f.wire.get(0));
    assertEquals(1, f.vf.tx().dropped(0));
    assertEquals(1, f.vf.mmioRead(VFGPTC));
    assertEquals(17, f.vf.mmioRead(VFGOTC_LSB));
  }

  @Test
  void zeroLengthDataDescriptor_doomsItsPacket_butEveryDescriptorCompletes() {
    // a data descriptor with DTALEN 0 is malformed (TxEngine class comment); as QEMU igb's
    // skip_cp, the packet is not sent but its descriptors still complete (RS: DD written back)
    VfFixture f = txReady();
    Frame fr = f.frame(1, 60);
    f.mem.write(BUF, fr.toByteArray(), 0, 60);
    desc(f, TX_RING, 0, BUF, AdvTxDesc.dataCmd(0, false, true), 0);
    desc(f, TX_RING, 1, BUF, AdvTxDesc.dataCmd(60, true, true), 0);
    f.vf.mmioWrite(tdt(0), 2);
    assertEquals(2, f.vf.runUntilIdle(10));
    assertEquals(0, f.wire.size());
    assertEquals(1, f.vf.tx().dropped(0));
    assertEquals(AdvTxDesc.STA_DD, f.mem.readInt(TX_RING + AdvTxDesc.OLINFO_STATUS));
    assertEquals(AdvTxDesc.STA_DD, f.mem.readInt(TX_RING + 16 + AdvTxDesc.OLINFO_STATUS));
  }

  /** Posts a packet of {@code lens} bytes per descriptor (seeded bytes); returns its bytes. */
  private static byte[] postGather(VfFixture f, int... lens) {
    int total = 0;
    for (int l : lens) {
      total += l;
    }
    byte[] all = randomBytes(total, total);
    int at = 0;
    for (int i = 0; i < lens.length; i++) {
      long buf = BUF + 0x4000L * i;
      f.mem.write(buf, all, at, lens[i]);
      boolean last = i == lens.length - 1;
      desc(f, TX_RING, i, buf, AdvTxDesc.dataCmd(lens[i], last, last), 0);
      at += lens[i];
    }
    return all;
  }

  @Test
  void aPacketOfTheLongestFrame_isSent_oneByteMoreIsDropped() {
    // Frame.MAX_LENGTH (9728, jumbo) bounds the gather buffer; a longer packet is malformed
    VfFixture f = txReady();
    byte[] max = postGather(f, 4864, Frame.MAX_LENGTH - 4864);
    f.vf.mmioWrite(tdt(0), 2);
    f.vf.runUntilIdle(10);
    assertEquals(1, f.wire.size());
    assertArrayEquals(max, f.wire.get(0));

    VfFixture g = txReady();
    postGather(g, 4865, Frame.MAX_LENGTH - 4864);
    g.vf.mmioWrite(tdt(0), 2);
    g.vf.runUntilIdle(10);
    assertEquals(0, g.wire.size());
    assertEquals(1, g.vf.tx().dropped(0));
  }

  @Test
  void aGatherFarBeyondTheLongestFrame_isDropped() {
    // three descriptors of 4000 bytes: 12000 bytes, more than Frame.MAX_LENGTH by far
    VfFixture f = txReady();
    postGather(f, 4000, 4000, 4000);
    f.vf.mmioWrite(tdt(0), 3);
    assertEquals(3, f.vf.runUntilIdle(10));
    assertEquals(0, f.wire.size());
    assertEquals(1, f.vf.tx().dropped(0));
  }

  @Test
  void descriptorFetchFault_consumesTheSlot_andDoomsThePacket() {
    // QEMU igb_start_xmit reads the descriptor and advances the ring whatever the read returned;
    // the packet the unreadable descriptor belonged to is lost (TxEngine class comment)
    VfFixture f = txReady();
    f.iommu.unmap(TX_RING, 4096);
    f.vf.mmioWrite(tdt(0), 1);
    assertEquals(1, f.vf.runUntilIdle(10), "one step: the slot is consumed, not retried");
    assertEquals(1, f.vf.mmioRead(tdh(0)));
    assertEquals(1, f.dma.faultCount());
    // the ring becomes readable again: the next descriptor ends the doomed packet (EOP), so that
    // packet is counted as dropped, not sent
    f.iommu.map(TX_RING, TX_RING, 4096, true, true);
    postBytes(f, TX_RING, 1, randomBytes(60, 60));
    f.vf.mmioWrite(tdt(0), 2);
    f.vf.runUntilIdle(10);
    assertEquals(0, f.wire.size());
    assertEquals(1, f.vf.tx().dropped(0));
    assertEquals(AdvTxDesc.STA_DD, f.mem.readInt(TX_RING + 16 + AdvTxDesc.OLINFO_STATUS) & 1);
  }

  @Test
  void bufferReadFault_dropsThePacket_andTheDescriptorStillCompletes() {
    VfFixture f = txReady();
    desc(f, TX_RING, 0, 0x7F00_0000L, AdvTxDesc.dataCmd(60, true, true), 0); // unmapped buffer
    f.vf.mmioWrite(tdt(0), 1);
    f.vf.runUntilIdle(10);
    assertEquals(0, f.wire.size());
    assertEquals(1, f.vf.tx().dropped(0));
    assertEquals(1, f.dma.faultCount());
    assertEquals(AdvTxDesc.STA_DD, f.mem.readInt(TX_RING + AdvTxDesc.OLINFO_STATUS));
  }

  @Test
  void headWriteBack_goesToTheFull64BitTdwba() {
    // reference §3 "Tx order": with TDWBAL bit 0 the 32-bit head goes to TDWBAH:TDWBAL[31:2]. The
    // IOVA 4 GiB + 0x100 is mapped to guest page 0x61000 (the identity map ends at 16 MiB).
    VfFixture f = txReady();
    f.iommu.map(0x1_0000_0000L, 0x61000, 4096, true, true);
    f.vf.mmioWrite(tdwbah(0), 1);
    f.vf.mmioWrite(tdwbal(0), 0x100 | TDWBAL_ENABLE);
    f.mem.writeInt(0x61100, -1);
    f.mem.writeInt(0x100, -1);
    postBytes(f, TX_RING, 0, randomBytes(60, 60));
    f.vf.mmioWrite(tdt(0), 1);
    f.vf.runUntilIdle(10);
    assertEquals(1, f.mem.readInt(0x61100), "head after one descriptor");
    assertEquals(-1, f.mem.readInt(0x100), "nothing at the low 32 bits alone");
  }

  @Test
  void rsCompletion_raisesTheTxQueuesCause() {
    // ixgbevf_set_ivar: Tx queue 0's entry is VTIVAR0 bits 15:8 (valid bit 7 of the byte);
    // reference §3 "Interrupts": the cause is latched in VTEICR when a mapped queue completes
    VfFixture f = txReady();
    f.vf.mmioWrite(VTIVAR0, 0x8100); // Tx queue 0 -> vector 1; Rx queue 0 unmapped
    postBytes(f, TX_RING, 0, randomBytes(60, 60));
    f.vf.mmioWrite(tdt(0), 1);
    f.vf.runUntilIdle(10);
    assertEquals(0x2, f.vf.registers().get(VTEICR) & 0x2);
  }

  @Test
  void idle_meansNoEnabledQueueHasPendingDescriptors() {
    VfFixture f = txReady();
    assertTrue(f.vf.tx().idle());
    postBytes(f, TX_RING, 0, randomBytes(60, 60));
    f.vf.mmioWrite(tdt(0), 1);
    assertFalse(f.vf.tx().idle());
    f.vf.mmioWrite(txdctl(0), 0); // pending, but the queue is disabled
    assertTrue(f.vf.tx().idle());
    f.vf.mmioWrite(txdctl(0), DCTL_ENABLE);
    assertFalse(f.vf.tx().idle());
    f.vf.runUntilIdle(10);
    assertTrue(f.vf.tx().idle());
  }

  @Test
  void theTwoQueues_takeTurns() {
    // TxEngine: one descriptor per step, round robin over the queues with work
    VfFixture f = txReady();
    enableQueue1(f);
    for (int i = 0; i < 2; i++) {
      postBytes(f, TX_RING, i, f.frame(1 + i, 60).toByteArray()); // ids 1, 2 on queue 0
      postBytes(f, TX_RING1, i, f.frame(3 + i, 60).toByteArray()); // ids 3, 4 on queue 1
    }
    f.vf.mmioWrite(tdt(0), 2);
    f.vf.mmioWrite(tdt(1), 2);
    assertEquals(0, f.vf.tx().nextQueue());
    assertTrue(f.vf.stepTx());
    assertEquals(1, f.vf.tx().nextQueue(), "after queue 0, queue 1 is next");
    assertEquals(3, f.vf.runUntilIdle(10));
    long[] ids = new long[4];
    for (int i = 0; i < 4; i++) {
      ids[i] = TestFrames.idOf(f.wire.get(i), 0, f.wire.get(i).length);
    }
    assertArrayEquals(new long[] {1, 3, 2, 4}, ids);
    assertEquals(0, f.vf.tx().nextQueue(), "after queue 1, queue 0 is next");
  }

  @Test
  void restoredRoundRobinPosition_isAQueueIndex() {
    VfFixture f = txReady();
    f.vf.tx().restoreNextQueue(-1);
    assertEquals(QUEUES - 1, f.vf.tx().nextQueue());
    f.vf.tx().restoreNextQueue(QUEUES + 1);
    assertEquals(1, f.vf.tx().nextQueue());
    // from queue 1 first: queue 1's packet leaves before queue 0's
    enableQueue1(f);
    postBytes(f, TX_RING, 0, f.frame(1, 60).toByteArray());
    postBytes(f, TX_RING1, 0, f.frame(2, 60).toByteArray());
    f.vf.mmioWrite(tdt(0), 1);
    f.vf.mmioWrite(tdt(1), 1);
    f.vf.runUntilIdle(10);
    assertEquals(2, TestFrames.idOf(f.wire.get(0), 0, f.wire.get(0).length));
  }

  @Test
  void finishPacket_completesOnlyThePacketPartWayThrough() {
    // ixgbevf_tx_map writes TDT once per packet, so a started packet's descriptors are all posted;
    // a stop finishes it (Vf82599.setQuiesced) and nothing after its EOP
    VfFixture f = txReady();
    byte[] first = postGather(f, 100, 100, 100); // slots 0..2
    postBytes(f, TX_RING, 3, randomBytes(4, 60)); // a second packet in slot 3
    f.vf.mmioWrite(tdt(0), 4);
    assertEquals(0, f.vf.tx().finishPacket(0), "no packet started: nothing to finish");
    assertEquals(0, f.vf.mmioRead(tdh(0)));
    assertTrue(f.vf.stepTx()); // slot 0: the packet is part-way
    assertEquals(new TxQueueState(true), f.vf.tx().save(0));
    assertEquals(2, f.vf.tx().finishPacket(0));
    assertEquals(3, f.vf.mmioRead(tdh(0)));
    assertEquals(1, f.wire.size());
    assertArrayEquals(first, f.wire.get(0));
    assertEquals(new TxQueueState(false), f.vf.tx().save(0));
    assertEquals(0, f.vf.tx().finishPacket(0));
  }

  @Test
  void finishPacket_stopsAtTheTailOfAQueue() {
    VfFixture f = txReady();
    postGather(f, 100, 100, 100);
    f.vf.mmioWrite(tdt(0), 2); // the driver never does this; the engine must still stop at TDT
    assertTrue(f.vf.stepTx());
    assertEquals(1, f.vf.tx().finishPacket(0));
    assertEquals(2, f.vf.mmioRead(tdh(0)));
    f.vf.mmioWrite(txdctl(0), 0);
    f.vf.mmioWrite(tdt(0), 3);
    assertEquals(0, f.vf.tx().finishPacket(0), "a disabled queue is not processed");
  }

  @Test
  void aMigratedPartWayPacket_isDroppedAtItsEop() {
    // TxEngine.save/restore, like QEMU igb_core_pre_save's skip_cp: the gathered bytes do not
    // migrate, so the destination completes the packet's remaining descriptors without sending
    VfFixture f = txReady();
    assertEquals(new TxQueueState(false), f.vf.tx().save(0), "an idle queue has no packet");
    f.vf.tx().restore(0, new TxQueueState(true));
    assertEquals(new TxQueueState(true), f.vf.tx().save(0));
    postBytes(f, TX_RING, 0, randomBytes(60, 60)); // the packet's last descriptor (EOP)
    postBytes(f, TX_RING, 1, randomBytes(61, 60)); // the next packet
    f.vf.mmioWrite(tdt(0), 2);
    f.vf.runUntilIdle(10);
    assertEquals(1, f.vf.tx().dropped(0));
    assertEquals(1, f.wire.size());
    assertArrayEquals(randomBytes(61, 60), f.wire.get(0));
  }
}
