package org.vfiomc.checker.tlc.link;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * Best-effort removal of the temporary trees the checker and its children create (TLC work
 * directories, mutant copies): one shared walk so that the parent's cleanup, the shutdown hooks and
 * a child watching its parent delete the same way.
 */
public final class TempTrees {
  private TempTrees() {}

  /**
   * Deletes {@code root} and everything under it, deepest first; a file that vanishes or cannot be
   * deleted is skipped (a leftover temporary directory changes no result).
   */
  public static void deleteTree(Path root) {
    if (!Files.exists(root)) {
      return;
    }
    try (Stream<Path> paths = Files.walk(root)) {
      paths.sorted(Comparator.reverseOrder()).forEach(TempTrees::deleteQuietly);
    } catch (IOException | UncheckedIOException e) {
      // a file vanished or appeared while walking: best effort
    }
  }

  private static void deleteQuietly(Path p) {
    try {
      Files.deleteIfExists(p);
    } catch (IOException e) {
      // best effort, see deleteTree
    }
  }
}
