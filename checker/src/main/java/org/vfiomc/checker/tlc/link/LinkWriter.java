package org.vfiomc.checker.tlc.link;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import org.vfiomc.checker.result.ActionCoverage;
import org.vfiomc.checker.result.CheckOutcome;
import org.vfiomc.checker.result.ErrorInfo;
import org.vfiomc.checker.result.ErrorKind;
import org.vfiomc.checker.result.Stats;
import org.vfiomc.checker.trace.ItfWriter;
import org.vfiomc.checker.trace.Trace;
import org.vfiomc.checker.trace.TraceStep;

/**
 * Writes {@link ChildMessage}s as single-line JSON with Jackson's streaming generator only ({@code
 * jackson-core}): the child JVM starts once per model, and data binding would add hundreds of
 * classes to every start. The outcome is written exactly as {@code
 * OutcomeJson.encodeOutcome(outcome, true)} builds it (field order included), which {@link
 * ChildLink} decodes; {@code LinkTest} holds the two forms equal.
 */
public final class LinkWriter {
  private static final JsonFactory JSON = new JsonFactory();

  private LinkWriter() {}

  /** The message as one line of JSON (no line break). */
  public static String encode(ChildMessage message) {
    StringWriter out = new StringWriter(256);
    try (JsonGenerator g = JSON.createGenerator(out)) {
      g.writeStartObject();
      if (message instanceof ChildMessage.Progress p) {
        g.writeStringField(ChildLink.EVENT, ChildLink.PROGRESS);
        g.writeNumberField("depth", p.depth());
        g.writeNumberField("generated", p.generated());
        g.writeNumberField("distinct", p.distinct());
        g.writeNumberField("queue", p.queue());
      } else if (message instanceof ChildMessage.Coverage c) {
        g.writeStringField(ChildLink.EVENT, ChildLink.COVERAGE);
        g.writeArrayFieldStart("actions");
        for (ActionCoverage a : c.actions()) {
          g.writeStartObject();
          g.writeStringField("action", a.action());
          g.writeStringField("module", a.module());
          g.writeNumberField("line", a.line());
          g.writeNumberField("column", a.column());
          g.writeBooleanField("initial", a.initial());
          g.writeNumberField("distinct", a.distinct());
          g.writeNumberField("generated", a.generated());
          g.writeEndObject();
        }
        g.writeEndArray();
      } else if (message instanceof ChildMessage.Result r) {
        g.writeStringField(ChildLink.EVENT, ChildLink.RESULT);
        g.writeArrayFieldStart("properties");
        for (String p : r.properties()) {
          g.writeString(p);
        }
        g.writeEndArray();
        g.writeStringField("module", r.source().module());
        g.writeFieldName("constants");
        ItfWriter.object(g, r.source().constants(), true);
        g.writeFieldName("outcome");
        outcome(g, r.outcome());
      }
      g.writeEndObject();
    } catch (IOException e) {
      throw new UncheckedIOException(e); // a StringWriter does not fail
    }
    return out.toString();
  }

  private static void outcome(JsonGenerator g, CheckOutcome outcome) throws IOException {
    g.writeStartObject();
    g.writeStringField("verdict", outcome.verdict().name());
    if (outcome instanceof CheckOutcome.Violated v) {
      g.writeStringField("property", v.property());
      g.writeStringField("violationKind", v.kind().id());
    } else {
      g.writeNullField("property");
      g.writeNullField("violationKind");
    }
    Stats s = outcome.stats();
    if (s.equals(Stats.NONE)) {
      g.writeNullField("distinctStates");
      g.writeNullField("generatedStates");
      g.writeNullField("depth");
    } else {
      g.writeNumberField("distinctStates", s.distinctStates());
      g.writeNumberField("generatedStates", s.generatedStates());
      if (s.depth() > 0) {
        g.writeNumberField("depth", s.depth());
      } else {
        g.writeNullField("depth");
      }
    }
    g.writeFieldName("trace");
    if (outcome instanceof CheckOutcome.Violated v) {
      trace(g, v.trace());
    } else {
      g.writeNull();
    }
    g.writeFieldName("error");
    if (outcome instanceof CheckOutcome.Failed f) {
      error(g, f.error());
    } else if (outcome instanceof CheckOutcome.TimedOut t) {
      error(
          g,
          new ErrorInfo(
              ErrorKind.TOOL, "timed out after " + t.limitSeconds() + " s", null, null, null));
    } else if (outcome instanceof CheckOutcome.NotRun n) {
      error(g, new ErrorInfo(ErrorKind.TOOL, n.reason(), null, null, null));
    } else {
      g.writeNull();
    }
    g.writeEndObject();
  }

  private static void error(JsonGenerator g, ErrorInfo e) throws IOException {
    g.writeStartObject();
    g.writeStringField("kind", e.kind().id());
    g.writeStringField("message", e.message());
    g.writeStringField("file", e.file());
    nullableInt(g, "line", e.line());
    nullableInt(g, "column", e.column());
    g.writeEndObject();
  }

  private static void nullableInt(JsonGenerator g, String name, Integer value) throws IOException {
    if (value == null) {
      g.writeNullField(name);
    } else {
      g.writeNumberField(name, value);
    }
  }

  private static void trace(JsonGenerator g, Trace trace) throws IOException {
    g.writeStartArray();
    for (int i = 0; i < trace.steps().size(); i++) {
      TraceStep step = trace.steps().get(i);
      g.writeStartObject();
      g.writeStringField("action", step.action());
      g.writeFieldName("params");
      if (step.params() == null) {
        g.writeNull();
      } else {
        ItfWriter.object(g, step.params(), true);
      }
      g.writeObjectFieldStart("state");
      g.writeObjectFieldStart("#meta");
      g.writeNumberField("index", i);
      if (i == trace.steps().size() - 1 && trace.loop().isPresent()) {
        g.writeNumberField("loop", trace.loop().getAsInt());
      }
      g.writeEndObject();
      for (String var : trace.vars()) {
        g.writeFieldName(var);
        ItfWriter.write(g, step.state().get(var), true);
      }
      g.writeEndObject();
      g.writeEndObject();
    }
    g.writeEndArray();
  }
}
