package org.vfiomc.conformance.emulator.state;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.common.collect.ImmutableList;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.zip.CRC32C;
import org.junit.jupiter.api.Test;
import org.vfiomc.conformance.emulator.packet.Frame;
import org.vfiomc.conformance.emulator.regs.VfRegs;

/**
 * The device-state stream field by field (issue 13, item 5: PIT survivors of {@code
 * VfSnapshotCodec} and {@code VfSnapshot}): every bounded field of the PF section accepts its
 * largest value and refuses the next one at the field's own byte offset, every flag bit travels
 * alone, and the snapshot's own checks.
 *
 * <p>Offsets, from the layout in {@code VfSnapshotCodec}'s comment: header 16 bytes; REGS section
 * header at 16 (6 bytes), count at 22, 4096 words at 26..16410; TX section header at 16410, queue
 * count at 16416, the two packet-in-progress bytes at 16420 and 16421; PF section header at 16422,
 * body at 16428: mac (8 bytes) 16428, flags 16436, api 16440, features 16444, xcast 16448, max
 * frame 16452, port VLAN 16456, port QoS 16460, Tx rate 16464, multicast count 16468, then the
 * lists.
 */
final class VfSnapshotFieldsTest {
  private static final int TX_COUNT = 16416;
  private static final int TX_Q0 = 16420;
  private static final int FLAGS = 16436;
  private static final int API = 16440;
  private static final int XCAST = 16448;
  private static final int MAX_FRAME = 16452;
  private static final int PORT_VLAN = 16456;
  private static final int PORT_QOS = 16460;
  private static final int MC_COUNT = 16468;
  private static final int API_17 = 8;

  private static final int[] REGS = new int[VfSnapshot.REGISTER_WORDS];
  private static final ImmutableList<TxQueueState> TX =
      ImmutableList.of(new TxQueueState(true), new TxQueueState(false));

  /** A PF state with the given bounded fields and lists; the other fields fixed. */
  private static PfVfState pf(
      int api,
      int xcast,
      int maxFrame,
      int portVlan,
      int portQos,
      List<Integer> mc,
      List<Integer> vlans,
      List<Long> macvlans) {
    return new PfVfState(
        0x02_11_22_33_44_55L,
        false,
        ImmutableList.copyOf(mc),
        true,
        api,
        0,
        xcast,
        ImmutableList.copyOf(vlans),
        ImmutableList.copyOf(macvlans),
        maxFrame,
        portVlan,
        portQos,
        false,
        true,
        false,
        true,
        1000,
        true,
        true,
        true);
  }

  private static PfVfState plain() {
    return pf(API_17, 1, 1518, 0, 0, List.of(), List.of(0), List.of());
  }

  private static VfSnapshot roundTrip(PfVfState p) throws SnapshotFormatException {
    VfSnapshot s = new VfSnapshot(ImmutableList.copyOf(boxed()), TX, p);
    VfSnapshot back = VfSnapshotCodec.decode(VfSnapshotCodec.encode(s));
    assertEquals(s, back);
    return back;
  }

  private static List<Integer> boxed() {
    List<Integer> l = new ArrayList<>();
    for (int w : REGS) {
      l.add(w);
    }
    return l;
  }

  private static long refusedAt(PfVfState p) {
    byte[] b = VfSnapshotCodec.encode(REGS, TX, p);
    return assertThrows(SnapshotFormatException.class, () -> VfSnapshotCodec.decode(b)).offset();
  }

  @Test
  void eachBoundedPfField_takesItsLargestValue_andRefusesTheNextAtItsOffset()
      throws SnapshotFormatException {
    // api enum 0..8 (1.0 .. 1.7), xcast 0..3, max frame up to Frame.MAX_LENGTH + 4 (9732), VLAN
    // ids 12 bits, QoS 3 bits
    roundTrip(pf(8, 3, Frame.MAX_LENGTH + 4, 4095, 7, List.of(), List.of(), List.of()));
    assertEquals(API, refusedAt(pf(9, 1, 1518, 0, 0, List.of(), List.of(), List.of())));
    assertEquals(XCAST, refusedAt(pf(8, 4, 1518, 0, 0, List.of(), List.of(), List.of())));
    assertEquals(MAX_FRAME, refusedAt(pf(8, 1, 9733, 0, 0, List.of(), List.of(), List.of())));
    assertEquals(PORT_VLAN, refusedAt(pf(8, 1, 1518, 4096, 0, List.of(), List.of(), List.of())));
    assertEquals(PORT_QOS, refusedAt(pf(8, 1, 1518, 0, 8, List.of(), List.of(), List.of())));
    // a u32 read as unsigned: -1 is 4294967295, beyond every bound
    assertEquals(API, refusedAt(pf(-1, 1, 1518, 0, 0, List.of(), List.of(), List.of())));
  }

  @Test
  void pfLists_areBoundedInCountAndValue() throws SnapshotFormatException {
    // 30 multicast hashes (IXGBE_MAX_VF_MC_ENTRIES) of 16 bits; VLAN ids of 12 bits
    List<Integer> thirty = Collections.nCopies(30, 0xFFFF);
    roundTrip(pf(8, 1, 1518, 0, 0, thirty, List.of(4095), List.of(0x02_00_00_00_00_01L)));
    assertEquals(
        MC_COUNT,
        refusedAt(pf(8, 1, 1518, 0, 0, Collections.nCopies(31, 1), List.of(), List.of())));
    // the first hash is at MC_COUNT + 4
    assertEquals(
        MC_COUNT + 4, refusedAt(pf(8, 1, 1518, 0, 0, List.of(0x10000), List.of(), List.of())));
    // no hashes: the VLAN count at MC_COUNT + 4, the first id after it
    assertEquals(
        MC_COUNT + 8, refusedAt(pf(8, 1, 1518, 0, 0, List.of(), List.of(4096), List.of())));
    // at most 4096 entries in each of the last two lists
    assertEquals(
        MC_COUNT + 4,
        refusedAt(pf(8, 1, 1518, 0, 0, List.of(), Collections.nCopies(4097, 1), List.of())));
    roundTrip(pf(8, 1, 1518, 0, 0, List.of(), Collections.nCopies(4096, 1), List.of()));
    assertEquals(
        MC_COUNT + 8,
        refusedAt(pf(8, 1, 1518, 0, 0, List.of(), List.of(), Collections.nCopies(4097, 2L))));
    roundTrip(pf(8, 1, 1518, 0, 0, List.of(), List.of(), Collections.nCopies(4096, 2L)));
  }

  @Test
  void everyPfFlag_travelsAlone() throws SnapshotFormatException {
    // bit 0 adminMac .. bit 8 queueDropEnable, each set alone
    for (int bit = 0; bit < 9; bit++) {
      boolean[] f = new boolean[9];
      f[bit] = true;
      PfVfState p =
          new PfVfState(
              1,
              f[0],
              ImmutableList.of(),
              f[1],
              0,
              0,
              0,
              ImmutableList.of(),
              ImmutableList.of(),
              1518,
              0,
              0,
              f[2],
              f[3],
              f[4],
              f[5],
              0,
              f[6],
              f[7],
              f[8]);
      roundTrip(p);
      byte[] b = VfSnapshotCodec.encode(REGS, TX, p);
      assertEquals(1 << bit, u32(b, FLAGS), "bit " + bit);
    }
    // bit 9 is no flag
    byte[] b = VfSnapshotCodec.encode(REGS, TX, plain());
    putU32(b, FLAGS, 1 << 9);
    fixCrc(b);
    SnapshotFormatException e =
        assertThrows(SnapshotFormatException.class, () -> VfSnapshotCodec.decode(b));
    assertEquals(FLAGS, e.offset());
  }

  @Test
  void theTxSection_takesTwoQueuesOfZeroOrOne() {
    byte[] b = VfSnapshotCodec.encode(REGS, TX, plain());
    assertEquals(1, b[TX_Q0]);
    assertEquals(0, b[TX_Q0 + 1]);
    byte[] two = b.clone();
    two[TX_Q0 + 1] = 2;
    fixCrc(two);
    assertEquals(
        TX_Q0 + 1,
        assertThrows(SnapshotFormatException.class, () -> VfSnapshotCodec.decode(two)).offset());
    byte[] three = b.clone();
    putU32(three, TX_COUNT, 3);
    fixCrc(three);
    assertEquals(
        TX_COUNT,
        assertThrows(SnapshotFormatException.class, () -> VfSnapshotCodec.decode(three)).offset());
  }

  @Test
  void imagesOfTheWrongSize_areRefusedBeforeAnyByte() {
    assertThrows(
        IllegalArgumentException.class, () -> VfSnapshotCodec.encode(new int[4095], TX, plain()));
    byte[] good = VfSnapshotCodec.encode(REGS, TX, plain());
    assertThrows(
        IllegalArgumentException.class, () -> VfSnapshotCodec.decodeInto(good, new int[4097]));
  }

  @Test
  void withRegister_takesAlignedOffsetsInsideTheBar() throws SnapshotFormatException {
    VfSnapshot s = roundTrip(plain());
    VfSnapshot last = s.withRegister(4 * 4095, 7);
    assertEquals(7, last.register(4 * 4095));
    assertEquals(7, s.withRegister(0, 7).register(0));
    assertThrows(IllegalArgumentException.class, () -> s.withRegister(-4, 1));
    assertThrows(IllegalArgumentException.class, () -> s.withRegister(4 * 4096, 1));
    assertThrows(IllegalArgumentException.class, () -> s.withRegister(2, 1));
    assertThrows(
        IllegalArgumentException.class, () -> new VfSnapshot(ImmutableList.of(1, 2), TX, plain()));
  }

  @Test
  void restorablePart_zeroesExactlyTheHardwareOwnedWords() {
    int[] r = new int[VfSnapshot.REGISTER_WORDS];
    java.util.Arrays.fill(r, 5);
    List<Integer> l = new ArrayList<>();
    for (int w : r) {
      l.add(w);
    }
    VfSnapshot s = new VfSnapshot(ImmutableList.copyOf(l), TX, plain()).restorablePart();
    int zeros = 0;
    for (int i = 0; i < VfSnapshot.REGISTER_WORDS; i++) {
      if (s.registers().get(i) == 0) {
        zeros++;
        assertTrue(VfSnapshot.HARDWARE_OWNED.contains(4 * i), "word " + i);
      }
    }
    assertEquals(VfSnapshot.HARDWARE_OWNED.size(), zeros);
    assertEquals(0, s.register(VfRegs.VFGPRC));
    assertEquals(5, s.register(VfRegs.VFMAILBOX));
  }

  /** A valid stream of {@link #plain()} with {@code edit} applied and the checksum recomputed. */
  private static byte[] edited(java.util.function.Consumer<byte[]> edit) {
    byte[] b = VfSnapshotCodec.encode(REGS, TX, plain());
    edit.accept(b);
    fixCrc(b);
    return b;
  }

  /** {@code b} with {@code n} zero bytes inserted at {@code at}, lengths and checksum fixed. */
  private static byte[] inserted(int at, int n, int sectionLengthAt) {
    byte[] good = VfSnapshotCodec.encode(REGS, TX, plain());
    byte[] b = new byte[good.length + n];
    System.arraycopy(good, 0, b, 0, at);
    System.arraycopy(good, at, b, at + n, good.length - at);
    putU32(b, 12, u32(b, 12) + n); // payload length
    putU32(b, sectionLengthAt, u32(b, sectionLengthAt) + n);
    fixCrc(b);
    return b;
  }

  private static SnapshotFormatException refused(byte[] b) {
    return assertThrows(SnapshotFormatException.class, () -> VfSnapshotCodec.decode(b));
  }

  @Test
  void theHeader_namesWhatIsWrongAndWhere() {
    byte[] good = VfSnapshotCodec.encode(REGS, TX, plain());
    // a magic cut short is a truncation, not a wrong magic
    SnapshotFormatException cut = refused(java.util.Arrays.copyOf(good, 5));
    assertEquals(0, cut.offset());
    assertTrue(
        cut.getMessage().contains("truncated: magic needs 8 bytes, 5 left"), cut.getMessage());
    // the version is a u16: 0x0102 is 258, not 2
    SnapshotFormatException v = refused(edited(b -> b[9] = 1));
    assertEquals(8, v.offset());
    assertTrue(v.getMessage().contains("unsupported format version 258"), v.getMessage());
    // a payload length one more than the bytes between header and checksum
    int present = good.length - VfSnapshotCodec.HEADER - 4;
    SnapshotFormatException longer = refused(edited(b -> putU32(b, 12, present + 1)));
    assertEquals(12, longer.offset());
    assertTrue(
        longer
            .getMessage()
            .contains(
                "payload length " + (present + 1) + " exceeds the " + present + " bytes present"),
        longer.getMessage());
    // three bytes after the checksum
    byte[] trailing = java.util.Arrays.copyOf(good, good.length + 3);
    SnapshotFormatException t = refused(trailing);
    assertEquals(good.length, t.offset());
    assertTrue(t.getMessage().contains(": 3 trailing bytes after the checksum"), t.getMessage());
  }

  @Test
  void sectionLengths_areCheckedAgainstTheirContent() {
    // REGS section claiming 20 bytes: the count (4096) then 16 bytes, not the 16384 it needs
    SnapshotFormatException regs = refused(edited(b -> putU32(b, 18, 20)));
    assertEquals(26, regs.offset());
    assertTrue(regs.getMessage().contains("needs 16384 bytes, 16 left"), regs.getMessage());
    // TX section claiming 5 bytes: the count and one queue's byte, the second missing
    SnapshotFormatException tx = refused(edited(b -> putU32(b, TX_COUNT - 4, 5)));
    assertEquals(TX_Q0 + 1, tx.offset());
    // PF section claiming 4 bytes: half a MAC
    SnapshotFormatException pf = refused(edited(b -> putU32(b, 16424, 4)));
    assertEquals(16428, pf.offset());
    assertTrue(pf.getMessage().contains("pf mac needs 8 bytes, 4 left"), pf.getMessage());
    // TX section claiming more than the payload holds after it
    byte[] good = VfSnapshotCodec.encode(REGS, TX, plain());
    int left = good.length - 4 - TX_COUNT;
    SnapshotFormatException big = refused(edited(b -> putU32(b, TX_COUNT - 4, left + 1)));
    assertEquals(TX_COUNT - 4, big.offset());
    assertTrue(
        big.getMessage()
            .contains("TX section length " + (left + 1) + " exceeds the " + left + " bytes left"),
        big.getMessage());
  }

  @Test
  void bytesBeyondASectionsFields_areRefused_evenWithConsistentLengths() {
    // four extra bytes at the end of each section (its length, the payload length and the
    // checksum all adjusted): what the decoder does not know it refuses
    SnapshotFormatException regs = refused(inserted(16410, 4, 18));
    assertEquals(16410, regs.offset());
    assertTrue(
        regs.getMessage().contains(": 4 unexpected bytes at end of REGS section"),
        regs.getMessage());
    SnapshotFormatException tx = refused(inserted(16422, 4, 16412));
    assertEquals(16422, tx.offset());
    byte[] good = VfSnapshotCodec.encode(REGS, TX, plain());
    int pfEnd = good.length - 4;
    SnapshotFormatException pf = refused(inserted(pfEnd, 4, 16424));
    assertEquals(pfEnd, pf.offset());
    assertTrue(pf.getMessage().contains("end of PF section"), pf.getMessage());
    // four bytes after the PF section, inside the payload
    byte[] after = new byte[good.length + 4];
    System.arraycopy(good, 0, after, 0, pfEnd);
    putU32(after, 12, u32(after, 12) + 4);
    fixCrc(after);
    SnapshotFormatException payload = refused(after);
    assertEquals(pfEnd, payload.offset());
    assertTrue(payload.getMessage().contains("end of payload"), payload.getMessage());
  }

  @Test
  void rxEngineState_checksItsInvariants() {
    List<Long> drops =
        Collections.nCopies(org.vfiomc.conformance.emulator.packet.DropReason.values().length, 0L);
    RxEngineState ok = RxEngineState.of(List.of(), null, 0, 0, 0, false, drops);
    assertEquals(0, ok.fifo().size());
    assertThrows(
        IllegalArgumentException.class,
        () -> RxEngineState.of(List.of(), null, 0, 0, 0, false, List.of(0L)));
    assertThrows(
        IllegalArgumentException.class,
        () -> RxEngineState.of(List.of(), null, 0, 0, 0, true, drops));
  }

  private static int u32(byte[] b, int at) {
    return (b[at] & 0xFF)
        | (b[at + 1] & 0xFF) << 8
        | (b[at + 2] & 0xFF) << 16
        | (b[at + 3] & 0xFF) << 24;
  }

  private static void putU32(byte[] b, int at, int v) {
    for (int i = 0; i < 4; i++) {
      b[at + i] = (byte) (v >>> (8 * i));
    }
  }

  private static void fixCrc(byte[] s) {
    CRC32C c = new CRC32C();
    c.update(s, 0, s.length - 4);
    putU32(s, s.length - 4, (int) c.getValue());
  }
}
