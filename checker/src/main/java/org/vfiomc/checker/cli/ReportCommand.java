package org.vfiomc.checker.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.vfiomc.checker.report.ConsoleReport;
import org.vfiomc.checker.report.ReportFormat;
import org.vfiomc.checker.report.html.HtmlReport;
import org.vfiomc.checker.report.html.ReportDocument;
import org.vfiomc.checker.report.html.ReportInputException;
import org.vfiomc.checker.result.ModelResult;
import org.vfiomc.checker.result.OutcomeReader;
import org.vfiomc.checker.trace.TraceFormatException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code report RESULTS.json}: the report of an earlier {@code check --json} run, from the file
 * alone (the file is the truth; nothing is checked again).
 */
@Command(
    name = "report",
    mixinStandardHelpOptions = true,
    exitCodeOnInvalidInput = 2,
    exitCodeOnExecutionException = 3,
    description = {
      "Print the report of a results file written by 'checker check --json'.",
      "--format html writes one self-contained HTML page (no network): the suite table, each"
          + " counterexample as a swimlane timeline and, when given, the tours' coverage, the"
          + " replay summary and simulation plots.",
      "Exit codes: as 'check' gave for those results (0 all as expected, 1 a verdict differs,"
          + " 2 an input error, 3 a tool failure); 2 also when the results file is malformed."
    })
final class ReportCommand implements Callable<Integer> {
  @Parameters(arity = "1", paramLabel = "RESULTS", description = "The results JSON file.")
  Path results;

  @Option(
      names = "--format",
      paramLabel = "text|json|junit-xml|html",
      description = "Report format (default text: the report 'check' prints).")
  String format = "text";

  @Option(
      names = "--coverage",
      paramLabel = "FILE",
      description = "html: the coverage document of 'checker traces --json'.")
  Path coverageFile;

  @Option(
      names = "--replay",
      paramLabel = "FILE",
      description = "html: the document of 'conformance replay --json'.")
  Path replayFile;

  @Option(
      names = "--simulate",
      paramLabel = "FILE",
      description = "html, repeatable: a document of 'conformance simulate --json'.")
  List<Path> simulateFiles = new ArrayList<>();

  @Option(names = "--out", paramLabel = "FILE", description = "Write here instead of stdout.")
  Path outFile;

  @Option(names = "--quiet", description = "text: print only the summary table and failures.")
  boolean quiet;

  private final PrintWriter out;
  private final PrintWriter err;

  ReportCommand(PrintWriter out, PrintWriter err) {
    this.out = out;
    this.err = err;
  }

  @Override
  public Integer call() {
    if (!List.of("text", "json", "junit-xml", "html").contains(format)) {
      err.println("error: --format must be text, json, junit-xml or html, got '" + format + "'");
      return ExitCodes.INPUT;
    }
    if (!format.equals("html")
        && (coverageFile != null || replayFile != null || !simulateFiles.isEmpty())) {
      err.println("error: --coverage, --replay and --simulate need --format html");
      return ExitCodes.INPUT;
    }
    List<ModelResult> models;
    try {
      models = OutcomeReader.readResults(results);
    } catch (TraceFormatException e) {
      err.println("error: " + e.getMessage());
      return ExitCodes.INPUT;
    } catch (IOException e) {
      err.println("error: " + results + ": cannot read: " + e.getMessage());
      return ExitCodes.INPUT;
    }
    StringWriter text = new StringWriter();
    if (format.equals("html")) {
      try {
        text.write(html(models));
      } catch (ReportInputException e) {
        err.println("error: " + e.getMessage());
        return ExitCodes.INPUT;
      }
    }
    try {
      switch (format) {
        case "html" -> {
          // rendered above
        }
        case "json" -> ReportFormat.JSON.writer().write(models, text);
        case "junit-xml" -> ReportFormat.JUNIT_XML.writer().write(models, text);
        default -> {
          PrintWriter w = new PrintWriter(text);
          new ConsoleReport(w, quiet).print(models);
          w.flush();
        }
      }
      if (outFile == null) {
        out.print(text);
        out.flush();
      } else {
        Path parent = outFile.toAbsolutePath().getParent();
        if (parent != null) {
          Files.createDirectories(parent);
        }
        Files.writeString(outFile, text.toString(), StandardCharsets.UTF_8);
      }
    } catch (IOException e) {
      err.println("error: cannot write report: " + e.getMessage());
      return ExitCodes.INPUT;
    }
    return ExitCodes.of(models);
  }

  private String html(List<ModelResult> models) throws ReportInputException {
    Optional<ReportDocument> coverage = Optional.empty();
    if (coverageFile != null) {
      coverage = Optional.of(ReportDocument.read(coverageFile, ReportDocument.Kind.COVERAGE));
    }
    Optional<ReportDocument> replay = Optional.empty();
    if (replayFile != null) {
      replay = Optional.of(ReportDocument.read(replayFile, ReportDocument.Kind.REPLAY));
    }
    List<ReportDocument> simulations = new ArrayList<>();
    for (Path p : simulateFiles) {
      simulations.add(ReportDocument.read(p, ReportDocument.Kind.SIMULATION));
    }
    return HtmlReport.render(
        new HtmlReport.Inputs(
            String.valueOf(results.getFileName()), models, coverage, replay, simulations));
  }
}
