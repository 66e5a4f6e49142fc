package org.vfiomc.checker.spec;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;

/**
 * The SHA-256 of everything a model's verdict can depend on in its folder: every {@code .tla} file
 * beside the spec (the modules it may EXTEND or INSTANCE, by name and content, in name order) and
 * its {@code .cfg}. Two checks of a model with the same fingerprint checked the same input, so a
 * recorded result can stand in for a new TLC run.
 */
public final class SpecFingerprint {
  private SpecFingerprint() {}

  /** The hex fingerprint of {@code model}; throws {@link IOException} if a file cannot be read. */
  public static String of(ModelSpec model) throws IOException {
    MessageDigest sha = sha256();
    Path dir = model.spec().toAbsolutePath().getParent();
    List<Path> modules;
    try (Stream<Path> s = Files.list(dir)) {
      modules =
          s.filter(p -> p.getFileName().toString().endsWith(".tla"))
              .sorted((a, b) -> a.getFileName().toString().compareTo(b.getFileName().toString()))
              .toList();
    }
    for (Path p : modules) {
      add(sha, p);
    }
    add(sha, model.config());
    return HexFormat.of().formatHex(sha.digest());
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
