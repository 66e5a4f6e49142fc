package org.vfiomc.checker.spec;

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
import org.vfiomc.checker.result.ErrorKind;
import org.vfiomc.checker.result.Expectation;
import org.vfiomc.checker.result.Verdict;
import org.vfiomc.checker.result.ViolationKind;

/**
 * Loads the models to check: a suite manifest ({@code suite.json}, format in {@code
 * specs/README.md}) or a single {@code .tla} with its {@code .cfg}.
 */
public final class Manifest {
  /** File name of a suite manifest inside a directory. */
  public static final String FILE_NAME = "suite.json";

  /** Jackson, loaded only when a manifest is read (a single .tla check does not need it). */
  private static final class Json {
    static final ObjectMapper MAPPER = new ObjectMapper();
  }

  private Manifest() {}

  /**
   * The models a command-line path denotes: a directory holding {@code suite.json}, a manifest
   * file, or a {@code .tla} (expected to hold; config {@code NAME.cfg} beside it unless given). A
   * single {@code .tla} finds the modules it names beside it, in the {@code libraries} of the suite
   * whose manifest sits one folder up (the layout {@code SUITE/MODULE/MC_X.tla}), and in the
   * folders of the {@code TLA-Library} system property.
   */
  public static List<ModelSpec> resolve(Path path, Optional<Path> config) throws ManifestException {
    if (!Files.exists(path)) {
      throw new ManifestException(path.toString(), "", "no such file or directory");
    }
    if (Files.isDirectory(path)) {
      Path manifest = path.resolve(FILE_NAME);
      if (!Files.isRegularFile(manifest)) {
        throw new ManifestException(
            path.toString(), "", "directory has no " + FILE_NAME + " manifest");
      }
      return load(manifest);
    }
    String name = path.getFileName().toString();
    if (name.endsWith(".json")) {
      return load(path);
    }
    if (!name.endsWith(".tla")) {
      throw new ManifestException(
          path.toString(), "", "expected a .tla file, a manifest .json or a directory");
    }
    String base = name.substring(0, name.length() - 4);
    Path cfg = config.orElse(path.resolveSibling(base + ".cfg"));
    if (!Files.isRegularFile(cfg)) {
      throw new ManifestException(
          cfg.toString(),
          "",
          "configuration file not found"
              + (config.isEmpty() ? " (expected beside " + name + "; or pass --config)" : ""));
    }
    List<Path> libs = new ArrayList<>(enclosingSuiteLibraries(path));
    libs.addAll(tlcLibraryProperty());
    return List.of(
        new ModelSpec(
            base,
            path,
            cfg,
            Expectation.holds(),
            Profile.CI,
            ModelSpec.DEFAULT_TIMEOUT_SECONDS,
            "",
            libs));
  }

  /**
   * The folders of the {@code TLA-Library} system property, as TLC's own command line takes them
   * ({@code java -DTLA-Library=DIR1:DIR2 -jar checker.jar check X.tla}); folders that do not exist
   * are skipped, as TLC skips them.
   */
  private static List<Path> tlcLibraryProperty() {
    String prop = System.getProperty("TLA-Library");
    if (prop == null || prop.isBlank()) {
      return List.of();
    }
    List<Path> out = new ArrayList<>();
    for (String s : prop.split(java.util.regex.Pattern.quote(java.io.File.pathSeparator))) {
      if (!s.isBlank() && Files.isDirectory(Path.of(s))) {
        out.add(Path.of(s));
      }
    }
    return out;
  }

  /** The libraries of the suite whose manifest sits one folder above {@code spec}'s, if any. */
  private static List<Path> enclosingSuiteLibraries(Path spec) throws ManifestException {
    Path folder = spec.toAbsolutePath().normalize().getParent();
    Path suite = folder == null ? null : folder.getParent();
    if (suite == null || !Files.isRegularFile(suite.resolve(FILE_NAME))) {
      return List.of();
    }
    Path manifest = suite.resolve(FILE_NAME);
    return libraries(read(manifest), manifest.toString(), suite);
  }

  private static JsonNode read(Path file) throws ManifestException {
    String where = file.toString();
    try {
      return Json.MAPPER.readTree(Files.readString(file, StandardCharsets.UTF_8));
    } catch (JsonProcessingException e) {
      String at =
          e.getLocation() == null
              ? ""
              : "line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr();
      throw new ManifestException(where, at, "not valid JSON: " + e.getOriginalMessage());
    } catch (IOException e) {
      throw new ManifestException(where, "", "cannot read: " + e.getMessage());
    }
  }

  /**
   * The top-level {@code "libraries"} of a manifest: folders, relative to it and inside it, holding
   * modules that specs in other folders EXTEND or INSTANCE.
   */
  private static List<Path> libraries(JsonNode doc, String where, Path dir)
      throws ManifestException {
    JsonNode libs = doc == null ? null : doc.get("libraries");
    if (libs == null || libs.isNull()) {
      return List.of();
    }
    if (!libs.isArray()) {
      throw new ManifestException(where, "libraries", "expected an array of folder names");
    }
    List<Path> out = new ArrayList<>();
    for (int i = 0; i < libs.size(); i++) {
      Field at = new Field(where, "libraries[" + i + "]");
      if (!libs.get(i).isTextual()) {
        throw at.error("expected a string");
      }
      Path p = inside(dir, libs.get(i).asText(), at);
      if (!Files.isDirectory(p)) {
        throw at.error("folder not found: " + p);
      }
      out.add(p);
    }
    return List.copyOf(out);
  }

  /** Loads and validates a manifest file; paths in it are relative to its directory. */
  public static List<ModelSpec> load(Path file) throws ManifestException {
    String where = file.toString();
    JsonNode doc = read(file);
    if (doc == null || !doc.isObject() || !doc.path("models").isArray()) {
      throw new ManifestException(where, "models", "expected an object with a \"models\" array");
    }
    Path dir = file.toAbsolutePath().normalize().getParent();
    List<Path> libraries = libraries(doc, where, dir);
    List<ModelSpec> out = new ArrayList<>();
    Set<String> names = new HashSet<>();
    JsonNode models = doc.get("models");
    for (int i = 0; i < models.size(); i++) {
      ModelSpec m = entry(models.get(i), new Field(where, "models[" + i + "]"), dir, libraries);
      if (!names.add(m.name())) {
        throw new ManifestException(
            where, "models[" + i + "].name", "duplicate model name \"" + m.name() + "\"");
      }
      out.add(m);
    }
    return List.copyOf(out);
  }

  /**
   * The {@code tour} blocks of a manifest file by model name: {@code "tour": {"spec": "...",
   * "config": "...", "maxSteps": N}} (paths relative to the manifest's folder). Models without one
   * are absent.
   */
  public static java.util.Map<String, TourSpec> tours(Path file) throws ManifestException {
    String where = file.toString();
    JsonNode doc = read(file);
    Path dir = file.toAbsolutePath().normalize().getParent();
    java.util.Map<String, TourSpec> out = new java.util.LinkedHashMap<>();
    JsonNode models = doc.path("models");
    for (int i = 0; i < models.size(); i++) {
      JsonNode tour = models.get(i).get("tour");
      if (tour == null || tour.isNull()) {
        continue;
      }
      Field at = new Field(where, "models[" + i + "].tour");
      if (!tour.isObject()) {
        throw at.error("expected an object with spec, config and maxSteps");
      }
      Path spec = existingFile(dir, requiredText(tour, "spec", at), at.sub("spec"));
      Path cfg = existingFile(dir, requiredText(tour, "config", at), at.sub("config"));
      JsonNode max = tour.get("maxSteps");
      if (max == null || !max.canConvertToLong() || max.asLong() <= 0) {
        throw at.sub("maxSteps").error("expected a positive integer");
      }
      out.put(models.get(i).path("name").asText(), new TourSpec(spec, cfg, max.asLong()));
    }
    return out;
  }

  private static ModelSpec entry(JsonNode node, Field at, Path dir, List<Path> libraries)
      throws ManifestException {
    if (!node.isObject()) {
      throw at.error("expected an object");
    }
    String name = requiredText(node, "name", at);
    Field named = new Field(at.file(), at.path() + " \"" + name + "\"");
    Path spec = existingFile(dir, requiredText(node, "spec", named), named.sub("spec"));
    Path config = existingFile(dir, requiredText(node, "config", named), named.sub("config"));
    Verdict verdict =
        parse(
            requiredText(node, "expected", named),
            named.sub("expected"),
            Verdict::valueOf,
            "HOLDS, VIOLATED, ERROR or TIMEOUT");
    String property = optionalText(node, "property", named);
    String kindText = optionalText(node, "violationKind", named);
    ViolationKind kind =
        kindText == null
            ? null
            : parse(
                kindText,
                named.sub("violationKind"),
                ViolationKind::fromId,
                "invariant, deadlock, temporal or assertion");
    Integer traceLength = optionalInt(node, "traceLength", named, 1);
    String errorText = optionalText(node, "errorKind", named);
    ErrorKind errorKind =
        errorText == null
            ? null
            : parse(
                errorText,
                named.sub("errorKind"),
                ErrorKind::fromId,
                "parse, semantic, config or tool");
    String profileText = optionalText(node, "profile", named);
    Profile profile =
        profileText == null
            ? Profile.CI
            : parse(profileText, named.sub("profile"), Profile::fromId, "ci or deep");
    Integer timeout = optionalInt(node, "timeoutSeconds", named, 1);
    if (verdict != Verdict.VIOLATED && (property != null || kind != null || traceLength != null)) {
      throw named
          .sub("expected")
          .error("property, violationKind and traceLength only apply to VIOLATED, not " + verdict);
    }
    if (verdict != Verdict.ERROR && errorKind != null) {
      throw named.sub("errorKind").error("only applies to expected ERROR, not " + verdict);
    }
    String description = optionalText(node, "description", named);
    return new ModelSpec(
        name,
        spec,
        config,
        new Expectation(verdict, property, kind, traceLength, errorKind),
        profile,
        timeout == null ? ModelSpec.DEFAULT_TIMEOUT_SECONDS : timeout,
        description,
        libraries);
  }

  private interface Parser<T> {
    T parse(String text);
  }

  private static <T> T parse(String text, Field at, Parser<T> parser, String valid)
      throws ManifestException {
    try {
      return parser.parse(text);
    } catch (IllegalArgumentException e) {
      throw at.error("unknown value \"" + text + "\" (expected " + valid + ")");
    }
  }

  private static Path existingFile(Path dir, String relative, Field at) throws ManifestException {
    Path p = inside(dir, relative, at);
    if (!Files.isRegularFile(p)) {
      throw at.error("file not found: " + p);
    }
    return p;
  }

  /** {@code relative} resolved against the manifest's folder; refused if it leads outside it. */
  private static Path inside(Path dir, String relative, Field at) throws ManifestException {
    Path p;
    try {
      p = dir.resolve(relative).normalize();
    } catch (java.nio.file.InvalidPathException e) {
      throw at.error("not a valid path: " + relative);
    }
    if (!p.startsWith(dir)) {
      throw at.error("path leads outside the manifest's folder: " + relative);
    }
    return p;
  }

  private static String requiredText(JsonNode node, String field, Field at)
      throws ManifestException {
    String v = optionalText(node, field, at);
    if (v == null || v.isBlank()) {
      throw at.sub(field).error("required field is missing");
    }
    return v;
  }

  private static String optionalText(JsonNode node, String field, Field at)
      throws ManifestException {
    JsonNode v = node.get(field);
    if (v == null || v.isNull()) {
      return null;
    }
    if (!v.isTextual()) {
      throw at.sub(field).error("expected a string");
    }
    return v.asText();
  }

  private static Integer optionalInt(JsonNode node, String field, Field at, int min)
      throws ManifestException {
    JsonNode v = node.get(field);
    if (v == null || v.isNull()) {
      return null;
    }
    if (!v.canConvertToInt() || !v.isIntegralNumber() || v.asInt() < min) {
      throw at.sub(field).error("expected an integer >= " + min);
    }
    return v.asInt();
  }

  private record Field(String file, String path) {
    Field sub(String name) {
      return new Field(file, path + "." + name);
    }

    ManifestException error(String problem) {
      return new ManifestException(file, path, problem);
    }
  }
}
