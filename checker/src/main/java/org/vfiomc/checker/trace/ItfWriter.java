package org.vfiomc.checker.trace;

import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.util.List;
import java.util.Map;

/**
 * Streams ITF values to a Jackson {@link JsonGenerator}: the same JSON as {@link
 * ItfCodec#encode(TlaValue, boolean)} builds as a tree, token for token, for writers that must not
 * load Jackson's data binding (the forked TLC process, where every class loaded is start-up time of
 * every model checked). Needs only {@code jackson-core}.
 */
public final class ItfWriter {
  private ItfWriter() {}

  /** Writes the ITF JSON of {@code value} ({@code tagModelValues}: as {@code #modelvalue}). */
  public static void write(JsonGenerator g, TlaValue value, boolean tagModelValues)
      throws IOException {
    if (value instanceof TlaValue.Int i) {
      g.writeStartObject();
      g.writeStringField("#bigint", i.value().toString());
      g.writeEndObject();
    } else if (value instanceof TlaValue.Bool b) {
      g.writeBoolean(b.value());
    } else if (value instanceof TlaValue.Str s) {
      g.writeString(s.value());
    } else if (value instanceof TlaValue.ModelValue m) {
      if (tagModelValues) {
        g.writeStartObject();
        g.writeStringField(ItfCodec.MODEL_VALUE_TAG, m.name());
        g.writeEndObject();
      } else {
        g.writeString(m.name());
      }
    } else if (value instanceof TlaValue.Seq s) {
      array(g, s.elements(), tagModelValues);
    } else if (value instanceof TlaValue.Tuple t) {
      tagged(g, "#tup", t.elements(), tagModelValues);
    } else if (value instanceof TlaValue.Record r) {
      object(g, r.fields(), tagModelValues);
    } else if (value instanceof TlaValue.SetValue s) {
      tagged(g, "#set", s.elements(), tagModelValues);
    } else if (value instanceof TlaValue.Fun f) {
      g.writeStartObject();
      g.writeArrayFieldStart("#map");
      for (Map.Entry<TlaValue, TlaValue> e : f.mapping().entrySet()) {
        g.writeStartArray();
        write(g, e.getKey(), tagModelValues);
        write(g, e.getValue(), tagModelValues);
        g.writeEndArray();
      }
      g.writeEndArray();
      g.writeEndObject();
    } else {
      throw new AssertionError(value);
    }
  }

  /** Writes a JSON object of ITF values, in the map's iteration order. */
  public static void object(JsonGenerator g, Map<String, TlaValue> fields, boolean tagModelValues)
      throws IOException {
    g.writeStartObject();
    for (Map.Entry<String, TlaValue> e : fields.entrySet()) {
      g.writeFieldName(e.getKey());
      write(g, e.getValue(), tagModelValues);
    }
    g.writeEndObject();
  }

  private static void tagged(JsonGenerator g, String tag, List<TlaValue> values, boolean tag2)
      throws IOException {
    g.writeStartObject();
    g.writeFieldName(tag);
    array(g, values, tag2);
    g.writeEndObject();
  }

  private static void array(JsonGenerator g, List<TlaValue> values, boolean tagModelValues)
      throws IOException {
    g.writeStartArray();
    for (TlaValue v : values) {
      write(g, v, tagModelValues);
    }
    g.writeEndArray();
  }
}
