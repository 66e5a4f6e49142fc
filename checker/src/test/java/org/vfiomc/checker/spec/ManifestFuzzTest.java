package org.vfiomc.checker.spec;

import static org.junit.jupiter.api.Assertions.assertFalse;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.vfiomc.checker.FuzzLimits;

/**
 * Coverage-guided fuzzing of the manifest parser ({@link Manifest#load} and {@link Manifest#tours},
 * given the text of {@code suite.json}): any input gives models or a {@link ManifestException} with
 * a message, never another exception or a hang. The manifest's folder holds one spec and config
 * ({@code A.tla}, {@code A.cfg}) and a library folder {@code lib}, so that paths in it can resolve.
 * Seeds (a manifest using every field) and crash reproducers: {@code
 * ManifestFuzzTestInputs/loadManifest} in the test resources.
 */
final class ManifestFuzzTest {
  /** The manifest's folder; JUnit removes it when the class is done. */
  @TempDir static Path dir;

  @BeforeAll
  static void folder() throws IOException {
    Files.writeString(dir.resolve("A.tla"), "---- MODULE A ----\n====\n");
    Files.writeString(dir.resolve("A.cfg"), "INIT Init\n");
    Files.createDirectories(dir.resolve("lib"));
  }

  @FuzzTest(maxExecutions = FuzzLimits.EXECUTIONS, maxDuration = FuzzLimits.DURATION)
  void loadManifest(byte[] input) {
    String text = new String(input, StandardCharsets.UTF_8);
    Path file = dir.resolve(Manifest.FILE_NAME);
    try {
      Manifest.load(file, text);
      Manifest.tours(file, text);
    } catch (ManifestException e) {
      assertFalse(e.getMessage() == null || e.getMessage().isBlank(), "blank message");
    }
  }
}
