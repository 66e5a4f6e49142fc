package org.vfiomc.checker.trace;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalInt;
import java.util.TreeMap;

/**
 * Reads and writes the Informal Trace Format (Apalache ADR-015).
 *
 * <p>Encoding: integers always as {@code {"#bigint": "n"}} (plain JSON integers are accepted on
 * input), sets {@code #set}, non-sequence non-record functions {@code #map}, tuples {@code #tup},
 * sequences as JSON arrays, records as JSON objects, model values as strings. Each state's {@code
 * #meta} carries {@code index}, {@code action} and, when known, {@code params} (an object of ITF
 * values).
 */
public final class ItfCodec {
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
  private static final ObjectMapper MAPPER =
      new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
  private static final BigInteger MAX_SAFE = BigInteger.valueOf((1L << 53) - 1);

  private ItfCodec() {}

  /** Tag of the model-value extension (see {@link #encode(TlaValue, boolean)}). */
  public static final String MODEL_VALUE_TAG = "#modelvalue";

  /** The ITF JSON of one value (model values as plain strings, as ITF has none). */
  public static JsonNode encode(TlaValue value) {
    return encode(value, false);
  }

  /**
   * The ITF JSON of one value; with {@code tagModelValues} model values are written as {@code
   * {"#modelvalue": "name"}}, a non-standard extension that {@link #read} also accepts, used where
   * both ends are this codec and the distinction matters (e.g. for printing {@code p1} rather than
   * {@code "p1"}).
   */
  public static JsonNode encode(TlaValue value, boolean tagModelValues) {
    if (value instanceof TlaValue.Int i) {
      return NODES.objectNode().put("#bigint", i.value().toString());
    } else if (value instanceof TlaValue.Bool b) {
      return NODES.booleanNode(b.value());
    } else if (value instanceof TlaValue.Str s) {
      return NODES.textNode(s.value());
    } else if (value instanceof TlaValue.ModelValue m) {
      return tagModelValues
          ? NODES.objectNode().put(MODEL_VALUE_TAG, m.name())
          : NODES.textNode(m.name());
    } else if (value instanceof TlaValue.Seq s) {
      return array(s.elements(), tagModelValues);
    } else if (value instanceof TlaValue.Tuple t) {
      ObjectNode node = NODES.objectNode();
      node.set("#tup", array(t.elements(), tagModelValues));
      return node;
    } else if (value instanceof TlaValue.Record r) {
      ObjectNode node = NODES.objectNode();
      r.fields().forEach((k, v) -> node.set(k, encode(v, tagModelValues)));
      return node;
    } else if (value instanceof TlaValue.SetValue s) {
      ObjectNode node = NODES.objectNode();
      node.set("#set", array(s.elements(), tagModelValues));
      return node;
    } else if (value instanceof TlaValue.Fun f) {
      ArrayNode pairs = NODES.arrayNode();
      f.mapping()
          .forEach(
              (k, v) ->
                  pairs.add(
                      NODES
                          .arrayNode()
                          .add(encode(k, tagModelValues))
                          .add(encode(v, tagModelValues))));
      ObjectNode node = NODES.objectNode();
      node.set("#map", pairs);
      return node;
    }
    throw new AssertionError(value);
  }

  private static ArrayNode array(List<TlaValue> values, boolean tagModelValues) {
    ArrayNode node = NODES.arrayNode();
    values.forEach(v -> node.add(encode(v, tagModelValues)));
    return node;
  }

  /** The ITF document of a trace as a JSON tree. */
  public static ObjectNode toJson(Trace trace) {
    ObjectNode doc = NODES.objectNode();
    ObjectNode meta = doc.putObject("#meta");
    meta.put("format", "ITF");
    meta.put("format-description", "https://apalache-mc.org/docs/adr/015adr-trace.html");
    trace.meta().forEach(meta::put);
    ArrayNode vars = doc.putArray("vars");
    trace.vars().forEach(vars::add);
    ArrayNode states = doc.putArray("states");
    for (int i = 0; i < trace.steps().size(); i++) {
      states.add(encodeState(i, trace.steps().get(i)));
    }
    trace.loop().ifPresent(l -> doc.put("loop", l));
    return doc;
  }

  /** One state object, with {@code #meta} giving index, action and parameters. */
  public static ObjectNode encodeState(int index, TraceStep step) {
    ObjectNode state = NODES.objectNode();
    ObjectNode meta = state.putObject("#meta");
    meta.put("index", index);
    meta.put("action", step.action());
    if (step.params() != null) {
      ObjectNode params = meta.putObject("params");
      step.params().forEach((k, v) -> params.set(k, encode(v)));
    }
    step.state().forEach((k, v) -> state.set(k, encode(v)));
    return state;
  }

  /** The ITF text of a trace (indented JSON). */
  public static String write(Trace trace) {
    try {
      return MAPPER.writeValueAsString(toJson(trace));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot serialise a JSON tree", e);
    }
  }

  /** Reads an ITF file. */
  public static Trace read(Path file) throws IOException, TraceFormatException {
    return read(Files.readString(file, StandardCharsets.UTF_8), file.toString());
  }

  /** Parses ITF text; {@code source} names it in errors. */
  public static Trace read(String text, String source) throws TraceFormatException {
    return fromJson(parseJson(text, source), source);
  }

  /** Parses JSON text into a tree; a syntax error names {@code source}, line and column. */
  public static JsonNode parseJson(String text, String source) throws TraceFormatException {
    try {
      return MAPPER.readTree(text);
    } catch (JsonProcessingException e) {
      throw new TraceFormatException(
          source, -1, "", "not JSON: " + e.getOriginalMessage() + locationOf(e));
    }
  }

  private static String locationOf(JsonProcessingException e) {
    return e.getLocation() == null
        ? ""
        : " (line "
            + e.getLocation().getLineNr()
            + ", column "
            + e.getLocation().getColumnNr()
            + ")";
  }

  /**
   * Parses ITF text of a recorded run in which states may omit variables (unobserved) and steps may
   * omit {@code #meta.action} (unknown action) or {@code params} (unknown parameters).
   */
  public static ObservedTrace readObserved(String text, String source) throws TraceFormatException {
    JsonNode doc = parseJson(text, source);
    if (doc == null || !doc.isObject()) {
      throw new TraceFormatException(source, -1, "", "expected a JSON object");
    }
    List<String> vars = vars(doc, source);
    JsonNode statesNode = doc.get("states");
    if (statesNode == null || !statesNode.isArray() || statesNode.isEmpty()) {
      throw new TraceFormatException(source, -1, "/states", "expected a non-empty array of states");
    }
    List<TraceStep> steps = new ArrayList<>();
    for (int i = 0; i < statesNode.size(); i++) {
      steps.add(decodeState(statesNode.get(i), vars, new Ctx(source, i, "/states/" + i), true));
    }
    return new ObservedTrace(vars, steps);
  }

  private static List<String> vars(JsonNode doc, String source) throws TraceFormatException {
    JsonNode varsNode = doc.get("vars");
    if (varsNode == null || !varsNode.isArray()) {
      throw new TraceFormatException(source, -1, "/vars", "expected an array of variable names");
    }
    List<String> vars = new ArrayList<>();
    for (int i = 0; i < varsNode.size(); i++) {
      if (!varsNode.get(i).isTextual()) {
        throw new TraceFormatException(source, -1, "/vars/" + i, "expected a string");
      }
      vars.add(varsNode.get(i).asText());
    }
    return vars;
  }

  /** Decodes an ITF document tree; {@code source} names it in errors. */
  public static Trace fromJson(JsonNode doc, String source) throws TraceFormatException {
    if (doc == null || !doc.isObject()) {
      throw new TraceFormatException(source, -1, "", "expected a JSON object");
    }
    List<String> vars = vars(doc, source);
    JsonNode statesNode = doc.get("states");
    if (statesNode == null || !statesNode.isArray()) {
      throw new TraceFormatException(source, -1, "/states", "expected an array of states");
    }
    List<TraceStep> steps = new ArrayList<>();
    for (int i = 0; i < statesNode.size(); i++) {
      steps.add(decodeState(statesNode.get(i), vars, new Ctx(source, i, "/states/" + i)));
    }
    OptionalInt loop = OptionalInt.empty();
    JsonNode loopNode = doc.get("loop");
    if (loopNode != null && !loopNode.isNull()) {
      if (!loopNode.canConvertToInt() || loopNode.asInt() < 0 || loopNode.asInt() >= steps.size()) {
        throw new TraceFormatException(
            source, -1, "/loop", "expected a state index in 0.." + (steps.size() - 1));
      }
      loop = OptionalInt.of(loopNode.asInt());
    }
    Map<String, String> meta = new LinkedHashMap<>();
    JsonNode metaNode = doc.get("#meta");
    if (metaNode != null && metaNode.isObject()) {
      metaNode
          .properties()
          .forEach(
              e -> {
                if (e.getValue().isTextual() && !e.getKey().startsWith("format")) {
                  meta.put(e.getKey(), e.getValue().asText());
                }
              });
    }
    return new Trace(vars, steps, loop, meta);
  }

  private static TraceStep decodeState(JsonNode node, List<String> vars, Ctx ctx)
      throws TraceFormatException {
    return decodeState(node, vars, ctx, false);
  }

  private static TraceStep decodeState(JsonNode node, List<String> vars, Ctx ctx, boolean partial)
      throws TraceFormatException {
    if (!node.isObject()) {
      throw ctx.error("expected a state object");
    }
    Map<String, TlaValue> state = new LinkedHashMap<>();
    for (String var : vars) {
      JsonNode v = node.get(var);
      if (v == null) {
        if (partial) {
          continue;
        }
        throw ctx.error("variable '" + var + "' is missing");
      }
      state.put(var, decode(v, ctx.child(var)));
    }
    for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
      String name = it.next();
      if (!name.equals("#meta") && !vars.contains(name)) {
        throw ctx.child(name).error("'" + name + "' is not listed in vars");
      }
    }
    String action = ctx.step() == 0 ? "Init" : "";
    Map<String, TlaValue> params = null;
    JsonNode meta = node.get("#meta");
    if (meta != null && meta.isObject()) {
      JsonNode a = meta.get("action");
      if (a != null && a.isTextual()) {
        action = a.asText();
      }
      JsonNode p = meta.get("params");
      if (p != null && !p.isNull()) {
        Ctx pctx = ctx.child("#meta").child("params");
        if (!p.isObject()) {
          throw pctx.error("expected an object of parameter values");
        }
        params = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = p.properties().iterator(); it.hasNext(); ) {
          Map.Entry<String, JsonNode> e = it.next();
          params.put(e.getKey(), decode(e.getValue(), pctx.child(e.getKey())));
        }
      }
    }
    return new TraceStep(action, params, state);
  }

  /** Decodes one ITF value; {@code ctx} locates it for errors. */
  static TlaValue decode(JsonNode node, Ctx ctx) throws TraceFormatException {
    if (node.isBoolean()) {
      return new TlaValue.Bool(node.booleanValue());
    } else if (node.isTextual()) {
      return new TlaValue.Str(node.textValue());
    } else if (node.isIntegralNumber()) {
      BigInteger v = node.bigIntegerValue();
      if (v.abs().compareTo(MAX_SAFE) > 0) {
        throw ctx.error("integer " + v + " exceeds 2^53-1; use {\"#bigint\": \"...\"}");
      }
      return new TlaValue.Int(v);
    } else if (node.isArray()) {
      return new TlaValue.Seq(decodeAll(node, ctx));
    } else if (node.isObject()) {
      return decodeObject(node, ctx);
    }
    throw ctx.error("unexpected JSON " + node.getNodeType().toString().toLowerCase(Locale.ROOT));
  }

  private static TlaValue decodeObject(JsonNode node, Ctx ctx) throws TraceFormatException {
    if (node.has("#bigint")) {
      JsonNode v = node.get("#bigint");
      if (node.size() != 1 || !v.isTextual() || !isDecimal(v.asText())) {
        throw ctx.child("#bigint").error("expected a decimal integer string");
      }
      String digits = v.asText();
      // up to 18 digits fit a long; small values come from TlaValue.Int's shared instances
      return digits.length() <= 18
          ? TlaValue.Int.of(Long.parseLong(digits))
          : new TlaValue.Int(new BigInteger(digits));
    } else if (node.has("#set")) {
      return new TlaValue.SetValue(decodeAll(tagged(node, "#set", ctx), ctx.child("#set")));
    } else if (node.has("#tup")) {
      return new TlaValue.Tuple(decodeAll(tagged(node, "#tup", ctx), ctx.child("#tup")));
    } else if (node.has("#map")) {
      JsonNode pairs = tagged(node, "#map", ctx);
      TreeMap<TlaValue, TlaValue> mapping = new TreeMap<>(TlaValue.ORDER);
      for (int i = 0; i < pairs.size(); i++) {
        Ctx pc = ctx.child("#map").child(i);
        JsonNode pair = pairs.get(i);
        if (!pair.isArray() || pair.size() != 2) {
          throw pc.error("expected a [key, value] pair");
        }
        TlaValue key = decode(pair.get(0), pc.child("0"));
        if (mapping.put(key, decode(pair.get(1), pc.child("1"))) != null) {
          throw pc.error("duplicate key " + key.toTla());
        }
      }
      return new TlaValue.Fun(mapping);
    } else if (node.has(MODEL_VALUE_TAG)) {
      JsonNode v = node.get(MODEL_VALUE_TAG);
      if (node.size() != 1 || !v.isTextual()) {
        throw ctx.child(MODEL_VALUE_TAG).error("expected a model value name");
      }
      return new TlaValue.ModelValue(v.asText());
    } else if (node.has("#unserializable")) {
      throw ctx.error("unserializable value: " + node.get("#unserializable").asText());
    }
    TreeMap<String, TlaValue> fields = new TreeMap<>();
    for (Iterator<Map.Entry<String, JsonNode>> it = node.properties().iterator(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      if (e.getKey().startsWith("#")) {
        throw ctx.child(e.getKey()).error("unknown ITF tag '" + e.getKey() + "'");
      }
      fields.put(e.getKey(), decode(e.getValue(), ctx.child(e.getKey())));
    }
    return new TlaValue.Record(fields);
  }

  /** Whether {@code s} matches {@code -?[0-9]+} (ASCII digits). */
  private static boolean isDecimal(String s) {
    int start = s.startsWith("-") ? 1 : 0;
    if (s.length() == start) {
      return false;
    }
    for (int i = start; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c < '0' || c > '9') {
        return false;
      }
    }
    return true;
  }

  private static JsonNode tagged(JsonNode node, String tag, Ctx ctx) throws TraceFormatException {
    if (node.size() != 1) {
      throw ctx.error("'" + tag + "' object must have no other fields");
    }
    JsonNode v = node.get(tag);
    if (!v.isArray()) {
      throw ctx.child(tag).error("expected an array");
    }
    return v;
  }

  private static List<TlaValue> decodeAll(JsonNode array, Ctx ctx) throws TraceFormatException {
    List<TlaValue> out = new ArrayList<>(array.size());
    for (int i = 0; i < array.size(); i++) {
      out.add(decode(array.get(i), ctx.child(i)));
    }
    return out;
  }

  /**
   * Where a value sits: file, step and JSON pointer. The pointer is built only when an error needs
   * it (decoding a trace creates one context per value).
   */
  static final class Ctx {
    private final String source;
    private final int step;
    private final Ctx parent;
    private final String name; // the root pointer when parent is null
    private final int index; // an array index when name is null

    Ctx(String source, int step, String pointer) {
      this(source, step, null, pointer, -1);
    }

    private Ctx(String source, int step, Ctx parent, String name, int index) {
      this.source = source;
      this.step = step;
      this.parent = parent;
      this.name = name;
      this.index = index;
    }

    Ctx child(String name) {
      return new Ctx(source, step, this, name, -1);
    }

    Ctx child(int index) {
      return new Ctx(source, step, this, null, index);
    }

    int step() {
      return step;
    }

    String pointer() {
      if (parent == null) {
        return name;
      }
      String token =
          name == null ? Integer.toString(index) : name.replace("~", "~0").replace("/", "~1");
      return parent.pointer() + "/" + token;
    }

    TraceFormatException error(String problem) {
      return new TraceFormatException(source, step, pointer(), problem);
    }
  }

  /** Decodes a standalone ITF value (not inside a trace). */
  public static TlaValue decodeValue(JsonNode node, String source) throws TraceFormatException {
    return decode(node, new Ctx(source, -1, ""));
  }
}
