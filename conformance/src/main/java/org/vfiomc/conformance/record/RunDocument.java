package org.vfiomc.conformance.record;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Map;
import org.vfiomc.checker.trace.ItfCodec;
import org.vfiomc.checker.trace.TraceStep;

/**
 * The ITF text of a recorded run, as both recorders write it: {@code #meta} with the ITF format,
 * the spec's module, kind {@code run} and the command that wrote it, then the recorder's own
 * entries and the caller's, in that order; the variables; one state per recorded step
 * (pretty-printed JSON, keys in a fixed order).
 */
final class RunDocument {
  private RunDocument() {}

  static String write(
      String module,
      String generatedBy,
      Map<String, String> recorderMeta,
      Map<String, String> callerMeta,
      List<String> vars,
      List<TraceStep> steps) {
    ObjectNode doc = JsonNodeFactory.instance.objectNode();
    ObjectNode m = doc.putObject("#meta");
    m.put("format", "ITF");
    m.put("format-description", "https://apalache-mc.org/docs/adr/015adr-trace.html");
    m.put("module", module);
    m.put("kind", "run");
    m.put("generatedBy", generatedBy);
    recorderMeta.forEach(m::put);
    callerMeta.forEach(m::put);
    ArrayNode v = doc.putArray("vars");
    vars.forEach(v::add);
    ArrayNode states = doc.putArray("states");
    for (int i = 0; i < steps.size(); i++) {
      states.add(ItfCodec.encodeState(i, steps.get(i)));
    }
    try {
      return new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(doc)
          + "\n";
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot serialise a JSON tree", e);
    }
  }
}
