package org.vfiomc.conformance.cli;

import java.io.PrintWriter;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import org.vfiomc.checker.trace.TraceFormatException;
import org.vfiomc.conformance.replay.ReplayReport;
import org.vfiomc.conformance.replay.Replayer;

/**
 * The {@code --repeat} throughput harness: each trace is parsed and decoded once ({@link
 * Replayer.Plan}), replayed once for the report, then replayed {@code extraRuns} more times here.
 * Steps are the steps each extra run applied and compared ({@link ReplayReport#stepsReplayed}); the
 * loop time is the runs' own (apply, project, compare); the run time adds configuring a fresh
 * system under test per run; parsing and decoding are reported apart. Confined to the command's
 * thread (it reads that thread's CPU time).
 */
final class ReplayBenchmark {
  private final int extraRuns;
  private final ThreadMXBean mx = ManagementFactory.getThreadMXBean();
  private long parseNanos;
  private long decodeNanos;
  private long runs;
  private long steps;
  private long loopNanos;
  private long runNanos;
  private long cpuNanos;

  /** A harness that replays each plan {@code extraRuns} more times. */
  ReplayBenchmark(int extraRuns) {
    this.extraRuns = extraRuns;
  }

  /** Time spent parsing one file. */
  void parsed(long nanos) {
    parseNanos += nanos;
  }

  /** Time spent decoding one file into a plan. */
  void decoded(long nanos) {
    decodeNanos += nanos;
  }

  /** Replays {@code plan} {@code extraRuns} times and adds up steps and times. */
  void repeat(Replayer.Plan plan) throws TraceFormatException {
    boolean cpu = mx.isCurrentThreadCpuTimeSupported();
    long cpu0 = cpu ? mx.getCurrentThreadCpuTime() : 0;
    long t0 = System.nanoTime();
    for (int i = 0; i < extraRuns; i++) {
      for (ReplayReport r : plan.run()) {
        steps += r.stepsReplayed();
        loopNanos += r.nanos();
        runs++;
      }
    }
    runNanos += System.nanoTime() - t0;
    if (cpu) {
      cpuNanos += mx.getCurrentThreadCpuTime() - cpu0;
    }
  }

  /** The figures so far, for {@code files} files parsed and decoded. */
  Figures figures(int files) {
    return new Figures(files, parseNanos, decodeNanos, runs, steps, loopNanos, runNanos, cpuNanos);
  }

  /** What the extra runs measured; every time in nanoseconds. */
  record Figures(
      int files,
      long parseNanos,
      long decodeNanos,
      long runs,
      long steps,
      long loopNanos,
      long runNanos,
      long cpuNanos) {

    /** Two lines: what was done once, then the rates of the extra runs. */
    void print(PrintWriter out) {
      out.printf(
          "benchmark: %d files parsed in %.3f ms and decoded in %.3f ms (once each); %d extra"
              + " runs, %d steps applied and compared%n",
          files, parseNanos / 1e6, decodeNanos / 1e6, runs, steps);
      out.printf(
          "benchmark: replay loop %.3f ms (%.0f steps/s); with a fresh system under test per run"
              + " %.3f ms wall (%.0f steps/s), %.3f ms CPU of this thread (%.0f steps/s)%n",
          loopNanos / 1e6,
          perSecond(steps, loopNanos),
          runNanos / 1e6,
          perSecond(steps, runNanos),
          cpuNanos / 1e6,
          perSecond(steps, cpuNanos));
    }
  }

  /** Steps per second, 0 for no time. */
  static double perSecond(long steps, long nanos) {
    return nanos == 0 ? 0.0 : steps * 1e9 / nanos;
  }
}
