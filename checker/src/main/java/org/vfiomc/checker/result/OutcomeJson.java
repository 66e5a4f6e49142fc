package org.vfiomc.checker.result;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import org.vfiomc.checker.trace.ItfCodec;
import org.vfiomc.checker.trace.TlaValue;
import org.vfiomc.checker.trace.Trace;
import org.vfiomc.checker.trace.TraceFormatException;
import org.vfiomc.checker.trace.TraceStep;

/**
 * JSON form of outcomes and model results (the schema of {@code --json}).
 *
 * <p>Per model: {@code model}, {@code verdict}, {@code expected}, {@code property}, {@code
 * violationKind}, {@code distinctStates}, {@code generatedStates}, {@code depth}, {@code
 * durationMillis}, {@code trace} (array of {@code {action, params, state}}; {@code state} is an ITF
 * state object whose {@code #meta} holds {@code index} and, on the last state of a lasso, {@code
 * loop}), {@code error} ({@code message}, {@code file}, {@code line}, {@code column}). Absent
 * values are JSON {@code null}.
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
    return node;
  }

  /** Decodes the {@code source} field of a results-file model object ({@link #encode}). */
  public static ModelSource decodeSource(JsonNode node) throws TraceFormatException {
    if (node == null || node.isNull()) {
      return ModelSource.UNKNOWN;
    }
    Map<String, TlaValue> constants = new LinkedHashMap<>();
    for (Iterator<Map.Entry<String, JsonNode>> it = node.get("constants").properties().iterator();
        it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      constants.put(
          e.getKey(), ItfCodec.decodeValue(e.getValue(), "source/constants/" + e.getKey()));
    }
    return new ModelSource(node.get("specSha256").asText(), node.get("module").asText(), constants);
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

  /** Decodes {@link #encodeOutcome} output (with error kinds); TIMEOUT is not decodable. */
  public static CheckOutcome decodeOutcome(JsonNode node) throws TraceFormatException {
    Verdict verdict = Verdict.valueOf(node.get("verdict").asText());
    Stats stats =
        node.get("distinctStates").isNull()
            ? Stats.NONE
            : new Stats(
                node.get("distinctStates").asLong(),
                node.get("generatedStates").asLong(),
                node.get("depth").isNull() ? 0 : node.get("depth").asInt());
    switch (verdict) {
      case HOLDS:
        return new CheckOutcome.Holds(stats);
      case VIOLATED:
        return new CheckOutcome.Violated(
            text(node.get("property")),
            ViolationKind.fromId(node.get("violationKind").asText()),
            stats,
            decodeTrace(node.get("trace")));
      case ERROR:
        JsonNode e = node.get("error");
        return new CheckOutcome.Failed(
            new ErrorInfo(
                ErrorKind.fromId(e.get("kind").asText()),
                e.get("message").asText(),
                text(e.get("file")),
                e.get("line").isNull() ? null : e.get("line").asInt(),
                e.get("column").isNull() ? null : e.get("column").asInt()),
            stats);
      case TIMEOUT:
        break;
    }
    throw new IllegalArgumentException("cannot decode verdict " + verdict);
  }

  /** Decodes a {@code trace} array. */
  public static Trace decodeTrace(JsonNode steps) throws TraceFormatException {
    List<String> vars = new ArrayList<>();
    List<TraceStep> out = new ArrayList<>();
    OptionalInt loop = OptionalInt.empty();
    for (int i = 0; i < steps.size(); i++) {
      JsonNode s = steps.get(i);
      JsonNode stateNode = s.get("state");
      Map<String, TlaValue> state = new LinkedHashMap<>();
      for (Iterator<Map.Entry<String, JsonNode>> it = stateNode.properties().iterator();
          it.hasNext(); ) {
        Map.Entry<String, JsonNode> e = it.next();
        if (e.getKey().equals("#meta")) {
          if (e.getValue().has("loop")) {
            loop = OptionalInt.of(e.getValue().get("loop").asInt());
          }
          continue;
        }
        if (i == 0) {
          vars.add(e.getKey());
        }
        state.put(e.getKey(), ItfCodec.decodeValue(e.getValue(), "trace/" + i + "/" + e.getKey()));
      }
      Map<String, TlaValue> params = null;
      if (!s.get("params").isNull()) {
        params = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = s.get("params").properties().iterator();
            it.hasNext(); ) {
          Map.Entry<String, JsonNode> e = it.next();
          params.put(e.getKey(), ItfCodec.decodeValue(e.getValue(), "params/" + e.getKey()));
        }
      }
      out.add(new TraceStep(s.get("action").asText(), params, state));
    }
    return new Trace(vars, out, loop, Map.of());
  }

  private static String text(JsonNode n) {
    return n == null || n.isNull() ? null : n.asText();
  }
}
