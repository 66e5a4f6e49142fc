package org.vfiomc.conformance.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.PrintWriter;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import org.vfiomc.checker.trace.TraceFormatException;
import org.vfiomc.conformance.replay.Bindings;
import org.vfiomc.conformance.replay.ReplayReport;
import org.vfiomc.conformance.replay.Replayer;
import org.vfiomc.conformance.replay.TraceFile;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code replay}: replays ITF traces against the implementation. */
@Command(
    name = "replay",
    mixinStandardHelpOptions = true,
    description = {
      "Replay ITF traces (files, or directories searched for *.itf.json) against the"
          + " implementation, comparing the projected state with the trace after every step.",
      "A tour must conform; a counterexample must conform and reproduce the violation with the"
          + " trace's defects, and diverge against the correct implementation.",
      "Exit 0: every trace behaved as expected; 1: some did not; 2: malformed input; 3: internal"
          + " error."
    })
final class ReplayCommand implements Callable<Integer> {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Parameters(arity = "1..*", paramLabel = "PATH", description = "trace files or directories")
  List<Path> paths;

  @Option(names = "--json", paramLabel = "FILE", description = "write the reports as JSON")
  Path json;

  @Option(
      names = "--repeat",
      paramLabel = "N",
      defaultValue = "1",
      description =
          "replay each trace N times and report the first run (throughput benchmark: each file"
              + " is parsed and decoded once, the N-1 extra runs are timed)")
  int repeat;

  /**
   * What to do with a trace no binding can replay: its spec module has none, or the binding does
   * not support its constants (a model the implementation does not claim to implement).
   */
  enum Unbound {
    /** Report it as malformed input (exit 2). */
    ERROR,
    /** List it as unbound in the summary and the JSON report; it does not fail the run. */
    SKIP
  }

  /** Parses the lower-case spelling of {@link Unbound}. */
  static final class UnboundConverter implements CommandLine.ITypeConverter<Unbound> {
    @Override
    public Unbound convert(String value) {
      return switch (value) {
        case "error" -> Unbound.ERROR;
        case "skip" -> Unbound.SKIP;
        default ->
            throw new CommandLine.TypeConversionException(
                "expected 'error' or 'skip', got '" + value + "'");
      };
    }
  }

  @Option(
      names = "--unbound",
      paramLabel = "error|skip",
      defaultValue = "error",
      converter = UnboundConverter.class,
      description =
          "a trace of a module with no replay binding, or with constants its binding does not"
              + " support: 'error' (default) rejects it as malformed input; 'skip' lists it as"
              + " unbound, with the reason (summary and --json), without failing the run")
  Unbound unbound;

  /** A trace not replayed because no binding can (module without one, unsupported constants). */
  private record UnboundTrace(String file, String module, String reason) {}

  @Override
  public Integer call() throws IOException {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    List<Path> files = new ArrayList<>();
    for (Path p : paths) {
      if (Files.isDirectory(p)) {
        try (Stream<Path> s = Files.walk(p)) {
          s.filter(f -> f.getFileName().toString().endsWith(".itf.json"))
              .sorted()
              .forEach(files::add);
        }
      } else if (Files.isRegularFile(p)) {
        files.add(p);
      } else {
        err.println("replay: " + p + ": no such file or directory");
        return Main.EXIT_USAGE;
      }
    }
    if (files.isEmpty()) {
      err.println("replay: no *.itf.json files under " + paths);
      return Main.EXIT_USAGE;
    }
    if (repeat < 1) {
      err.println("replay: --repeat must be at least 1");
      return Main.EXIT_USAGE;
    }
    Bindings bindings = Bindings.standard();
    Replayer replayer = new Replayer(bindings);
    List<ReplayReport> reports = new ArrayList<>();
    List<String> malformed = new ArrayList<>();
    List<UnboundTrace> unboundTraces = new ArrayList<>();
    Bench bench = new Bench();
    for (Path f : files) {
      String module = "";
      try {
        long t0 = System.nanoTime();
        TraceFile tf = TraceFile.read(f);
        module = tf.module();
        long t1 = System.nanoTime();
        bench.parseNanos += t1 - t0;
        if (unbound == Unbound.SKIP && bindings.forModule(tf.module()).isEmpty()) {
          String reason = "no replay binding for module " + tf.module();
          unboundTraces.add(new UnboundTrace(f.toString(), tf.module(), reason));
          out.println("UNBOUND " + f + " (" + reason + ")");
          continue;
        }
        Replayer.Plan plan = replayer.plan(tf);
        bench.decodeNanos += System.nanoTime() - t1;
        List<ReplayReport> rs = plan.run();
        if (repeat > 1) {
          bench.repeat(plan, repeat - 1);
        }
        for (ReplayReport r : rs) {
          out.println(r.summary());
        }
        reports.addAll(rs);
      } catch (TraceFormatException e) {
        if (e.unsupported() && unbound == Unbound.SKIP) {
          unboundTraces.add(new UnboundTrace(f.toString(), module, e.getMessage()));
          out.println("UNBOUND " + f + " (" + e.getMessage() + ")");
          continue;
        }
        err.println("malformed: " + e.getMessage());
        malformed.add(e.getMessage());
      }
    }
    long steps = reports.stream().mapToLong(ReplayReport::stepsReplayed).sum();
    long nanos = reports.stream().mapToLong(ReplayReport::nanos).sum();
    long bad = reports.stream().filter(r -> !r.asExpected()).count();
    out.printf(
        "replay: %d files, %d replays, %d not as expected, %d malformed, %d unbound; %d steps in"
            + " %.3f ms (%.0f steps/s)%n",
        files.size(),
        reports.size(),
        bad,
        malformed.size(),
        unboundTraces.size(),
        steps,
        nanos / 1e6,
        nanos == 0 ? 0.0 : steps * 1e9 / nanos);
    if (repeat > 1) {
      bench.print(out, files.size() - unboundTraces.size() - malformed.size());
    }
    if (json != null) {
      ObjectMapper m = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
      ObjectNode root = m.createObjectNode();
      root.put("files", files.size());
      root.put("stepsReplayed", steps);
      root.put("nanos", nanos);
      root.put("stepsPerSecond", nanos == 0 ? 0 : Math.round(steps * 1e9 / nanos));
      ArrayNode rs = root.putArray("reports");
      reports.forEach(r -> rs.add(r.toJson()));
      ArrayNode mf = root.putArray("malformed");
      malformed.forEach(mf::add);
      ArrayNode ub = root.putArray("unbound");
      for (UnboundTrace u : unboundTraces) {
        ub.addObject().put("file", u.file()).put("module", u.module()).put("reason", u.reason());
      }
      Files.writeString(json, m.writeValueAsString(root) + "\n", StandardCharsets.UTF_8);
    }
    if (!malformed.isEmpty()) {
      return Main.EXIT_USAGE;
    }
    return bad == 0 ? 0 : Main.EXIT_NEGATIVE;
  }

  /**
   * Throughput of the {@code --repeat} runs. Steps are the steps each run applied and compared
   * ({@link ReplayReport#stepsReplayed}); the loop time is the runs' own (apply, project, compare);
   * the run time adds configuring a fresh system under test per run; parsing and decoding happen
   * once per file and are reported apart.
   */
  private static final class Bench {
    long parseNanos;
    long decodeNanos;
    long runs;
    long steps;
    long loopNanos;
    long runNanos;
    long cpuNanos;

    void repeat(Replayer.Plan plan, int times) throws TraceFormatException {
      ThreadMXBean mx = ManagementFactory.getThreadMXBean();
      long cpu0 = mx.isCurrentThreadCpuTimeSupported() ? mx.getCurrentThreadCpuTime() : 0;
      long t0 = System.nanoTime();
      for (int i = 0; i < times; i++) {
        for (ReplayReport r : plan.run()) {
          steps += r.stepsReplayed();
          loopNanos += r.nanos();
          runs++;
        }
      }
      runNanos += System.nanoTime() - t0;
      if (mx.isCurrentThreadCpuTimeSupported()) {
        cpuNanos += mx.getCurrentThreadCpuTime() - cpu0;
      }
    }

    void print(PrintWriter out, int files) {
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

    private static double perSecond(long steps, long nanos) {
      return nanos == 0 ? 0.0 : steps * 1e9 / nanos;
    }
  }
}
