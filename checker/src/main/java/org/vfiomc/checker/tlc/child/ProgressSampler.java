package org.vfiomc.checker.tlc.child;

import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import tlc2.TLCGlobals;
import tlc2.tool.ModelChecker;

/**
 * Samples the running checker's counters every few seconds: TLC itself reports progress only once a
 * minute, too rarely for a live status line.
 */
final class ProgressSampler {
  static final long INTERVAL_MILLIS = 2000;

  private ProgressSampler() {}

  /**
   * Starts a daemon task that reports through {@code channel} until the returned executor is shut
   * down (a reused JVM runs several checks: a sampler left running would report an ended check).
   */
  static ScheduledExecutorService start(ChildChannel channel) {
    ScheduledExecutorService timer =
        Executors.newSingleThreadScheduledExecutor(
            r -> {
              Thread t = new Thread(r, "vfiomc-progress");
              t.setDaemon(true);
              return t;
            });
    var unused = // runs until shut down; a failed sample only loses one progress line
        timer.scheduleAtFixedRate(
            () -> sample(channel), INTERVAL_MILLIS, INTERVAL_MILLIS, TimeUnit.MILLISECONDS);
    return timer;
  }

  private static void sample(ChildChannel channel) {
    if (TLCGlobals.mainChecker instanceof ModelChecker mc) {
      try {
        channel.progress(
            mc.getProgress(),
            mc.getStatesGenerated(),
            mc.getDistinctStatesGenerated(),
            mc.getStateQueueSize());
      } catch (RuntimeException e) {
        // counters not ready yet (initial states still being computed)
      }
    }
  }
}
