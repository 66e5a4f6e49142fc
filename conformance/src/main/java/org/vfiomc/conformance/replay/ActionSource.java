package org.vfiomc.conformance.replay;

import java.util.Map;
import org.vfiomc.checker.trace.TlaValue;
import org.vfiomc.checker.trace.TraceFormatException;

/**
 * The raw action of one trace step: its tag and parameters, plus where they sit in the file, so a
 * decoder can report a missing or mistyped parameter with file, step and JSON pointer.
 *
 * <p>It remembers which parameters a decoder read (the typed accessors and {@link #name}), so that
 * the {@link Replayer} can reject a parameter no decoder asked for ({@link #unread}): a misspelt or
 * foreign parameter must not be ignored silently. That record of reads is the only state that
 * changes; one instance serves one decode call.
 */
public final class ActionSource {
  private final String file;
  private final int step;
  private final String tag;
  private final Map<String, TlaValue> params;
  private final String pointer;
  private final java.util.Set<String> read = new java.util.HashSet<>();

  /**
   * @param file the trace file
   * @param step index of the state the action leads to
   * @param tag the action's tag
   * @param params parameter values by name
   * @param pointer JSON pointer of the object holding the parameters ({@code /states/i/action} or
   *     {@code /states/i/#meta/params})
   */
  public ActionSource(
      String file, int step, String tag, Map<String, TlaValue> params, String pointer) {
    this.file = file;
    this.step = step;
    this.tag = tag;
    this.params = Map.copyOf(params);
    this.pointer = pointer;
  }

  /** The trace file. */
  public String file() {
    return file;
  }

  /** Index of the state the action leads to. */
  public int step() {
    return step;
  }

  /** The action's tag. */
  public String tag() {
    return tag;
  }

  /** Parameter values by name. */
  public Map<String, TlaValue> params() {
    return params;
  }

  /** JSON pointer of the object holding the parameters. */
  public String pointer() {
    return pointer;
  }

  /**
   * Declares parameters of the spec's action that the binding does not read because the
   * implementation makes that choice itself (RxDma's descriptor slot and buffer, say): they are
   * known, so {@link #unread} does not list them.
   */
  public void ignoring(java.util.Collection<String> names) {
    read.addAll(names);
  }

  /**
   * The parameters no accessor has read, in name order: after a decode, parameters the action does
   * not have.
   */
  public java.util.List<String> unread() {
    return params.keySet().stream().filter(n -> !read.contains(n)).sorted().toList();
  }

  /**
   * The error for a parameter the action does not have.
   *
   * @param name the parameter
   */
  public TraceFormatException unknownParameter(String name) {
    java.util.List<String> known = new java.util.ArrayList<>(new java.util.TreeSet<>(read));
    return new TraceFormatException(
        file,
        step,
        pointer + "/" + name,
        "action "
            + tag
            + ": unknown parameter '"
            + name
            + "'"
            + (known.isEmpty() ? " (the action has none)" : " (the action has " + known + ")"));
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
    read.add(name);
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
        read.add(n);
        return n;
      }
    }
    read.add(names[0]);
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
