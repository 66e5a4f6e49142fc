package org.vfiomc.conformance.replay;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.vfiomc.checker.trace.TlaValue;

/**
 * TLA+ equality of two {@link TlaValue}s, whatever ITF form each was written in. {@code TlaValue}'s
 * own {@code equals} compares forms: a function written as ITF {@code #map} with domain {@code
 * 1..n} is a {@code Fun}, TLC's value of the same function a {@code Seq}. In TLA+ they are one
 * value: a sequence, a tuple and a record are functions, so {@code (1 :> "a" @@ 2 :> "b") = <<"a",
 * "b">>}, {@code ("n" :> 1) = [n |-> 1]} and the empty function equals {@code <<>>} (Apalache
 * ADR-015 writes TLA+ functions as {@code #map}; Quint writes its maps so).
 *
 * <p>Replay compares with {@code equals} first and uses this only when the forms differ, so it
 * costs nothing on the traces this project writes.
 */
public final class TlaEquality {
  private TlaEquality() {}

  /** Whether {@code a} and {@code b} are the same TLA+ value. */
  public static boolean equal(TlaValue a, TlaValue b) {
    return a.equals(b) || normal(a).equals(normal(b));
  }

  /**
   * The one form of a value among its TLA+-equal forms: a function (sequence, tuple, record or
   * {@code #map}) whose domain is {@code 1..n} (n ≥ 0, so also the empty function) is a {@code
   * Seq}; one whose domain is a non-empty set of strings is a {@code Record}; any other function a
   * {@code Fun}; sets and function values in normal form, recursively.
   */
  static TlaValue normal(TlaValue v) {
    if (v instanceof TlaValue.Seq s) {
      return new TlaValue.Seq(normalAll(s.elements()));
    } else if (v instanceof TlaValue.Tuple t) {
      return new TlaValue.Seq(normalAll(t.elements()));
    } else if (v instanceof TlaValue.SetValue s) {
      return new TlaValue.SetValue(normalAll(s.elements()));
    } else if (v instanceof TlaValue.Record r) {
      if (r.fields().isEmpty()) {
        return new TlaValue.Seq(List.of());
      }
      TreeMap<String, TlaValue> fields = new TreeMap<>();
      r.fields().forEach((k, x) -> fields.put(k, normal(x)));
      return new TlaValue.Record(fields);
    } else if (v instanceof TlaValue.Fun f) {
      return normalFun(f.mapping());
    }
    return v;
  }

  private static List<TlaValue> normalAll(List<TlaValue> values) {
    List<TlaValue> out = new ArrayList<>(values.size());
    for (TlaValue x : values) {
      out.add(normal(x));
    }
    return out;
  }

  private static TlaValue normalFun(Map<TlaValue, TlaValue> mapping) {
    // a function value's keys are normalised too: <<1>> and (1 :> 1) are one key
    TreeMap<TlaValue, TlaValue> m = new TreeMap<>(TlaValue.ORDER);
    mapping.forEach((k, x) -> m.put(normal(k), normal(x)));
    if (isOneToN(m)) {
      return new TlaValue.Seq(new ArrayList<>(m.values()));
    }
    if (m.keySet().stream().allMatch(k -> k instanceof TlaValue.Str)) {
      TreeMap<String, TlaValue> fields = new TreeMap<>();
      m.forEach((k, x) -> fields.put(((TlaValue.Str) k).value(), x));
      return new TlaValue.Record(fields);
    }
    return new TlaValue.Fun(m);
  }

  /** Whether the keys, in canonical (numeric) order, are exactly 1..n. */
  private static boolean isOneToN(java.util.SortedMap<TlaValue, TlaValue> m) {
    BigInteger expected = BigInteger.ONE;
    for (TlaValue k : m.keySet()) {
      if (!(k instanceof TlaValue.Int i) || !i.value().equals(expected)) {
        return false;
      }
      expected = expected.add(BigInteger.ONE);
    }
    return true;
  }
}
