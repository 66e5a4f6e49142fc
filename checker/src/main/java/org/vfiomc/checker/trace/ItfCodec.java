package org.vfiomc.checker.trace;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalInt;
import java.util.Set;
import java.util.TreeMap;

/**
 * Reads and writes the Informal Trace Format (Apalache ADR-015).
 *
 * <p>Encoding: integers always as {@code {"#bigint": "n"}} (plain JSON integers are accepted on
 * input), sets {@code #set}, non-sequence non-record functions {@code #map}, tuples {@code #tup},
 * sequences as JSON arrays, records as JSON objects, model values as strings. Each state's {@code
 * #meta} carries {@code index}, {@code action} and, when known, {@code params} (an object of ITF
 * values).
 *
 * <p>Strict where ADR-015 is strict: the document is exactly one JSON value (no trailing data),
 * object keys are unique, {@code vars} lists each name once, every state defines every variable and
 * nothing else, {@code #meta.index} (where present) is an integer, and the only tags are ADR-015's
 * ({@code #bigint}, {@code #set}, {@code #tup}, {@code #map}; {@code #unserializable} is reported
 * as unsupported). Open where it is open: {@code #meta} is free-form, and the optional {@code
 * params} (names of constants set in the initial state, ADR-015 "Trace object") is read into {@link
 * Trace#params()}. ADR-015 (apalache-mc/apalache {@code docs/src/adr/015adr-trace.md}) has no
 * model-value tag, so ITF files never carry one; the {@code #modelvalue} form survives only in the
 * parent/child link of this checker ({@link #decodeLinkValue}, {@link #encode(TlaValue, boolean)}),
 * which is not ITF.
 *
 * <p>Input size: files over {@link #MAX_TRACE_BYTES} are refused before they are read (a parsed
 * trace takes about 25 times its text size in memory).
 */
public final class ItfCodec {
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
  private static final ObjectMapper MAPPER =
      new ObjectMapper()
          .enable(SerializationFeature.INDENT_OUTPUT)
          .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
          .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);

  /**
   * Largest ITF input accepted, in bytes (32 MiB, about 160 times the largest committed trace): a
   * parsed trace needs about 25 times its size in heap, so this keeps reading within a default
   * heap. Callers that open files themselves check the size against it before reading.
   */
  public static final long MAX_TRACE_BYTES = 32L * 1024 * 1024;

  private static final BigInteger MAX_SAFE = BigInteger.valueOf((1L << 53) - 1);

  private ItfCodec() {}

  /**
   * Tag of model values in the checker's own parent/child link (see {@link #encode(TlaValue,
   * boolean)}); not ADR-015, so never accepted in or written to an ITF file.
   */
  public static final String MODEL_VALUE_TAG = "#modelvalue";

  /** The ITF JSON of one value (model values as plain strings, as ITF has none). */
  public static JsonNode encode(TlaValue value) {
    return encode(value, false);
  }

  /**
   * The ITF JSON of one value; with {@code tagModelValues} model values are written as {@code
   * {"#modelvalue": "name"}}, the link form read back only by {@link #decodeLinkValue} (between the
   * forked TLC process and its parent, where the distinction matters for printing {@code p1} rather
   * than {@code "p1"}); ITF files are written without it.
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
    if (!trace.params().isEmpty()) {
      ArrayNode params = doc.putArray("params");
      trace.params().keySet().forEach(params::add);
    }
    ArrayNode vars = doc.putArray("vars");
    trace.vars().forEach(vars::add);
    ArrayNode states = doc.putArray("states");
    for (int i = 0; i < trace.steps().size(); i++) {
      ObjectNode state = encodeState(i, trace.steps().get(i));
      if (i == 0) {
        trace.params().forEach((k, v) -> state.set(k, encode(v)));
      }
      states.add(state);
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

  /** Reads an ITF file (at most {@link #MAX_TRACE_BYTES}, UTF-8). */
  public static Trace read(Path file) throws IOException, TraceFormatException {
    return read(readText(file), file.toString());
  }

  /** Reads a recorded run from a file (see {@link #readObserved(String, String)}). */
  public static ObservedTrace readObserved(Path file) throws IOException, TraceFormatException {
    return readObserved(readText(file), file.toString());
  }

  /**
   * The text of an ITF file: refused (naming the file) when it is not a regular file, larger than
   * {@link #MAX_TRACE_BYTES} or not UTF-8.
   */
  public static String readText(Path file) throws IOException, TraceFormatException {
    if (!Files.isRegularFile(file)) {
      throw new TraceFormatException(file.toString(), -1, "", "not a regular file");
    }
    long size = Files.size(file);
    if (size > MAX_TRACE_BYTES) {
      throw tooLarge(file.toString(), size + " bytes");
    }
    try {
      return Files.readString(file, StandardCharsets.UTF_8);
    } catch (CharacterCodingException e) {
      throw new TraceFormatException(file.toString(), -1, "", "not UTF-8 text");
    }
  }

  private static TraceFormatException tooLarge(String source, String size) {
    return new TraceFormatException(
        source,
        -1,
        "",
        "input of "
            + size
            + " exceeds the limit of "
            + MAX_TRACE_BYTES
            + " bytes (ItfCodec.MAX_TRACE_BYTES); split the run into shorter traces");
  }

  /** Parses ITF text; {@code source} names it in errors. */
  public static Trace read(String text, String source) throws TraceFormatException {
    return fromJson(parseJson(text, source), source);
  }

  /** Parses JSON text into a tree; a syntax error names {@code source}, line and column. */
  public static JsonNode parseJson(String text, String source) throws TraceFormatException {
    // a char is at least one byte of UTF-8: longer text is surely over the byte limit
    if (text.length() > MAX_TRACE_BYTES) {
      throw tooLarge(source, text.length() + " characters");
    }
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
    List<String> params = params(doc, vars, source);
    JsonNode statesNode = doc.get("states");
    if (statesNode == null || !statesNode.isArray() || statesNode.isEmpty()) {
      throw new TraceFormatException(source, -1, "/states", "expected a non-empty array of states");
    }
    Map<String, TlaValue> constants = new LinkedHashMap<>();
    List<TraceStep> steps = new ArrayList<>();
    for (int i = 0; i < statesNode.size(); i++) {
      steps.add(
          decodeState(
              statesNode.get(i),
              vars,
              params,
              constants,
              new Ctx(source, i, "/states/" + i),
              true));
    }
    return new ObservedTrace(vars, steps, constants, meta(doc));
  }

  private static List<String> vars(JsonNode doc, String source) throws TraceFormatException {
    JsonNode varsNode = doc.get("vars");
    if (varsNode == null || !varsNode.isArray()) {
      throw new TraceFormatException(source, -1, "/vars", "expected an array of variable names");
    }
    return names(varsNode, "/vars", source, List.of());
  }

  /** ADR-015's optional {@code params}: names of constants the initial state sets. */
  private static List<String> params(JsonNode doc, List<String> vars, String source)
      throws TraceFormatException {
    JsonNode node = doc.get("params");
    if (node == null) {
      return List.of();
    }
    if (!node.isArray()) {
      throw new TraceFormatException(source, -1, "/params", "expected an array of names");
    }
    return names(node, "/params", source, vars);
  }

  private static List<String> names(JsonNode array, String at, String source, List<String> taken)
      throws TraceFormatException {
    List<String> names = new ArrayList<>();
    Set<String> seen = new HashSet<>();
    for (int i = 0; i < array.size(); i++) {
      if (!array.get(i).isTextual()) {
        throw new TraceFormatException(source, -1, at + "/" + i, "expected a string");
      }
      String name = array.get(i).asText();
      if (!seen.add(name)) {
        throw new TraceFormatException(source, -1, at + "/" + i, "duplicate name '" + name + "'");
      }
      if (taken.contains(name)) {
        throw new TraceFormatException(
            source, -1, at + "/" + i, "'" + name + "' is also listed in vars");
      }
      names.add(name);
    }
    return names;
  }

  /** The string entries of the document's {@code #meta} (free-form in ADR-015). */
  private static Map<String, String> meta(JsonNode doc) {
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
    return meta;
  }

  /** Decodes an ITF document tree; {@code source} names it in errors. */
  public static Trace fromJson(JsonNode doc, String source) throws TraceFormatException {
    if (doc == null || !doc.isObject()) {
      throw new TraceFormatException(source, -1, "", "expected a JSON object");
    }
    List<String> vars = vars(doc, source);
    List<String> params = params(doc, vars, source);
    JsonNode statesNode = doc.get("states");
    if (statesNode == null || !statesNode.isArray()) {
      throw new TraceFormatException(source, -1, "/states", "expected an array of states");
    }
    Map<String, TlaValue> constants = new LinkedHashMap<>();
    List<TraceStep> steps = new ArrayList<>();
    for (int i = 0; i < statesNode.size(); i++) {
      steps.add(
          decodeState(
              statesNode.get(i),
              vars,
              params,
              constants,
              new Ctx(source, i, "/states/" + i),
              false));
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
    return new Trace(vars, steps, loop, meta(doc), constants);
  }

  /**
   * One state. {@code constants} collects the {@code params} values: the initial state must set
   * each; a later state may repeat one, with the same value (a constant does not change).
   */
  private static TraceStep decodeState(
      JsonNode node,
      List<String> vars,
      List<String> params,
      Map<String, TlaValue> constants,
      Ctx ctx,
      boolean partial)
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
    for (String param : params) {
      JsonNode v = node.get(param);
      if (v == null) {
        if (ctx.step() == 0) {
          throw ctx.error("parameter '" + param + "' (listed in params) is missing");
        }
        continue;
      }
      TlaValue value = decode(v, ctx.child(param));
      if (ctx.step() == 0) {
        constants.put(param, value);
      } else if (!value.equals(constants.get(param))) {
        throw ctx.child(param)
            .error(
                "parameter '"
                    + param
                    + "' is "
                    + value.toTla()
                    + " here but "
                    + constants.get(param).toTla()
                    + " in the initial state");
      }
    }
    for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
      String name = it.next();
      if (!name.equals("#meta") && !vars.contains(name) && !params.contains(name)) {
        throw ctx.child(name).error("'" + name + "' is not listed in vars or params");
      }
    }
    String action = ctx.step() == 0 ? "Init" : "";
    Map<String, TlaValue> actionParams = null;
    JsonNode meta = node.get("#meta");
    if (meta != null) {
      if (!meta.isObject()) {
        throw ctx.child("#meta").error("expected an object");
      }
      JsonNode index = meta.get("index");
      if (index != null && !index.isIntegralNumber()) {
        throw ctx.child("#meta").child("index").error("expected an integer state index");
      }
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
        actionParams = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = p.properties().iterator(); it.hasNext(); ) {
          Map.Entry<String, JsonNode> e = it.next();
          actionParams.put(e.getKey(), decode(e.getValue(), pctx.child(e.getKey())));
        }
      }
    }
    return new TraceStep(action, actionParams, state);
  }

  /** Decodes one ITF value; {@code ctx} locates it for errors. */
  static TlaValue decode(JsonNode node, Ctx ctx) throws TraceFormatException {
    return decode(node, ctx, false);
  }

  /** Decodes one value; {@code link}: the checker's link form, with model values tagged. */
  private static TlaValue decode(JsonNode node, Ctx ctx, boolean link) throws TraceFormatException {
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
      return new TlaValue.Seq(decodeAll(node, ctx, link));
    } else if (node.isObject()) {
      return decodeObject(node, ctx, link);
    }
    throw ctx.error("unexpected JSON " + node.getNodeType().toString().toLowerCase(Locale.ROOT));
  }

  private static TlaValue decodeObject(JsonNode node, Ctx ctx, boolean link)
      throws TraceFormatException {
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
      return new TlaValue.SetValue(decodeAll(tagged(node, "#set", ctx), ctx.child("#set"), link));
    } else if (node.has("#tup")) {
      return new TlaValue.Tuple(decodeAll(tagged(node, "#tup", ctx), ctx.child("#tup"), link));
    } else if (node.has("#map")) {
      JsonNode pairs = tagged(node, "#map", ctx);
      TreeMap<TlaValue, TlaValue> mapping = new TreeMap<>(TlaValue.ORDER);
      for (int i = 0; i < pairs.size(); i++) {
        Ctx pc = ctx.child("#map").child(i);
        JsonNode pair = pairs.get(i);
        if (!pair.isArray() || pair.size() != 2) {
          throw pc.error("expected a [key, value] pair");
        }
        TlaValue key = decode(pair.get(0), pc.child("0"), link);
        if (mapping.put(key, decode(pair.get(1), pc.child("1"), link)) != null) {
          throw pc.error("duplicate key " + key.toTla());
        }
      }
      return new TlaValue.Fun(mapping);
    } else if (link && node.has(MODEL_VALUE_TAG)) {
      JsonNode v = node.get(MODEL_VALUE_TAG);
      if (node.size() != 1 || !v.isTextual()) {
        throw ctx.child(MODEL_VALUE_TAG).error("expected a model value name");
      }
      return new TlaValue.ModelValue(v.asText());
    } else if (node.has("#unserializable")) {
      throw TraceFormatException.unsupported(
          ctx.source(),
          ctx.step(),
          ctx.pointer(),
          "unserializable value: " + node.get("#unserializable").asText());
    }
    TreeMap<String, TlaValue> fields = new TreeMap<>();
    for (Iterator<Map.Entry<String, JsonNode>> it = node.properties().iterator(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      if (e.getKey().startsWith("#")) {
        throw ctx.child(e.getKey())
            .error(
                "unknown ITF tag '"
                    + e.getKey()
                    + "' (ADR-015 has #bigint, #set, #tup, #map and #unserializable)");
      }
      fields.put(e.getKey(), decode(e.getValue(), ctx.child(e.getKey()), link));
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

  private static List<TlaValue> decodeAll(JsonNode array, Ctx ctx, boolean link)
      throws TraceFormatException {
    List<TlaValue> out = new ArrayList<>(array.size());
    for (int i = 0; i < array.size(); i++) {
      out.add(decode(array.get(i), ctx.child(i), link));
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

    String source() {
      return source;
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
    return decode(node, new Ctx(source, -1, ""), false);
  }

  /**
   * Decodes a value of the checker's parent/child link: ITF plus model values tagged {@code
   * #modelvalue} (written by {@link #encode(TlaValue, boolean)} and {@link ItfWriter} with {@code
   * tagModelValues}). Never used for ITF files.
   */
  public static TlaValue decodeLinkValue(JsonNode node, String source) throws TraceFormatException {
    return decode(node, new Ctx(source, -1, ""), true);
  }
}
