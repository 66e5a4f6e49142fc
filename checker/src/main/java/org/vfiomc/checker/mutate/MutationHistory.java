package org.vfiomc.checker.mutate;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.Writer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The model checks of earlier {@code mutate} runs ({@code --history FILE}), so that a run stopped
 * part way, or repeated after a change to some models, checks only what it has not checked before.
 *
 * <p>One JSON object per line, one line per model check of a mutant: {@code {"key", "mutant",
 * "model", "outcome", "property", "detail", "millis"}}. The key is a SHA-256 over everything the
 * check's outcome depends on: the model's name and expectation, and the bytes of its {@code .cfg}
 * and of every module it loads from the suite, with the mutated module's text in place of the
 * original (so it changes when the mutant, the model or any module it reads changes). TLC checks
 * with one worker, so a check's outcome is a function of those inputs. Time-outs and tool failures
 * are not recorded (another run may finish them); a met expectation, a kill and a TLC error are. A
 * recorded kill (or error) of any of a mutant's models settles the mutant at once, before the
 * models that come first in the run's order are checked (models added since an earlier run may come
 * first; the kill stands whatever they say).
 *
 * <p>Lines are appended and flushed as checks finish, so a run killed at any point leaves every
 * finished check behind; a last line cut short by such a kill is dropped when the file is opened.
 * Any other malformed line is an error naming the file and line. The checker and TLC versions are
 * not part of the key: delete the file after changing either.
 */
public final class MutationHistory implements AutoCloseable {
  /** What a recorded model check gave. */
  public enum Outcome {
    /** The model met its expectation on the mutant. */
    MET,
    /** The model no longer met its expectation by a verdict (a kill). */
    KILLED,
    /** The model ended in a TLC error (an input error, not a tool failure). */
    ERROR;

    String id() {
      return name().toLowerCase(java.util.Locale.ROOT);
    }

    static Optional<Outcome> fromId(String id) {
      for (Outcome o : values()) {
        if (o.id().equals(id)) {
          return Optional.of(o);
        }
      }
      return Optional.empty();
    }
  }

  /**
   * One recorded model check.
   *
   * @param outcome what it gave
   * @param property for {@link Outcome#KILLED}: the property credited with the kill
   * @param detail for {@link Outcome#KILLED} by a VIOLATED model: how the outcome differs; for
   *     {@link Outcome#ERROR}: TLC's error (first line)
   * @param millis how long the check took when it ran
   */
  public record Entry(Outcome outcome, String property, String detail, long millis) {
    public Entry {
      Objects.requireNonNull(outcome, "outcome");
    }
  }

  /** A history that remembers nothing and records nothing (no {@code --history}). */
  public static final MutationHistory NONE = new MutationHistory(null, Map.of(), null);

  private static final String KEY_FORMAT = "vfiomc-mutate-history/1";
  private static final ObjectMapper JSON = new ObjectMapper();

  private final Path file;
  private final Map<String, Entry> entries;
  private final Writer out;

  private MutationHistory(Path file, Map<String, Entry> entries, Writer out) {
    this.file = file;
    this.entries = entries;
    this.out = out;
  }

  /**
   * Opens (or creates) a history file: reads its lines, drops a last line cut short by a killed
   * run, and appends from there.
   */
  public static MutationHistory open(Path file) throws MutateException {
    Map<String, Entry> entries = new HashMap<>();
    try {
      if (Files.exists(file)) {
        if (!Files.isRegularFile(file)) {
          throw new MutateException(file + ": --history is not a regular file");
        }
        byte[] bytes = Files.readAllBytes(file);
        int complete = bytes.length;
        while (complete > 0 && bytes[complete - 1] != '\n') {
          complete--;
        }
        if (complete < bytes.length) {
          try (FileChannel ch = FileChannel.open(file, StandardOpenOption.WRITE)) {
            ch.truncate(complete); // a line cut short when a run was killed mid-write
          }
        }
        String text = new String(bytes, 0, complete, StandardCharsets.UTF_8);
        List<String> lines = text.lines().toList();
        for (int i = 0; i < lines.size(); i++) {
          if (!lines.get(i).isBlank()) {
            read(file, i + 1, lines.get(i), entries);
          }
        }
      }
      Writer w =
          Files.newBufferedWriter(
              file,
              StandardCharsets.UTF_8,
              StandardOpenOption.CREATE,
              StandardOpenOption.APPEND,
              StandardOpenOption.WRITE);
      return new MutationHistory(file, entries, w);
    } catch (IOException e) {
      throw new MutateException(file + ": cannot read or write the history: " + e.getMessage());
    }
  }

  private static void read(Path file, int line, String text, Map<String, Entry> into)
      throws MutateException {
    String at = file + ":" + line;
    JsonNode n;
    try {
      n = JSON.readTree(text);
    } catch (JsonProcessingException e) {
      throw new MutateException(at + ": not a JSON object: " + e.getOriginalMessage());
    }
    if (n == null || !n.isObject()) {
      throw new MutateException(at + ": expected one JSON object per line");
    }
    String key = n.path("key").asText("");
    if (!key.matches("[0-9a-f]{64}")) {
      throw new MutateException(at + ": \"key\" must be 64 lower-case hex digits");
    }
    Optional<Outcome> outcome = Outcome.fromId(n.path("outcome").asText(""));
    if (outcome.isEmpty()) {
      throw new MutateException(at + ": \"outcome\" must be met, killed or error");
    }
    if (!n.path("millis").canConvertToLong() || n.path("millis").asLong() < 0) {
      throw new MutateException(at + ": \"millis\" must be a non-negative integer");
    }
    into.put(
        key,
        new Entry(
            outcome.get(),
            textOrNull(n, "property"),
            textOrNull(n, "detail"),
            n.get("millis").asLong()));
  }

  private static String textOrNull(JsonNode n, String field) {
    JsonNode v = n.get(field);
    return v == null || v.isNull() ? null : v.asText();
  }

  /** Whether this history records (a {@code --history} file), unlike {@link #NONE}. */
  public boolean active() {
    return out != null;
  }

  /** The recorded check with this key, if an earlier run made it. */
  public synchronized Optional<Entry> find(String key) {
    return Optional.ofNullable(entries.get(key));
  }

  /** Records a finished check (appended and flushed at once); a no-op for {@link #NONE}. */
  public synchronized void record(String key, String mutant, String model, Entry e)
      throws MutateException {
    if (out == null) {
      return;
    }
    ObjectNode n = JSON.createObjectNode();
    n.put("key", key);
    n.put("mutant", mutant);
    n.put("model", model);
    n.put("outcome", e.outcome().id());
    n.put("property", e.property());
    n.put("detail", e.detail());
    n.put("millis", e.millis());
    try {
      out.write(JSON.writeValueAsString(n));
      out.write('\n');
      out.flush();
    } catch (IOException x) {
      throw new MutateException(file + ": cannot append to the history: " + x.getMessage());
    }
    entries.put(key, e);
  }

  @Override
  public synchronized void close() throws IOException {
    if (out != null) {
      out.close();
    }
  }

  /**
   * A SHA-256 over parts, each length-prefixed so that no two part lists collide by concatenation.
   */
  public static final class Key {
    private final MessageDigest digest;

    public Key() {
      try {
        digest = MessageDigest.getInstance("SHA-256");
      } catch (NoSuchAlgorithmException e) {
        throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
      }
      text(KEY_FORMAT);
    }

    /** Adds a string part. */
    public Key text(String s) {
      return bytes(String.valueOf(s).getBytes(StandardCharsets.UTF_8));
    }

    /** Adds a byte part. */
    public Key bytes(byte[] b) {
      digest.update(java.nio.ByteBuffer.allocate(8).putLong(b.length).array());
      digest.update(b);
      return this;
    }

    /** The key's hex form (the digest is used up). */
    public String hex() {
      return HexFormat.of().formatHex(digest.digest());
    }
  }
}
