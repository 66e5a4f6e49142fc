package org.vfiomc.checker.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.vfiomc.checker.report.ConsoleReport;
import org.vfiomc.checker.report.ReportFormat;
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
      "Exit codes: as 'check' gave for those results (0 all as expected, 1 a verdict differs,"
          + " 2 an input error, 3 a tool failure); 2 also when the results file is malformed."
    })
final class ReportCommand implements Callable<Integer> {
  @Parameters(arity = "1", paramLabel = "RESULTS", description = "The results JSON file.")
  Path results;

  @Option(
      names = "--format",
      paramLabel = "text|json|junit-xml",
      description = "Report format (default text: the report 'check' prints).")
  String format = "text";

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
    if (!List.of("text", "json", "junit-xml").contains(format)) {
      err.println("error: --format must be text, json or junit-xml, got '" + format + "'");
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
    try {
      switch (format) {
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
}
