package org.vfiomc.conformance.replay;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Optional;

/**
 * The result of replaying one trace in one mode.
 *
 * @param file the trace file
 * @param model the suite model ({@code #meta.model})
 * @param module the spec module
 * @param kind tour or counterexample
 * @param property the counterexample's property, if any
 * @param mode which implementation was used
 * @param stepsReplayed actions applied and confirmed (the initial state is not a step)
 * @param traceSteps actions in the trace (states minus one)
 * @param discrepancy the first divergence, if any
 * @param evidence for a counterexample replayed as configured: the implementation's evidence of the
 *     violation, if it shows one
 * @param unobservable spec variables not compared
 * @param nanos wall time of the replay loop (apply, project, compare; configuring the system under
 *     test is not counted)
 * @param expected what the trace should do in this mode
 * @param note a remark for the reader (e.g. why a counterexample ran only in one mode)
 */
public record ReplayReport(
    String file,
    String model,
    String module,
    TraceKind kind,
    Optional<String> property,
    ReplayMode mode,
    int stepsReplayed,
    int traceSteps,
    Optional<Discrepancy> discrepancy,
    Optional<String> evidence,
    List<String> unobservable,
    long nanos,
    Expectation expected,
    Optional<String> note) {

  /** What a replay must show to count as "behaved as expected". */
  public enum Expectation {
    /** Every step conforms (tours). */
    CONFORMS,
    /**
     * Every step conforms and the implementation shows the violation (counterexample, defect on).
     */
    REPRODUCES_VIOLATION,
    /** The implementation diverges (counterexample against the correct implementation). */
    DIVERGES
  }

  public ReplayReport {
    unobservable = List.copyOf(unobservable);
  }

  /** A copy with a note. */
  public ReplayReport withNote(String text) {
    return new ReplayReport(
        file,
        model,
        module,
        kind,
        property,
        mode,
        stepsReplayed,
        traceSteps,
        discrepancy,
        evidence,
        unobservable,
        nanos,
        expected,
        Optional.of(text));
  }

  /** Whether the replay behaved as expected. */
  public boolean asExpected() {
    return switch (expected) {
      case CONFORMS -> discrepancy.isEmpty();
      case REPRODUCES_VIOLATION -> discrepancy.isEmpty() && evidence.isPresent();
      case DIVERGES -> discrepancy.isPresent();
    };
  }

  /** Replayed steps per second of the replay loop. */
  public double stepsPerSecond() {
    return nanos == 0 ? 0 : stepsReplayed * 1e9 / nanos;
  }

  /** One line for the console. */
  public String summary() {
    StringBuilder b = new StringBuilder();
    b.append(asExpected() ? "OK   " : "FAIL ")
        .append(file)
        .append(" [")
        .append(kind.itfName())
        .append(", ")
        .append(mode == ReplayMode.CORRECT ? "correct implementation" : "as configured")
        .append("] ")
        .append(stepsReplayed)
        .append('/')
        .append(traceSteps)
        .append(" steps");
    discrepancy.ifPresent(
        d ->
            b.append(", ")
                .append(d.kind())
                .append(" at step ")
                .append(d.step())
                .append(" ")
                .append(d.action())
                .append(": ")
                .append(d.detail()));
    evidence.ifPresent(e -> b.append(", violation reproduced: ").append(e));
    if (expected == Expectation.REPRODUCES_VIOLATION && evidence.isEmpty()) {
      b.append(", violation of ").append(property.orElse("(deadlock)")).append(" NOT reproduced");
    }
    if (expected == Expectation.DIVERGES && discrepancy.isEmpty()) {
      b.append(", expected a divergence but the implementation followed the counterexample");
    }
    note.ifPresent(n -> b.append(" (").append(n).append(')'));
    if (!unobservable.isEmpty()) {
      b.append(", unobserved: ").append(String.join(",", unobservable));
    }
    return b.toString();
  }

  /** The JSON form. */
  public ObjectNode toJson() {
    ObjectNode o = JsonNodeFactory.instance.objectNode();
    o.put("file", file);
    o.put("model", model);
    o.put("module", module);
    o.put("kind", kind.itfName());
    if (property.isPresent()) {
      o.put("property", property.get());
    } else {
      o.putNull("property");
    }
    o.put("mode", mode == ReplayMode.CORRECT ? "correct" : "as-configured");
    o.put("expected", expected.name());
    o.put("asExpected", asExpected());
    o.put("stepsReplayed", stepsReplayed);
    o.put("traceSteps", traceSteps);
    o.put("nanos", nanos);
    o.put("stepsPerSecond", Math.round(stepsPerSecond()));
    ArrayNode un = o.putArray("unobservable");
    unobservable.forEach(un::add);
    if (note.isPresent()) {
      o.put("note", note.get());
    } else {
      o.putNull("note");
    }
    if (evidence.isPresent()) {
      o.put("evidence", evidence.get());
    } else {
      o.putNull("evidence");
    }
    if (discrepancy.isEmpty()) {
      o.putNull("discrepancy");
    } else {
      Discrepancy d = discrepancy.get();
      ObjectNode dn = o.putObject("discrepancy");
      dn.put("kind", d.kind());
      dn.put("step", d.step());
      dn.put("action", d.action());
      dn.put("detail", d.detail());
      List<VarDiff> diffs = diffsOf(d);
      ArrayNode dd = dn.putArray("diff");
      for (VarDiff v : diffs) {
        ObjectNode vn = dd.addObject();
        vn.put("variable", v.variable());
        vn.put("expected", v.expected().toTla());
        vn.put("actual", v.actual().toTla());
      }
    }
    return o;
  }

  /** The per-variable differences a discrepancy carries (empty for missing/unexpected actions). */
  public static List<VarDiff> diffsOf(Discrepancy d) {
    if (d instanceof Discrepancy.StateMismatch m) {
      return m.diffs();
    } else if (d instanceof Discrepancy.PacketLost l) {
      return l.diffs();
    } else if (d instanceof Discrepancy.PacketCorrupted c) {
      return c.diffs();
    }
    return List.of();
  }
}
