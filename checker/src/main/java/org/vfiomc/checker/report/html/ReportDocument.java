package org.vfiomc.checker.report.html;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Objects;

/**
 * One JSON document the HTML report draws from besides the results: the coverage document of {@code
 * checker traces --json}, the replay document of {@code conformance replay --json} or a simulation
 * document of {@code conformance simulate --json}.
 *
 * @param name how the report names it (the file name)
 * @param kind what it is
 * @param json its content
 */
public record ReportDocument(String name, Kind kind, JsonNode json) {
  /** The kinds of document, each with the field that tells it apart. */
  public enum Kind {
    /** {@code checker traces --json}: a {@code models} array. */
    COVERAGE("models", "a coverage document (checker traces --json)"),
    /** {@code conformance replay --json}: a {@code reports} array. */
    REPLAY("reports", "a replay document (conformance replay --json)"),
    /** {@code conformance simulate --json}: an {@code outcome}. */
    SIMULATION("outcome", "a simulation document (conformance simulate --json)");

    private final String field;
    private final String description;

    Kind(String field, String description) {
      this.field = field;
      this.description = description;
    }
  }

  public ReportDocument {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(json, "json");
  }

  /**
   * Reads {@code file} as a document of {@code kind}.
   *
   * @throws ReportInputException naming the file when it is missing, unreadable, not JSON or not
   *     that kind of document
   */
  public static ReportDocument read(Path file, Kind kind) throws ReportInputException {
    JsonNode json;
    try {
      json = new ObjectMapper().readTree(Files.readString(file));
    } catch (NoSuchFileException e) {
      throw new ReportInputException(file + ": no such file");
    } catch (JsonProcessingException e) {
      throw new ReportInputException(
          file + ": not JSON: " + e.getOriginalMessage().lines().findFirst().orElse(""));
    } catch (IOException e) {
      throw new ReportInputException(file + ": cannot read: " + e.getMessage());
    }
    // errors name the file as given; the page names it by its file name
    return new ReportDocument(
        String.valueOf(file.getFileName()), kind, of(file.toString(), kind, json).json());
  }

  /** {@code json} as a document of {@code kind}, after the same check as {@link #read}. */
  public static ReportDocument of(String name, Kind kind, JsonNode json)
      throws ReportInputException {
    if (json == null || !json.isObject() || !json.has(kind.field)) {
      throw new ReportInputException(
          name + ": not " + kind.description + ": no \"" + kind.field + "\" field");
    }
    if ((kind == Kind.COVERAGE || kind == Kind.REPLAY) && !json.get(kind.field).isArray()) {
      throw new ReportInputException(name + ": \"" + kind.field + "\" must be an array");
    }
    return new ReportDocument(name, kind, json);
  }
}
