package org.vfiomc.conformance.replay.rxdma;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.vfiomc.checker.trace.TlaValue;
import org.vfiomc.conformance.emulator.packet.TestFrames;
import org.vfiomc.conformance.emulator.ring.AdvRxDesc;

/**
 * The TLA+ values of one replay: small integers built once, records, functions {@code 0..len-1}, a
 * buffer's {@code <<byte FIRST, id>>} and a descriptor's record, so that projecting allocates as
 * little as possible.
 */
final class RxValues {
  static final TlaValue EMPTY_SEQ = new TlaValue.Seq(List.of());
  static final TlaValue EMPTY_SET = new TlaValue.SetValue(List.of());

  /** Integer values of -1..{@code smallInts.length - 2}. */
  private final TlaValue[] smallInts;

  /** Descriptor records by their fields packed into a key (see {@link #descValue}). */
  private final Map<Long, TlaValue> descs = new HashMap<>();

  RxValues(int n, int packets) {
    this.smallInts = new TlaValue[Math.max(n + 2, packets + 1) + RxLayout.PKT_LEN + 2];
    for (int v = -1; v < smallInts.length - 1; v++) {
      smallInts[v + 1] = TlaValue.Int.of(v);
    }
  }

  TlaValue num(long v) {
    return v >= -1 && v < smallInts.length - 1 ? smallInts[(int) v + 1] : TlaValue.Int.of(v);
  }

  static TlaValue rec(Map<String, TlaValue> m) {
    return TlaValue.Record.of(m);
  }

  /** A buffer's projection: {@code <<byte FIRST, id>>} ({@code <<0, 0>>} for no test frame). */
  TlaValue decode(byte[] b) {
    long id = TestFrames.idOf(b, 0, b.length);
    return new TlaValue.Seq(List.of(num(b[RxLayout.FIRST] & 0xFF), num(id < 0 ? 0 : id)));
  }

  /**
   * A descriptor's record: buffer index {@code addr}, the write-back's length, DD and EOP from its
   * upper quadword {@code upper}, the ghost frame {@code pkt}. Built once per distinct record in a
   * replay (re-armed and rewritten descriptors repeat), then the same value.
   */
  TlaValue descValue(int addr, long upper, int pkt) {
    int len = (int) (upper >>> 32 & 0xFFFF);
    boolean dd = (upper & AdvRxDesc.STAT_DD) != 0;
    boolean eop = (upper & AdvRxDesc.STAT_EOP) != 0;
    if (addr < 0 || addr > 0xFFFF || pkt < 0 || pkt > 0x3FFF_FFFF) {
      return descRecord(addr, len, dd, eop, pkt); // no key for it: built each time
    }
    long key =
        (long) addr << 48 | (long) len << 32 | (long) pkt << 2 | (dd ? 2 : 0) | (eop ? 1 : 0);
    return descs.computeIfAbsent(key, k -> descRecord(addr, len, dd, eop, pkt));
  }

  private TlaValue descRecord(int addr, int len, boolean dd, boolean eop, int pkt) {
    Map<String, TlaValue> d = new LinkedHashMap<>();
    d.put("addr", num(addr));
    d.put("len", num(len));
    d.put("dd", new TlaValue.Bool(dd));
    d.put("eop", new TlaValue.Bool(eop));
    d.put("pkt", num(pkt));
    return rec(d);
  }

  /** The function 0..len-1 :> values[i]. */
  TlaValue fun(TlaValue[] values) {
    Map<TlaValue, TlaValue> m = new LinkedHashMap<>();
    for (int i = 0; i < values.length; i++) {
      m.put(num(i), values[i]);
    }
    return TlaValue.Fun.of(m);
  }

  /** A set of small naturals, rebuilt only when its members change. */
  final class IntSet {
    private final BitSet last = new BitSet();
    private final BitSet next = new BitSet();
    private TlaValue value;

    void clear() {
      next.clear();
    }

    void add(int x) {
      next.set(x);
    }

    TlaValue value() {
      if (value == null || !next.equals(last)) {
        last.clear();
        last.or(next);
        List<TlaValue> xs = new ArrayList<>(next.cardinality());
        for (int x = next.nextSetBit(0); x >= 0; x = next.nextSetBit(x + 1)) {
          xs.add(num(x));
        }
        value = new TlaValue.SetValue(xs);
      }
      return value;
    }
  }
}
