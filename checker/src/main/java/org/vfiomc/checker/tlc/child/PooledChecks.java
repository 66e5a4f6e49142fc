package org.vfiomc.checker.tlc.child;

import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import javax.management.JMException;
import javax.management.MBeanServer;
import javax.management.ObjectName;
import org.vfiomc.checker.result.ModelSource;

/**
 * The job loop of a reused checking JVM ({@code TlcChild --pool}): a JVM start and the JDK's own
 * warm-up (class loading, the platform MBean server TLC registers its beans with, locale data, the
 * JIT's work on JDK code) cost about as much CPU as a small model's whole check, so the parent
 * hands one JVM several checks in turn.
 *
 * <p>Isolation. TLC keeps parse and evaluation state in static fields ({@code UniqueString}'s
 * intern table with the locations it stores, {@code TLCGlobals}, the fingerprint set), so two
 * checks must never share TLC's classes. Each job therefore runs in a new class loader over this
 * JVM's class path whose parent is the platform class loader: TLC's classes and the checker's are
 * defined anew for every job, and every static field starts from its initial value, as TLC's own
 * tests isolate their runs. What the JDK keeps for the whole JVM is put back after each job: the
 * system properties (TLC's module path, {@code TLA-Library}, is one) and the MBeans TLC registered
 * (their names would clash with the next job's). The threads TLC leaves waiting (its disk state
 * queue's reader, writer and cleaner) stay parked on their own job's objects; nothing wakes them,
 * and they keep that job's classes in memory, which is why the parent ends a JVM after a few jobs.
 *
 * <p>Protocol: standard input carries jobs, each a line {@code JOB n} and then n lines (the library
 * line and the arguments, as for {@link TlcChild#JOB_ON_STDIN}); each job sends its progress and
 * exactly one result on the link, and the next job starts after it. End of input ends the loop.
 */
final class PooledChecks {
  /** The first line of a job: {@value} and the number of lines that follow. */
  static final String FRAME = "JOB ";

  private static final ObjectName TLC_BEANS = tlcBeans();

  private PooledChecks() {}

  /** Runs check jobs ({@link TlcChild#runJob}) from standard input until it ends. */
  static void serve(PrintStream link) {
    serve(
        link,
        TlcChild.class.getName(),
        e ->
            new ChildChannel(link, status -> {})
                .result(
                    TlcChild.failed("cannot start the check in a reused JVM: " + e),
                    List.of(),
                    ModelSource.UNKNOWN));
  }

  /**
   * Runs jobs from standard input until it ends (a malformed frame ends it too): each calls the
   * static {@code runJob(PrintStream, List)} of {@code jobClass}, defined anew by the job's own
   * class loader, which answers on {@code link}; {@code cannotStart} answers for a job whose class
   * could not be loaded or called.
   */
  static void serve(PrintStream link, String jobClass, Consumer<Throwable> cannotStart) {
    URL[] classPath = classPath();
    BufferedReader in =
        new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
    try {
      for (List<String> job = readFrame(in); job != null; job = readFrame(in)) {
        runIsolated(link, classPath, jobClass, job, cannotStart);
      }
    } catch (IOException e) {
      // the parent is gone or sent garbage: no further job
    }
  }

  /** The next job, or null at the end of input; a line that is no frame ends input. */
  static List<String> readFrame(BufferedReader in) throws IOException {
    String head = in.readLine();
    if (head == null || !head.startsWith(FRAME)) {
      return null;
    }
    int n;
    try {
      n = Integer.parseInt(head.substring(FRAME.length()).trim());
    } catch (NumberFormatException e) {
      return null;
    }
    List<String> lines = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      String line = in.readLine();
      if (line == null) {
        return null;
      }
      lines.add(line);
    }
    return lines;
  }

  /** Runs one job in a class loader of its own and puts the JVM-wide state back afterwards. */
  private static void runIsolated(
      PrintStream link,
      URL[] classPath,
      String jobClass,
      List<String> job,
      Consumer<Throwable> cannotStart) {
    Properties saved = (Properties) System.getProperties().clone();
    AtomicReference<Throwable> failure = new AtomicReference<>();
    try (URLClassLoader loader =
        new URLClassLoader("vfiomc-check", classPath, ClassLoader.getPlatformClassLoader())) {
      Thread t =
          new Thread(
              () -> {
                try {
                  Class.forName(jobClass, true, loader)
                      .getMethod("runJob", PrintStream.class, List.class)
                      .invoke(null, link, job);
                } catch (ReflectiveOperationException | RuntimeException | LinkageError e) {
                  failure.set(e);
                }
              },
              "vfiomc-check");
      t.setContextClassLoader(loader);
      t.start();
      t.join();
    } catch (IOException e) {
      // closing the loader's jar failed: the job has run
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      failure.compareAndSet(null, e);
    } finally {
      System.setProperties(saved);
      unregisterTlcBeans();
    }
    if (failure.get() != null) {
      cannotStart.accept(failure.get()); // runJob never throws: the job could not start
    }
  }

  private static void unregisterTlcBeans() {
    MBeanServer server = ManagementFactory.getPlatformMBeanServer();
    for (ObjectName name : server.queryNames(TLC_BEANS, null)) {
      try {
        server.unregisterMBean(name);
      } catch (JMException e) {
        // gone already
      }
    }
  }

  private static ObjectName tlcBeans() {
    try {
      return new ObjectName("tlc2*:*");
    } catch (JMException e) {
      throw new IllegalStateException(e);
    }
  }

  private static URL[] classPath() {
    List<URL> urls = new ArrayList<>();
    String path = System.getProperty("java.class.path");
    int from = 0;
    while (from <= path.length()) {
      int end = path.indexOf(File.pathSeparatorChar, from);
      String entry = path.substring(from, end < 0 ? path.length() : end);
      from = end < 0 ? path.length() + 1 : end + 1;
      if (entry.isEmpty()) {
        continue;
      }
      try {
        urls.add(Path.of(entry).toAbsolutePath().toUri().toURL());
      } catch (MalformedURLException e) {
        throw new IllegalStateException("class path entry " + entry + ": " + e.getMessage(), e);
      }
    }
    return urls.toArray(URL[]::new);
  }
}
