package org.vfiomc.checker.explore;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.vfiomc.checker.trace.ItfCodec;
import org.vfiomc.checker.trace.TlaValue;
import org.vfiomc.checker.trace.TraceFormatException;

/**
 * File form of a {@link StateGraph}, written by the exploring child JVM and read by the parent:
 * {@code {"module", "constants": {name: v}, "vars": [..], "actions": [..], "initial": [i..],
 * "states": [[v per var]..], "values": [[v per var]..], "edges": [[from, to, reached, action,
 * params|null]..]}} with values in ITF and model values tagged ({@code #modelvalue}) so they read
 * back as model values.
 */
public final class GraphCodec {
  private static final ObjectMapper MAPPER = new ObjectMapper();

  private GraphCodec() {}

  /** Writes {@code graph} to {@code out} (not closed). */
  public static void write(StateGraph graph, OutputStream out) throws IOException {
    write(graph, null, out);
  }

  /**
   * Writes {@code graph} and, unless null, the {@code walks} through it (field {@code "walks":
   * [[start, edge..]..]}) to {@code out} (not closed).
   */
  public static void write(StateGraph graph, List<Walk> walks, OutputStream out)
      throws IOException {
    try (JsonGenerator g =
        MAPPER.getFactory().createGenerator(out).disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET)) {
      g.writeStartObject();
      g.writeStringField("module", graph.module());
      g.writeObjectFieldStart("constants");
      for (Map.Entry<String, TlaValue> c : graph.constants().entrySet()) {
        g.writeFieldName(c.getKey());
        g.writeTree(ItfCodec.encode(c.getValue(), true));
      }
      g.writeEndObject();
      g.writeArrayFieldStart("vars");
      for (String v : graph.vars()) {
        g.writeString(v);
      }
      g.writeEndArray();
      g.writeArrayFieldStart("actions");
      for (String a : graph.actions()) {
        g.writeString(a);
      }
      g.writeEndArray();
      g.writeArrayFieldStart("initial");
      for (int i : graph.initial()) {
        g.writeNumber(i);
      }
      g.writeEndArray();
      g.writeArrayFieldStart("states");
      for (Map<String, TlaValue> s : graph.states()) {
        g.writeStartArray();
        for (String v : graph.vars()) {
          g.writeTree(ItfCodec.encode(s.get(v), true));
        }
        g.writeEndArray();
      }
      g.writeEndArray();
      g.writeArrayFieldStart("values");
      for (Map<String, TlaValue> s : graph.values()) {
        g.writeStartArray();
        for (String v : graph.vars()) {
          g.writeTree(ItfCodec.encode(s.get(v), true));
        }
        g.writeEndArray();
      }
      g.writeEndArray();
      g.writeArrayFieldStart("edges");
      for (StateGraph.Edge e : graph.edges()) {
        g.writeStartArray();
        g.writeNumber(e.from());
        g.writeNumber(e.to());
        g.writeNumber(e.reached());
        g.writeString(e.action());
        if (e.params() == null) {
          g.writeNull();
        } else {
          g.writeStartObject();
          for (Map.Entry<String, TlaValue> p : e.params().entrySet()) {
            g.writeFieldName(p.getKey());
            g.writeTree(ItfCodec.encode(p.getValue(), true));
          }
          g.writeEndObject();
        }
        g.writeEndArray();
      }
      g.writeEndArray();
      if (walks != null) {
        g.writeArrayFieldStart("walks");
        for (Walk w : walks) {
          g.writeStartArray();
          g.writeNumber(w.start());
          for (int e : w.edges()) {
            g.writeNumber(e);
          }
          g.writeEndArray();
        }
        g.writeEndArray();
      }
      g.writeEndObject();
    }
  }

  /** The walks of a graph file written by {@link #write(StateGraph, List, OutputStream)}. */
  public static List<Walk> readWalks(Path file) throws IOException {
    try {
      JsonNode walks = MAPPER.readTree(Files.readAllBytes(file)).get("walks");
      if (walks == null || !walks.isArray()) {
        throw new IOException(file + ": no walks");
      }
      List<Walk> out = new ArrayList<>();
      for (JsonNode w : walks) {
        List<Integer> edges = new ArrayList<>();
        for (int i = 1; i < w.size(); i++) {
          edges.add(w.get(i).asInt());
        }
        out.add(new Walk(w.get(0).asInt(), edges));
      }
      return out;
    } catch (RuntimeException e) {
      throw new IOException(file + ": not a walks file: " + e.getMessage(), e);
    }
  }

  private static List<Map<String, TlaValue>> states(
      JsonNode array, List<String> vars, String source) throws TraceFormatException {
    List<Map<String, TlaValue>> states = new ArrayList<>();
    for (JsonNode s : array) {
      Map<String, TlaValue> state = new LinkedHashMap<>();
      for (int i = 0; i < vars.size(); i++) {
        state.put(vars.get(i), ItfCodec.decodeLinkValue(s.get(i), source));
      }
      states.add(state);
    }
    return states;
  }

  /** Reads a graph file written by {@link #write}. */
  public static StateGraph read(Path file) throws IOException {
    return read(Files.readAllBytes(file), file.toString());
  }

  /**
   * Reads the bytes of a graph file written by {@link #write}; {@code source} names it in errors.
   *
   * @throws IOException naming {@code source} when the bytes are not a graph file
   */
  public static StateGraph read(byte[] bytes, String source) throws IOException {
    try {
      JsonNode doc = MAPPER.readTree(bytes);
      Map<String, TlaValue> constants = new LinkedHashMap<>();
      for (Iterator<Map.Entry<String, JsonNode>> it = doc.get("constants").properties().iterator();
          it.hasNext(); ) {
        Map.Entry<String, JsonNode> e = it.next();
        constants.put(e.getKey(), ItfCodec.decodeLinkValue(e.getValue(), source));
      }
      List<String> vars = new ArrayList<>();
      doc.get("vars").forEach(v -> vars.add(v.asText()));
      List<String> actions = new ArrayList<>();
      doc.get("actions").forEach(v -> actions.add(v.asText()));
      List<Integer> initial = new ArrayList<>();
      doc.get("initial").forEach(v -> initial.add(v.asInt()));
      List<Map<String, TlaValue>> states = states(doc.get("states"), vars, source);
      List<Map<String, TlaValue>> values = states(doc.get("values"), vars, source);
      List<StateGraph.Edge> edges = new ArrayList<>();
      for (JsonNode e : doc.get("edges")) {
        Map<String, TlaValue> params = null;
        if (!e.get(4).isNull()) {
          params = new LinkedHashMap<>();
          for (Iterator<Map.Entry<String, JsonNode>> it = e.get(4).properties().iterator();
              it.hasNext(); ) {
            Map.Entry<String, JsonNode> p = it.next();
            params.put(p.getKey(), ItfCodec.decodeLinkValue(p.getValue(), source));
          }
        }
        edges.add(
            new StateGraph.Edge(
                e.get(0).asInt(), e.get(1).asInt(), e.get(2).asInt(), e.get(3).asText(), params));
      }
      return new StateGraph(
          doc.get("module").asText(), constants, vars, states, values, initial, edges, actions);
    } catch (TraceFormatException | IOException | RuntimeException e) {
      throw new IOException(source + ": not a state graph file: " + e.getMessage(), e);
    }
  }
}
