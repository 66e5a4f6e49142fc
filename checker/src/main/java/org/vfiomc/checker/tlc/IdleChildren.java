package org.vfiomc.checker.tlc;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

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
