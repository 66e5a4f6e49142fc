package org.vfiomc.checker.spec;

import static org.junit.jupiter.api.Assertions.assertFalse;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.vfiomc.checker.FuzzLimits;

/**
 * Coverage-guided fuzzing of the manifest parser ({@link Manifest#load} and {@link
 * Manifest#tours}): any bytes in {@code suite.json} give models or a {@link ManifestException} with
 * a message, never another exception or a hang. The manifest sits in a folder with one spec and
 * config ({@code A.tla}, {@code A.cfg}) and a library folder {@code lib}, so that paths in it can
 * resolve. Seeds (the committed manifests' shapes) and crash reproducers: {@code
 * ManifestFuzzTestInputs/loadManifest} in the test resources.
 */
final class ManifestFuzzTest {
  private static final Path DIR = folder();

  private static Path folder() {
    try {
      Path d = Files.createTempDirectory("vfiomc-fuzz-manifest-");
      Files.writeString(d.resolve("A.tla"), "---- MODULE A ----\n====\n");
      Files.writeString(d.resolve("A.cfg"), "INIT Init\n");
      Files.createDirectories(d.resolve("lib"));
      d.toFile().deleteOnExit();
      return d;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @FuzzTest(maxExecutions = FuzzLimits.EXECUTIONS, maxDuration = FuzzLimits.DURATION)
  void loadManifest(byte[] input) throws IOException {
    Path file = DIR.resolve(Manifest.FILE_NAME);
    Files.write(file, input);
    try {
      Manifest.load(file);
      Manifest.tours(file);
    } catch (ManifestException e) {
      assertFalse(e.getMessage() == null || e.getMessage().isBlank(), "blank message");
    }
  }
}
