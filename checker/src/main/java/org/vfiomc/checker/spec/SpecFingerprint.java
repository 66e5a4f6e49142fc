package org.vfiomc.checker.spec;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HexFormat;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The SHA-256 of everything a model's verdict can depend on: its {@code .cfg}, its spec and every
 * module the spec reaches through EXTENDS and INSTANCE, looked up along the model's module path
 * ({@link ModelSpec#modulePath()}) as TLC looks them up (by name and content, in name order).
 * Modules not found there are TLC's standard modules, fixed by the TLC version. An edit to one spec
 * module changes the fingerprints of the models that use it and no others, so a recorded result can
 * stand in for a new TLC run of every other model.
 *
 * <p>Module names are read from the text with a pattern, not a parser: a name in a comment may add
 * a module that is not used (a spurious change, never a missed one).
 */
public final class SpecFingerprint {
  // a literal first, so that the search skips ahead (Boyer-Moore) instead of testing a word
  // boundary at every character; the boundary before the keyword is tested on each match
  private static final Pattern EXTENDS =
      Pattern.compile("EXTENDS\\s+([A-Za-z0-9_]+(?:\\s*,\\s*[A-Za-z0-9_]+)*)");
  private static final Pattern INSTANCE = Pattern.compile("INSTANCE\\s+([A-Za-z0-9_]+)");

  private SpecFingerprint() {}

  /** The hex fingerprint of {@code model}; throws {@link IOException} if a file cannot be read. */
  public static String of(ModelSpec model) throws IOException {
    MessageDigest sha = sha256();
    for (Path p : modules(model).values()) {
      add(sha, p);
    }
    add(sha, model.config());
    return HexFormat.of().formatHex(sha.digest());
  }

  /** The spec and the modules it reaches that the module path holds, by module name. */
  static Map<String, Path> modules(ModelSpec model) throws IOException {
    Map<String, Path> found = new TreeMap<>();
    found.put(model.moduleName(), model.spec());
    Deque<Path> todo = new ArrayDeque<>();
    todo.add(model.spec());
    while (!todo.isEmpty()) {
      String text = Files.readString(todo.pop(), StandardCharsets.UTF_8);
      for (String name : referenced(text)) {
        if (found.containsKey(name)) {
          continue;
        }
        for (Path dir : model.modulePath()) {
          Path f = dir.resolve(name + ".tla");
          if (Files.isRegularFile(f)) {
            found.put(name, f);
            todo.add(f);
            break;
          }
        }
      }
    }
    return found;
  }

  private static java.util.List<String> referenced(String text) {
    java.util.List<String> out = new java.util.ArrayList<>();
    Matcher e = EXTENDS.matcher(text);
    while (e.find()) {
      if (wordStart(text, e.start())) {
        com.google.common.base.Splitter.on(',').trimResults().split(e.group(1)).forEach(out::add);
      }
    }
    Matcher i = INSTANCE.matcher(text);
    while (i.find()) {
      if (wordStart(text, i.start())) {
        out.add(i.group(1));
      }
    }
    return out;
  }

  /** Whether a keyword at {@code at} starts a word (what {@code \\b} tested before it). */
  private static boolean wordStart(String text, int at) {
    if (at == 0) {
      return true;
    }
    char c = text.charAt(at - 1);
    return !(Character.isLetterOrDigit(c) || c == '_');
  }

  private static void add(MessageDigest sha, Path file) throws IOException {
    sha.update(file.getFileName().toString().getBytes(StandardCharsets.UTF_8));
    sha.update((byte) 0);
    byte[] bytes = Files.readAllBytes(file);
    sha.update(Long.toString(bytes.length).getBytes(StandardCharsets.UTF_8));
    sha.update((byte) 0);
    sha.update(bytes);
  }

  private static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new AssertionError("every Java runtime has SHA-256", e);
    }
  }
}
