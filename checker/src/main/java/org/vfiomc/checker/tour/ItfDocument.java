package org.vfiomc.checker.tour;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Map;
import org.vfiomc.checker.explore.StateGraph;
import org.vfiomc.checker.trace.ItfCodec;
import org.vfiomc.checker.trace.TlaValue;
import org.vfiomc.checker.trace.Trace;
import org.vfiomc.checker.trace.TraceStep;

/**
 * The ITF text of a corpus file, exactly as the issue 6 contract fixes it: a {@code #meta} with
 * {@code format}, {@code format-description}, {@code source}, {@code model}, {@code module}, {@code
 * kind}, {@code constants}, {@code generatedBy}, {@code property} (in this order), then {@code
 * vars}, {@code states} (state 0's {@code #meta} holds only its index; later states add {@code
 * action} and, when known, {@code params}) and, for a lasso, {@code loop}. Pretty-printed to one
 * line per variable (see {@link #emit}) with a final newline, so the same trace always gives the
 * same bytes.
 */
public final class ItfDocument {
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
  private static final ObjectMapper COMPACT = new ObjectMapper();

  /** Provenance written into {@code #meta}. */
  public record Meta(
      String source,
      String model,
      String module,
      String kind,
      Map<String, TlaValue> constants,
      String property) {}

  private ItfDocument() {}

  /** One tour path of {@code graph} as ITF. */
  public static String tour(StateGraph graph, TourBuilder.Path path, Meta meta) {
    ObjectNode doc = header(meta, graph.vars());
    var states = doc.putArray("states");
    states.add(state(0, null, null, graph.states().get(path.start())));
    int i = 1;
    for (int e : path.edges()) {
      StateGraph.Edge edge = graph.edges().get(e);
      states.add(state(i++, edge.action(), edge.params(), graph.values().get(edge.reached())));
    }
    return text(doc);
  }

  /** A counterexample as ITF. */
  public static String counterexample(Trace trace, Meta meta) {
    ObjectNode doc = header(meta, trace.vars());
    var states = doc.putArray("states");
    for (int i = 0; i < trace.steps().size(); i++) {
      TraceStep s = trace.steps().get(i);
      states.add(state(i, i == 0 ? null : s.action(), s.params(), s.state()));
    }
    trace.loop().ifPresent(l -> doc.put("loop", l));
    return text(doc);
  }

  private static ObjectNode header(Meta meta, List<String> vars) {
    ObjectNode doc = NODES.objectNode();
    ObjectNode m = doc.putObject("#meta");
    m.put("format", "ITF");
    m.put("format-description", "https://apalache-mc.org/docs/adr/015adr-trace.html");
    m.put("source", meta.source());
    m.put("model", meta.model());
    m.put("module", meta.module());
    m.put("kind", meta.kind());
    ObjectNode constants = m.putObject("constants");
    meta.constants().forEach((k, v) -> constants.set(k, ItfCodec.encode(v)));
    m.put("generatedBy", "vfiomc checker traces");
    if (meta.property() == null) {
      m.putNull("property");
    } else {
      m.put("property", meta.property());
    }
    var varsNode = doc.putArray("vars");
    vars.forEach(varsNode::add);
    return doc;
  }

  private static ObjectNode state(
      int index, String action, Map<String, TlaValue> params, Map<String, TlaValue> values) {
    ObjectNode state = NODES.objectNode();
    ObjectNode m = state.putObject("#meta");
    m.put("index", index);
    if (action != null) {
      m.put("action", action);
      if (params != null) {
        ObjectNode p = m.putObject("params");
        params.forEach((k, v) -> p.set(k, ItfCodec.encode(v)));
      }
    }
    values.forEach((k, v) -> state.set(k, ItfCodec.encode(v)));
    return state;
  }

  /** Containers nested deeper than this are written on one line. */
  private static final int EXPANDED_DEPTH = 2;

  private static String text(ObjectNode doc) {
    StringBuilder b = new StringBuilder();
    emit(doc, 0, b);
    return b.append('\n').toString();
  }

  /**
   * Indented JSON down to one line per variable of a state (and per constant, per {@code #meta}
   * entry): the document, its top-level entries and each state are expanded, every value inside is
   * compact, which keeps diffs readable and files about half the size of full indentation.
   */
  private static void emit(JsonNode node, int depth, StringBuilder b) {
    boolean container = node.isObject() || node.isArray();
    if (!container || node.isEmpty() || depth > EXPANDED_DEPTH) {
      try {
        b.append(COMPACT.writeValueAsString(node));
      } catch (JsonProcessingException e) {
        throw new IllegalStateException("cannot serialise a JSON tree", e);
      }
      return;
    }
    String pad = "  ".repeat(depth + 1);
    b.append(node.isObject() ? '{' : '[').append('\n');

    if (node.isObject()) {
      for (var it = node.properties().iterator(); it.hasNext(); ) {
        var e = it.next();
        b.append(pad);
        b.append(JsonNodeFactory.instance.textNode(e.getKey()).toString()).append(": ");
        emit(e.getValue(), depth + 1, b);
        b.append(it.hasNext() ? ",\n" : "\n");
      }
    } else {
      for (int k = 0; k < node.size(); k++) {
        b.append(pad);
        emit(node.get(k), depth + 1, b);
        b.append(k + 1 < node.size() ? ",\n" : "\n");
      }
    }
    b.append("  ".repeat(depth)).append(node.isObject() ? '}' : ']');
  }
}
