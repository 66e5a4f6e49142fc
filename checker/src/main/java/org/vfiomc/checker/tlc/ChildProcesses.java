package org.vfiomc.checker.tlc;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.vfiomc.checker.tlc.link.ExitSweeper;
import org.vfiomc.checker.tlc.link.TempTrees;

/**
 * The forked JVMs of one runner and their work directories. If the checker is stopped (Ctrl-C,
 * SIGTERM) a shutdown hook first kills every running child with its descendants, waits briefly for
 * them to go, and then deletes every work directory still registered. {@code kill -9} of the
 * checker runs no hook; then each child notices on its own ({@code tlc.link.ParentWatch}).
 */
final class ChildProcesses {
  private static final long KILL_WAIT_MILLIS = 3000;

  /** Work directory to the child using it; a directory without a started child maps to itself. */
  private final Map<Path, Object> live = new ConcurrentHashMap<>();

  private final Thread hook = new Thread(this::shutdown, "vfiomc-child-cleanup");
  private boolean hooked;
  private boolean stopping;

  /**
   * Started by a lease when none is running, ended when the last lease closes (so an idle runner
   * keeps no shell); {@code null} in between or when no shell is there.
   */
  private ExitSweeper sweeper;

  /** One child's work directory and, once started, its process; closing deletes the directory. */
  final class Lease implements AutoCloseable {
    private final Path work;

    private Lease(Path work) {
      this.work = work;
    }

    /** The work directory. */
    Path work() {
      return work;
    }

    /**
     * The child using the directory has been started; if the checker is already stopping, the child
     * is killed at once (the shutdown hook may have listed the children before it).
     */
    void started(Process process) {
      boolean stop;
      synchronized (ChildProcesses.this) {
        stop = stopping;
        live.put(work, process);
      }
      if (stop) {
        killQuietly(process); // the hook waits for it, then deletes the directory
      }
    }

    /** The child is done (or never started): forget it and delete the directory. */
    @Override
    public void close() {
      live.remove(work);
      deleteTree(work);
      synchronized (ChildProcesses.this) {
        if (live.isEmpty() && sweeper != null) {
          sweeper.close();
          sweeper = null;
        }
      }
    }
  }

  /**
   * Creates a work directory named {@code prefix}... under {@code root} (the system temp folder
   * when {@code null}) and registers it, under the same lock the shutdown hook takes to begin the
   * stop: a directory is either never created or deleted by the hook, even when the stop comes
   * while the runner is between creating it and starting its child.
   *
   * @throws IOException the directory cannot be made, or the checker is stopping
   */
  synchronized Lease leaseNew(Path root, String prefix) throws IOException {
    if (stopping) {
      throw new IOException("the checker is stopping");
    }
    Path work =
        root == null ? Files.createTempDirectory(prefix) : Files.createTempDirectory(root, prefix);
    return lease(work);
  }

  /**
   * Registers {@code work} (already created) so that a stopped checker deletes it.
   *
   * @throws IOException the checker is stopping (SIGINT, SIGTERM): {@code work} is deleted and no
   *     child may start
   */
  synchronized Lease lease(Path work) throws IOException {
    if (stopping) {
      deleteTree(work);
      throw new IOException("the checker is stopping");
    }
    installHook();
    if (sweeper == null) {
      sweeper = ExitSweeper.start();
    }
    if (sweeper != null) {
      sweeper.watch(work);
    }
    live.put(work, work);
    return new Lease(work);
  }

  private synchronized void installHook() {
    if (!hooked) {
      Runtime.getRuntime().addShutdownHook(hook);
      hooked = true;
    }
  }

  /**
   * Kills the children, waits for them and deletes every registered directory. A lease whose child
   * is still being spawned (the JDK's spawn helper is starting it, and the child may yet create
   * files in its directory) is waited for until its child is started (and then killed by {@link
   * Lease#started}) or its lease closes, within the same {@link #KILL_WAIT_MILLIS}.
   */
  private void shutdown() {
    synchronized (this) {
      stopping = true;
    }
    long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(KILL_WAIT_MILLIS);
    List<Process> processes = processes();
    processes.forEach(ChildProcesses::killQuietly);
    while (live.values().stream().anyMatch(v -> !(v instanceof Process))
        && System.nanoTime() < deadline) {
      try {
        Thread.sleep(20);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        break;
      }
    }
    for (Process p : processes()) {
      try {
        p.waitFor(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        break;
      }
    }
    live.keySet().forEach(ChildProcesses::deleteTree);
  }

  private List<Process> processes() {
    return live.values().stream()
        .filter(Process.class::isInstance)
        .map(Process.class::cast)
        .toList();
  }

  static void killQuietly(Process p) {
    p.descendants().forEach(ProcessHandle::destroyForcibly);
    p.destroyForcibly();
  }

  /** Kills the child and every process it started, and waits until they are gone. */
  static void killTree(Process process) {
    List<ProcessHandle> descendants = process.descendants().toList();
    descendants.forEach(ProcessHandle::destroyForcibly);
    process.destroyForcibly();
    process.onExit().join();
    for (ProcessHandle h : descendants) {
      h.onExit().join();
    }
  }

  /** Deletes {@code root} and everything under it, best effort. */
  static void deleteTree(Path root) {
    TempTrees.deleteTree(root);
  }
}
