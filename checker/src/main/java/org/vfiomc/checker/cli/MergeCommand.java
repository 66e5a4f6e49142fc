package org.vfiomc.checker.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.vfiomc.checker.report.ConsoleReport;
import org.vfiomc.checker.report.ReportFormat;
import org.vfiomc.checker.result.ModelResult;
import org.vfiomc.checker.result.OutcomeReader;
import org.vfiomc.checker.run.CheckOptions;
import org.vfiomc.checker.run.SuiteRunner;
import org.vfiomc.checker.spec.ManifestException;
import org.vfiomc.checker.spec.ModelSpec;
import org.vfiomc.checker.spec.Profile;
import org.vfiomc.checker.trace.TraceFormatException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code merge RESULTS.json...}: the results of the shards of one suite ({@code check --shard K/N
 * --json ...} on N runners) as one results document and one JUnit XML file, with the report and
 * exit code {@code check} would have given for the whole suite. A model in two files is an input
 * error; with {@code --suite}, so is a selected model that no file has (a shard that did not run)
 * or a model the suite does not select.
 */
@Command(
    name = "merge",
    mixinStandardHelpOptions = true,
    exitCodeOnInvalidInput = 2,
    exitCodeOnExecutionException = 3,
    description = {
      "Merge the results files of the shards of a suite ('check --shard K/N --json F').",
      "Exit codes: as 'check' gives for the merged results; 2 when a file is malformed, a model"
          + " appears twice, or (with --suite) a selected model is missing or an unknown one"
          + " appears."
    })
final class MergeCommand implements Callable<Integer> {
  @Parameters(arity = "1..*", paramLabel = "RESULTS", description = "Results files to merge.")
  List<Path> files;

  @Option(names = "--json", paramLabel = "FILE", description = "Write the merged results here.")
  Path json;

  @Option(names = "--junit-xml", paramLabel = "FILE", description = "Write JUnit XML here.")
  Path junitXml;

  @Option(
      names = "--suite",
      paramLabel = "PATH",
      description = "The suite the shards split: every model it selects must appear exactly once.")
  Path suite;

  @Option(
      names = "--profile",
      paramLabel = "ci|deep",
      description = "With --suite: the profile the shards ran (default ci).")
  String profile = "ci";

  @Option(names = "--quiet", description = "Print only the summary table and failures.")
  boolean quiet;

  private final PrintWriter out;
  private final PrintWriter err;

  MergeCommand(PrintWriter out, PrintWriter err) {
    this.out = out;
    this.err = err;
  }

  @Override
  public Integer call() {
    Map<String, ModelResult> merged = new LinkedHashMap<>();
    Map<String, Path> from = new LinkedHashMap<>();
    for (Path f : files) {
      List<ModelResult> results;
      try {
        results = OutcomeReader.readResults(f);
      } catch (TraceFormatException e) {
        err.println("error: " + e.getMessage());
        return ExitCodes.INPUT;
      } catch (IOException e) {
        err.println("error: " + f + ": cannot read: " + e.getMessage());
        return ExitCodes.INPUT;
      }
      for (ModelResult r : results) {
        Path first = from.putIfAbsent(r.model(), f);
        if (first != null) {
          err.println(
              "error: model "
                  + r.model()
                  + " is in both "
                  + first
                  + " and "
                  + f
                  + ": shards of one suite never share a model");
          return ExitCodes.INPUT;
        }
        merged.put(r.model(), r);
      }
    }
    List<ModelResult> results = new ArrayList<>(merged.values());
    if (suite != null) {
      try {
        results = inSuiteOrder(merged);
      } catch (IllegalArgumentException | ManifestException e) {
        err.println("error: " + e.getMessage());
        return ExitCodes.INPUT;
      }
    }
    new ConsoleReport(out, quiet).print(results);
    try {
      if (json != null) {
        ReportFormat.JSON.writeTo(results, json);
      }
      if (junitXml != null) {
        ReportFormat.JUNIT_XML.writeTo(results, junitXml);
      }
    } catch (IOException e) {
      err.println("error: cannot write report: " + e.getMessage());
      return ExitCodes.INPUT;
    }
    return ExitCodes.of(results);
  }

  /** The results in the suite's order; every selected model present, no other. */
  private List<ModelResult> inSuiteOrder(Map<String, ModelResult> merged) throws ManifestException {
    CheckOptions options = CheckOptions.of(List.of(suite), Profile.fromId(profile));
    List<ModelSpec> models = SuiteRunner.select(options);
    List<String> missing = new ArrayList<>();
    List<ModelResult> out = new ArrayList<>();
    for (ModelSpec m : models) {
      ModelResult r = merged.get(m.name());
      if (r == null) {
        missing.add(m.name());
      } else {
        out.add(r);
      }
    }
    if (!missing.isEmpty()) {
      throw new IllegalArgumentException(
          missing.size()
              + " model(s) of "
              + suite
              + " (profile "
              + profile
              + ") are in no file: "
              + String.join(", ", missing)
              + " (did a shard not run?)");
    }
    List<String> extra =
        merged.keySet().stream()
            .filter(n -> models.stream().noneMatch(m -> m.name().equals(n)))
            .toList();
    if (!extra.isEmpty()) {
      throw new IllegalArgumentException(
          "model(s) not selected by "
              + suite
              + " (profile "
              + profile
              + "): "
              + String.join(", ", extra));
    }
    return out;
  }
}
