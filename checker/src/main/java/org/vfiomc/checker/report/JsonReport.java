package org.vfiomc.checker.report;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.Writer;
import java.util.List;
import org.vfiomc.checker.result.ModelResult;
import org.vfiomc.checker.result.OutcomeJson;

/**
 * The results document: {@code {"models": [...]}}, one object per model with exactly the fields
 * {@code model, verdict, expected, property, violationKind, distinctStates, generatedStates, depth,
 * durationMillis, trace, error} (see {@link OutcomeJson}).
 */
final class JsonReport implements ReportWriter {
  private static final ObjectMapper MAPPER =
      new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  @Override
  public void write(List<ModelResult> results, Writer out) throws IOException {
    ObjectNode doc = MAPPER.createObjectNode();
    ArrayNode models = doc.putArray("models");
    results.forEach(r -> models.add(OutcomeJson.encode(r)));
    out.write(MAPPER.writeValueAsString(doc));
    out.write(System.lineSeparator());
  }
}
