package org.vfiomc.checker.cli;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Checks, before any model runs, that the files and folders a command will write can be written: a
 * refused output costs a usage error (exit 2) at once instead of after the whole suite ran.
 *
 * <p>The check creates nothing. A file may exist (a regular file or a device such as {@code
 * /dev/stdout}, writable) or be missing with its nearest existing ancestor a writable folder, which
 * the report writers create the missing folders under.
 */
final class OutputFiles {
  private OutputFiles() {}

  /**
   * Refuses an output file {@code option} names that cannot be written.
   *
   * @throws IllegalArgumentException naming the option, the path and why
   */
  static void requireWritableFile(String option, Path file) {
    Path abs = file.toAbsolutePath().normalize();
    if (Files.isDirectory(abs)) {
      throw refused(option, file, "it is a folder");
    }
    if (Files.exists(abs)) {
      if (!Files.isWritable(abs)) {
        throw refused(option, file, "it is not writable");
      }
      return;
    }
    requireCreatable(option, file, abs.getParent());
  }

  /**
   * Refuses an output folder {@code option} names that cannot be created or written into.
   *
   * @throws IllegalArgumentException naming the option, the path and why
   */
  static void requireWritableFolder(String option, Path folder) {
    Path abs = folder.toAbsolutePath().normalize();
    if (Files.exists(abs)) {
      if (!Files.isDirectory(abs)) {
        throw refused(option, folder, "it is not a folder");
      }
      if (!Files.isWritable(abs)) {
        throw refused(option, folder, "it is not writable");
      }
      return;
    }
    requireCreatable(option, folder, abs.getParent());
  }

  /** The nearest existing ancestor of {@code parent} must be a writable folder. */
  private static void requireCreatable(String option, Path given, Path parent) {
    Path p = parent;
    while (p != null && !Files.exists(p)) {
      p = p.getParent();
    }
    if (p == null) {
      throw refused(option, given, "no part of its folder exists");
    }
    if (!Files.isDirectory(p)) {
      throw refused(option, given, p + " is not a folder");
    }
    if (!Files.isWritable(p)) {
      throw refused(option, given, "folder " + p + " is not writable");
    }
  }

  private static IllegalArgumentException refused(String option, Path path, String why) {
    return new IllegalArgumentException(option + " " + path + ": cannot write there: " + why);
  }
}
