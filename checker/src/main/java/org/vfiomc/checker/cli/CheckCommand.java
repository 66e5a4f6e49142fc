package org.vfiomc.checker.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.function.Function;
import org.vfiomc.checker.report.ConsoleReport;
import org.vfiomc.checker.report.ReportFormat;
import org.vfiomc.checker.result.ModelResult;
import org.vfiomc.checker.result.OutcomeReader;
import org.vfiomc.checker.result.Search;
import org.vfiomc.checker.run.CheckOptions;
import org.vfiomc.checker.run.JitMode;
import org.vfiomc.checker.run.ModelChecker;
import org.vfiomc.checker.run.Shard;
import org.vfiomc.checker.run.SuiteRunner;
import org.vfiomc.checker.run.SuiteWatch;
import org.vfiomc.checker.run.TlcFlags;
import org.vfiomc.checker.spec.ManifestException;
import org.vfiomc.checker.spec.ModelSpec;
import org.vfiomc.checker.spec.Profile;
import org.vfiomc.checker.trace.TraceFormatException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code check PATH...}: model-check every model the paths denote and compare with expectations.
 */
@Command(
    name = "check",
    mixinStandardHelpOptions = true,
    exitCodeOnInvalidInput = 2,
    exitCodeOnExecutionException = 3,
    description = {
      "Model-check TLA+ models with TLC and compare each verdict with its expectation.",
      "PATH is a directory with a suite.json manifest, a manifest file, or a .tla file"
          + " (NAME.cfg beside it or --config; expected to hold).",
      "Exit codes: 0 all as expected, 1 a verdict differs, 2 usage or input error,"
          + " 3 tool failure."
    })
final class CheckCommand implements Callable<Integer> {
  @Parameters(arity = "1..*", paramLabel = "PATH", description = "Models to check.")
  List<Path> paths;

  @Option(names = "--config", paramLabel = "FILE", description = "The .cfg for a single .tla.")
  Path config;

  @Option(names = "--workers", paramLabel = "N", description = "TLC workers per model (default 1).")
  int workers = CheckOptions.DEFAULT_WORKERS;

  @Option(
      names = "--parallel",
      paramLabel = "N",
      description = "Models checked at the same time (default 1).")
  int parallel = CheckOptions.DEFAULT_PARALLEL;

  @Option(
      names = "--timeout",
      paramLabel = "SECONDS",
      description = "Wall-clock limit per model, overriding the manifest's timeoutSeconds.")
  Long timeout;

  @Option(
      names = "--profile",
      paramLabel = "ci|deep",
      description = "Manifest models to run: ci (default) or deep (ci and deep models).")
  String profile = "ci";

  @Option(names = "--json", paramLabel = "FILE", description = "Write the results JSON here.")
  Path json;

  @Option(names = "--junit-xml", paramLabel = "FILE", description = "Write JUnit XML here.")
  Path junitXml;

  @Option(names = "--quiet", description = "Print only the summary table and failures.")
  boolean quiet;

  @Option(
      names = "--jit",
      paramLabel = "full|quick",
      description =
          "How the TLC JVMs compile: full (default; tiered, fastest for long runs) or quick (C1"
              + " only: least CPU for suites of models that run a few seconds each).")
  String jit = "full";

  @Option(
      names = "--reuse-jvm",
      paramLabel = "N",
      description =
          "Models one TLC JVM checks in turn, each in a class loader of its own, so that no TLC"
              + " state carries over (default 8; 1: a fresh JVM per model).")
  int reuseJvm = CheckOptions.DEFAULT_JOBS_PER_JVM;

  @Option(
      names = "--simulate",
      paramLabel = "N",
      description =
          "TLC's random simulation instead of exhaustive search: N behaviours of --depth states"
              + " each, drawn with --seed (for models too big to exhaust; a HOLDS is no proof).")
  Long simulate;

  @Option(
      names = "--depth",
      paramLabel = "D",
      description = "States per simulated behaviour, the initial one included (default 100).")
  Integer depth;

  @Option(
      names = "--seed",
      paramLabel = "S",
      description = "Seed of the simulation (default 0): the same seed gives the same run.")
  Long seed;

  @Option(
      names = "--coverage",
      description =
          "Report how many states each action generated and found new, and the actions that were"
              + " never enabled (TLC's coverage statistics).")
  boolean coverage;

  @Option(names = "--no-deadlock", description = "Do not check for deadlock (TLC's -deadlock).")
  boolean noDeadlock;

  @Option(
      names = "--dot",
      paramLabel = "FILE",
      description = "Write the state graph of the one selected model as GraphViz (small models).")
  Path dot;

  @Option(
      names = "--trace-out",
      paramLabel = "DIR",
      description = "Write each counterexample as ITF to DIR/MODEL.itf.json.")
  Path traceOut;

  @Option(
      names = "--distributed",
      description =
          "Serve the one selected model to distributed TLC workers ('checker worker HOST:PORT')"
              + " instead of checking it in one process; a counterexample is confirmed against the"
              + " spec before it is reported.")
  boolean distributed;

  @Option(
      names = "--port",
      paramLabel = "P",
      description = "With --distributed: the server's RMI registry port (default 10997).")
  Integer port;

  @Option(
      names = "--bind",
      paramLabel = "ADDR",
      description =
          "With --distributed: the address the server listens on (default 127.0.0.1: workers on"
              + " this machine only).")
  String bind;

  @Option(
      names = "--shard",
      paramLabel = "K/N",
      description =
          "Check only slice K of N of the selected models (one CI runner each; join the results"
              + " with 'checker merge'). By model name, or balanced with --balance.")
  String shard;

  @Option(
      names = "--balance",
      paramLabel = "RESULTS",
      description =
          "With --shard: deal the models by their durations in this earlier results file, longest"
              + " first, so the shards take about the same time.")
  Path balance;

  @Option(
      names = "--watch",
      description =
          "Check, then re-check the models whose spec, config or manifest entry changes and print"
              + " only the verdicts that changed; runs until interrupted.")
  boolean watch;

  /** TLC's default simulation depth. */
  static final int DEFAULT_DEPTH = 100;

  private final PrintWriter out;
  private final PrintWriter err;
  private final boolean terminal;
  private final Function<CheckOptions, ModelChecker> checkers;

  /**
   * @param checkers the model checker for a run's options (the forked TLC runner, wired by {@link
   *     Main})
   */
  CheckCommand(
      PrintWriter out,
      PrintWriter err,
      boolean terminal,
      Function<CheckOptions, ModelChecker> checkers) {
    this.out = out;
    this.err = err;
    this.terminal = terminal;
    this.checkers = checkers;
  }

  /** The immutable options this invocation denotes. */
  CheckOptions options() {
    return new CheckOptions(
        paths,
        Optional.ofNullable(config),
        workers,
        parallel,
        Optional.ofNullable(timeout),
        Profile.fromId(profile),
        Optional.ofNullable(json),
        Optional.ofNullable(junitXml),
        quiet,
        JitMode.fromId(jit),
        reuseJvm,
        new TlcFlags(search(), coverage, !noDeadlock, Optional.ofNullable(dot), distribution()),
        Optional.ofNullable(traceOut),
        watch,
        Optional.ofNullable(shard).map(Shard::parse),
        earlierMillis());
  }

  /** Per-model durations of the {@code --balance} file (empty without one). */
  private Map<String, Long> earlierMillis() {
    if (balance == null) {
      return Map.of();
    }
    if (shard == null) {
      throw new IllegalArgumentException("--balance needs --shard");
    }
    Map<String, Long> out = new HashMap<>();
    try {
      for (ModelResult r : OutcomeReader.readResults(balance)) {
        out.put(r.model(), r.durationMillis());
      }
    } catch (IOException e) {
      throw new IllegalArgumentException(
          "--balance " + balance + ": cannot read: " + e.getMessage());
    } catch (TraceFormatException e) {
      throw new IllegalArgumentException("--balance: " + e.getMessage());
    }
    return out;
  }

  private Optional<TlcFlags.Distributed> distribution() {
    if (!distributed) {
      if (port != null || bind != null) {
        throw new IllegalArgumentException("--port and --bind need --distributed");
      }
      return Optional.empty();
    }
    return Optional.of(
        new TlcFlags.Distributed(
            bind == null ? TlcFlags.Distributed.LOOPBACK : bind,
            port == null ? TlcFlags.Distributed.DEFAULT_PORT : port));
  }

  private Search search() {
    if (simulate == null) {
      if (depth != null || seed != null) {
        throw new IllegalArgumentException("--depth and --seed need --simulate");
      }
      return Search.Exhaustive.INSTANCE;
    }
    if (simulate < 1) {
      throw new IllegalArgumentException("--simulate must be at least 1, got " + simulate);
    }
    int d = depth == null ? DEFAULT_DEPTH : depth;
    if (d < 1) {
      throw new IllegalArgumentException("--depth must be at least 1, got " + d);
    }
    long s = seed == null ? 0 : seed;
    if (s < 0) {
      throw new IllegalArgumentException("--seed must not be negative, got " + s);
    }
    return new Search.Simulation(simulate, d, s);
  }

  @Override
  public Integer call() throws InterruptedException {
    CheckOptions options;
    List<ModelSpec> models;
    try {
      options = options();
      options.json().ifPresent(f -> OutputFiles.requireWritableFile("--json", f));
      options.junitXml().ifPresent(f -> OutputFiles.requireWritableFile("--junit-xml", f));
      models = SuiteRunner.select(options);
    } catch (IllegalArgumentException e) {
      err.println("error: " + e.getMessage());
      return ExitCodes.INPUT;
    } catch (ManifestException e) {
      err.println("error: " + e.getMessage());
      return ExitCodes.INPUT;
    }
    if (options.tlc().distributed().isPresent() && models.size() != 1) {
      err.println(
          "error: --distributed serves one model: select exactly one model, not " + models.size());
      return ExitCodes.INPUT;
    }
    if (options.tlc().dot().isPresent() && models.size() != 1) {
      err.println(
          "error: --dot writes one state graph: select exactly one model, not " + models.size());
      return ExitCodes.INPUT;
    }
    if (options.traceOut().isPresent() && !Files.isDirectory(options.traceOut().get())) {
      try {
        Files.createDirectories(options.traceOut().get());
      } catch (IOException e) {
        err.println("error: --trace-out " + options.traceOut().get() + ": cannot create: " + e);
        return ExitCodes.INPUT;
      }
    }
    if (options.watch()) {
      try (ModelChecker checker = checkers.apply(options)) {
        new SuiteWatch(options, checker).run(new WatchPrinter(out, options.quiet()));
      } catch (IOException e) {
        err.println("error: --watch: " + e.getMessage());
        return ExitCodes.INPUT;
      }
      return ExitCodes.OK;
    }
    if (models.isEmpty() && !quiet) {
      out.println("no models selected (profile " + options.profile().id() + ")");
    }
    try (ModelChecker checker = checkers.apply(options);
        StoppableRun run =
            new StoppableRun(
                models, new ProgressPrinter(err, terminal), r -> writeReports(options, r), err)) {
      List<ModelResult> results;
      try {
        results = new SuiteRunner(checker).run(models, options.parallel(), run);
      } catch (IllegalStateException e) {
        if (StoppableRun.shuttingDown()) {
          return ExitCodes.TOOL; // stopped: the shutdown hook writes the partial reports
        }
        throw e;
      }
      ConsoleReport console = new ConsoleReport(out, options.quiet());
      console.print(results);
      if (options.tlc().coverage()) {
        results.forEach(console::printCoverage);
      }
      try {
        if (options.traceOut().isPresent()) {
          for (Path written :
              CounterexampleFiles.write(results, models, options.traceOut().get())) {
            out.println("counterexample written to " + written);
          }
        }
        if (!run.complete(results)) {
          return ExitCodes.TOOL;
        }
      } catch (IOException e) {
        err.println("error: cannot write report: " + e.getMessage());
        return ExitCodes.INPUT;
      }
      return ExitCodes.of(results);
    }
  }

  private static void writeReports(CheckOptions options, List<ModelResult> results)
      throws IOException {
    if (options.json().isPresent()) {
      ReportFormat.JSON.writeTo(results, options.json().get());
    }
    if (options.junitXml().isPresent()) {
      ReportFormat.JUNIT_XML.writeTo(results, options.junitXml().get());
    }
  }
}
