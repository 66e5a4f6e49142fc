package org.vfiomc.checker.trace;

import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * Writes ITF JSON as text without Jackson, byte-for-byte the compact form of {@link
 * ItfCodec#encode(TlaValue, boolean)}; for short-lived processes where loading Jackson (hundreds
 * of classes) would dominate the run time.
 */
public final class ItfText {
  private ItfText() {}

  /** Appends the ITF JSON of {@code value}. */
  public static void append(StringBuilder b, TlaValue value, boolean tagModelValues) {
    if (value instanceof TlaValue.Int i) {
      b.append("{\"#bigint\":\"").append(i.value()).append("\"}");
    } else if (value instanceof TlaValue.Bool v) {
      b.append(v.value());
    } else if (value instanceof TlaValue.Str s) {
      string(b, s.value());
    } else if (value instanceof TlaValue.ModelValue m) {
      if (tagModelValues) {
        b.append("{\"").append(ItfCodec.MODEL_VALUE_TAG).append("\":");
        string(b, m.name());
        b.append('}');
      } else {
        string(b, m.name());
      }
    } else if (value instanceof TlaValue.Seq s) {
      array(b, s.elements(), tagModelValues);
    } else if (value instanceof TlaValue.Tuple t) {
      b.append("{\"#tup\":");
      array(b, t.elements(), tagModelValues);
      b.append('}');
    } else if (value instanceof TlaValue.Record r) {
      object(b, r.fields(), tagModelValues);
    } else if (value instanceof TlaValue.SetValue s) {
      b.append("{\"#set\":");
      array(b, s.elements(), tagModelValues);
      b.append('}');
    } else if (value instanceof TlaValue.Fun f) {
      b.append("{\"#map\":[");
      boolean first = true;
      for (Map.Entry<TlaValue, TlaValue> e : f.mapping().entrySet()) {
        b.append(first ? "[" : ",[");
        append(b, e.getKey(), tagModelValues);
        b.append(',');
        append(b, e.getValue(), tagModelValues);
        b.append(']');
        first = false;
      }
      b.append("]}");
    } else {
      throw new AssertionError(value);
    }
  }

  /** Appends a JSON object of ITF values, in the map's iteration order. */
  public static void object(StringBuilder b, Map<String, TlaValue> fields, boolean tagModelValues) {
    b.append('{');
    Iterator<Map.Entry<String, TlaValue>> it = fields.entrySet().iterator();
    while (it.hasNext()) {
      Map.Entry<String, TlaValue> e = it.next();
      string(b, e.getKey());
      b.append(':');
      append(b, e.getValue(), tagModelValues);
      if (it.hasNext()) {
        b.append(',');
      }
    }
    b.append('}');
  }

  private static void array(StringBuilder b, List<TlaValue> values, boolean tagModelValues) {
    b.append('[');
    for (int i = 0; i < values.size(); i++) {
      if (i > 0) {
        b.append(',');
      }
      append(b, values.get(i), tagModelValues);
    }
    b.append(']');
  }

  /** Appends a JSON string literal. */
  public static void string(StringBuilder b, String s) {
    b.append('"');
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '"':
          b.append("\\\"");
          break;
        case '\\':
          b.append("\\\\");
          break;
        case '\n':
          b.append("\\n");
          break;
        case '\r':
          b.append("\\r");
          break;
        case '\t':
          b.append("\\t");
          break;
        default:
          if (c < 0x20) {
            b.append(String.format("\\u%04X", (int) c));
          } else {
            b.append(c);
          }
      }
    }
    b.append('"');
  }
}
