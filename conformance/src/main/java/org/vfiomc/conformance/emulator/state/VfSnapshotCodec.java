package org.vfiomc.conformance.emulator.state;

import com.google.common.collect.ImmutableList;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.zip.CRC32C;
import org.vfiomc.conformance.emulator.packet.Frame;

/**
 * Binary codec of {@link VfSnapshot}: versioned, little-endian, CRC32C-protected.
 *
 * <pre>
 * offset size  field
 * 0      8     magic "VF82599S" (ASCII)
 * 8      2     u16 format version (= {@value #VERSION})
 * 10     2     u16 queue count (= 2)
 * 12     4     u32 N = payload length
 * 16     N     payload: three sections in this order, each u16 tag, u32 body length, body
 *                1 REGS      u32 count (= 4096), count x u32 register words (offset / 4 order)
 *                3 TX        u32 queues, per queue u8 packet-in-progress
 *                4 PF        u64 mac; u32 flags (bit0 adminMac, 1 clearToSend, 2 trusted,
 *                            3 spoofCheck, 4 rssQueryEnabled, 5 linkEnable, 6 rxEnabled,
 *                            7 txEnabled, 8 queueDropEnable); u32 api; u32 features; u32 xcast;
 *                            u32 maxFrame; u32 portVlan; u32 portQos; u32 txRate;
 *                            u32 n + n x u32 mc hashes; u32 n + n x u32 vlans;
 *                            u32 n + n x u64 macvlans
 * 16+N   4     u32 CRC32C of bytes [0, 16+N)
 * </pre>
 *
 * <p>Version 2 (issue 10) dropped what no 82599 exposes: version 1's section 2 (RX: the packet
 * buffer, the frame being placed, drop tallies), the gathered Tx bytes and the per-queue Tx drop
 * tally, and section 5 (COUNTERS: the emulator's own tallies and scheduling state). Tags 2 and 5
 * stay unused so that a version-1 stream fails on its section tag, not on a reinterpreted body.
 *
 * <p>Decoding checks every length against the bytes left, every boolean for 0/1, every count
 * against its bound, and the checksum; any failure is a {@link SnapshotFormatException} naming the
 * byte offset. Decoding never throws anything else, whatever the input.
 */
public final class VfSnapshotCodec {
  /** Current format version. */
  public static final int VERSION = 2;

  /** Magic bytes at offset 0. */
  public static final byte[] MAGIC = "VF82599S".getBytes(StandardCharsets.US_ASCII);

  /** Header size. */
  public static final int HEADER = 16;

  private static final int QUEUES = 2;
  private static final int TAG_REGS = 1;
  private static final int TAG_TX = 3;
  private static final int TAG_PF = 4;
  private static final int MAX_LIST = 4096;

  private VfSnapshotCodec() {}

  // ------------------------------------------------------------------------------------------
  // encode

  /**
   * Encodes a snapshot. The stream is written once into a buffer of its exact size (the register
   * block dominates: 16 KiB of the 4,096 words), sections in place, then checksummed.
   */
  public static byte[] encode(VfSnapshot s) {
    int[] registers = new int[s.registers().size()];
    for (int i = 0; i < registers.length; i++) {
      registers[i] = s.registers().get(i);
    }
    return encode(registers, s.tx(), s.pf());
  }

  /**
   * Encodes the snapshot {@code new VfSnapshot(registers, tx, pf)} would be, without boxing the
   * 4,096 register words first (the device's own save, on every pre-copy and stop-copy read).
   */
  public static byte[] encode(int[] registers, List<TxQueueState> tx, PfVfState p) {
    if (registers.length != VfSnapshot.REGISTER_WORDS) {
      throw new IllegalArgumentException("register image has " + registers.length + " words");
    }
    int regsBody = 4 + 4 * registers.length;
    int txBody = 4 + tx.size();
    int pfBody =
        8
            + 4 * 8
            + 4
            + 4 * p.mcHashes().size()
            + 4
            + 4 * p.vlans().size()
            + 4
            + 8 * p.macvlans().size();
    int payload = 3 * SECTION_HEADER + regsBody + txBody + pfBody;
    Out all = new Out(HEADER + payload + 4);
    all.bytes(MAGIC);
    all.u16(VERSION);
    all.u16(QUEUES);
    all.u32(payload);

    all.sectionHeader(TAG_REGS, regsBody);
    all.u32(registers.length);
    all.u32s(registers);

    all.sectionHeader(TAG_TX, txBody);
    all.u32(tx.size());
    for (TxQueueState t : tx) {
      all.u8(t.packetInProgress() ? 1 : 0);
    }

    all.sectionHeader(TAG_PF, pfBody);
    all.u64(p.mac());
    all.u32(flags(p));
    all.u32(p.apiVersion());
    all.u32(p.features());
    all.u32(p.xcastMode());
    all.u32(p.maxFrame());
    all.u32(p.portVlan());
    all.u32(p.portQos());
    all.u32(p.txRate());
    all.u32(p.mcHashes().size());
    p.mcHashes().forEach(all::u32);
    all.u32(p.vlans().size());
    p.vlans().forEach(all::u32);
    all.u32(p.macvlans().size());
    p.macvlans().forEach(all::u64);

    if (all.len != HEADER + payload) {
      throw new IllegalStateException(
          "encoded " + all.len + " bytes, sized " + (HEADER + payload) + ": section sizes wrong");
    }
    CRC32C crc = new CRC32C();
    crc.update(all.b, 0, all.len);
    all.u32((int) crc.getValue());
    return all.b.length == all.len ? all.b : all.toByteArray();
  }

  private static int flags(PfVfState p) {
    return (p.adminMac() ? 1 : 0)
        | (p.clearToSend() ? 2 : 0)
        | (p.trusted() ? 4 : 0)
        | (p.spoofCheck() ? 8 : 0)
        | (p.rssQueryEnabled() ? 16 : 0)
        | (p.linkEnable() ? 32 : 0)
        | (p.rxEnabled() ? 64 : 0)
        | (p.txEnabled() ? 128 : 0)
        | (p.queueDropEnable() ? 256 : 0);
  }

  // ------------------------------------------------------------------------------------------
  // decode

  /** Decodes a snapshot; any malformed input gives a {@link SnapshotFormatException}. */
  public static VfSnapshot decode(byte[] data) throws SnapshotFormatException {
    int[] words = new int[VfSnapshot.REGISTER_WORDS];
    Rest rest = decodeInto(data, words);
    ImmutableList.Builder<Integer> regs = ImmutableList.builderWithExpectedSize(words.length);
    for (int w : words) {
      regs.add(w);
    }
    return new VfSnapshot(regs.build(), rest.tx(), rest.pf());
  }

  /** What a stream carries beside the register words. */
  public record Rest(ImmutableList<TxQueueState> tx, PfVfState pf) {}

  /**
   * Decodes as {@link #decode} does, with the same checks, but writes the register words into
   * {@code registers} (4,096 of them) instead of boxing them into a snapshot: a device's load,
   * which needs them unboxed. On a malformed stream it throws, and {@code registers} may be part
   * written.
   */
  public static Rest decodeInto(byte[] data, int[] registers) throws SnapshotFormatException {
    if (registers.length != VfSnapshot.REGISTER_WORDS) {
      throw new IllegalArgumentException("register array has " + registers.length + " words");
    }
    In in = new In(data, 0, data.length);
    byte[] magic = in.bytes(MAGIC.length, "magic");
    if (!java.util.Arrays.equals(magic, MAGIC)) {
      throw new SnapshotFormatException(0, "bad magic, not a VF82599 device-state stream");
    }
    int version = in.u16("version");
    if (version != VERSION) {
      throw new SnapshotFormatException(
          8,
          "unsupported format version " + version + " (this device loads version " + VERSION + ")");
    }
    int queues = in.u16("queue count");
    if (queues != QUEUES) {
      throw new SnapshotFormatException(
          10, "stream has " + queues + " queues, device has " + QUEUES);
    }
    long n = in.u32("payload length") & 0xFFFFFFFFL;
    if (n > data.length - HEADER - 4L) {
      throw new SnapshotFormatException(
          12,
          "payload length "
              + n
              + " exceeds the "
              + Math.max(0, data.length - HEADER - 4)
              + " bytes present (truncated stream?)");
    }
    int end = HEADER + (int) n;
    if (data.length != end + 4) {
      throw new SnapshotFormatException(
          end + 4, (data.length - end - 4) + " trailing bytes after the checksum");
    }
    CRC32C crc = new CRC32C();
    crc.update(data, 0, end);
    In tail = new In(data, end, data.length);
    int stored = tail.u32("checksum");
    if (stored != (int) crc.getValue()) {
      throw new SnapshotFormatException(
          end,
          String.format(
              "CRC32C mismatch: stored %08x, computed" + " %08x", stored, (int) crc.getValue()));
    }
    In p = new In(data, HEADER, end);
    decodeRegs(p.section(TAG_REGS, "REGS"), registers);
    ImmutableList<TxQueueState> tx = decodeTx(p.section(TAG_TX, "TX"));
    PfVfState pf = decodePf(p.section(TAG_PF, "PF"));
    p.expectEnd("payload");
    return new Rest(tx, pf);
  }

  private static void decodeRegs(In s, int[] out) throws SnapshotFormatException {
    int pos = s.pos;
    int count = s.u32("register count");
    if (count != VfSnapshot.REGISTER_WORDS) {
      throw new SnapshotFormatException(
          pos,
          "register count "
              + Integer.toUnsignedString(count)
              + ", expected "
              + VfSnapshot.REGISTER_WORDS);
    }
    // one length check for the whole block (a label per word cost more than the decoding)
    s.need(4 * count, count + " register words");
    s.u32s(out);
    s.expectEnd("REGS section");
  }

  private static ImmutableList<TxQueueState> decodeTx(In s) throws SnapshotFormatException {
    int pos = s.pos;
    int queues = s.u32("tx queue count");
    if (queues != QUEUES) {
      throw new SnapshotFormatException(pos, "tx queue count " + queues + ", expected " + QUEUES);
    }
    List<TxQueueState> out = new ArrayList<>();
    for (int q = 0; q < queues; q++) {
      out.add(new TxQueueState(s.bool("tx packet-in-progress")));
    }
    s.expectEnd("TX section");
    return ImmutableList.copyOf(out);
  }

  private static PfVfState decodePf(In s) throws SnapshotFormatException {
    long mac = s.u64("pf mac");
    int pos = s.pos;
    int f = s.u32("pf flags");
    if ((f & ~0x1FF) != 0) {
      throw new SnapshotFormatException(pos, "unknown pf flag bits " + Integer.toHexString(f));
    }
    int api = s.count(8, "pf api version");
    int features = s.u32("pf features");
    int xcast = s.count(3, "pf xcast mode");
    int maxFrame = s.count(Frame.MAX_LENGTH + 4, "pf max frame");
    int portVlan = s.count(4095, "pf port vlan");
    int portQos = s.count(7, "pf port qos");
    int txRate = s.u32("pf tx rate");
    List<Integer> mc = new ArrayList<>();
    int n = s.count(30, "pf multicast hash count");
    for (int i = 0; i < n; i++) {
      mc.add(s.count(0xFFFF, "pf multicast hash"));
    }
    List<Integer> vlans = new ArrayList<>();
    n = s.count(MAX_LIST, "pf vlan count");
    for (int i = 0; i < n; i++) {
      vlans.add(s.count(4095, "pf vlan id"));
    }
    List<Long> macvlans = new ArrayList<>();
    n = s.count(MAX_LIST, "pf macvlan count");
    for (int i = 0; i < n; i++) {
      macvlans.add(s.u64("pf macvlan"));
    }
    s.expectEnd("PF section");
    return new PfVfState(
        mac,
        (f & 1) != 0,
        ImmutableList.copyOf(mc),
        (f & 2) != 0,
        api,
        features,
        xcast,
        ImmutableList.copyOf(vlans),
        ImmutableList.copyOf(macvlans),
        maxFrame,
        portVlan,
        portQos,
        (f & 4) != 0,
        (f & 8) != 0,
        (f & 16) != 0,
        (f & 32) != 0,
        txRate,
        (f & 64) != 0,
        (f & 128) != 0,
        (f & 256) != 0);
  }

  // ------------------------------------------------------------------------------------------

  /**
   * Little-endian writer into a growable array (not a ByteArrayOutputStream: its synchronized
   * per-byte writes made encoding the 4,096 register words the cost of a migration's stop-copy).
   */
  /** A section's header: u16 tag, u32 body length. */
  private static final int SECTION_HEADER = 6;

  private static final class Out {
    private byte[] b;
    private int len;

    Out(int capacity) {
      b = new byte[capacity];
    }

    private void room(int n) {
      if (len + n > b.length) {
        b = Arrays.copyOf(b, Math.max(2 * b.length, len + n));
      }
    }

    void u8(int v) {
      room(1);
      b[len++] = (byte) v;
    }

    void u16(int v) {
      room(2);
      b[len++] = (byte) v;
      b[len++] = (byte) (v >>> 8);
    }

    void u32(int v) {
      room(4);
      b[len] = (byte) v;
      b[len + 1] = (byte) (v >>> 8);
      b[len + 2] = (byte) (v >>> 16);
      b[len + 3] = (byte) (v >>> 24);
      len += 4;
    }

    void u64(long v) {
      u32((int) v);
      u32((int) (v >>> 32));
    }

    /** The words in order, each a u32: one bulk copy (the register block). */
    void u32s(int[] v) {
      room(4 * v.length);
      ByteBuffer.wrap(b, len, 4 * v.length).order(ByteOrder.LITTLE_ENDIAN).asIntBuffer().put(v);
      len += 4 * v.length;
    }

    void bytes(byte[] v) {
      room(v.length);
      System.arraycopy(v, 0, b, len, v.length);
      len += v.length;
    }

    void sectionHeader(int tag, int bodyLength) {
      u16(tag);
      u32(bodyLength);
    }

    byte[] toByteArray() {
      return Arrays.copyOf(b, len);
    }
  }

  /** Bounds-checked little-endian reader over {@code data[pos, end)}. */
  private static final class In {
    private final byte[] data;
    private final int end;
    private int pos;

    In(byte[] data, int pos, int end) {
      this.data = data;
      this.pos = pos;
      this.end = end;
    }

    private void need(int n, String what) throws SnapshotFormatException {
      if (n < 0 || end - pos < n) {
        throw new SnapshotFormatException(
            pos, "truncated: " + what + " needs " + n + " bytes, " + (end - pos) + " left");
      }
    }

    int u8(String what) throws SnapshotFormatException {
      need(1, what);
      return data[pos++] & 0xFF;
    }

    int u16(String what) throws SnapshotFormatException {
      need(2, what);
      int v = (data[pos] & 0xFF) | (data[pos + 1] & 0xFF) << 8;
      pos += 2;
      return v;
    }

    int u32(String what) throws SnapshotFormatException {
      need(4, what);
      int v = 0;
      for (int i = 0; i < 4; i++) {
        v |= (data[pos + i] & 0xFF) << (8 * i);
      }
      pos += 4;
      return v;
    }

    /**
     * {@code v.length} u32 words into {@code v} in one bulk copy; the caller checked they are
     * there.
     */
    void u32s(int[] v) {
      ByteBuffer.wrap(data, pos, 4 * v.length).order(ByteOrder.LITTLE_ENDIAN).asIntBuffer().get(v);
      pos += 4 * v.length;
    }

    long u64(String what) throws SnapshotFormatException {
      need(8, what);
      long v = 0;
      for (int i = 0; i < 8; i++) {
        v |= (long) (data[pos + i] & 0xFF) << (8 * i);
      }
      pos += 8;
      return v;
    }

    boolean bool(String what) throws SnapshotFormatException {
      int at = pos;
      int v = u8(what);
      if (v > 1) {
        throw new SnapshotFormatException(at, what + " must be 0 or 1, is " + v);
      }
      return v == 1;
    }

    /** An unsigned u32 that must be at most {@code max}. */
    int count(int max, String what) throws SnapshotFormatException {
      int at = pos;
      long v = u32(what) & 0xFFFFFFFFL;
      if (v > max) {
        throw new SnapshotFormatException(at, what + " " + v + " exceeds " + max);
      }
      return (int) v;
    }

    byte[] bytes(int n, String what) throws SnapshotFormatException {
      need(n, what);
      byte[] v = java.util.Arrays.copyOfRange(data, pos, pos + n);
      pos += n;
      return v;
    }

    In section(int tag, String name) throws SnapshotFormatException {
      int at = pos;
      int t = u16(name + " section tag");
      if (t != tag) {
        throw new SnapshotFormatException(
            at, "expected section " + name + " (tag " + tag + "), found tag " + t);
      }
      int lenAt = pos;
      long len = u32(name + " section length") & 0xFFFFFFFFL;
      if (len > end - pos) {
        throw new SnapshotFormatException(
            lenAt, name + " section length " + len + " exceeds the " + (end - pos) + " bytes left");
      }
      In s = new In(data, pos, pos + (int) len);
      pos += (int) len;
      return s;
    }

    void expectEnd(String what) throws SnapshotFormatException {
      if (pos != end) {
        throw new SnapshotFormatException(pos, (end - pos) + " unexpected bytes at end of " + what);
      }
    }
  }
}
