package org.vfiomc.checker.run;

/**
 * A progress report TLC made while checking (relayed from its progress message).
 *
 * @param model model name
 * @param depth current BFS level
 * @param generated states generated so far
 * @param distinct distinct states so far
 * @param queue states left on the queue
 * @param elapsedMillis time since the check started
 */
public record Progress(
    String model, long depth, long generated, long distinct, long queue, long elapsedMillis) {
  /** Distinct states per second since the start. */
  public long distinctPerSecond() {
    return elapsedMillis <= 0 ? 0 : distinct * 1000 / elapsedMillis;
  }
}
