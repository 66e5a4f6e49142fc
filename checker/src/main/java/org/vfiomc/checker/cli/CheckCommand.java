package org.vfiomc.checker.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.function.Function;
import org.vfiomc.checker.report.ConsoleReport;
import org.vfiomc.checker.report.ReportFormat;
import org.vfiomc.checker.result.ModelResult;
import org.vfiomc.checker.run.CheckOptions;
import org.vfiomc.checker.run.JitMode;
import org.vfiomc.checker.run.ModelChecker;
import org.vfiomc.checker.run.SuiteRunner;
import org.vfiomc.checker.spec.ManifestException;
import org.vfiomc.checker.spec.ModelSpec;
import org.vfiomc.checker.spec.Profile;
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
        JitMode.fromId(jit));
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
    if (models.isEmpty() && !quiet) {
      out.println("no models selected (profile " + options.profile().id() + ")");
    }
    SuiteRunner runner = new SuiteRunner(checkers.apply(options));
    try (StoppableRun run =
        new StoppableRun(
            models, new ProgressPrinter(err, terminal), r -> writeReports(options, r), err)) {
      List<ModelResult> results;
      try {
        results = runner.run(models, options.parallel(), run);
      } catch (IllegalStateException e) {
        if (StoppableRun.shuttingDown()) {
          return ExitCodes.TOOL; // stopped: the shutdown hook writes the partial reports
        }
        throw e;
      }
      new ConsoleReport(out, options.quiet()).print(results);
      try {
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
