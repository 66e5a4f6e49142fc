package org.vfiomc.conformance.replay;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.openjdk.jmh.annotations.AuxCounters;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;
import org.vfiomc.checker.trace.TraceFormatException;
import org.vfiomc.conformance.cli.Bindings;

/**
 * Replay throughput on one thread over the committed VfioFsm tours ({@code traces/tours/VfioFsm-*},
 * 203 files, 1,456 steps). The score to read is the {@code steps} counter (steps per second): steps
 * that were applied to the implementation and whose whole projected state was compared with the
 * trace; a run that does not behave as expected fails the benchmark. The {@code ops} score counts
 * passes over the corpus.
 *
 * <ul>
 *   <li>{@code replay}: every trace parsed and decoded once (setup); one operation replays each
 *       trace once on a freshly configured system under test (configure, apply, project, compare).
 *   <li>{@code parseDecodeReplay}: one operation parses each file's text (held in memory), decodes
 *       it and replays it once: the cost of replaying a trace that is seen once.
 * </ul>
 *
 * <p>Run from the repository root (the trace directory is relative; {@code -p dir=...} and {@code
 * -p prefix=...} select another corpus):
 *
 * <pre>
 * mvn -q -o -pl conformance -am test-compile dependency:build-classpath -DskipTests \
 *     -Dmdep.includeScope=test -Dmdep.outputFile=target/test-cp.txt
 * java -cp conformance/target/test-classes:conformance/target/classes:$(cat \
 *     conformance/target/test-cp.txt) org.openjdk.jmh.Main ReplayBench -prof gc
 * </pre>
 *
 * <p>{@code -p prefix=RxDma} measures the RxDma tours instead (two 82599 VFs per trace, reused
 * across runs by the binding's host pool, so {@code replay} costs a host reset, not a build).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
@Threads(1)
public class ReplayBench {
  /** Directory searched (not recursively) for the traces. */
  @Param({"traces/tours"})
  public String dir;

  /** File-name prefix of the traces. */
  @Param({"VfioFsm-"})
  public String prefix;

  private final List<String> names = new ArrayList<>();
  private final List<String> texts = new ArrayList<>();
  private final List<Replayer.Plan> plans = new ArrayList<>();
  private Replayer replayer;

  /** Steps applied and compared, per second. */
  @State(Scope.Thread)
  @AuxCounters(AuxCounters.Type.OPERATIONS)
  public static class Steps {
    /** Steps replayed in this iteration. */
    public long steps;

    /** Starts an iteration from zero. */
    @Setup(Level.Iteration)
    public void reset() {
      steps = 0;
    }
  }

  /** Reads, parses and decodes every trace; checks each replays as expected. */
  @Setup
  public void setup() throws IOException, TraceFormatException {
    replayer = new Replayer(Bindings.standard());
    List<Path> files;
    try (Stream<Path> s = Files.list(Path.of(dir))) {
      files =
          s.filter(
                  p -> {
                    String n = p.getFileName().toString();
                    return n.startsWith(prefix) && n.endsWith(".itf.json");
                  })
              .sorted()
              .toList();
    }
    if (files.isEmpty()) {
      throw new IllegalStateException(
          "no " + prefix + "*.itf.json under " + Path.of(dir).toAbsolutePath());
    }
    for (Path f : files) {
      String text = Files.readString(f, StandardCharsets.UTF_8);
      names.add(f.toString());
      texts.add(text);
      Replayer.Plan plan = replayer.plan(TraceFile.parse(text, f.toString()));
      check(plan.run());
      plans.add(plan);
    }
  }

  private static long check(List<ReplayReport> reports) {
    long steps = 0;
    for (ReplayReport r : reports) {
      if (!r.asExpected()) {
        throw new IllegalStateException("not as expected: " + r.summary());
      }
      steps += r.stepsReplayed();
    }
    return steps;
  }

  /** Replays every decoded trace once. */
  @Benchmark
  public long replay(Steps counter) throws TraceFormatException {
    long steps = 0;
    for (Replayer.Plan p : plans) {
      steps += check(p.run());
    }
    counter.steps += steps;
    return steps;
  }

  /** Parses, decodes and replays every trace once. */
  @Benchmark
  public long parseDecodeReplay(Steps counter) throws TraceFormatException {
    long steps = 0;
    for (int i = 0; i < texts.size(); i++) {
      steps += check(replayer.plan(TraceFile.parse(texts.get(i), names.get(i))).run());
    }
    counter.steps += steps;
    return steps;
  }
}
