package org.vfiomc.checker.tlc;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * The reused children of one runner or explorer between two jobs. A child goes back here after a
 * job unless it has had its jobs; one left idle for {@link #IDLE_MILLIS} is ended, so that a runner
 * nobody closes keeps no JVM for long (closing ends them at once).
 */
final class IdleChildren implements AutoCloseable {
  /** How long a child may wait for its next job. */
  static final long IDLE_MILLIS = 2000;

  private final int jobsPerJvm;
  private final Deque<ReusedChild> idle = new ArrayDeque<>();
  private ScheduledExecutorService timer; // started with the first idle child
  private boolean closed;

  IdleChildren(int jobsPerJvm) {
    this.jobsPerJvm = jobsPerJvm;
  }

  /** Starts a new reused child when none is idle. */
  @FunctionalInterface
  interface Starter {
    ReusedChild start() throws IOException;
  }

  /** What the lines of one job's link mean to the runner or explorer that sent it. */
  interface JobLines<R> {
    /**
     * Takes one line of the link, while the job's {@code folder} still exists; returns the job's
     * result when the line ends the job, else null.
     */
    R line(String line, Path folder) throws IOException;

    /** The result when the job's deadline passed (the child is then killed). */
    R timedOut();

    /** The result when the child's link ended before the job did (the child is then killed). */
    R lost(String exitStatus, String stderr);
  }

  /**
   * Runs one job in an idle child, or in a new one from {@code starter}: the job gets a folder of
   * its own in the child's work directory ({@code job-N}), which {@code job} turns into the job's
   * lines and which is deleted after it. The child comes back here after a result unless it has had
   * its jobs; on a timeout, a lost link, an exception or an interruption it is killed.
   *
   * @param deadline {@link System#nanoTime()} by which the job must have ended
   * @param warnings where the child's warnings on its input go
   */
  <R> R run(
      Starter starter,
      Function<Path, List<String>> job,
      long deadline,
      Consumer<String> warnings,
      JobLines<R> lines)
      throws IOException, InterruptedException {
    ReusedChild child = take();
    if (child == null) {
      child = starter.start();
    }
    Path folder = child.work().resolve("job-" + (child.jobs() + 1));
    boolean keep = false;
    try {
      Files.createDirectory(folder);
      try {
        child.send(job.apply(folder), warnings);
      } catch (IOException e) {
        // the child is gone: its link ends, and that is reported below with its standard error
      }
      while (true) {
        Optional<String> line = child.next(deadline - System.nanoTime());
        if (line == null) {
          return lines.timedOut();
        }
        if (line.isEmpty()) {
          return lines.lost(child.exitStatus(), child.stderr());
        }
        R result = lines.line(line.get(), folder);
        if (result != null) {
          keep = true;
          return result;
        }
      }
    } finally {
      ChildProcesses.deleteTree(folder);
      if (keep) {
        release(child);
      } else {
        child.kill();
      }
    }
  }

  /** An idle child that is still alive, or null. */
  synchronized ReusedChild take() {
    while (!idle.isEmpty()) {
      ReusedChild c = idle.pollFirst();
      if (c.alive()) {
        return c;
      }
      c.kill();
    }
    return null;
  }

  /** Keeps {@code child} for the next job, or ends it if it has had its jobs. */
  void release(ReusedChild child) {
    synchronized (this) {
      if (child.jobs() < jobsPerJvm && child.alive() && !closed) {
        idle.addLast(child);
        if (timer == null) {
          timer =
              Executors.newSingleThreadScheduledExecutor(
                  r -> {
                    Thread t = new Thread(r, "vfiomc-idle-children");
                    t.setDaemon(true);
                    return t;
                  });
        }
        var unused = timer.schedule(() -> expire(child), IDLE_MILLIS, TimeUnit.MILLISECONDS);
        return;
      }
    }
    child.retire();
  }

  private void expire(ReusedChild child) {
    boolean mine;
    synchronized (this) {
      mine = idle.remove(child);
    }
    if (mine) {
      child.retire();
    }
  }

  /** Ends every idle child; later releases end theirs at once. */
  @Override
  public void close() {
    List<ReusedChild> ending;
    synchronized (this) {
      closed = true;
      ending = new ArrayList<>(idle);
      idle.clear();
      if (timer != null) {
        timer.shutdownNow();
      }
    }
    ending.forEach(ReusedChild::retire);
  }
}
