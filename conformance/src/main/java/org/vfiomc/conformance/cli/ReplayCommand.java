package org.vfiomc.conformance.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import org.vfiomc.checker.trace.TraceFormatException;
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

  /** Parses the lower-case spelling of {@link ReplayOptions.Unbound}. */
  static final class UnboundConverter implements CommandLine.ITypeConverter<ReplayOptions.Unbound> {
    @Override
    public ReplayOptions.Unbound convert(String value) {
      return switch (value) {
        case "error" -> ReplayOptions.Unbound.ERROR;
        case "skip" -> ReplayOptions.Unbound.SKIP;
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
  ReplayOptions.Unbound unbound;

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
    ReplayResult result =
        replay(new ReplayOptions(files, Optional.ofNullable(json), unbound, repeat), out, err);
    result.printSummary(out);
    if (json != null) {
      Files.writeString(json, result.toJson(), StandardCharsets.UTF_8);
    }
    return result.exitCode();
  }

  /**
   * Replays every file with the {@link Bindings#standard standard bindings}, printing a line per
   * replay (and per unbound trace) as it goes and every malformed trace to {@code err}.
   */
  static ReplayResult replay(ReplayOptions options, PrintWriter out, PrintWriter err)
      throws IOException {
    Replayer replayer = new Replayer(Bindings.standard());
    boolean skipUnbound = options.unbound() == ReplayOptions.Unbound.SKIP;
    List<ReplayReport> reports = new ArrayList<>();
    List<String> malformed = new ArrayList<>();
    List<ReplayResult.UnboundTrace> unboundTraces = new ArrayList<>();
    ReplayBenchmark bench = new ReplayBenchmark(options.repeat() - 1);
    for (Path f : options.files()) {
      String module = "";
      try {
        long t0 = System.nanoTime();
        TraceFile tf = TraceFile.read(f);
        module = tf.module();
        long t1 = System.nanoTime();
        bench.parsed(t1 - t0);
        if (skipUnbound && !replayer.binds(module)) {
          String reason = "no replay binding for module " + module;
          unboundTraces.add(new ReplayResult.UnboundTrace(f.toString(), module, reason));
          out.println("UNBOUND " + f + " (" + reason + ")");
          continue;
        }
        Replayer.Plan plan = replayer.plan(tf);
        bench.decoded(System.nanoTime() - t1);
        List<ReplayReport> rs = plan.run();
        if (options.repeat() > 1) {
          bench.repeat(plan);
        }
        for (ReplayReport r : rs) {
          out.println(r.summary());
        }
        reports.addAll(rs);
      } catch (TraceFormatException e) {
        if (e.unsupported() && skipUnbound) {
          unboundTraces.add(new ReplayResult.UnboundTrace(f.toString(), module, e.getMessage()));
          out.println("UNBOUND " + f + " (" + e.getMessage() + ")");
          continue;
        }
        err.println("malformed: " + e.getMessage());
        malformed.add(e.getMessage());
      }
    }
    Optional<ReplayBenchmark.Figures> figures =
        options.repeat() > 1
            ? Optional.of(
                bench.figures(options.files().size() - unboundTraces.size() - malformed.size()))
            : Optional.empty();
    return new ReplayResult(options.files().size(), reports, malformed, unboundTraces, figures);
  }
}
