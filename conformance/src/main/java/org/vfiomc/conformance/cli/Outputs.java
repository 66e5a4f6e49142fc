package org.vfiomc.conformance.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Checks an output file before a command runs, so that an unwritable {@code --json} or {@code
 * --record} is a usage error (exit 2) at once, not an exception after the whole run. The check
 * creates nothing: an existing target must be a writable regular file, a new one needs an existing
 * writable directory. (Writing can still fail later, e.g. on a full disk; the commands report that
 * as exit 2 too.)
 */
final class Outputs {
  private Outputs() {}

  /** Why {@code file} cannot be written, or empty when it can (or when there is no file). */
  static Optional<String> problem(Path file) {
    if (file == null) {
      return Optional.empty();
    }
    if (Files.exists(file)) {
      if (Files.isDirectory(file)) {
        return Optional.of("is a directory");
      }
      if (!Files.isRegularFile(file)) {
        return Optional.of("exists and is not a regular file");
      }
      return Files.isWritable(file) ? Optional.empty() : Optional.of("not writable");
    }
    Path parent = file.toAbsolutePath().getParent();
    if (parent == null || !Files.exists(parent)) {
      return Optional.of("its directory " + parent + " does not exist");
    }
    if (!Files.isDirectory(parent)) {
      return Optional.of(parent + " is not a directory");
    }
    return Files.isWritable(parent)
        ? Optional.empty()
        : Optional.of("its directory " + parent + " is not writable");
  }
}
