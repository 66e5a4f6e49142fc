package org.vfiomc.checker.run;

import com.google.common.collect.ImmutableList;
import java.util.List;

/**
 * How a forked TLC JVM compiles: the model checker is one short-lived process per model, and for
 * the small models that make up a CI suite the C2 compiler's work costs more than it gains.
 *
 * <p>Measured on the 2-core build machine: {@code check specs --parallel 2} (59 CI models, all but
 * seven under 30,000 states) took 107 s wall and 160 s of CPU with {@link #FULL}, 66 s and 105 s
 * with {@link #QUICK}; but the 1,048,576-state {@code specs/examples/Million} alone took 7.3 s with
 * {@link #FULL} and 10.8 s with {@link #QUICK}. Hence {@link #FULL} is the default and {@link
 * #QUICK} a choice for suites of small models.
 *
 * <p>{@code traces} and {@code validate} fork their exploration and TLC children with {@link
 * #QUICK}: a tour explores at most {@code --max-edges} edges, a walk a few hundred steps, a
 * counterexample run stops at the first violation, and guided validation explores only the states a
 * recorded run can visit. Measured on the 2-core machine: {@code traces specs --out traces --check
 * --results ...} took 70 s of CPU with {@link #FULL} and 42 s with {@link #QUICK}; the validation
 * of a recorded RxDma run 3.0-3.4 s and 2.3-2.5 s, of a recorded VFIO migration run 3.4-4.6 s and
 * 2.1 s.
 */
public enum JitMode {
  /** The JVM's default tiered compilation (C1, then C2 for hot code): fastest for long runs. */
  FULL(ImmutableList.of()),
  /** C1 only ({@code -XX:TieredStopAtLevel=1}): least CPU for runs of a few seconds. */
  QUICK(ImmutableList.of("-XX:TieredStopAtLevel=1"));

  private final ImmutableList<String> jvmOptions;

  JitMode(ImmutableList<String> jvmOptions) {
    this.jvmOptions = jvmOptions;
  }

  /** The child JVM options this mode adds. */
  public List<String> jvmOptions() {
    return jvmOptions;
  }

  /** The mode named {@code full} or {@code quick}. */
  public static JitMode fromId(String id) {
    return switch (id) {
      case "full" -> FULL;
      case "quick" -> QUICK;
      default ->
          throw new IllegalArgumentException("--jit must be full or quick, got '" + id + "'");
    };
  }
}
