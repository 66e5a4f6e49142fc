package org.vfiomc.checker.spec;

import static org.junit.jupiter.api.Assertions.assertFalse;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
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
  private static final Path FILE = folder().resolve(Manifest.FILE_NAME);

  private static Path folder() {
    try {
      Path d = Files.createTempDirectory("vfiomc-fuzz-manifest-");
      Files.writeString(d.resolve("A.tla"), "---- MODULE A ----\n====\n");
      Files.writeString(d.resolve("A.cfg"), "INIT Init\n");
      Files.createDirectories(d.resolve("lib"));
      return d;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @FuzzTest(maxExecutions = FuzzLimits.EXECUTIONS, maxDuration = FuzzLimits.DURATION)
  void loadManifest(byte[] input) {
    String text = new String(input, StandardCharsets.UTF_8);
    try {
      Manifest.load(FILE, text);
      Manifest.tours(FILE, text);
    } catch (ManifestException e) {
      assertFalse(e.getMessage() == null || e.getMessage().isBlank(), "blank message");
    }
  }
}
