package org.vfiomc.checker.trace;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Writes ITF JSON as text without Jackson, byte-for-byte the compact form of {@link
 * ItfCodec#encode(TlaValue, boolean)}, and decodes ITF values from {@link JsonLite} trees; for
 * short-lived processes where loading Jackson (hundreds of classes) would dominate the run time.
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

  /**
   * Decodes an ITF value from a {@link JsonLite} tree (accepting the {@code #modelvalue}
   * extension); throws {@link IllegalArgumentException} on anything else.
   */
  public static TlaValue decode(Object node) {
    if (node instanceof Boolean b) {
      return new TlaValue.Bool(b);
    } else if (node instanceof String s) {
      return new TlaValue.Str(s);
    } else if (node instanceof BigInteger i) {
      return new TlaValue.Int(i);
    } else if (node instanceof List<?> list) {
      return new TlaValue.Seq(decodeAll(list));
    } else if (node instanceof Map<?, ?> map) {
      if (map.size() == 1) {
        Map.Entry<?, ?> e = map.entrySet().iterator().next();
        Object v = e.getValue();
        switch (String.valueOf(e.getKey())) {
          case "#bigint":
            return new TlaValue.Int(new BigInteger((String) v));
          case "#set":
            return new TlaValue.SetValue(decodeAll((List<?>) v));
          case "#tup":
            return new TlaValue.Tuple(decodeAll((List<?>) v));
          case ItfCodec.MODEL_VALUE_TAG:
            return new TlaValue.ModelValue((String) v);
          case "#map":
            TreeMap<TlaValue, TlaValue> mapping = new TreeMap<>(TlaValue.ORDER);
            for (Object pair : (List<?>) v) {
              List<?> kv = (List<?>) pair;
              mapping.put(decode(kv.get(0)), decode(kv.get(1)));
            }
            return new TlaValue.Fun(mapping);
          default:
            break;
        }
      }
      TreeMap<String, TlaValue> fields = new TreeMap<>();
      for (Map.Entry<?, ?> e : map.entrySet()) {
        String key = String.valueOf(e.getKey());
        if (key.startsWith("#")) {
          throw new IllegalArgumentException("unexpected ITF tag " + key);
        }
        fields.put(key, decode(e.getValue()));
      }
      return new TlaValue.Record(fields);
    }
    throw new IllegalArgumentException("not an ITF value: " + node);
  }

  private static List<TlaValue> decodeAll(List<?> nodes) {
    List<TlaValue> out = new ArrayList<>(nodes.size());
    for (Object n : nodes) {
      out.add(decode(n));
    }
    return out;
  }
}
