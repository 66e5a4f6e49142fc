package org.vfiomc.checker.trace;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * TLA+ equality of {@link TlaValue}s, whose encodings keep apart what TLA+ identifies: a function
 * with domain {@code 1..n} is the sequence of its values ({@code (1 :> "a" @@ 2 :> "b") = <<"a",
 * "b">>}), a function with a non-empty set of strings as domain is the record ({@code [n |-> 1] =
 * ("n" :> 1)}), a tuple is a sequence, and the empty function, the empty sequence and the empty
 * record are one value. {@link #canonical} maps every value to one representative of its class, so
 * equality of canonical forms is TLA+ equality.
 *
 * <p>{@link #itfCanonical} also identifies a model value with the string of its name: ITF has no
 * model values, so a trace written by another tool carries the name as a string. Validation and
 * replay compare in that view ({@link #itfEquals}).
 */
public final class TlaEquality {
  private TlaEquality() {}

  /** Whether {@code a} and {@code b} are equal TLA+ values. */
  public static boolean tlaEquals(TlaValue a, TlaValue b) {
    return a.equals(b) || canonical(a).equals(canonical(b));
  }

  /** Whether {@code a} and {@code b} are equal as ITF sees them (model value = its name). */
  public static boolean itfEquals(TlaValue a, TlaValue b) {
    return a.equals(b) || itfCanonical(a).equals(itfCanonical(b));
  }

  /** The canonical representative of {@code v}'s TLA+ equality class. */
  public static TlaValue canonical(TlaValue v) {
    return canon(v, false);
  }

  /** As {@link #canonical}, with model values replaced by the strings of their names. */
  public static TlaValue itfCanonical(TlaValue v) {
    return canon(v, true);
  }

  /**
   * Whether every observed value equals the spec's value of the same name, both in {@link
   * #itfCanonical} form (a name the spec has no value for disagrees).
   */
  public static boolean agrees(Map<String, TlaValue> spec, Map<String, TlaValue> observed) {
    for (Map.Entry<String, TlaValue> o : observed.entrySet()) {
      TlaValue v = spec.get(o.getKey());
      if (v == null || !v.equals(o.getValue())) {
        return false;
      }
    }
    return true;
  }

  /** {@link #itfCanonical} of every value of a state or parameter map. */
  public static Map<String, TlaValue> itfCanonical(Map<String, TlaValue> values) {
    Map<String, TlaValue> out = new java.util.LinkedHashMap<>();
    values.forEach((k, v) -> out.put(k, itfCanonical(v)));
    return out;
  }

  private static TlaValue canon(TlaValue v, boolean itf) {
    if (v instanceof TlaValue.ModelValue m) {
      return itf ? new TlaValue.Str(m.name()) : m;
    } else if (v instanceof TlaValue.Seq s) {
      return new TlaValue.Seq(all(s.elements(), itf));
    } else if (v instanceof TlaValue.Tuple t) {
      return new TlaValue.Seq(all(t.elements(), itf));
    } else if (v instanceof TlaValue.SetValue s) {
      return new TlaValue.SetValue(all(s.elements(), itf));
    } else if (v instanceof TlaValue.Record r) {
      if (r.fields().isEmpty()) {
        return new TlaValue.Seq(List.of());
      }
      TreeMap<String, TlaValue> fields = new TreeMap<>();
      r.fields().forEach((k, x) -> fields.put(k, canon(x, itf)));
      return new TlaValue.Record(fields);
    } else if (v instanceof TlaValue.Fun f) {
      TreeMap<TlaValue, TlaValue> mapping = new TreeMap<>(TlaValue.ORDER);
      f.mapping().forEach((k, x) -> mapping.put(canon(k, itf), canon(x, itf)));
      return function(mapping);
    }
    return v;
  }

  /** A function in canonical form: a sequence if its domain is 1..n, a record if strings. */
  private static TlaValue function(java.util.SortedMap<TlaValue, TlaValue> mapping) {
    boolean sequence = true;
    boolean record = !mapping.isEmpty();
    long expected = 1;
    for (TlaValue k : mapping.keySet()) {
      // keys are in ORDER: integers first, ascending, so 1..n shows as 1, 2, ..., n
      sequence &= k instanceof TlaValue.Int i && i.value().longValue() == expected++;
      sequence &= !(k instanceof TlaValue.Int i) || i.value().bitLength() < 63;
      record &= k instanceof TlaValue.Str;
    }
    if (sequence) {
      return new TlaValue.Seq(new ArrayList<>(mapping.values()));
    }
    if (record) {
      TreeMap<String, TlaValue> fields = new TreeMap<>();
      mapping.forEach((k, x) -> fields.put(((TlaValue.Str) k).value(), x));
      return new TlaValue.Record(fields);
    }
    return new TlaValue.Fun(mapping);
  }

  private static List<TlaValue> all(List<TlaValue> values, boolean itf) {
    List<TlaValue> out = new ArrayList<>(values.size());
    for (TlaValue x : values) {
      out.add(canon(x, itf));
    }
    return out;
  }

  /**
   * What kind of encoding {@code v} has, for messages: {@code integer}, {@code Boolean}, {@code
   * string}, {@code model value}, {@code sequence}, {@code tuple (#tup)}, {@code record}, {@code
   * set} or {@code function (#map)}.
   */
  public static String form(TlaValue v) {
    if (v instanceof TlaValue.Int) {
      return "integer";
    } else if (v instanceof TlaValue.Bool) {
      return "Boolean";
    } else if (v instanceof TlaValue.Str) {
      return "string";
    } else if (v instanceof TlaValue.ModelValue) {
      return "model value";
    } else if (v instanceof TlaValue.Seq) {
      return "sequence";
    } else if (v instanceof TlaValue.Tuple) {
      return "tuple (#tup)";
    } else if (v instanceof TlaValue.Record) {
      return "record";
    } else if (v instanceof TlaValue.SetValue) {
      return "set";
    }
    return "function (#map)";
  }

  /**
   * {@code v} in TLA+ syntax, followed by its {@link #form} in parentheses when {@code other}
   * prints the same text but is a different value (in the ITF view), so a message never shows two
   * unequal values that look alike.
   */
  public static String show(TlaValue v, TlaValue other) {
    String text = v.toTla();
    if (other != null && text.equals(other.toTla()) && !itfEquals(v, other)) {
      return text + " (" + form(v) + ")";
    }
    return text;
  }
}
