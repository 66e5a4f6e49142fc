package org.vfiomc.checker.spec;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
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

  /** The fields a manifest may have at its top level. */
  static final List<String> TOP_FIELDS = List.of("suite", "libraries", "models");

  /** The fields a {@code models} entry may have. */
  static final List<String> MODEL_FIELDS =
      List.of(
          "name",
          "spec",
          "config",
          "expected",
          "property",
          "violationKind",
          "traceLength",
          "errorKind",
          "profile",
          "timeoutSeconds",
          "description",
          "tour");

  /** The fields a model's {@code tour} block may have. */
  static final List<String> TOUR_FIELDS = List.of("spec", "config", "maxSteps", "walks");

  /** The fields of a {@code tour} block's {@code walks}. */
  static final List<String> WALK_FIELDS = List.of("count", "depth", "seed");

  /**
   * What a model name may be: it becomes a trace file name, so one path segment of letters, digits,
   * {@code _ . -}, starting with a letter or digit (never {@code .} or {@code ..}, no separators).
   */
  private static final Pattern SAFE_NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.-]*");

  /** The longest model name accepted (well below the usual 255-byte file name limit). */
  static final int MAX_NAME_LENGTH = 100;

  /** An unknown field is offered the closest known one at most this many edits away. */
  static final int SUGGESTION_DISTANCE = 2;

  /**
   * Jackson, loaded only when a manifest is read (a single .tla check does not need it). A field
   * given twice in one object is an error, not a silent last-one-wins.
   */
  private static final class Json {
    static final ObjectMapper MAPPER =
        JsonMapper.builder().enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION).build();
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
    List<Path> libs = librariesFor(path);
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
    for (String s :
        com.google.common.base.Splitter.on(java.io.File.pathSeparatorChar).split(prop)) {
      if (!s.isBlank() && Files.isDirectory(Path.of(s))) {
        out.add(Path.of(s));
      }
    }
    return out;
  }

  /**
   * Where a single {@code spec}, outside any manifest entry, finds the modules it names besides its
   * own folder: the {@code libraries} of the suite one folder up, then the folders of the {@code
   * TLA-Library} system property.
   */
  public static List<Path> librariesFor(Path spec) throws ManifestException {
    List<Path> libs = new ArrayList<>(enclosingSuiteLibraries(spec));
    libs.addAll(tlcLibraryProperty());
    return List.copyOf(libs);
  }

  /** The libraries of the suite whose manifest sits one folder above {@code spec}'s, if any. */
  private static List<Path> enclosingSuiteLibraries(Path spec) throws ManifestException {
    Path folder = spec.toAbsolutePath().normalize().getParent();
    Path suite = folder == null ? null : folder.getParent();
    if (suite == null || !Files.isRegularFile(suite.resolve(FILE_NAME))) {
      return List.of();
    }
    Path manifest = suite.resolve(FILE_NAME);
    JsonNode doc = parse(manifest, read(manifest));
    if (doc != null && doc.isObject()) {
      knownFieldsOnly(doc, TOP_FIELDS, new Field(manifest.toString(), ""));
    }
    return libraries(doc, manifest.toString(), suite);
  }

  private static String read(Path file) throws ManifestException {
    try {
      return Files.readString(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new ManifestException(file.toString(), "", "cannot read: " + e.getMessage());
    }
  }

  private static JsonNode parse(Path file, String content) throws ManifestException {
    String where = file.toString();
    try {
      return Json.MAPPER.readTree(content);
    } catch (JsonProcessingException e) {
      String at =
          e.getLocation() == null
              ? ""
              : "line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr();
      throw new ManifestException(where, at, "not valid JSON: " + e.getOriginalMessage());
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
    return load(file, read(file));
  }

  /** {@link #load(Path)} of {@code content} as if it were the text of {@code file}. */
  static List<ModelSpec> load(Path file, String content) throws ManifestException {
    String where = file.toString();
    JsonNode doc = parse(file, content);
    if (doc == null || !doc.isObject() || !doc.path("models").isArray()) {
      throw new ManifestException(where, "models", "expected an object with a \"models\" array");
    }
    knownFieldsOnly(doc, TOP_FIELDS, new Field(where, ""));
    optionalText(doc, "suite", new Field(where, ""));
    if (doc.get("models").isEmpty()) {
      throw new ManifestException(
          where, "models", "no models: the array is empty (list at least one model to check)");
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
    return tours(file, read(file));
  }

  /** {@link #tours(Path)} of {@code content} as if it were the text of {@code file}. */
  static java.util.Map<String, TourSpec> tours(Path file, String content) throws ManifestException {
    String where = file.toString();
    JsonNode doc = parse(file, content);
    Path dir = file.toAbsolutePath().normalize().getParent();
    java.util.Map<String, TourSpec> out = new java.util.LinkedHashMap<>();
    JsonNode models = doc.path("models");
    for (int i = 0; i < models.size(); i++) {
      JsonNode tour = models.get(i).get("tour");
      if (tour == null || tour.isNull()) {
        continue;
      }
      Field at = entryField(models.get(i), new Field(where, "models[" + i + "]")).sub("tour");
      if (!tour.isObject()) {
        throw at.error("expected an object with spec, config and maxSteps");
      }
      knownFieldsOnly(tour, TOUR_FIELDS, at);
      Path spec = existingFile(dir, requiredText(tour, "spec", at), at.sub("spec"));
      Path cfg = existingFile(dir, requiredText(tour, "config", at), at.sub("config"));
      JsonNode max = tour.get("maxSteps");
      if (max == null || !max.canConvertToLong() || max.asLong() <= 0) {
        throw at.sub("maxSteps").error("expected a positive integer");
      }
      out.put(
          models.get(i).path("name").asText(),
          new TourSpec(spec, cfg, max.asLong(), walks(tour.get("walks"), at.sub("walks"))));
    }
    return out;
  }

  /** A tour block's {@code walks} object, or null without one. */
  private static WalkSpec walks(JsonNode walks, Field at) throws ManifestException {
    if (walks == null || walks.isNull()) {
      return null;
    }
    if (!walks.isObject()) {
      throw at.error("expected an object with count, depth and seed");
    }
    knownFieldsOnly(walks, WALK_FIELDS, at);
    long[] v = new long[WALK_FIELDS.size()];
    for (int k = 0; k < v.length; k++) {
      String f = WALK_FIELDS.get(k);
      JsonNode n = walks.get(f);
      long min = f.equals("seed") ? 0 : 1;
      if (n == null || !n.canConvertToInt() || !n.isIntegralNumber() || n.asLong() < min) {
        throw at.sub(f)
            .error(min == 0 ? "expected an integer >= 0" : "expected a positive integer");
      }
      v[k] = n.asLong();
    }
    return new WalkSpec((int) v[0], (int) v[1], v[2]);
  }

  private static ModelSpec entry(JsonNode node, Field at, Path dir, List<Path> libraries)
      throws ManifestException {
    if (!node.isObject()) {
      throw at.error("expected an object");
    }
    knownFieldsOnly(node, MODEL_FIELDS, entryField(node, at));
    String name = requiredText(node, "name", at);
    safeName(name, at.sub("name"));
    Field named = new Field(at.file(), at.path() + " \"" + name + "\"");
    JsonNode tour = node.get("tour");
    if (tour != null && !tour.isNull()) {
      if (!tour.isObject()) {
        throw named.sub("tour").error("expected an object with spec, config and maxSteps");
      }
      knownFieldsOnly(tour, TOUR_FIELDS, named.sub("tour"));
    }
    Path spec = existingFile(dir, requiredText(node, "spec", named), named.sub("spec"));
    Path config = existingFile(dir, requiredText(node, "config", named), named.sub("config"));
    Verdict verdict =
        parse(
            requiredText(node, "expected", named),
            named.sub("expected"),
            Manifest::expectedVerdict,
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

  /**
   * Where an entry's errors point: {@code models[i] "Name"} once the entry has a usable name, else
   * {@code models[i]}.
   */
  private static Field entryField(JsonNode node, Field at) {
    JsonNode name = node.get("name");
    if (name == null || !name.isTextual() || name.asText().isBlank()) {
      return at;
    }
    return new Field(at.file(), at.path() + " \"" + name.asText() + "\"");
  }

  /**
   * Refuses a field of {@code node} not in {@code known} (a typo such as {@code propery} would
   * otherwise silently drop a check), suggesting the closest known field when one is near.
   */
  private static void knownFieldsOnly(JsonNode node, List<String> known, Field at)
      throws ManifestException {
    for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
      String f = it.next();
      if (known.contains(f)) {
        continue;
      }
      Optional<String> near = suggestion(f, known);
      throw at.sub(f)
          .error(
              near.map(k -> "unknown field; did you mean \"" + k + "\"?")
                  .orElse("unknown field (expected one of: " + String.join(", ", known) + ")"));
    }
  }

  /**
   * The known field closest to {@code field} if it is at most {@link #SUGGESTION_DISTANCE} edits
   * away, ignoring case (the first in {@code known}'s order on a tie).
   */
  static Optional<String> suggestion(String field, List<String> known) {
    String best = null;
    int bestDistance = SUGGESTION_DISTANCE + 1;
    for (String k : known) {
      int d = levenshtein(field.toLowerCase(Locale.ROOT), k.toLowerCase(Locale.ROOT));
      if (d < bestDistance) {
        best = k;
        bestDistance = d;
      }
    }
    return Optional.ofNullable(best);
  }

  /** The fewest single-character insertions, deletions and substitutions turning a into b. */
  static int levenshtein(String a, String b) {
    int[] prev = new int[b.length() + 1];
    int[] cur = new int[b.length() + 1];
    for (int j = 0; j <= b.length(); j++) {
      prev[j] = j;
    }
    for (int i = 1; i <= a.length(); i++) {
      cur[0] = i;
      for (int j = 1; j <= b.length(); j++) {
        int substitute = prev[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
        cur[j] = Math.min(substitute, Math.min(prev[j], cur[j - 1]) + 1);
      }
      int[] t = prev;
      prev = cur;
      cur = t;
    }
    return prev[b.length()];
  }

  /** Refuses a model name that is not one safe file-name segment (names become trace files). */
  private static void safeName(String name, Field at) throws ManifestException {
    if (name.length() > MAX_NAME_LENGTH) {
      throw at.error("model name longer than " + MAX_NAME_LENGTH + " characters");
    }
    if (!SAFE_NAME.matcher(name).matches() || name.contains("..")) {
      throw at.error(
          "unsafe model name \""
              + name
              + "\": it names trace files, so it must start with a letter or digit and use only"
              + " letters, digits, '_', '.' and '-', without \"..\"");
    }
  }

  /** A verdict a manifest may expect: every verdict except NOT_RUN, which only results carry. */
  private static Verdict expectedVerdict(String text) {
    Verdict v = Verdict.valueOf(text);
    if (v == Verdict.NOT_RUN) {
      throw new IllegalArgumentException(text);
    }
    return v;
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
      return new Field(file, path.isEmpty() ? name : path + "." + name);
    }

    ManifestException error(String problem) {
      return new ManifestException(file, path, problem);
    }
  }
}
