package org.vfiomc.checker.trace;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * A TLA+ value as plain immutable data. Sets and function domains are kept in one canonical order
 * ({@link #ORDER}), so TLA+-equal values are equal records and encode to identical ITF JSON.
 */
public sealed interface TlaValue extends Comparable<TlaValue>
    permits TlaValue.Int,
        TlaValue.Bool,
        TlaValue.Str,
        TlaValue.ModelValue,
        TlaValue.Seq,
        TlaValue.Tuple,
        TlaValue.Record,
        TlaValue.SetValue,
        TlaValue.Fun {

  /** Total order used for canonical forms: first by kind, then by content. */
  Comparator<TlaValue> ORDER = TlaValue::compareTo;

  /** Rank of the kind in the canonical order. */
  int kindRank();

  /** TLA+ syntax of this value, as TLC prints it. */
  String toTla();

  /** Integer of any size. */
  record Int(BigInteger value) implements TlaValue {
    public Int {
      Objects.requireNonNull(value, "value");
    }

    /** The integer {@code v}; small values (-16..255) are shared instances. */
    public static Int of(long v) {
      return v >= SmallInts.MIN && v <= SmallInts.MAX
          ? SmallInts.VALUES[(int) (v - SmallInts.MIN)]
          : new Int(BigInteger.valueOf(v));
    }

    @Override
    public int kindRank() {
      return 0;
    }

    @Override
    public String toTla() {
      return value.toString();
    }

    @Override
    public int compareTo(TlaValue o) {
      return o instanceof Int i ? value.compareTo(i.value) : Integer.compare(0, o.kindRank());
    }
  }

  /** Boolean. */
  record Bool(boolean value) implements TlaValue {
    @Override
    public int kindRank() {
      return 1;
    }

    @Override
    public String toTla() {
      return value ? "TRUE" : "FALSE";
    }

    @Override
    public int compareTo(TlaValue o) {
      return o instanceof Bool b
          ? Boolean.compare(value, b.value)
          : Integer.compare(1, o.kindRank());
    }
  }

  /** String. */
  record Str(String value) implements TlaValue {
    public Str {
      Objects.requireNonNull(value, "value");
    }

    @Override
    public int kindRank() {
      return 2;
    }

    @Override
    public String toTla() {
      return '"' + value.replace("\\", "\\\\").replace("\"", "\\\"") + '"';
    }

    @Override
    public int compareTo(TlaValue o) {
      return o instanceof Str s ? value.compareTo(s.value) : Integer.compare(2, o.kindRank());
    }
  }

  /** A TLC model value (an uninterpreted constant); ITF has none, so it encodes as a string. */
  record ModelValue(String name) implements TlaValue {
    public ModelValue {
      Objects.requireNonNull(name, "name");
    }

    @Override
    public int kindRank() {
      return 3;
    }

    @Override
    public String toTla() {
      return name;
    }

    @Override
    public int compareTo(TlaValue o) {
      return o instanceof ModelValue m ? name.compareTo(m.name) : Integer.compare(3, o.kindRank());
    }
  }

  /** A sequence (a function with domain 1..n); ITF: a plain JSON array. */
  record Seq(List<TlaValue> elements) implements TlaValue {
    public Seq {
      elements = List.copyOf(elements);
    }

    @Override
    public int kindRank() {
      return 4;
    }

    @Override
    public String toTla() {
      return elements.stream().map(TlaValue::toTla).collect(Collectors.joining(", ", "<<", ">>"));
    }

    @Override
    public int compareTo(TlaValue o) {
      return o instanceof Seq s
          ? Ordering.lists(elements, s.elements)
          : Integer.compare(4, o.kindRank());
    }
  }

  /** A tuple, as ITF {@code #tup} distinguishes it; TLC itself never produces one. */
  record Tuple(List<TlaValue> elements) implements TlaValue {
    public Tuple {
      elements = List.copyOf(elements);
    }

    @Override
    public int kindRank() {
      return 5;
    }

    @Override
    public String toTla() {
      return elements.stream().map(TlaValue::toTla).collect(Collectors.joining(", ", "<<", ">>"));
    }

    @Override
    public int compareTo(TlaValue o) {
      return o instanceof Tuple t
          ? Ordering.lists(elements, t.elements)
          : Integer.compare(5, o.kindRank());
    }
  }

  /** A record (a function whose domain is a set of strings); ITF: a JSON object. */
  // TLA+'s and ITF's name for the value; always written TlaValue.Record outside this file
  @SuppressWarnings("JavaLangClash")
  record Record(SortedMap<String, TlaValue> fields) implements TlaValue {
    public Record {
      fields = java.util.Collections.unmodifiableSortedMap(new TreeMap<>(fields));
    }

    public static Record of(Map<String, TlaValue> fields) {
      return new Record(new TreeMap<>(fields));
    }

    @Override
    public int kindRank() {
      return 6;
    }

    @Override
    public String toTla() {
      return fields.entrySet().stream()
          .map(e -> e.getKey() + " |-> " + e.getValue().toTla())
          .collect(Collectors.joining(", ", "[", "]"));
    }

    @Override
    public int compareTo(TlaValue o) {
      if (!(o instanceof Record r)) {
        return Integer.compare(6, o.kindRank());
      }
      int c = Ordering.lists(Ordering.strs(fields.keySet()), Ordering.strs(r.fields.keySet()));
      return c != 0
          ? c
          : Ordering.lists(new ArrayList<>(fields.values()), new ArrayList<>(r.fields.values()));
    }
  }

  /** A finite set, elements in canonical order; ITF: {@code {"#set": [...]}}. */
  record SetValue(List<TlaValue> elements) implements TlaValue {
    public SetValue {
      elements =
          elements.stream().distinct().sorted(ORDER).collect(Collectors.toUnmodifiableList());
    }

    @Override
    public int kindRank() {
      return 7;
    }

    @Override
    public String toTla() {
      return elements.stream().map(TlaValue::toTla).collect(Collectors.joining(", ", "{", "}"));
    }

    @Override
    public int compareTo(TlaValue o) {
      if (!(o instanceof SetValue s)) {
        return Integer.compare(7, o.kindRank());
      }
      int c = Integer.compare(elements.size(), s.elements.size());
      return c != 0 ? c : Ordering.lists(elements, s.elements);
    }
  }

  /**
   * A function that is neither a sequence nor a record, keys in canonical order; ITF: {@code
   * {"#map": [[k, v], ...]}}.
   */
  record Fun(SortedMap<TlaValue, TlaValue> mapping) implements TlaValue {
    public Fun {
      TreeMap<TlaValue, TlaValue> copy = new TreeMap<>(ORDER);
      copy.putAll(mapping);
      mapping = java.util.Collections.unmodifiableSortedMap(copy);
    }

    public static Fun of(Map<TlaValue, TlaValue> mapping) {
      TreeMap<TlaValue, TlaValue> copy = new TreeMap<>(ORDER);
      copy.putAll(mapping);
      return new Fun(copy);
    }

    @Override
    public int kindRank() {
      return 8;
    }

    @Override
    public String toTla() {
      if (mapping.isEmpty()) {
        return "<<>>";
      }
      return mapping.entrySet().stream()
          .map(e -> e.getKey().toTla() + " :> " + e.getValue().toTla())
          .collect(Collectors.joining(" @@ ", "(", ")"));
    }

    @Override
    public int compareTo(TlaValue o) {
      if (!(o instanceof Fun f)) {
        return Integer.compare(8, o.kindRank());
      }
      int c =
          Ordering.lists(new ArrayList<>(mapping.keySet()), new ArrayList<>(f.mapping.keySet()));
      return c != 0
          ? c
          : Ordering.lists(new ArrayList<>(mapping.values()), new ArrayList<>(f.mapping.values()));
    }
  }
}
