package org.vfiomc.checker.mutate;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.vfiomc.checker.tlc.link.ExitSweeper;
import org.vfiomc.checker.tlc.link.TempTrees;

/**
 * The temp directories and child processes of one mutation run. {@link #close} removes and kills
 * them; a shutdown hook does the same when the JVM is stopped (SIGTERM, Ctrl-C) before that; and
 * when the JVM is killed outright (SIGKILL), an {@link ExitSweeper} started with the first
 * directory removes the directories (the TLC children end themselves by their parent watch).
 */
public final class Cleanup implements AutoCloseable {
  private final Set<Path> dirs = ConcurrentHashMap.newKeySet();
  private final Set<Process> processes = ConcurrentHashMap.newKeySet();
  private final Thread hook = new Thread(this::shutdown, "mutate-cleanup");

  /** Set when the shutdown hook starts: no new directory or child may appear after it. */
  private volatile boolean stopping;

  /** Started with the first directory; {@code null} before that or when no shell is there. */
  private ExitSweeper sweeper;

  private boolean sweeperTried;

  public Cleanup() {
    Runtime.getRuntime().addShutdownHook(hook);
  }

  /** A new temp directory, removed by {@link #close} or at shutdown. */
  /** Whether the run is being stopped (SIGINT, SIGTERM): what it checks now may be cut short. */
  public boolean stopping() {
    return stopping;
  }

  public Path tempDir(String prefix) throws IOException {
    if (stopping) {
      throw new IOException("the run is stopping: no new " + prefix + " directory");
    }
    Path d = Files.createTempDirectory(prefix);
    dirs.add(d);
    sweeper().ifPresent(w -> w.watch(d));
    if (stopping) { // the hook may have swept the set before the add
      delete(d);
      throw new IOException("the run is stopping: no new " + prefix + " directory");
    }
    return d;
  }

  private synchronized Optional<ExitSweeper> sweeper() {
    if (!sweeperTried) {
      sweeperTried = true;
      sweeper = ExitSweeper.start();
    }
    return Optional.ofNullable(sweeper);
  }

  /** Removes a directory made by {@link #tempDir} now. */
  public void delete(Path dir) {
    deleteTree(dir);
    dirs.remove(dir);
  }

  /** Tracks a child process until {@link #done}. */
  void started(Process p) {
    processes.add(p);
    if (stopping) {
      kill(p);
      processes.remove(p);
    }
  }

  void done(Process p) {
    processes.remove(p);
  }

  /** Kills a process and its descendants and waits for them. */
  static void kill(Process p) {
    var descendants = p.descendants().toList();
    descendants.forEach(ProcessHandle::destroyForcibly);
    p.destroyForcibly();
    p.onExit().join();
    descendants.forEach(h -> h.onExit().join());
  }

  /**
   * At JVM shutdown every child process is about to be orphaned: kill all descendants of this
   * process (the TLC children too, whose runner's own hook may run later), then remove the
   * directories, retrying while a dying child may still write into them.
   */
  private void shutdown() {
    stopping = true;
    ProcessHandle.current().descendants().forEach(ProcessHandle::destroyForcibly);
    release();
    for (int i = 0; i < 10 && !dirs.isEmpty(); i++) {
      try {
        Thread.sleep(100);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
      dirs.removeIf(
          d -> {
            deleteTree(d);
            return !Files.exists(d);
          });
    }
  }

  private void release() {
    processes.forEach(Cleanup::kill);
    processes.clear();
    dirs.removeIf(
        d -> {
          deleteTree(d);
          return !Files.exists(d);
        });
  }

  @Override
  public void close() {
    release();
    synchronized (this) {
      if (sweeper != null) {
        sweeper.close();
      }
    }
    try {
      Runtime.getRuntime().removeShutdownHook(hook);
    } catch (IllegalStateException e) {
      // already shutting down: the hook runs release() once more, harmlessly
    }
  }

  static void deleteTree(Path root) {
    TempTrees.deleteTree(root);
  }
}
