package org.vfiomc.checker.tlc;

import java.io.File;
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
 * <p>Application class-data sharing was measured and left out: a dynamic archive dumped by the
 * first (small) model of a suite cut a 13-state model's child from about 1.0 to 0.6 s of CPU, but
 * made the 191,199-state {@code RxDmaIommuShift} three times slower (35 s instead of 11 s), while
 * an archive dumped by that model itself did not; which classes a run needs is not known before it
 * runs.
 */
public final class ChildJvm {
  private final String java;
  private final String classPath;

  private ChildJvm(String java, String classPath) {
    this.java = java;
    this.classPath = classPath;
  }

  /** The child JVM of this process: same Java runtime, same class path. */
  public static ChildJvm ofThisProcess() {
    return new ChildJvm(
        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        absolute(System.getProperty("java.class.path")));
  }

  /** A child JVM with an explicit runtime and class path; for tests. */
  static ChildJvm of(String java, String classPath) {
    return new ChildJvm(java, classPath);
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
