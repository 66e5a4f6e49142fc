package org.vfiomc.checker.mutate;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Surviving mutants judged equivalent (no behaviour the properties could tell apart), read from a
 * suite's {@code mutants.json}: {@code {"equivalent": [{"module", "operator", "definition",
 * "original", "replacement", "occurrence" (optional, default 1), "reason"}]}}. Format in {@code
 * checker/docs/mutate-json.md}.
 *
 * @param entries the judged mutants in file order
 */
public record EquivalentMutants(List<Entry> entries) {
  /** File name of the list inside a suite folder. */
  public static final String FILE_NAME = "mutants.json";

  /** An empty list. */
  public static final EquivalentMutants NONE = new EquivalentMutants(List.of());

  public EquivalentMutants {
    entries = List.copyOf(entries);
  }

  /** One judged mutant and why it is equivalent. */
  public record Entry(MutantId id, String reason) {}

  /** The entry for a mutant, if it is listed. */
  public Optional<Entry> find(MutantId id) {
    return entries.stream().filter(e -> e.id().equals(id)).findFirst();
  }

  /** Reads and validates a list; a missing file is an empty list. */
  public static EquivalentMutants load(Path file) throws MutateException {
    if (!Files.exists(file)) {
      return NONE;
    }
    String where = file.toString();
    JsonNode doc;
    try {
      doc = new ObjectMapper().readTree(Files.readString(file, StandardCharsets.UTF_8));
    } catch (JsonProcessingException e) {
      String at =
          e.getLocation() == null
              ? ""
              : " (line "
                  + e.getLocation().getLineNr()
                  + ", column "
                  + e.getLocation().getColumnNr()
                  + ")";
      throw new MutateException(where + ": not valid JSON" + at + ": " + e.getOriginalMessage());
    } catch (IOException e) {
      throw new MutateException(where + ": cannot read: " + e.getMessage());
    }
    if (doc == null || !doc.isObject() || !doc.path("equivalent").isArray()) {
      throw new MutateException(where + ": expected an object with an \"equivalent\" array");
    }
    List<Entry> out = new ArrayList<>();
    Set<MutantId> seen = new HashSet<>();
    JsonNode list = doc.get("equivalent");
    for (int i = 0; i < list.size(); i++) {
      String at = where + ": equivalent[" + i + "]";
      JsonNode n = list.get(i);
      if (!n.isObject()) {
        throw new MutateException(at + ": expected an object");
      }
      MutationOperator op;
      String opText = text(n, "operator", at);
      try {
        op = MutationOperator.fromId(opText);
      } catch (IllegalArgumentException e) {
        throw new MutateException(at + ".operator: " + e.getMessage());
      }
      int occurrence = 1;
      JsonNode occ = n.get("occurrence");
      if (occ != null && !occ.isNull()) {
        if (!occ.isIntegralNumber() || occ.asInt() < 1) {
          throw new MutateException(at + ".occurrence: expected an integer >= 1");
        }
        occurrence = occ.asInt();
      }
      MutantId id =
          new MutantId(
              text(n, "module", at),
              op,
              text(n, "definition", at),
              SourceText.collapse(text(n, "original", at)),
              SourceText.collapse(text(n, "replacement", at)),
              occurrence);
      if (!seen.add(id)) {
        throw new MutateException(at + ": listed twice: " + id.display());
      }
      out.add(new Entry(id, text(n, "reason", at)));
    }
    return new EquivalentMutants(out);
  }

  private static String text(JsonNode n, String field, String at) throws MutateException {
    JsonNode v = n.get(field);
    if (v == null || v.isNull() || !v.isTextual() || v.asText().isBlank()) {
      throw new MutateException(at + "." + field + ": required string is missing or empty");
    }
    return v.asText();
  }
}
