package org.vfiomc.checker.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import org.vfiomc.checker.mutate.Cleanup;
import org.vfiomc.checker.mutate.ModuleReport;
import org.vfiomc.checker.mutate.ModuleStart;
import org.vfiomc.checker.mutate.MutantId;
import org.vfiomc.checker.mutate.MutantResult;
import org.vfiomc.checker.mutate.MutateException;
import org.vfiomc.checker.mutate.MutateOptions;
import org.vfiomc.checker.mutate.MutationJson;
import org.vfiomc.checker.mutate.MutationJunitXml;
import org.vfiomc.checker.mutate.MutationOperator;
import org.vfiomc.checker.mutate.MutationReport;
import org.vfiomc.checker.mutate.MutationRunner;
import org.vfiomc.checker.mutate.MutationText;
import org.vfiomc.checker.mutate.Oracle;
import org.vfiomc.checker.mutate.SanyClient;
import org.vfiomc.checker.mutate.Span;
import org.vfiomc.checker.run.JitMode;
import org.vfiomc.checker.spec.Profile;
import org.vfiomc.checker.tlc.ForkedTlcRunner;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code mutate PATH...}: mutation analysis of a suite's spec modules against its HOLDS models. */
@Command(
    name = "mutate",
    mixinStandardHelpOptions = true,
    exitCodeOnInvalidInput = 2,
    exitCodeOnExecutionException = 3,
    description = {
      "Mutate each spec module that has HOLDS models (mutants found in SANY's semantic tree) and"
          + " check every mutant with those models: killed, killed by TLC error, timed out or"
          + " survived. Equivalent mutants are listed in the suite's mutants.json.",
      "PATH is a directory with a suite.json manifest, or a manifest file.",
      "Exit codes: 0 analysis done (survivors do not fail it), 2 usage or input error"
          + " (unknown module or operator, malformed or stale mutants.json), 3 tool failure."
    })
final class MutateCommand implements Callable<Integer> {
  @Parameters(arity = "1..*", paramLabel = "PATH", description = "Suites to mutate.")
  List<Path> paths;

  @Option(names = "--module", paramLabel = "NAME", description = "Only this module.")
  String module;

  @Option(
      names = "--operators",
      paramLabel = "LIST",
      split = ",",
      description =
          "Comma-separated operator ids (default all): drop-guard, keep-value, drop-disjunct,"
              + " swap-less, swap-equal, swap-member, swap-union, off-by-one, swap-if.")
  List<String> operators;

  @Option(
      names = "--parallel",
      paramLabel = "N",
      description = "Mutants checked at the same time (default: available processors).")
  Integer parallel;

  @Option(
      names = "--timeout",
      paramLabel = "SECONDS",
      description =
          "Limit of one model check of a mutant (default: 10 x the unmutated check, at least 30 s,"
              + " at most the model's timeoutSeconds).")
  Long timeout;

  @Option(
      names = "--profile",
      paramLabel = "ci|deep",
      description = "Whose HOLDS models check the mutants: ci (default) or deep (ci and deep).")
  String profile = "ci";

  @Option(
      names = "--oracle",
      paramLabel = "expectations|holds",
      description =
          "Which models judge a mutant: expectations (default: every model of the profile that"
              + " loads the module, killed when one no longer meets its expectation, as check"
              + " would report) or holds (the HOLDS models only, killed by a violation).")
  String oracle = "expectations";

  @Option(
      names = "--jit",
      paramLabel = "auto|quick|full",
      description =
          "JIT of the TLC children: auto (default: the unmutated checks, and the mutants of models"
              + " that took 15 s or more, with the full JIT; the rest C1 only), quick (C1 only,"
              + " least CPU for checks of seconds) or full (C1 then C2, faster for minutes).")
  String jit = "auto";

  @Option(
      names = "--match",
      paramLabel = "TEXT",
      description =
          "Only the mutants whose id (as the report prints it, e.g. 'VfioFsm.SetRequest"
              + " drop-guard') contains TEXT; repeatable, any one matches. Equivalent-mutant"
              + " entries are still checked against every mutant.")
  List<String> match;

  @Option(
      names = "--history",
      paramLabel = "FILE",
      description =
          "Reuse the model checks recorded in FILE by earlier runs (same mutant, model,"
              + " expectation and module texts) and append this run's checks to it as they"
              + " finish: a stopped run resumes where it stopped. Delete it after changing the"
              + " checker or TLC.")
  Path history;

  @Option(
      names = "--oracle-limit",
      paramLabel = "SECONDS",
      description =
          "Models whose unmutated check takes longer than this judge no mutant (listed as"
              + " excluded), e.g. with --profile deep to leave out its largest models.")
  Long oracleLimit;

  @Option(
      names = "--list",
      description =
          "List the mutants (id, line:column, diff; 'equivalent' when mutants.json lists them)"
              + " without checking them: the unmutated models are still checked, since their"
              + " invariants and properties are not mutated. Not with --json, --junit-xml or"
              + " --history.")
  boolean list;

  @Option(names = "--json", paramLabel = "FILE", description = "Write the report JSON here.")
  Path json;

  @Option(names = "--junit-xml", paramLabel = "FILE", description = "Write JUnit XML here.")
  Path junitXml;

  private final PrintWriter out;
  private final PrintWriter err;

  MutateCommand(PrintWriter out, PrintWriter err) {
    this.out = out;
    this.err = err;
  }

  MutateOptions options() {
    Set<MutationOperator> ops = EnumSet.allOf(MutationOperator.class);
    if (operators != null && !operators.isEmpty()) {
      ops = EnumSet.noneOf(MutationOperator.class);
      for (String id : operators) {
        ops.add(MutationOperator.fromId(id));
      }
    }
    if (timeout != null && timeout < 1) {
      throw new IllegalArgumentException("--timeout must be at least 1 second");
    }
    int n = parallel == null ? Runtime.getRuntime().availableProcessors() : parallel;
    if (n < 1) {
      throw new IllegalArgumentException("--parallel must be at least 1");
    }
    return new MutateOptions(
        paths,
        Optional.ofNullable(module),
        ops,
        n,
        Optional.ofNullable(timeout),
        Profile.fromId(profile),
        Oracle.fromId(oracle),
        match == null ? List.of() : match,
        Optional.ofNullable(history),
        Optional.ofNullable(oracleLimit),
        list);
  }

  @Override
  public Integer call() throws InterruptedException {
    MutateOptions options;
    JitMode longJit;
    JitMode shortJit;
    try {
      options = options();
      if (!List.of("auto", "quick", "full").contains(jit)) {
        throw new IllegalArgumentException("--jit must be auto, quick or full, got '" + jit + "'");
      }
      longJit = jit.equals("auto") ? JitMode.FULL : JitMode.fromId(jit);
      shortJit = jit.equals("auto") ? JitMode.QUICK : longJit;
      if (json != null) {
        OutputFiles.requireWritableFile("--json", json);
      }
      if (history != null) {
        OutputFiles.requireWritableFile("--history", history);
      }
      if (list && (json != null || junitXml != null || history != null)) {
        throw new IllegalArgumentException(
            "--list checks no mutant: it takes no --json, --junit-xml or --history");
      }
      if (junitXml != null) {
        OutputFiles.requireWritableFile("--junit-xml", junitXml);
      }
    } catch (IllegalArgumentException e) {
      err.println("error: " + e.getMessage());
      return ExitCodes.INPUT;
    }
    PartialMutation partial = new PartialMutation(options, new Progress(err, out));
    MutationReport report;
    try (ReportsOnce once = new ReportsOnce("mutate", () -> stopped(partial), err);
        Cleanup cleanup = new Cleanup()) {
      try (ForkedTlcRunner longChecks =
              new ForkedTlcRunner(1, longJit.jvmOptions(), cleanup.tempDir("vfiomc-mutate-"));
          ForkedTlcRunner shortChecks =
              new ForkedTlcRunner(1, shortJit.jvmOptions(), cleanup.tempDir("vfiomc-mutate-"))) {
        MutationRunner runner =
            new MutationRunner(longChecks, shortChecks, new SanyClient(cleanup), cleanup, partial);
        report = runner.run(options);
      } catch (MutateException e) {
        err.println("error: " + e.getMessage());
        return ExitCodes.INPUT;
      } catch (RuntimeException e) {
        if (cleanup.stopping()) {
          return ExitCodes.TOOL; // the stop cut a check short; the shutdown hook reports the run
        }
        throw e;
      } catch (IOException e) {
        err.println("error: cannot create a temp directory: " + e.getMessage());
        return ExitCodes.TOOL;
      }
      if (options.listOnly()) {
        return ExitCodes.OK;
      }
      MutationText.print(report, out);
      try {
        if (!once.complete(() -> writeReports(report))) {
          return ExitCodes.TOOL; // stopped: the hook wrote the partial report
        }
      } catch (IOException e) {
        err.println("error: cannot write report: " + e.getMessage());
        return ExitCodes.INPUT;
      }
    }
    return ExitCodes.OK;
  }

  private void writeReports(MutationReport report) throws IOException {
    if (json != null) {
      MutationJson.write(report, json);
    }
    if (junitXml != null) {
      MutationJunitXml.write(report, junitXml);
    }
  }

  /** The run is being stopped: the modules and mutants classified so far, marked incomplete. */
  private void stopped(PartialMutation partial) throws IOException {
    MutationReport report = partial.report();
    writeReports(report);
    long classified = report.modules().stream().mapToLong(m -> m.mutants().size()).sum();
    long notRun = report.modules().stream().mapToLong(ModuleReport::notRun).sum();
    err.println(
        "mutate stopped: "
            + classified
            + " mutant(s) classified, "
            + notRun
            + " of the started modules not checked, "
            + report.notStarted().size()
            + " module(s) not started"
            + (json != null || junitXml != null
                ? " (partial report written, complete=false)"
                : ""));
  }

  /** One line per module start and per classified mutant, on standard error. */
  private record Progress(PrintWriter err, PrintWriter out) implements MutationRunner.Listener {
    @Override
    public void listed(MutantId id, Span location, String diff, Optional<String> equivalent) {
      synchronized (out) {
        out.printf(
            Locale.ROOT,
            "%s\t%s\t%s%s%n",
            id.display(),
            location.start(),
            diff,
            equivalent.isPresent() ? "\tequivalent" : "");
      }
    }

    @Override
    public void module(ModuleStart start) {
      synchronized (err) {
        err.printf(
            Locale.ROOT,
            "mutate %s: %d mutants (%d did not parse), models %s%n",
            start.module(),
            start.mutants(),
            start.unparsable(),
            String.join(", ", start.models()));
      }
    }

    @Override
    public void mutant(MutantResult r, int done, int total) {
      String how =
          switch (r.status()) {
            case KILLED -> "killed by " + r.property() + " (" + r.model() + ")";
            case KILLED_BY_ERROR -> "killed by TLC error (" + r.model() + ")";
            case TIMED_OUT -> "timed out (" + r.model() + ")";
            case SURVIVED -> "SURVIVED";
            case EQUIVALENT -> "equivalent";
          };
      synchronized (err) {
        err.printf(
            Locale.ROOT,
            "  [%d/%d] %s: %s%s%n",
            done,
            total,
            r.id().display(),
            how,
            r.checks() == 0 && r.reused() > 0 ? " [from --history]" : "");
      }
    }
  }
}
