package org.vfiomc.checker.result;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import org.vfiomc.checker.trace.ItfCodec;
import org.vfiomc.checker.trace.TlaValue;
import org.vfiomc.checker.trace.Trace;
import org.vfiomc.checker.trace.TraceStep;

/**
 * JSON form of outcomes and model results (the schema of {@code --json}).
 *
 * <p>Per model: {@code model}, {@code verdict}, {@code expected}, {@code property}, {@code
 * violationKind}, {@code distinctStates}, {@code generatedStates}, {@code depth}, {@code
 * durationMillis}, {@code trace} (array of {@code {action, params, state}}; {@code state} is an ITF
 * state object whose {@code #meta} holds {@code index} and, on the last state of a lasso, {@code
 * loop}), {@code error} ({@code message}, {@code file}, {@code line}, {@code column}), {@code
 * source}, then the additive {@code expectation}, {@code properties}, {@code errorKind} and {@code
 * modelValues}. Absent values are JSON {@code null}. Read back, field by field, by {@link
 * OutcomeReader}.
 */
public final class OutcomeJson {
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  private OutcomeJson() {}

  /** The results-file object of one model. */
  public static ObjectNode encode(ModelResult result) {
    ObjectNode node = NODES.objectNode();
    node.put("model", result.model());
    ObjectNode outcome = encodeOutcome(result.outcome(), false);
    node.set("verdict", outcome.get("verdict"));
    node.put("expected", result.expected().verdict().name());
    for (String f : List.of("property", "violationKind", "distinctStates", "generatedStates")) {
      node.set(f, outcome.get(f));
    }
    node.set("depth", outcome.get("depth"));
    node.put("durationMillis", result.durationMillis());
    node.set("trace", outcome.get("trace"));
    node.set("error", outcome.get("error"));
    ModelSource src = result.source();
    if (src.module().isEmpty()) {
      node.putNull("source");
    } else {
      ObjectNode s = node.putObject("source");
      s.put("specSha256", src.specSha256());
      s.put("module", src.module());
      ObjectNode c = s.putObject("constants");
      src.constants().forEach((k, v) -> c.set(k, ItfCodec.encode(v, false)));
    }
    // additive fields: what the report needs to be printed again from the file alone
    node.set("expectation", encodeExpectation(result.expected()));
    ArrayNode props = node.putArray("properties");
    result.properties().forEach(props::add);
    if (result.outcome() instanceof CheckOutcome.Failed f) {
      node.put("errorKind", f.error().kind().id());
    } else if (result.outcome() instanceof CheckOutcome.TimedOut) {
      node.put("errorKind", ErrorKind.TOOL.id());
    } else {
      node.putNull("errorKind");
    }
    if (result.search() instanceof Search.Simulation sim) {
      ObjectNode search = node.putObject("search");
      search.put("mode", "simulation");
      search.put("behaviours", sim.behaviours());
      search.put("depth", sim.depth());
      search.put("seed", sim.seed());
    }
    if (!result.coverage().isEmpty()) {
      ArrayNode coverage = node.putArray("coverage");
      for (ActionCoverage a : result.coverage()) {
        ObjectNode c = coverage.addObject();
        c.put("action", a.action());
        c.put("module", a.module());
        c.put("line", a.line());
        c.put("column", a.column());
        c.put("initial", a.initial());
        c.put("distinct", a.distinct());
        c.put("generated", a.generated());
      }
    }
    ArrayNode modelValues = node.putArray("modelValues");
    if (result.outcome() instanceof CheckOutcome.Violated v) {
      java.util.SortedSet<String> names = new java.util.TreeSet<>();
      for (TraceStep step : v.trace().steps()) {
        step.state().values().forEach(x -> modelValues(x, names));
        if (step.params() != null) {
          step.params().values().forEach(x -> modelValues(x, names));
        }
      }
      names.forEach(modelValues::add);
    }
    return node;
  }

  /** Adds the names of the model values in {@code v} to {@code names}. */
  private static void modelValues(TlaValue v, java.util.Set<String> names) {
    if (v instanceof TlaValue.ModelValue m) {
      names.add(m.name());
    } else if (v instanceof TlaValue.Seq s) {
      s.elements().forEach(x -> modelValues(x, names));
    } else if (v instanceof TlaValue.Tuple t) {
      t.elements().forEach(x -> modelValues(x, names));
    } else if (v instanceof TlaValue.SetValue s) {
      s.elements().forEach(x -> modelValues(x, names));
    } else if (v instanceof TlaValue.Record r) {
      r.fields().values().forEach(x -> modelValues(x, names));
    } else if (v instanceof TlaValue.Fun f) {
      f.mapping()
          .forEach(
              (k, x) -> {
                modelValues(k, names);
                modelValues(x, names);
              });
    }
  }

  private static ObjectNode encodeExpectation(Expectation e) {
    ObjectNode node = NODES.objectNode();
    node.put("verdict", e.verdict().name());
    node.put("property", e.property());
    node.put("violationKind", e.kind() == null ? null : e.kind().id());
    node.put("traceLength", e.traceLength());
    node.put("errorKind", e.errorKind() == null ? null : e.errorKind().id());
    return node;
  }

  /**
   * The outcome fields: {@code verdict, property, violationKind, distinctStates, generatedStates,
   * depth, trace, error}; with {@code internal} the error object also carries {@code kind} and
   * model values keep their {@code #modelvalue} tag (the form used between the forked TLC process
   * and the parent).
   */
  public static ObjectNode encodeOutcome(CheckOutcome outcome, boolean internal) {
    ObjectNode node = NODES.objectNode();
    node.put("verdict", outcome.verdict().name());
    node.putNull("property");
    node.putNull("violationKind");
    Stats s = outcome.stats();
    boolean counted = !s.equals(Stats.NONE);
    if (counted) {
      node.put("distinctStates", s.distinctStates());
      node.put("generatedStates", s.generatedStates());
      if (s.depth() > 0) {
        node.put("depth", s.depth());
      } else {
        node.putNull("depth"); // TLC reports no depth after a liveness or evaluation stop
      }
    } else {
      node.putNull("distinctStates");
      node.putNull("generatedStates");
      node.putNull("depth");
    }
    node.putNull("trace");
    node.putNull("error");
    if (outcome instanceof CheckOutcome.Violated v) {
      node.put("property", v.property());
      node.put("violationKind", v.kind().id());
      node.set("trace", encodeTrace(v.trace(), internal));
    } else if (outcome instanceof CheckOutcome.Failed f) {
      ObjectNode e = node.putObject("error");
      if (internal) {
        e.put("kind", f.error().kind().id());
      }
      e.put("message", f.error().message());
      e.put("file", f.error().file());
      e.put("line", f.error().line());
      e.put("column", f.error().column());
    } else if (outcome instanceof CheckOutcome.TimedOut t) {
      ObjectNode e = node.putObject("error");
      if (internal) {
        e.put("kind", ErrorKind.TOOL.id());
      }
      e.put("message", "timed out after " + t.limitSeconds() + " s");
      e.putNull("file");
      e.putNull("line");
      e.putNull("column");
    } else if (outcome instanceof CheckOutcome.NotRun n) {
      ObjectNode e = node.putObject("error");
      e.put("message", n.reason());
      e.putNull("file");
      e.putNull("line");
      e.putNull("column");
    }
    return node;
  }

  /** The {@code trace} array ({@code internal}: model values tagged). */
  public static ArrayNode encodeTrace(Trace trace, boolean internal) {
    ArrayNode steps = NODES.arrayNode();
    for (int i = 0; i < trace.steps().size(); i++) {
      TraceStep step = trace.steps().get(i);
      ObjectNode s = steps.addObject();
      s.put("action", step.action());
      if (step.params() == null) {
        s.putNull("params");
      } else {
        ObjectNode p = s.putObject("params");
        step.params().forEach((k, v) -> p.set(k, ItfCodec.encode(v, internal)));
      }
      ObjectNode state = s.putObject("state");
      ObjectNode meta = state.putObject("#meta");
      meta.put("index", i);
      if (i == trace.steps().size() - 1 && trace.loop().isPresent()) {
        meta.put("loop", trace.loop().getAsInt());
      }
      for (String var : trace.vars()) {
        state.set(var, ItfCodec.encode(step.state().get(var), internal));
      }
    }
    return steps;
  }
}
