package org.vfiomc.checker.tlc.link;

import java.io.File;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Part of the link between the checker and its TLC children. Where a TLC child looks up the modules
 * a spec EXTENDS or INSTANCEs. The parent passes the folders as TLC's own {@code TLA-Library}
 * system property ({@code tlc2.TLC}'s command line documents the same property); the child resolves
 * the spec's folder first, then those folders, then TLC's standard modules.
 */
public final class ModuleSearch {
  /** TLC's system property naming library folders, separated by {@link File#pathSeparator}. */
  public static final String PROPERTY = "TLA-Library";

  private ModuleSearch() {}

  /** The child JVM option that hands {@code folders} to the child. */
  public static List<String> jvmOptions(List<Path> folders) {
    if (folders.isEmpty()) {
      return List.of();
    }
    return List.of("-D" + PROPERTY + "=" + value(folders));
  }

  /** The property's value for {@code folders} (empty for none). */
  public static String value(List<Path> folders) {
    List<String> names = folders.stream().map(p -> p.toAbsolutePath().toString()).toList();
    return String.join(File.pathSeparator, names);
  }

  /** In the child: the spec's folder, then the folders the parent passed. */
  public static String[] folders(Path specFolder) {
    List<String> out = new ArrayList<>();
    out.add(specFolder.toAbsolutePath().toString());
    String prop = System.getProperty(PROPERTY);
    if (prop != null && !prop.isBlank()) {
      for (String s : prop.split(java.util.regex.Pattern.quote(File.pathSeparator), -1)) {
        if (!s.isBlank() && !out.contains(s)) {
          out.add(s);
        }
      }
    }
    return out.toArray(String[]::new);
  }
}
