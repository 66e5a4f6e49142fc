package org.vfiomc.conformance.emulator.state;

import com.google.common.collect.ImmutableList;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.zip.CRC32C;
import org.vfiomc.conformance.emulator.packet.DropReason;
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
 * 16     N     payload: five sections in this order, each u16 tag, u32 body length, body
 *                1 REGS      u32 count (= 4096), count x u32 register words (offset / 4 order)
 *                2 RX        u32 fifo count, per frame {u32 len, len bytes};
 *                            u8 has-current, [u32 len, bytes]; u32 queue; u32 offset; u32 chunk;
 *                            u8 data-written; u32 reasons (= 7), reasons x u64 drop counters
 *                3 TX        u32 queues, per queue {u32 len, bytes gathered; u8 skip; u64 dropped}
 *                4 PF        u64 mac; u32 flags (bit0 adminMac, 1 clearToSend, 2 trusted,
 *                            3 spoofCheck, 4 rssQueryEnabled, 5 linkEnable, 6 rxEnabled,
 *                            7 txEnabled, 8 queueDropEnable); u32 api; u32 features; u32 xcast;
 *                            u32 maxFrame; u32 portVlan; u32 portQos; u32 txRate;
 *                            u32 n + n x u32 mc hashes; u32 n + n x u32 vlans;
 *                            u32 n + n x u64 macvlans
 *                5 COUNTERS  u64 unknownReads, unknownWrites, droppedWrites, dmaFaults,
 *                            dmaBlocked; u32 n + n x u64 msixSent; u64 steps;
 *                            u32 arbitration (bit 0 Tx first, bits 15:8 next Tx queue)
 * 16+N   4     u32 CRC32C of bytes [0, 16+N)
 * </pre>
 *
 * <p>Decoding checks every length against the bytes left, every boolean for 0/1, every count
 * against its bound, and the checksum; any failure is a {@link SnapshotFormatException} naming the
 * byte offset. Decoding never throws anything else, whatever the input.
 */
public final class VfSnapshotCodec {
  /** Current format version. */
  public static final int VERSION = 1;

  /** Magic bytes at offset 0. */
  public static final byte[] MAGIC = "VF82599S".getBytes(StandardCharsets.US_ASCII);

  /** Header size. */
  public static final int HEADER = 16;

  private static final int QUEUES = 2;
  private static final int TAG_REGS = 1;
  private static final int TAG_RX = 2;
  private static final int TAG_TX = 3;
  private static final int TAG_PF = 4;
  private static final int TAG_COUNTERS = 5;
  private static final int MAX_FIFO = 1 << 16;
  private static final int MAX_LIST = 4096;

  private VfSnapshotCodec() {}

  // ------------------------------------------------------------------------------------------
  // encode

  /** Encodes a snapshot. */
  public static byte[] encode(VfSnapshot s) {
    Out payload = new Out();
    Out body = new Out();
    body.u32(s.registers().size());
    for (int v : s.registers()) {
      body.u32(v);
    }
    payload.section(TAG_REGS, body);

    body = new Out();
    RxEngineState rx = s.rx();
    body.u32(rx.fifo().size());
    for (Frame f : rx.fifo()) {
      body.frame(f);
    }
    body.u8(rx.current() == null ? 0 : 1);
    if (rx.current() != null) {
      body.frame(rx.current());
    }
    body.u32(rx.queue());
    body.u32(rx.offset());
    body.u32(rx.chunk());
    body.u8(rx.dataWritten() ? 1 : 0);
    body.u32(rx.drops().size());
    for (long d : rx.drops()) {
      body.u64(d);
    }
    payload.section(TAG_RX, body);

    body = new Out();
    body.u32(s.tx().size());
    for (TxQueueState t : s.tx()) {
      body.u32(t.gathered().length());
      body.bytes(t.gathered().toByteArray());
      body.u8(t.skip() ? 1 : 0);
      body.u64(t.dropped());
    }
    payload.section(TAG_TX, body);

    body = new Out();
    PfVfState p = s.pf();
    body.u64(p.mac());
    body.u32(flags(p));
    body.u32(p.apiVersion());
    body.u32(p.features());
    body.u32(p.xcastMode());
    body.u32(p.maxFrame());
    body.u32(p.portVlan());
    body.u32(p.portQos());
    body.u32(p.txRate());
    body.u32(p.mcHashes().size());
    p.mcHashes().forEach(body::u32);
    body.u32(p.vlans().size());
    p.vlans().forEach(body::u32);
    body.u32(p.macvlans().size());
    p.macvlans().forEach(body::u64);
    payload.section(TAG_PF, body);

    body = new Out();
    DeviceCounters c = s.counters();
    body.u64(c.unknownReads());
    body.u64(c.unknownWrites());
    body.u64(c.droppedWrites());
    body.u64(c.dmaFaults());
    body.u64(c.dmaBlocked());
    body.u32(c.msixSent().size());
    c.msixSent().forEach(body::u64);
    body.u64(c.steps());
    body.u32(c.arbitration());
    payload.section(TAG_COUNTERS, body);

    Out all = new Out();
    all.bytes(MAGIC);
    all.u16(VERSION);
    all.u16(QUEUES);
    byte[] pb = payload.toByteArray();
    all.u32(pb.length);
    all.bytes(pb);
    CRC32C crc = new CRC32C();
    byte[] head = all.toByteArray();
    crc.update(head);
    all.u32((int) crc.getValue());
    return all.toByteArray();
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
    ImmutableList<Integer> regs = decodeRegs(p.section(TAG_REGS, "REGS"));
    RxEngineState rx = decodeRx(p.section(TAG_RX, "RX"));
    ImmutableList<TxQueueState> tx = decodeTx(p.section(TAG_TX, "TX"));
    PfVfState pf = decodePf(p.section(TAG_PF, "PF"));
    DeviceCounters counters = decodeCounters(p.section(TAG_COUNTERS, "COUNTERS"));
    p.expectEnd("payload");
    return new VfSnapshot(regs, rx, tx, pf, counters);
  }

  private static ImmutableList<Integer> decodeRegs(In s) throws SnapshotFormatException {
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
    List<Integer> regs = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      regs.add(s.u32("register word"));
    }
    s.expectEnd("REGS section");
    return ImmutableList.copyOf(regs);
  }

  private static RxEngineState decodeRx(In s) throws SnapshotFormatException {
    int count = s.count(MAX_FIFO, "rx fifo count");
    List<Frame> fifo = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      fifo.add(s.frame("rx fifo frame " + i));
    }
    Frame current = s.bool("rx has-current") ? s.frame("rx current frame") : null;
    int queue = s.count(QUEUES - 1, "rx queue");
    int offset = s.count(Frame.MAX_LENGTH, "rx offset");
    int chunk = s.count(Frame.MAX_LENGTH, "rx chunk");
    int pos = s.pos;
    boolean dataWritten = s.bool("rx data-written");
    if (dataWritten && current == null) {
      throw new SnapshotFormatException(pos, "rx data-written without a current frame");
    }
    pos = s.pos;
    int reasons = s.u32("rx drop reasons");
    if (reasons != DropReason.values().length) {
      throw new SnapshotFormatException(
          pos, "rx drop reasons " + reasons + ", expected " + DropReason.values().length);
    }
    List<Long> drops = new ArrayList<>();
    for (int i = 0; i < reasons; i++) {
      drops.add(s.u64("rx drop counter"));
    }
    s.expectEnd("RX section");
    return RxEngineState.of(fifo, current, queue, offset, chunk, dataWritten, drops);
  }

  private static ImmutableList<TxQueueState> decodeTx(In s) throws SnapshotFormatException {
    int pos = s.pos;
    int queues = s.u32("tx queue count");
    if (queues != QUEUES) {
      throw new SnapshotFormatException(pos, "tx queue count " + queues + ", expected " + QUEUES);
    }
    List<TxQueueState> out = new ArrayList<>();
    for (int q = 0; q < queues; q++) {
      int len = s.count(Frame.MAX_LENGTH, "tx gathered length");
      byte[] g = s.bytes(len, "tx gathered bytes");
      boolean skip = s.bool("tx skip");
      long dropped = s.u64("tx dropped");
      out.add(new TxQueueState(Bytes.copyOf(g, 0, len), skip, dropped));
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

  private static DeviceCounters decodeCounters(In s) throws SnapshotFormatException {
    long ur = s.u64("unknown reads");
    long uw = s.u64("unknown writes");
    long dw = s.u64("dropped writes");
    long df = s.u64("dma faults");
    long db = s.u64("dma blocked");
    int n = s.count(64, "msix vector count");
    List<Long> msix = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      msix.add(s.u64("msix count"));
    }
    long steps = s.u64("steps");
    int pos = s.pos;
    int arbitration = s.u32("arbitration");
    if ((arbitration & ~0xFF01) != 0 || (arbitration >>> 8) >= QUEUES) {
      throw new SnapshotFormatException(
          pos, "arbitration " + Integer.toHexString(arbitration) + " invalid");
    }
    s.expectEnd("COUNTERS section");
    return new DeviceCounters(ur, uw, dw, df, db, ImmutableList.copyOf(msix), steps, arbitration);
  }

  // ------------------------------------------------------------------------------------------

  /**
   * Little-endian writer into a growable array (not a ByteArrayOutputStream: its synchronized
   * per-byte writes made encoding the 4,096 register words the cost of a migration's stop-copy).
   */
  private static final class Out {
    private byte[] b = new byte[256];
    private int len;

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
      for (int i = 0; i < 4; i++) {
        b[len++] = (byte) (v >>> (8 * i));
      }
    }

    void u64(long v) {
      room(8);
      for (int i = 0; i < 8; i++) {
        b[len++] = (byte) (v >>> (8 * i));
      }
    }

    void bytes(byte[] v) {
      room(v.length);
      System.arraycopy(v, 0, b, len, v.length);
      len += v.length;
    }

    void frame(Frame f) {
      u32(f.length());
      bytes(f.toByteArray());
    }

    void section(int tag, Out body) {
      u16(tag);
      u32(body.len);
      room(body.len);
      System.arraycopy(body.b, 0, b, len, body.len);
      len += body.len;
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

    Frame frame(String what) throws SnapshotFormatException {
      int at = pos;
      int len = count(Frame.MAX_LENGTH, what + " length");
      if (len < Frame.MIN_LENGTH) {
        throw new SnapshotFormatException(
            at, what + " length " + len + " below " + Frame.MIN_LENGTH);
      }
      return Frame.of(bytes(len, what));
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
