package org.vfiomc.checker;

import java.nio.file.Files;
import java.nio.file.Path;

/** Locates the repository root for tests that read {@code specs/}. */
public final class RepoRoot {
  private RepoRoot() {}

  /**
   * The {@code vfiomc.root} system property (set by Surefire from the parent POM), else the first
   * directory upwards from the working directory that holds {@code specs/}.
   */
  public static Path get() {
    String prop = System.getProperty("vfiomc.root");
    if (prop != null && !prop.isBlank() && Files.isDirectory(Path.of(prop, "specs"))) {
      return Path.of(prop).toAbsolutePath().normalize();
    }
    for (Path p = Path.of("").toAbsolutePath(); p != null; p = p.getParent()) {
      if (Files.isDirectory(p.resolve("specs"))) {
        return p;
      }
    }
    throw new IllegalStateException(
        "no directory with specs/ above " + Path.of("").toAbsolutePath());
  }

  /** {@code specs/examples}. */
  public static Path examples() {
    return get().resolve("specs").resolve("examples");
  }
}
