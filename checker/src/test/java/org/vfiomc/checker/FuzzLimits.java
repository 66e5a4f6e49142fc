package org.vfiomc.checker;

/**
 * The bounds of one fuzzing run of a {@code @FuzzTest} ({@code mvn -Pfuzz}): at least a million
 * executions per target, stopped early only by the time cap on a very slow machine.
 */
public final class FuzzLimits {
  /** Executions per target in fuzzing mode ({@code -runs}). */
  public static final long EXECUTIONS = 1_000_000;

  /** Wall-clock cap per target in fuzzing mode ({@code -max_total_time}). */
  public static final String DURATION = "60m";

  private FuzzLimits() {}
}
