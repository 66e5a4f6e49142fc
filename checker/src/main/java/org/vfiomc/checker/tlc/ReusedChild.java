package org.vfiomc.checker.tlc;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.vfiomc.checker.tlc.child.TlcChild;
import org.vfiomc.checker.tlc.link.ChildExit;
import org.vfiomc.checker.tlc.link.ParentLink;

/**
 * The parent's side of a JVM that runs several checks or explorations in turn ({@code TlcChild
 * --pool}, {@code ExploreChild --pool}; each job in a class loader of its own: see {@code
 * tlc.child.PooledChecks}). The child's link lines are read into a queue as they come, so that each
 * job reads its own messages up to its result; the end of the link is an empty element. A job that
 * times out, or a child that dies, ends the child: it is killed with its descendants and its work
 * directory deleted.
 */
final class ReusedChild {
  private static final int STDERR_TAIL_LINES = 20;
  private static final long RETIRE_WAIT_MILLIS = 5000;

  private final Process process;
  private final ChildProcesses.Lease lease;
  private final BlockingQueue<Optional<String>> lines = new LinkedBlockingQueue<>();
  private final StderrTail stderr = new StderrTail(STDERR_TAIL_LINES);
  private volatile Consumer<String> warnings = w -> {};
  private int jobs;

  private ReusedChild(Process process, ChildProcesses.Lease lease) {
    this.process = process;
    this.lease = lease;
  }

  /**
   * Starts a reused checking child with the JVM options {@code jvmOptions} in a new work directory
   * under {@code tempRoot} (the system temp dir when null).
   */
  static ReusedChild start(
      ChildJvm jvm, List<String> jvmOptions, ChildProcesses children, Path tempRoot)
      throws IOException {
    return start(
        jvm,
        jvmOptions,
        children,
        tempRoot,
        "vfiomc-tlc-",
        TlcChild.class.getName(),
        TlcChild.POOL);
  }

  /**
   * Starts {@code main} with its one argument {@code poolArgument} as a reused child, in a new work
   * directory named {@code prefix}... under {@code tempRoot} (the system temp dir when null).
   */
  static ReusedChild start(
      ChildJvm jvm,
      List<String> jvmOptions,
      ChildProcesses children,
      Path tempRoot,
      String prefix,
      String main,
      String poolArgument)
      throws IOException {
    ChildProcesses.Lease lease = children.leaseNew(tempRoot, prefix);
    Process process;
    try {
      Path work = lease.work();
      Path tmp = Files.createDirectory(work.resolve(ForkedTlcRunner.TMP_DIR));
      List<String> options = new ArrayList<>(jvmOptions);
      options.addAll(ParentLink.jvmOptions(work));
      List<String> command = jvm.command(tmp, options, main, List.of(poolArgument));
      process = new ProcessBuilder(command).directory(work.toFile()).start();
      lease.started(process);
    } catch (IOException | RuntimeException e) {
      lease.close();
      throw e;
    }
    ReusedChild child = new ReusedChild(process, lease);
    daemon(() -> child.readLink(process.getInputStream()), "tlc-link-" + process.pid());
    daemon(
        () ->
            child.stderr.drain(
                process.getErrorStream(), ChildExit.WARNING_PREFIX, w -> child.warnings.accept(w)),
        "tlc-err-" + process.pid());
    return child;
  }

  /** Whether {@code lines} can go to a child as lines of a job: none holds a line break. */
  static boolean fitsOnLines(List<String> lines) {
    return lines.stream().noneMatch(a -> a.indexOf('\n') >= 0);
  }

  /** The child's work directory; each job gets a folder in it. */
  Path work() {
    return lease.work();
  }

  /** Jobs handed to this child so far. */
  int jobs() {
    return jobs;
  }

  /** Whether the child can take a job. */
  boolean alive() {
    return process.isAlive();
  }

  /**
   * Hands the child a job ({@code lines}: the library line and the arguments) and sends its
   * warnings to {@code warningSink} until the next job.
   */
  void send(List<String> job, Consumer<String> warningSink) throws IOException {
    jobs++;
    warnings = warningSink;
    StringBuilder frame = new StringBuilder("JOB ").append(job.size()).append('\n');
    for (String line : job) {
      frame.append(line).append('\n');
    }
    OutputStream in = process.getOutputStream();
    in.write(frame.toString().getBytes(StandardCharsets.UTF_8));
    in.flush();
  }

  /**
   * The child's next link line within {@code nanos}: empty at the end of the link, null when the
   * time is up.
   */
  Optional<String> next(long nanos) throws InterruptedException {
    return lines.poll(Math.max(0, nanos), TimeUnit.NANOSECONDS);
  }

  /** {@code "; stderr: ..."} of the child's last lines, or empty. */
  String stderr() {
    return stderr.describe();
  }

  /** The child's exit status once its link has ended (it is given a moment to exit). */
  String exitStatus() throws InterruptedException {
    return process.waitFor(RETIRE_WAIT_MILLIS, TimeUnit.MILLISECONDS)
        ? Integer.toString(process.exitValue())
        : "(still running)";
  }

  /** Kills the child and its descendants and deletes its work directory. */
  void kill() {
    ChildProcesses.killTree(process);
    lease.close();
  }

  /** Ends an idle child: end of input makes it exit; it is killed if it does not. */
  void retire() {
    try {
      process.getOutputStream().close();
      if (!process.waitFor(RETIRE_WAIT_MILLIS, TimeUnit.MILLISECONDS)) {
        ChildProcesses.killTree(process);
      }
    } catch (IOException e) {
      ChildProcesses.killTree(process);
    } catch (InterruptedException e) {
      ChildProcesses.killTree(process);
      Thread.currentThread().interrupt();
    }
    lease.close();
  }

  private void readLink(InputStream in) {
    try (BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
      for (String line = r.readLine(); line != null; line = r.readLine()) {
        lines.add(Optional.of(line));
      }
    } catch (IOException e) {
      // the child died or was killed mid-line
    }
    lines.add(Optional.empty());
  }

  private static void daemon(Runnable body, String name) {
    Thread t = new Thread(body, name);
    t.setDaemon(true);
    t.start();
  }
}
