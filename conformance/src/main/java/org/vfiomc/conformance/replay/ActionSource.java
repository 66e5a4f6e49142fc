package org.vfiomc.conformance.replay;

import java.util.Map;
import org.vfiomc.checker.trace.TlaValue;
import org.vfiomc.checker.trace.TraceFormatException;

/**
 * The raw action of one trace step: its tag and parameters, plus where they sit in the file, so a
 * decoder can report a missing or mistyped parameter with file, step and JSON pointer.
 *
 * @param file the trace file
 * @param step index of the state the action leads to
 * @param tag the action's tag
 * @param params parameter values by name
 * @param pointer JSON pointer of the object holding the parameters ({@code /states/i/action} or
 *     {@code /states/i/#meta/params})
 */
public record ActionSource(
    String file, int step, String tag, Map<String, TlaValue> params, String pointer) {
  public ActionSource {
    params = Map.copyOf(params);
  }

  /** An error about this action (at the tag). */
  public TraceFormatException error(String problem) {
    return new TraceFormatException(file, step, pointer, problem);
  }

  /** An unknown tag for the given module. */
  public TraceFormatException unknownTag(String module) {
    return new TraceFormatException(
        file,
        step,
        pointer.endsWith("/params") ? pointer.replace("/params", "/action") : pointer + "/tag",
        "unknown action '" + tag + "' for module " + module);
  }

  private TlaValue get(String name) throws TraceFormatException {
    TlaValue v = params.get(name);
    if (v == null) {
      throw new TraceFormatException(
          file, step, pointer + "/" + name, "action " + tag + ": parameter '" + name + "' missing");
    }
    return v;
  }

  private TraceFormatException mistyped(String name, String expected, TlaValue v) {
    return new TraceFormatException(
        file,
        step,
        pointer + "/" + name,
        "action " + tag + ": parameter '" + name + "' must be " + expected + ", got " + v.toTla());
  }

  /** A string parameter (a TLA+ string or model value). */
  public String string(String name) throws TraceFormatException {
    TlaValue v = get(name);
    if (v instanceof TlaValue.Str s) {
      return s.value();
    } else if (v instanceof TlaValue.ModelValue m) {
      return m.name();
    }
    throw mistyped(name, "a string", v);
  }

  /** An integer parameter that fits an int. */
  public int integer(String name) throws TraceFormatException {
    TlaValue v = get(name);
    if (v instanceof TlaValue.Int i && i.value().bitLength() < 32) {
      return i.value().intValue();
    }
    throw mistyped(name, "an integer", v);
  }

  /** A Boolean parameter. */
  public boolean bool(String name) throws TraceFormatException {
    TlaValue v = get(name);
    if (v instanceof TlaValue.Bool b) {
      return b.value();
    }
    throw mistyped(name, "a Boolean", v);
  }

  /** A string parameter that must be one of {@code allowed}. */
  public String oneOf(String name, java.util.Set<String> allowed) throws TraceFormatException {
    String s = string(name);
    if (!allowed.contains(s)) {
      throw new TraceFormatException(
          file,
          step,
          pointer + "/" + name,
          "action " + tag + ": parameter '" + name + "' = \"" + s + "\" not in " + allowed);
    }
    return s;
  }

  /**
   * The first of {@code names} the action carries, else the first one (for a "missing" error): the
   * spec's {@code action} record and the operator's formal parameter ({@code #meta.params}) may
   * name a parameter differently.
   */
  public String name(String... names) {
    for (String n : names) {
      if (params.containsKey(n)) {
        return n;
      }
    }
    return names[0];
  }

  /**
   * The element of {@code values} whose tag ({@code tagOf}) is this action's tag, if any: the
   * dispatch of bindings whose actions are the constants of an enum.
   */
  public <E> java.util.Optional<E> tagIn(E[] values, java.util.function.Function<E, String> tagOf) {
    for (E e : values) {
      if (tagOf.apply(e).equals(tag)) {
        return java.util.Optional.of(e);
      }
    }
    return java.util.Optional.empty();
  }
}
