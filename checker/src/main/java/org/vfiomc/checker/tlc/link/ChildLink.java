package org.vfiomc.checker.tlc.link;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.vfiomc.checker.result.CheckOutcome;
import org.vfiomc.checker.result.ModelSource;
import org.vfiomc.checker.result.OutcomeReader;
import org.vfiomc.checker.trace.ItfCodec;
import org.vfiomc.checker.trace.TlaValue;
import org.vfiomc.checker.trace.TraceFormatException;

/**
 * The checker's side of the link: reads one line into a {@link ChildMessage}, checking every field
 * it uses (kind, JSON type, range) and rejecting anything else with a {@link LinkException} that
 * names the line and the field. Nothing is cast on trust.
 */
public final class ChildLink {
  /** Field naming the message kind. */
  public static final String EVENT = "event";

  /** {@link #EVENT} of a {@link ChildMessage.Progress}. */
  public static final String PROGRESS = "progress";

  /** {@link #EVENT} of a {@link ChildMessage.Coverage}. */
  public static final String COVERAGE = "coverage";

  /** {@link #EVENT} of a {@link ChildMessage.Result}. */
  public static final String RESULT = "result";

  private static final ObjectMapper MAPPER = new ObjectMapper();

  private ChildLink() {}

  /** Reads line {@code number} (1-based) of the link. */
  public static ChildMessage read(String line, int number) throws LinkException {
    JsonNode node;
    try {
      node = MAPPER.readTree(line);
    } catch (JsonProcessingException e) {
      throw new LinkException(number, "", "not JSON: " + e.getOriginalMessage());
    }
    if (node == null || !node.isObject()) {
      throw new LinkException(number, "", "expected a JSON object");
    }
    String event = text(node, EVENT, number);
    return switch (event) {
      case PROGRESS ->
          new ChildMessage.Progress(
              count(node, "depth", number),
              count(node, "generated", number),
              count(node, "distinct", number),
              count(node, "queue", number));
      case COVERAGE -> coverage(node, number);
      case RESULT -> result(node, number);
      default ->
          throw new LinkException(
              number,
              "/" + EVENT,
              "expected \"progress\", \"coverage\" or \"result\", got \"" + event + "\"");
    };
  }

  private static ChildMessage.Coverage coverage(JsonNode node, int number) throws LinkException {
    try {
      return new ChildMessage.Coverage(
          OutcomeReader.decodeCoverage(field(node, "actions", number), "link", "/actions"));
    } catch (TraceFormatException e) {
      throw new LinkException(number, e.pointer(), problem(e));
    }
  }

  private static ChildMessage.Result result(JsonNode node, int number) throws LinkException {
    JsonNode props = field(node, "properties", number);
    if (!props.isArray()) {
      throw new LinkException(number, "/properties", "expected an array of names");
    }
    List<String> properties = new ArrayList<>();
    for (int i = 0; i < props.size(); i++) {
      if (!props.get(i).isTextual()) {
        throw new LinkException(number, "/properties/" + i, "expected a string");
      }
      properties.add(props.get(i).textValue());
    }
    String module = text(node, "module", number);
    JsonNode constantsNode = field(node, "constants", number);
    if (!constantsNode.isObject()) {
      throw new LinkException(number, "/constants", "expected an object of ITF values");
    }
    try {
      Map<String, TlaValue> constants = new LinkedHashMap<>();
      for (Iterator<Map.Entry<String, JsonNode>> it = constantsNode.properties().iterator();
          it.hasNext(); ) {
        Map.Entry<String, JsonNode> e = it.next();
        String at = "/constants/" + e.getKey();
        try {
          constants.put(e.getKey(), ItfCodec.decodeLinkValue(e.getValue(), at));
        } catch (TraceFormatException x) {
          throw new LinkException(number, at + x.pointer(), problem(x));
        }
      }
      CheckOutcome outcome =
          OutcomeReader.decodeOutcome(field(node, "outcome", number), "link", "/outcome");
      return new ChildMessage.Result(properties, new ModelSource("", module, constants), outcome);
    } catch (TraceFormatException e) {
      throw new LinkException(number, e.pointer(), problem(e));
    }
  }

  /** The problem part of a decoding error (its message without the location prefix). */
  private static String problem(TraceFormatException e) {
    String m = e.getMessage();
    String prefix = ": at " + (e.pointer().isEmpty() ? "/" : e.pointer()) + ": ";
    int i = m.indexOf(prefix);
    return i < 0 ? m : m.substring(i + prefix.length());
  }

  private static JsonNode field(JsonNode node, String name, int number) throws LinkException {
    JsonNode v = node.get(name);
    if (v == null) {
      throw new LinkException(number, "/" + name, "missing");
    }
    return v;
  }

  private static String text(JsonNode node, String name, int number) throws LinkException {
    JsonNode v = field(node, name, number);
    if (!v.isTextual()) {
      throw new LinkException(number, "/" + name, "expected a string");
    }
    return v.textValue();
  }

  private static long count(JsonNode node, String name, int number) throws LinkException {
    JsonNode v = field(node, name, number);
    if (!v.isIntegralNumber() || !v.canConvertToLong()) {
      throw new LinkException(number, "/" + name, "expected an integer");
    }
    return v.longValue();
  }
}
