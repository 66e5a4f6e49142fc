package org.vfiomc.checker.tlc;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The command line of a forked TLC or exploration JVM, with an application class-data-sharing
 * archive when the checker runs from its shaded jar.
 *
 * <p>Every model costs one child JVM, and for the small models that are most of the suite, loading
 * and verifying TLC's and SANY's classes is most of that JVM's work (about 0.4 s of CPU of a 1.0 s
 * run for a 13-state model). JDK 17's dynamic CDS archive removes it: the first child of a jar
 * dumps the classes it loaded ({@code -XX:ArchiveClassesAtExit}), later children map them ({@code
 * -XX:SharedArchiveFile}). The archive sits beside the jar, named after the jar's size and
 * modification time and the Java runtime, so a rebuilt jar or another JDK gets a new archive and
 * never a stale one; a child that cannot map it runs without it (the JVM falls back by itself, and
 * the CDS log, which would otherwise print to standard output, is off). CDS is only used when the
 * class path is exactly one jar in a writable directory (not from {@code target/classes}, as under
 * Maven's tests), and {@code -Dvfiomc.cds=false} turns it off.
 *
 * <p>Dumping is coordinated without shared state: each dumping child writes its own temporary file,
 * and the first to exit cleanly moves it into place atomically.
 */
final class ChildJvm {
  private final String java;
  private final String classPath;
  private final Path archive;
  private final AtomicBoolean dumping = new AtomicBoolean();

  private ChildJvm(String java, String classPath, Path archive) {
    this.java = java;
    this.classPath = classPath;
    this.archive = archive;
  }

  /** The child JVM of this process: same Java runtime, same class path. */
  static ChildJvm ofThisProcess() {
    String classPath = absolute(System.getProperty("java.class.path"));
    boolean enabled = !"false".equals(System.getProperty("vfiomc.cds"));
    return new ChildJvm(
        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        classPath,
        enabled ? archiveFor(classPath, runtimeId()) : null);
  }

  /** A child JVM with an explicit archive location ({@code null}: no CDS); for tests. */
  static ChildJvm of(String java, String classPath, Path archive) {
    return new ChildJvm(java, classPath, archive);
  }

  /**
   * One start of a child: its command, and where it dumps an archive ({@code null}: it does not).
   */
  record Launch(List<String> command, Path dumpTo) {}

  /**
   * The command that runs {@code main} with {@code args}, {@code tmp} as its {@code java.io.tmpdir}
   * and the extra JVM options.
   */
  Launch launch(Path tmp, List<String> jvmOptions, String main, List<String> args) {
    List<String> cmd = new ArrayList<>();
    cmd.add(java);
    cmd.add("-XX:+UseParallelGC");
    Path dumpTo = null;
    if (archive != null) {
      cmd.add("-Xlog:cds*=off");
      if (Files.isRegularFile(archive)) {
        cmd.add("-XX:SharedArchiveFile=" + archive);
      } else if (dumping.compareAndSet(false, true)) {
        dumpTo =
            archive.resolveSibling(
                archive.getFileName()
                    + "."
                    + ProcessHandle.current().pid()
                    + "-"
                    + System.nanoTime());
        cmd.add("-XX:ArchiveClassesAtExit=" + dumpTo);
      }
    }
    cmd.add("-Djava.io.tmpdir=" + tmp);
    cmd.addAll(jvmOptions);
    cmd.add("-cp");
    cmd.add(classPath);
    cmd.add(main);
    cmd.addAll(args);
    return new Launch(List.copyOf(cmd), dumpTo);
  }

  /**
   * Called when a launched child has exited: publishes the archive it dumped if it exited with
   * {@code status} 0, else lets the next child try.
   */
  void exited(Launch launch, int status) {
    if (launch.dumpTo() == null) {
      return;
    }
    try {
      if (status == 0 && Files.isRegularFile(launch.dumpTo()) && !Files.exists(archive)) {
        Files.move(launch.dumpTo(), archive, StandardCopyOption.ATOMIC_MOVE);
      }
    } catch (IOException e) {
      // another process published first, or the directory is read-only: run without the archive
    } finally {
      try {
        Files.deleteIfExists(launch.dumpTo());
      } catch (IOException e) {
        // best effort: a leftover dump file changes no result
      }
      dumping.set(false);
    }
  }

  /** The archive location for {@code classPath}, or {@code null} when CDS does not apply. */
  static Path archiveFor(String classPath, String runtimeId) {
    if (classPath.isEmpty() || classPath.contains(File.pathSeparator)) {
      return null;
    }
    Path jar = Path.of(classPath);
    if (!jar.getFileName().toString().endsWith(".jar")
        || !Files.isRegularFile(jar)
        || !Files.isWritable(jar.getParent())) {
      return null;
    }
    try {
      long stamp = Files.getLastModifiedTime(jar).toMillis() * 31 + Files.size(jar);
      String key =
          Integer.toHexString((Long.toString(stamp) + "|" + runtimeId).hashCode())
              .toLowerCase(Locale.ROOT);
      String name = jar.getFileName().toString();
      return jar.resolveSibling(name.substring(0, name.length() - 4) + "-" + key + ".jsa");
    } catch (IOException e) {
      return null;
    }
  }

  private static String runtimeId() {
    return System.getProperty("java.home") + "|" + System.getProperty("java.vm.version");
  }

  /** The class path with absolute entries (the child runs in its own directory). */
  private static String absolute(String classPath) {
    return Stream.of(classPath.split(File.pathSeparator))
        .filter(e -> !e.isEmpty())
        .map(e -> Path.of(e).toAbsolutePath().toString())
        .collect(Collectors.joining(File.pathSeparator));
  }
}
