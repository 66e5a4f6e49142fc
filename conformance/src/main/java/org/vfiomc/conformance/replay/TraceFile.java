package org.vfiomc.conformance.replay;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.vfiomc.checker.trace.ItfCodec;
import org.vfiomc.checker.trace.TlaValue;
import org.vfiomc.checker.trace.Trace;
import org.vfiomc.checker.trace.TraceFormatException;

/**
 * An ITF trace file with the {@code #meta} fields replay needs.
 *
 * @param source the file name used in messages
 * @param trace the decoded states (via {@link ItfCodec})
 * @param module root module of the spec ({@code #meta.module}), selects the binding
 * @param model suite model name ({@code #meta.model}, or the file name when absent)
 * @param kind tour or counterexample ({@code #meta.kind}, required: a counterexample read as a tour
 *     would be replayed without its defects)
 * @param property the violated property of a counterexample ({@code #meta.property}), if any
 * @param constants {@code #meta.constants}, decoded as TLA+ values
 */
public record TraceFile(
    String source,
    Trace trace,
    String module,
    String model,
    TraceKind kind,
    Optional<String> property,
    Map<String, TlaValue> constants) {
  public TraceFile {
    constants = Collections.unmodifiableMap(new LinkedHashMap<>(constants));
  }

  /** Reads and validates an ITF file. */
  public static TraceFile read(Path file) throws IOException, TraceFormatException {
    return parse(Files.readString(file, StandardCharsets.UTF_8), file.toString());
  }

  /** Parses ITF text; {@code source} names it in errors. */
  public static TraceFile parse(String text, String source) throws TraceFormatException {
    JsonNode doc = ItfCodec.parseJson(text, source);
    return of(doc, ItfCodec.fromJson(doc, source), source);
  }

  /**
   * The spec module a binding would be chosen by: {@code #meta.module} when it is a string, else
   * empty. ADR-015 leaves {@code #meta} free-form, so a trace of another tool (Apalache, Quint) may
   * have no {@code #meta}, no {@code module} or another kind of value there: such a trace is one no
   * binding claims (unbound), not a malformed one.
   */
  public static Optional<String> moduleOf(JsonNode doc) {
    JsonNode meta = doc == null ? null : doc.get("#meta");
    JsonNode module = meta == null || !meta.isObject() ? null : meta.get("module");
    return module != null && module.isTextual() ? Optional.of(module.asText()) : Optional.empty();
  }

  /**
   * The trace file of a parsed ITF document and its decoded states ({@link ItfCodec#fromJson}):
   * checks the {@code #meta} fields replay needs.
   */
  public static TraceFile of(JsonNode doc, Trace trace, String source) throws TraceFormatException {
    if (trace.steps().isEmpty()) {
      throw new TraceFormatException(source, -1, "/states", "a trace needs at least one state");
    }
    JsonNode meta = doc.get("#meta");
    if (meta == null || !meta.isObject()) {
      throw new TraceFormatException(source, -1, "/#meta", "expected an object with 'module'");
    }
    String module = text(meta, "module", source, true);
    String model = text(meta, "model", source, false);
    if (model == null) {
      model = Path.of(source).getFileName().toString().replaceFirst("\\.itf\\.json$", "");
    }
    String kindName = text(meta, "kind", source, false);
    TraceKind kind;
    if (kindName == null) {
      throw new TraceFormatException(source, -1, "/#meta/kind", "missing (tour or counterexample)");
    } else if (kindName.equals("tour")) {
      kind = TraceKind.TOUR;
    } else if (kindName.equals("counterexample")) {
      kind = TraceKind.COUNTEREXAMPLE;
    } else {
      throw new TraceFormatException(
          source, -1, "/#meta/kind", "unknown kind '" + kindName + "' (tour or counterexample)");
    }
    Optional<String> property = Optional.ofNullable(text(meta, "property", source, false));
    Map<String, TlaValue> constants = new LinkedHashMap<>();
    JsonNode c = meta.get("constants");
    if (c != null && !c.isNull()) {
      if (!c.isObject()) {
        throw new TraceFormatException(source, -1, "/#meta/constants", "expected an object");
      }
      for (Iterator<Map.Entry<String, JsonNode>> it = c.properties().iterator(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> e = it.next();
        try {
          constants.put(e.getKey(), ItfCodec.decodeValue(e.getValue(), source));
        } catch (TraceFormatException ex) {
          String prefix = source + ": at " + (ex.pointer().isEmpty() ? "/" : ex.pointer()) + ": ";
          String problem =
              ex.getMessage().startsWith(prefix)
                  ? ex.getMessage().substring(prefix.length())
                  : ex.getMessage();
          throw new TraceFormatException(
              source, -1, "/#meta/constants/" + e.getKey() + ex.pointer(), problem);
        }
      }
    }
    return new TraceFile(source, trace, module, model, kind, property, constants);
  }

  private static String text(JsonNode meta, String field, String source, boolean required)
      throws TraceFormatException {
    JsonNode v = meta.get(field);
    if (v == null || v.isNull()) {
      if (required) {
        throw new TraceFormatException(source, -1, "/#meta/" + field, "missing");
      }
      return null;
    }
    if (!v.isTextual()) {
      throw new TraceFormatException(source, -1, "/#meta/" + field, "expected a string");
    }
    return v.asText();
  }

  /** A copy with other constants (used to replay a counterexample against a corrected system). */
  public TraceFile withConstants(Map<String, TlaValue> newConstants) {
    return new TraceFile(source, trace, module, model, kind, property, newConstants);
  }
}
