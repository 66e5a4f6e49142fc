package org.vfiomc.checker.tlc;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.vfiomc.checker.tlc.child.TlcChild;
import org.vfiomc.checker.tlc.link.ParentLink;

/**
 * A TLC child started before the checker knows its job, so that the child's JVM start-up and TLC's
 * job-independent initialisation run while the checker's own JVM is still starting (parsing the
 * command line, reading the manifest): {@code cli.Main} starts one when the command is {@code
 * check}, and the first model a {@link ForkedTlcRunner} checks takes it, writing the job to the
 * child's standard input ({@link TlcChild#JOB_ON_STDIN}) instead of starting a JVM then. The child
 * runs exactly the command a {@link ForkedTlcRunner} would start for a model without extra JVM
 * options (same runtime, class path, class-data archive, collector, work dir and parent link); a
 * model that needs other options ({@code --jit quick}, {@code --distributed}) discards it.
 *
 * <p>An unused child is killed and its work directory deleted by {@link #close}, which {@code
 * cli.Main} calls before exiting and a shutdown hook calls on SIGINT or SIGTERM; after {@code kill
 * -9} of the checker the child's parent watch removes the directory and halts ({@code
 * tlc.link.ParentWatch}), and a child whose standard input ends before a job exits at once.
 */
public final class StandbyChild implements AutoCloseable {
  private static final long KILL_WAIT_MILLIS = 2000;

  private final Path work;
  private final Thread hook;
  private Process process; // set once, under the lock, right after the hook is installed
  private boolean taken;
  private boolean closed;

  private StandbyChild(Path work) {
    this.work = work;
    this.hook = new Thread(this::stop, "vfiomc-standby-cleanup");
  }

  /** Starts a standby TLC child, or returns empty when it cannot be started. */
  public static Optional<StandbyChild> start() {
    Path work = null;
    try {
      work = Files.createTempDirectory("vfiomc-tlc-");
      Path tmp = Files.createDirectory(work.resolve(ForkedTlcRunner.TMP_DIR));
      List<String> command =
          ChildJvm.ofThisProcess()
              .command(
                  tmp,
                  ParentLink.jvmOptions(work),
                  TlcChild.class.getName(),
                  List.of(TlcChild.JOB_ON_STDIN));
      // the hook first, so that a SIGTERM at any later point finds the child (it waits for the
      // lock while the child is being spawned)
      StandbyChild s = new StandbyChild(work);
      Runtime.getRuntime().addShutdownHook(s.hook);
      synchronized (s) {
        s.process = new ProcessBuilder(command).directory(work.toFile()).start();
      }
      return Optional.of(s);
    } catch (IOException | RuntimeException e) {
      if (work != null) {
        ChildProcesses.deleteTree(work);
      }
      return Optional.empty(); // the runner starts its children as usual
    }
  }

  /**
   * Hands the child to a runner, which owns its process and work directory from then on; false if
   * it was closed or taken before.
   */
  synchronized boolean take() {
    if (closed || taken || !process.isAlive()) {
      return false;
    }
    taken = true;
    return true;
  }

  /** The child's work directory (its {@code java.io.tmpdir} is {@code tmp} in it). */
  Path work() {
    return work;
  }

  /** The child's process. */
  synchronized Process process() {
    return process;
  }

  /** Kills the child and deletes its work directory, unless a runner took it. */
  @Override
  public void close() {
    synchronized (this) {
      if (taken) {
        return;
      }
    }
    stop();
    try {
      Runtime.getRuntime().removeShutdownHook(hook);
    } catch (IllegalStateException e) {
      // the JVM is shutting down: the hook finds the child gone
    }
  }

  /**
   * Kills the child, waits for it and deletes its work directory; the shutdown hook does this even
   * for a taken child, which a runner may not have registered yet (its own hook kills registered
   * children too, so a second kill and delete find nothing).
   */
  private void stop() {
    Process p;
    synchronized (this) {
      closed = true;
      p = process;
    }
    if (p != null) {
      ChildProcesses.killQuietly(p);
      try {
        p.waitFor(KILL_WAIT_MILLIS, TimeUnit.MILLISECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    ChildProcesses.deleteTree(work);
  }
}
