package org.vfiomc.checker.tour;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.SortedMap;
import java.util.TreeSet;
import java.util.stream.Stream;

/** Writes a corpus to its folder, or compares the folder with it ({@code --check}). */
public final class CorpusFiles {
  private CorpusFiles() {}

  /**
   * What differs between {@code out} and {@code files}: one line per file, {@code missing: P},
   * {@code stale: P} or {@code extra: P}, sorted by path. Empty when the folder is current.
   */
  public static List<String> differences(Path out, SortedMap<String, String> files)
      throws IOException {
    List<String> problems = new ArrayList<>();
    java.util.SortedSet<String> present = existing(out);
    TreeSet<String> all = new TreeSet<>(present);
    all.addAll(files.keySet());
    for (String rel : all) {
      String want = files.get(rel);
      if (want == null) {
        problems.add("extra: " + rel);
      } else if (!present.contains(rel)) {
        problems.add("missing: " + rel);
      } else if (!Files.readString(out.resolve(rel), StandardCharsets.UTF_8).equals(want)) {
        problems.add("stale: " + rel);
      }
    }
    return problems;
  }

  /**
   * Writes {@code files} under {@code out} (unchanged files are not touched) and deletes trace
   * files under {@code out} that are not part of it. Returns the number of files written or
   * deleted.
   */
  public static int write(Path out, SortedMap<String, String> files) throws IOException {
    int changed = 0;
    for (var e : files.entrySet()) {
      Path p = out.resolve(e.getKey());
      if (Files.isRegularFile(p)
          && Files.readString(p, StandardCharsets.UTF_8).equals(e.getValue())) {
        continue;
      }
      Files.createDirectories(p.getParent());
      // each file appears whole: written beside its place, then moved over it
      Path part = p.resolveSibling(p.getFileName() + ".part");
      Files.writeString(part, e.getValue(), StandardCharsets.UTF_8);
      Files.move(part, p, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
      changed++;
    }
    for (String rel : existing(out)) {
      if (!files.containsKey(rel) && rel.endsWith(".itf.json")) {
        Files.delete(out.resolve(rel));
        changed++;
      }
    }
    return changed;
  }

  private static java.util.SortedSet<String> existing(Path out) throws IOException {
    TreeSet<String> present = new TreeSet<>();
    if (!Files.isDirectory(out)) {
      return present;
    }
    try (Stream<Path> paths = Files.walk(out)) {
      paths
          .filter(Files::isRegularFile)
          .forEach(p -> present.add(out.relativize(p).toString().replace('\\', '/')));
    }
    return present;
  }
}
