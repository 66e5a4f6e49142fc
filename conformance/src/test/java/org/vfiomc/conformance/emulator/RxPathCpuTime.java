package org.vfiomc.conformance.emulator;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Arrays;
import java.util.Locale;

/**
 * The {@link RxPathBench} operations timed in thread CPU time rather than wall-clock time: on a
 * shared machine a JMH score falls with every other process that takes the core, while the CPU time
 * the benchmark thread itself spent per packet does not (much). Runs each operation in batches of
 * one million packets after a warm-up and prints the fastest and the median batch in nanoseconds of
 * CPU time per packet, and the rate the fastest one means. The printed number is the sink that
 * keeps the JIT from discarding the work.
 *
 * <p>Run (after the test classpath is written as in {@link RxPathBench}):
 *
 * <pre>
 * java -cp conformance/target/test-classes:conformance/target/classes:$(cat \
 *     conformance/target/test-cp.txt) org.vfiomc.conformance.emulator.RxPathCpuTime rxOnePacket 512
 * </pre>
 */
public final class RxPathCpuTime {
  private static final int PACKETS_PER_BATCH = 1_000_000;

  private RxPathCpuTime() {}

  /**
   * Times one operation on one ring size: {@code [rxOnePacket|rxBurst32] [ringSize] [batches]},
   * default {@code rxOnePacket 512 30}. One configuration per JVM, as JMH forks, so that the JIT's
   * profile is that configuration's alone.
   */
  public static void main(String[] args) {
    String op = args.length > 0 ? args[0] : "rxOnePacket";
    int ring = args.length > 1 ? Integer.parseInt(args[1]) : 512;
    int batches = args.length > 2 ? Integer.parseInt(args[2]) : 30;
    if ((!op.equals("rxOnePacket") && !op.equals("rxBurst32")) || batches < 3) {
      System.err.println("usage: RxPathCpuTime [rxOnePacket|rxBurst32] [ringSize] [batches >= 3]");
      System.exit(2);
    }
    boolean burst = op.equals("rxBurst32");
    ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    RxPathBench b = new RxPathBench();
    b.ringSize = ring;
    b.setup();
    long sink = 0;
    double[] nsPerPacket = new double[batches];
    for (int k = 0; k < batches; k++) {
      long start = threads.getCurrentThreadCpuTime();
      if (burst) {
        for (int i = 0; i < PACKETS_PER_BATCH / RxPathBench.BURST; i++) {
          sink += b.rxBurst32();
        }
      } else {
        for (int i = 0; i < PACKETS_PER_BATCH; i++) {
          sink += b.rxOnePacket();
        }
      }
      nsPerPacket[k] = (threads.getCurrentThreadCpuTime() - start) / (double) PACKETS_PER_BATCH;
    }
    // the first third of the batches is warm-up (interpreter, C1, C2)
    double[] measured = Arrays.copyOfRange(nsPerPacket, batches / 3, batches);
    Arrays.sort(measured);
    System.out.printf(
        Locale.ROOT,
        "%s ring %d: CPU ns/packet best %.1f, median %.1f -> %.1f Mpps at best (%d)%n",
        op,
        ring,
        measured[0],
        measured[measured.length / 2],
        1000 / measured[0],
        sink & 1);
  }
}
