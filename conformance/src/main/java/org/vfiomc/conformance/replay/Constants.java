package org.vfiomc.conformance.replay;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.vfiomc.checker.trace.TlaValue;
import org.vfiomc.checker.trace.TraceFormatException;

/**
 * Typed access to a trace's {@code #meta.constants} for a binding; every problem (unknown constant,
 * missing constant, wrong type, unsupported value) names {@code /#meta/constants/NAME}.
 */
public final class Constants {
  private final String file;
  private final Map<String, TlaValue> values;

  /**
   * Checks that {@code values} holds only constants in {@code known}.
   *
   * @param file the trace file, for messages
   */
  public Constants(String file, Map<String, TlaValue> values, Set<String> known)
      throws TraceFormatException {
    this.file = file;
    // read-only view: a Constants lives for one configure call (copying per replay run is waste)
    this.values = Collections.unmodifiableMap(values);
    if (!known.containsAll(values.keySet())) {
      for (String name : new TreeSet<>(values.keySet())) {
        if (!known.contains(name)) {
          throw error(name, "unknown constant (this binding knows " + new TreeSet<>(known) + ")");
        }
      }
    }
  }

  /** An error about one constant. */
  public TraceFormatException error(String name, String problem) {
    return new TraceFormatException(file, -1, "/#meta/constants/" + name, problem);
  }

  /**
   * A well-formed constant value the implementation cannot be configured with (the trace is of a
   * model the implementation does not claim to implement).
   */
  public TraceFormatException unsupported(String name, String problem) {
    return TraceFormatException.unsupported(file, -1, "/#meta/constants/" + name, problem);
  }

  private TlaValue get(String name) throws TraceFormatException {
    TlaValue v = values.get(name);
    if (v == null) {
      throw error(name, "missing (required by the replay binding)");
    }
    return v;
  }

  /** Whether the constant is present. */
  public boolean has(String name) {
    return values.containsKey(name);
  }

  /** An integer constant. */
  public int integer(String name) throws TraceFormatException {
    TlaValue v = get(name);
    if (v instanceof TlaValue.Int i && i.value().bitLength() < 32) {
      return i.value().intValue();
    }
    throw error(name, "expected an integer, got " + v.toTla());
  }

  /** A Boolean constant. */
  public boolean bool(String name) throws TraceFormatException {
    TlaValue v = get(name);
    if (v instanceof TlaValue.Bool b) {
      return b.value();
    }
    throw error(name, "expected a Boolean, got " + v.toTla());
  }

  /** A set of strings (or model values). */
  public Set<String> stringSet(String name) throws TraceFormatException {
    TlaValue v = get(name);
    if (v instanceof TlaValue.SetValue s) {
      Set<String> out = new TreeSet<>();
      for (TlaValue e : s.elements()) {
        if (e instanceof TlaValue.Str str) {
          out.add(str.value());
        } else if (e instanceof TlaValue.ModelValue m) {
          out.add(m.name());
        } else {
          throw error(name, "expected a set of strings, got " + v.toTla());
        }
      }
      return out;
    }
    throw error(name, "expected a set of strings, got " + v.toTla());
  }

  /** A set of integers. */
  public List<Integer> intSet(String name) throws TraceFormatException {
    TlaValue v = get(name);
    if (v instanceof TlaValue.SetValue s) {
      List<Integer> out = new ArrayList<>();
      for (TlaValue e : s.elements()) {
        if (e instanceof TlaValue.Int i && i.value().bitLength() < 32) {
          out.add(i.value().intValue());
        } else {
          throw error(name, "expected a set of integers, got " + v.toTla());
        }
      }
      return out;
    }
    throw error(name, "expected a set of integers, got " + v.toTla());
  }

  /** A string constant (a TLA+ string or model value) that must be one of {@code allowed}. */
  public String oneOf(String name, Set<String> allowed) throws TraceFormatException {
    TlaValue v = get(name);
    String s =
        v instanceof TlaValue.Str str
            ? str.value()
            : v instanceof TlaValue.ModelValue m ? m.name() : null;
    if (s == null || !allowed.contains(s)) {
      throw error(name, "must be one of " + new TreeSet<>(allowed) + ", got " + v.toTla());
    }
    return s;
  }

  /**
   * A set of strings within {@code allowed} (e.g. the defects a binding can configure); the error
   * for the first element outside it is {@code problem} of that element.
   */
  public Set<String> subsetOf(
      String name, Set<String> allowed, java.util.function.Function<String, String> problem)
      throws TraceFormatException {
    Set<String> s = stringSet(name);
    for (String e : s) {
      if (!allowed.contains(e)) {
        throw error(name, problem.apply(e));
      }
    }
    return s;
  }

  /**
   * Checks that the set-of-strings constant {@code name}, when present, holds only names in {@code
   * known} (the spec's {@code DefectNames}, say): an input error naming the first unknown element
   * and every known one, never a silent acceptance.
   *
   * @param what what an element is, for the message ("defect")
   */
  public void onlyNames(String name, Set<String> known, String what) throws TraceFormatException {
    if (!has(name)) {
      return;
    }
    for (String e : stringSet(name)) {
      if (!known.contains(e)) {
        throw error(
            name,
            "unknown "
                + what
                + " \""
                + e
                + "\" (the spec's "
                + what
                + "s: "
                + String.join(", ", new TreeSet<>(known))
                + ")");
      }
    }
  }

  /**
   * A copy of {@code constants} with {@code name} set to {@code value} when the trace has that
   * constant (for {@link SpecBinding#correctConstants}: a trace without it stays without it).
   */
  public static Map<String, TlaValue> replacing(
      Map<String, TlaValue> constants, String name, TlaValue value) {
    Map<String, TlaValue> m = new java.util.LinkedHashMap<>(constants);
    if (m.containsKey(name)) {
      m.put(name, value);
    }
    return m;
  }
}
