package org.vfiomc.checker.tlc;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The command line of a forked TLC or exploration JVM: this process's Java runtime and class path
 * (made absolute: the child runs in its own directory), the parallel collector TLC is tuned for,
 * and the child's own {@code java.io.tmpdir}.
 *
 * <p>Class-data sharing: when the class path is one jar with an archive {@value #CHILD_ARCHIVE}
 * beside it (the build dumps one from a small check, see {@code checker/pom.xml}), the child maps
 * it ({@code -XX:SharedArchiveFile}, {@code -Xshare:auto}): the JVM then skips parsing and
 * verifying the classes a check loads, about 0.4 s of CPU per child. An archive that does not match
 * the jar (rebuilt since) is ignored by the JVM, and its warnings go to standard error, never onto
 * the child link on standard output. The system property {@value #DUMP_PROPERTY} makes the children
 * dump such an archive instead (the build sets it). An earlier measurement found a small model's
 * archive made the 191,199-state {@code RxDmaIommuShift} (now {@code RxDmaIommuShiftFrames3}) three
 * times slower; measured again with the archive the build dumps, it is not (README, "checker vs raw
 * TLC").
 */
public final class ChildJvm {
  /** The children's class-data archive, beside the checker's jar. */
  public static final String CHILD_ARCHIVE = "checker-child.jsa";

  /** A path here makes the children dump their class-data archive to it (the build's run). */
  public static final String DUMP_PROPERTY = "vfiomc.child.cds.dump";

  private final String java;
  private final String classPath;
  private final List<String> sharing;

  private ChildJvm(String java, String classPath, List<String> sharing) {
    this.java = java;
    this.classPath = classPath;
    this.sharing = List.copyOf(sharing);
  }

  /** The child JVM of this process: same Java runtime, same class path, the jar's archive. */
  public static ChildJvm ofThisProcess() {
    String cp = absolute(System.getProperty("java.class.path"));
    return new ChildJvm(
        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        cp,
        sharing(cp, System.getProperty(DUMP_PROPERTY)));
  }

  /** A child JVM with an explicit runtime and class path; for tests. */
  static ChildJvm of(String java, String classPath) {
    return new ChildJvm(java, classPath, List.of());
  }

  /** The class-data sharing options for a child with this class path. */
  static List<String> sharing(String classPath, String dumpTo) {
    List<String> quiet = List.of("-Xlog:disable", "-Xlog:all=warning:stderr");
    if (dumpTo != null && !dumpTo.isEmpty()) {
      List<String> o = new ArrayList<>(quiet);
      o.add("-XX:ArchiveClassesAtExit=" + Path.of(dumpTo).toAbsolutePath());
      return o;
    }
    if (classPath.contains(File.pathSeparator) || !classPath.endsWith(".jar")) {
      return List.of(); // classes from folders (tests, IDE): nothing archived for them
    }
    Path parent = Path.of(classPath).getParent();
    Path archive = parent == null ? null : parent.resolve(CHILD_ARCHIVE);
    if (archive == null || !Files.isRegularFile(archive)) {
      return List.of();
    }
    List<String> o = new ArrayList<>(quiet);
    o.add("-Xshare:auto");
    o.add("-XX:SharedArchiveFile=" + archive);
    return o;
  }

  /**
   * The command that runs {@code main} with {@code args}, {@code tmp} as its {@code java.io.tmpdir}
   * and the extra JVM options.
   */
  public List<String> command(Path tmp, List<String> jvmOptions, String main, List<String> args) {
    List<String> cmd = new ArrayList<>();
    cmd.add(java);
    cmd.add("-XX:+UseParallelGC");
    cmd.add("-Djava.io.tmpdir=" + tmp);
    cmd.addAll(sharing);
    cmd.addAll(jvmOptions);
    cmd.add("-cp");
    cmd.add(classPath);
    cmd.add(main);
    cmd.addAll(args);
    return List.copyOf(cmd);
  }

  /** The class path with absolute entries. */
  static String absolute(String classPath) {
    return Stream.of(classPath.split(File.pathSeparator))
        .filter(e -> !e.isEmpty())
        .map(e -> Path.of(e).toAbsolutePath().toString())
        .collect(Collectors.joining(File.pathSeparator));
  }
}
