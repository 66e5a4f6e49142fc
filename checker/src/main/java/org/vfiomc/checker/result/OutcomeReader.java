package org.vfiomc.checker.result;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.vfiomc.checker.trace.ItfCodec;
import org.vfiomc.checker.trace.TlaValue;
import org.vfiomc.checker.trace.Trace;
import org.vfiomc.checker.trace.TraceFormatException;
import org.vfiomc.checker.trace.TraceStep;

/**
 * Reads what {@link OutcomeJson} writes, checking each field it uses (presence, JSON type, allowed
 * values) and naming the first bad one by its JSON pointer in a {@link TraceFormatException}:
 * results files ({@code checker report}, {@code traces --results}) and the internal outcome form of
 * the link from a forked TLC process.
 */
public final class OutcomeReader {
  private static final ObjectMapper MAPPER = new ObjectMapper();
  private static final Pattern TIMED_OUT = Pattern.compile("timed out after (\\d+) s");

  private final String source;

  private OutcomeReader(String source) {
    this.source = source;
  }

  /** Every model of a results file ({@code check --json}), in file order. */
  public static List<ModelResult> readResults(Path file) throws IOException, TraceFormatException {
    return readResults(Files.readAllBytes(file), file.toString());
  }

  /**
   * Every model of a results document given as bytes; {@code source} names it in errors.
   *
   * @throws TraceFormatException naming {@code source} and the JSON pointer of the first bad field
   */
  public static List<ModelResult> readResults(byte[] bytes, String source)
      throws TraceFormatException {
    JsonNode doc;
    try {
      doc = MAPPER.readTree(bytes);
    } catch (JsonProcessingException e) {
      throw new TraceFormatException(
          source,
          -1,
          "",
          "not JSON: "
              + e.getOriginalMessage()
              + (e.getLocation() == null
                  ? ""
                  : " (line "
                      + e.getLocation().getLineNr()
                      + ", column "
                      + e.getLocation().getColumnNr()
                      + ")"));
    } catch (IOException e) {
      throw new TraceFormatException(source, -1, "", "unreadable: " + e.getMessage());
    }
    OutcomeReader r = new OutcomeReader(source);
    if (doc == null || !doc.isObject()) {
      throw r.error("", "expected a JSON object with a models array");
    }
    JsonNode models = r.field(doc, "", "models");
    if (!models.isArray()) {
      throw r.error("/models", "expected an array");
    }
    List<ModelResult> out = new ArrayList<>();
    for (int i = 0; i < models.size(); i++) {
      out.add(r.result(models.get(i), "/models/" + i));
    }
    return out;
  }

  /**
   * Decodes one model object of a results file; {@code source} and {@code pointer} locate it in
   * errors.
   */
  public static ModelResult decodeResult(JsonNode node, String source, String pointer)
      throws TraceFormatException {
    return new OutcomeReader(source).result(node, pointer);
  }

  /**
   * Decodes the internal outcome form ({@code OutcomeJson.encodeOutcome(outcome, true)}, error
   * objects with their {@code kind}, model values tagged).
   */
  public static CheckOutcome decodeOutcome(JsonNode node, String source, String pointer)
      throws TraceFormatException {
    OutcomeReader r = new OutcomeReader(source);
    r.object(node, pointer);
    return r.outcome(node, pointer, null, Set.of());
  }

  /** Decodes a {@code coverage} array (results file or child link). */
  public static List<ActionCoverage> decodeCoverage(JsonNode node, String source, String pointer)
      throws TraceFormatException {
    return new OutcomeReader(source).coverage(node, pointer);
  }

  /** Decodes the {@code source} field of a results-file model object. */
  public static ModelSource decodeSource(JsonNode node, String source, String pointer)
      throws TraceFormatException {
    return new OutcomeReader(source).modelSource(node, pointer);
  }

  private ModelResult result(JsonNode node, String at) throws TraceFormatException {
    object(node, at);
    String model = text(node, at, "model");
    Verdict expectedVerdict = verdict(node, at, "expected");
    Expectation expected = new Expectation(expectedVerdict, null, null, null, null);
    JsonNode e = node.get("expectation");
    if (e != null && !e.isNull()) {
      String ep = at + "/expectation";
      object(e, ep);
      expected =
          new Expectation(
              verdict(e, ep, "verdict"),
              optText(e, ep, "property"),
              optText(e, ep, "violationKind") == null
                  ? null
                  : parse(
                      ep + "/violationKind",
                      () -> ViolationKind.fromId(e.get("violationKind").asText())),
              optInt(e, ep, "traceLength"),
              optText(e, ep, "errorKind") == null
                  ? null
                  : parse(ep + "/errorKind", () -> ErrorKind.fromId(e.get("errorKind").asText())));
    }
    ErrorKind errorKind = ErrorKind.TOOL;
    String ek = optText(node, at, "errorKind");
    if (ek != null) {
      errorKind = parse(at + "/errorKind", () -> ErrorKind.fromId(ek));
    }
    Set<String> modelValues = new TreeSet<>();
    JsonNode mv = node.get("modelValues");
    if (mv != null && !mv.isNull()) {
      if (!mv.isArray()) {
        throw error(at + "/modelValues", "expected an array of names");
      }
      for (int i = 0; i < mv.size(); i++) {
        if (!mv.get(i).isTextual()) {
          throw error(at + "/modelValues/" + i, "expected a string");
        }
        modelValues.add(mv.get(i).textValue());
      }
    }
    CheckOutcome outcome = outcome(node, at, errorKind, modelValues);
    JsonNode duration = field(node, at, "durationMillis");
    if (!duration.isIntegralNumber() || duration.longValue() < 0) {
      throw error(at + "/durationMillis", "expected a non-negative integer");
    }
    List<String> properties = new ArrayList<>();
    JsonNode props = node.get("properties");
    if (props != null && !props.isNull()) {
      if (!props.isArray()) {
        throw error(at + "/properties", "expected an array of names");
      }
      for (int i = 0; i < props.size(); i++) {
        if (!props.get(i).isTextual()) {
          throw error(at + "/properties/" + i, "expected a string");
        }
        properties.add(props.get(i).textValue());
      }
    }
    ModelSource src = modelSource(node.get("source"), at + "/source");
    JsonNode cov = node.get("coverage");
    List<ActionCoverage> coverage =
        cov == null || cov.isNull() ? List.of() : coverage(cov, at + "/coverage");
    return new ModelResult(
        model,
        expected,
        outcome,
        duration.longValue(),
        properties,
        src,
        search(node.get("search"), at + "/search"),
        coverage);
  }

  /** The {@code search} object; absent or null for an exhaustive search. */
  private Search search(JsonNode node, String at) throws TraceFormatException {
    if (node == null || node.isNull()) {
      return Search.Exhaustive.INSTANCE;
    }
    object(node, at);
    String mode = text(node, at, "mode");
    if (mode.equals("exhaustive")) {
      return Search.Exhaustive.INSTANCE;
    }
    if (!mode.equals("simulation")) {
      throw error(at + "/mode", "expected \"exhaustive\" or \"simulation\", got '" + mode + "'");
    }
    long behaviours = count(node, at, "behaviours");
    long depth = count(node, at, "depth");
    if (behaviours < 1 || depth < 1 || depth > Integer.MAX_VALUE) {
      throw error(at, "a simulation needs behaviours and depth of at least 1");
    }
    JsonNode seed = field(node, at, "seed");
    if (!seed.isIntegralNumber() || !seed.canConvertToLong()) {
      throw error(at + "/seed", "expected an integer");
    }
    return new Search.Simulation(behaviours, (int) depth, seed.longValue());
  }

  private List<ActionCoverage> coverage(JsonNode node, String at) throws TraceFormatException {
    if (node == null || !node.isArray()) {
      throw error(at, "expected an array of action counts");
    }
    List<ActionCoverage> out = new ArrayList<>();
    for (int i = 0; i < node.size(); i++) {
      JsonNode a = node.get(i);
      String ai = at + "/" + i;
      object(a, ai);
      JsonNode initial = field(a, ai, "initial");
      if (!initial.isBoolean()) {
        throw error(ai + "/initial", "expected true or false");
      }
      long line = count(a, ai, "line");
      long column = count(a, ai, "column");
      if (line > Integer.MAX_VALUE || column > Integer.MAX_VALUE) {
        throw error(ai, "line or column out of range");
      }
      out.add(
          new ActionCoverage(
              text(a, ai, "action"),
              text(a, ai, "module"),
              (int) line,
              (int) column,
              initial.booleanValue(),
              count(a, ai, "distinct"),
              count(a, ai, "generated")));
    }
    return out;
  }

  private ModelSource modelSource(JsonNode node, String at) throws TraceFormatException {
    if (node == null || node.isNull()) {
      return ModelSource.UNKNOWN;
    }
    object(node, at);
    JsonNode c = field(node, at, "constants");
    object(c, at + "/constants");
    Map<String, TlaValue> constants = new LinkedHashMap<>();
    for (Iterator<Map.Entry<String, JsonNode>> it = c.properties().iterator(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      constants.put(e.getKey(), value(e.getValue(), at + "/constants/" + e.getKey()));
    }
    return new ModelSource(text(node, at, "specSha256"), text(node, at, "module"), constants);
  }

  /**
   * The outcome fields of {@code node}; an error object without {@code kind} (results files) takes
   * {@code errorKind}; strings named in {@code modelValues} become model values again.
   */
  private CheckOutcome outcome(
      JsonNode node, String at, ErrorKind errorKind, Set<String> modelValues)
      throws TraceFormatException {
    Verdict verdict = verdict(node, at, "verdict");
    Stats stats = Stats.NONE;
    if (!field(node, at, "distinctStates").isNull()) {
      Integer depth = optInt(node, at, "depth");
      stats =
          new Stats(
              count(node, at, "distinctStates"),
              count(node, at, "generatedStates"),
              depth == null ? 0 : depth);
    }
    switch (verdict) {
      case HOLDS -> {
        return new CheckOutcome.Holds(stats);
      }
      case VIOLATED -> {
        String kind = text(node, at, "violationKind");
        return new CheckOutcome.Violated(
            optText(node, at, "property"),
            parse(at + "/violationKind", () -> ViolationKind.fromId(kind)),
            stats,
            retag(trace(field(node, at, "trace"), at + "/trace"), modelValues));
      }
      case ERROR, TIMEOUT, NOT_RUN -> {
        JsonNode e = field(node, at, "error");
        String ep = at + "/error";
        object(e, ep);
        String message = text(e, ep, "message");
        if (verdict == Verdict.NOT_RUN) {
          return new CheckOutcome.NotRun(message);
        }
        if (verdict == Verdict.TIMEOUT) {
          Matcher m = TIMED_OUT.matcher(message);
          if (!m.matches()) {
            throw error(ep + "/message", "expected 'timed out after N s'");
          }
          return new CheckOutcome.TimedOut(stats, Long.parseLong(m.group(1)));
        }
        ErrorKind k = errorKind;
        if (e.has("kind") || k == null) {
          String id = text(e, ep, "kind");
          k = parse(ep + "/kind", () -> ErrorKind.fromId(id));
        }
        return new CheckOutcome.Failed(
            new ErrorInfo(
                k, message, optText(e, ep, "file"), optInt(e, ep, "line"), optInt(e, ep, "column")),
            stats);
      }
    }
    throw new AssertionError(verdict);
  }

  private Trace trace(JsonNode steps, String at) throws TraceFormatException {
    if (!steps.isArray()) {
      throw error(at, "expected an array of steps");
    }
    List<String> vars = new ArrayList<>();
    List<TraceStep> out = new ArrayList<>();
    OptionalInt loop = OptionalInt.empty();
    for (int i = 0; i < steps.size(); i++) {
      String sp = at + "/" + i;
      JsonNode s = steps.get(i);
      object(s, sp);
      JsonNode stateNode = field(s, sp, "state");
      object(stateNode, sp + "/state");
      Map<String, TlaValue> state = new LinkedHashMap<>();
      for (Iterator<Map.Entry<String, JsonNode>> it = stateNode.properties().iterator();
          it.hasNext(); ) {
        Map.Entry<String, JsonNode> e = it.next();
        if (e.getKey().equals("#meta")) {
          Integer l = optInt(e.getValue(), sp + "/state/#meta", "loop");
          if (l != null) {
            if (l < 0 || l >= steps.size()) {
              throw error(sp + "/state/#meta/loop", "expected a state index");
            }
            loop = OptionalInt.of(l);
          }
          continue;
        }
        if (i == 0) {
          vars.add(e.getKey());
        }
        state.put(e.getKey(), value(e.getValue(), sp + "/state/" + e.getKey()));
      }
      if (!state.keySet().equals(new java.util.HashSet<>(vars))) {
        throw error(sp + "/state", "expected exactly the variables " + vars);
      }
      Map<String, TlaValue> params = null;
      JsonNode p = field(s, sp, "params");
      if (!p.isNull()) {
        object(p, sp + "/params");
        params = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = p.properties().iterator(); it.hasNext(); ) {
          Map.Entry<String, JsonNode> e = it.next();
          params.put(e.getKey(), value(e.getValue(), sp + "/params/" + e.getKey()));
        }
      }
      out.add(new TraceStep(text(s, sp, "action"), params, state));
    }
    return new Trace(vars, out, loop, Map.of());
  }

  private static Trace retag(Trace trace, Set<String> modelValues) {
    if (modelValues.isEmpty()) {
      return trace;
    }
    List<TraceStep> steps = new ArrayList<>();
    for (TraceStep s : trace.steps()) {
      Map<String, TlaValue> params = s.params() == null ? null : retag(s.params(), modelValues);
      steps.add(new TraceStep(s.action(), params, retag(s.state(), modelValues)));
    }
    return new Trace(trace.vars(), steps, trace.loop(), trace.meta());
  }

  private static Map<String, TlaValue> retag(Map<String, TlaValue> m, Set<String> names) {
    Map<String, TlaValue> out = new LinkedHashMap<>();
    m.forEach((k, v) -> out.put(k, retag(v, names)));
    return out;
  }

  /** {@code v} with every string named in {@code names} a model value again. */
  static TlaValue retag(TlaValue v, Set<String> names) {
    if (v instanceof TlaValue.Str s && names.contains(s.value())) {
      return new TlaValue.ModelValue(s.value());
    } else if (v instanceof TlaValue.Seq s) {
      return new TlaValue.Seq(s.elements().stream().map(x -> retag(x, names)).toList());
    } else if (v instanceof TlaValue.Tuple t) {
      return new TlaValue.Tuple(t.elements().stream().map(x -> retag(x, names)).toList());
    } else if (v instanceof TlaValue.SetValue s) {
      return new TlaValue.SetValue(s.elements().stream().map(x -> retag(x, names)).toList());
    } else if (v instanceof TlaValue.Record r) {
      TreeMap<String, TlaValue> f = new TreeMap<>();
      r.fields().forEach((k, x) -> f.put(k, retag(x, names)));
      return new TlaValue.Record(f);
    } else if (v instanceof TlaValue.Fun fn) {
      Map<TlaValue, TlaValue> m = new LinkedHashMap<>();
      fn.mapping().forEach((k, x) -> m.put(retag(k, names), retag(x, names)));
      return TlaValue.Fun.of(m);
    }
    return v;
  }

  private interface Parse<T> {
    T get();
  }

  private <T> T parse(String at, Parse<T> p) throws TraceFormatException {
    try {
      return p.get();
    } catch (IllegalArgumentException e) {
      throw error(at, e.getMessage());
    }
  }

  private TlaValue value(JsonNode node, String at) throws TraceFormatException {
    TraceFormatException e0;
    try {
      return ItfCodec.decodeLinkValue(node, source);
    } catch (TraceFormatException e) {
      e0 = e;
    }
    throw new TraceFormatException(source, -1, at + e0.pointer(), problem(e0));
  }

  private static String problem(TraceFormatException e) {
    String m = e.getMessage();
    int i = m.indexOf(": at ");
    int j = i < 0 ? -1 : m.indexOf(": ", i + 5);
    return j < 0 ? m : m.substring(j + 2);
  }

  private void object(JsonNode node, String at) throws TraceFormatException {
    if (node == null || !node.isObject()) {
      throw error(at, "expected an object");
    }
  }

  private JsonNode field(JsonNode node, String at, String name) throws TraceFormatException {
    JsonNode v = node.get(name);
    if (v == null) {
      throw error(at + "/" + name, "missing");
    }
    return v;
  }

  private String text(JsonNode node, String at, String name) throws TraceFormatException {
    JsonNode v = field(node, at, name);
    if (!v.isTextual()) {
      throw error(at + "/" + name, "expected a string");
    }
    return v.textValue();
  }

  private String optText(JsonNode node, String at, String name) throws TraceFormatException {
    JsonNode v = node.get(name);
    if (v == null || v.isNull()) {
      return null;
    }
    if (!v.isTextual()) {
      throw error(at + "/" + name, "expected a string or null");
    }
    return v.textValue();
  }

  private Integer optInt(JsonNode node, String at, String name) throws TraceFormatException {
    JsonNode v = node.get(name);
    if (v == null || v.isNull()) {
      return null;
    }
    if (!v.isIntegralNumber() || !v.canConvertToInt()) {
      throw error(at + "/" + name, "expected an integer or null");
    }
    return v.intValue();
  }

  private long count(JsonNode node, String at, String name) throws TraceFormatException {
    JsonNode v = field(node, at, name);
    if (!v.isIntegralNumber() || !v.canConvertToLong() || v.longValue() < 0) {
      throw error(at + "/" + name, "expected a non-negative integer");
    }
    return v.longValue();
  }

  private Verdict verdict(JsonNode node, String at, String name) throws TraceFormatException {
    String v = text(node, at, name);
    try {
      return Verdict.valueOf(v);
    } catch (IllegalArgumentException e) {
      throw error(
          at + "/" + name, "expected HOLDS, VIOLATED, ERROR, TIMEOUT or NOT_RUN, got '" + v + "'");
    }
  }

  private TraceFormatException error(String pointer, String problem) {
    return new TraceFormatException(source, -1, pointer, problem);
  }
}
