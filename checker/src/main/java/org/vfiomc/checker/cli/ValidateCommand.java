package org.vfiomc.checker.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.vfiomc.checker.run.Exploration;
import org.vfiomc.checker.run.StateGraphExplorer;
import org.vfiomc.checker.trace.ItfCodec;
import org.vfiomc.checker.trace.ObservedTrace;
import org.vfiomc.checker.trace.TlaValue;
import org.vfiomc.checker.trace.TraceFormatException;
import org.vfiomc.checker.validate.TraceValidator;
import org.vfiomc.checker.validate.ValidationOutcome;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code validate SPEC --trace FILE [--config CFG]}: is a recorded run a behaviour of the spec? */
@Command(
    name = "validate",
    mixinStandardHelpOptions = true,
    exitCodeOnInvalidInput = 2,
    exitCodeOnExecutionException = 3,
    description = {
      "Accept a recorded run (ITF; states may omit unobserved variables, steps may omit the"
          + " action or its parameters) exactly when it is a behaviour of the spec; otherwise"
          + " reject it at the first step no behaviour explains and show the candidate states.",
      "Exit codes: 0 accepted, 1 rejected, 2 bad input."
    })
final class ValidateCommand implements Callable<Integer> {
  @Parameters(index = "0", paramLabel = "SPEC", description = "The .tla model.")
  Path spec;

  @Option(names = "--trace", required = true, paramLabel = "FILE", description = "ITF run.")
  Path trace;

  @Option(names = "--config", paramLabel = "CFG", description = "Default: SPEC's NAME.cfg.")
  Path config;

  @Option(
      names = "--timeout",
      paramLabel = "SECONDS",
      description = "Limit for exploring the spec (default 600).")
  long timeout = 600;

  private final PrintWriter stdout;
  private final PrintWriter stderr;
  private final StateGraphExplorer explorer;

  ValidateCommand(PrintWriter out, PrintWriter err, StateGraphExplorer explorer) {
    this.stdout = out;
    this.stderr = err;
    this.explorer = explorer;
  }

  @Override
  public Integer call() {
    Path cfg = config;
    if (cfg == null) {
      String name = spec.getFileName().toString();
      cfg = spec.resolveSibling(name.replaceFirst("\\.tla$", "") + ".cfg");
    }
    for (Path p : List.of(spec, cfg, trace)) {
      if (!Files.isRegularFile(p)) {
        stderr.println("error: " + p + ": no such file");
        return ExitCodes.INPUT;
      }
    }
    ObservedTrace run;
    try {
      run =
          ItfCodec.readObserved(Files.readString(trace, StandardCharsets.UTF_8), trace.toString());
    } catch (TraceFormatException e) {
      stderr.println("error: " + e.getMessage());
      return ExitCodes.INPUT;
    } catch (IOException e) {
      stderr.println("error: " + trace + ": cannot read: " + e.getMessage());
      return ExitCodes.INPUT;
    }
    List<java.nio.file.Path> libraries;
    try {
      libraries = org.vfiomc.checker.spec.Manifest.librariesFor(spec);
    } catch (org.vfiomc.checker.spec.ManifestException e) {
      stderr.println("error: " + e.getMessage());
      return ExitCodes.INPUT;
    }
    Exploration r = explorer.explore(spec, cfg, libraries, 0, timeout);
    if (!(r instanceof Exploration.Explored explored)) {
      stderr.println("error: " + r);
      return ExitCodes.INPUT;
    }
    TraceValidator validator = new TraceValidator(explored.graph());
    List<String> unknown = validator.unknownVariables(run);
    if (!unknown.isEmpty()) {
      stderr.println(
          "error: " + trace + ": at /vars: variables the spec does not have: " + unknown);
      return ExitCodes.INPUT;
    }
    ValidationOutcome v = validator.validate(run);
    if (v instanceof ValidationOutcome.Accepted a) {
      stdout.println(
          trace
              + ": accepted: "
              + a.steps()
              + " states, "
              + a.candidates()
              + " spec state(s) consistent with the whole run");
      return ExitCodes.OK;
    }
    ValidationOutcome.Rejected rej = (ValidationOutcome.Rejected) v;
    stdout.println(
        trace
            + ": rejected at step "
            + rej.step()
            + (rej.action().isEmpty() ? "" : " (" + rej.action() + ")")
            + ": "
            + rej.reason());
    stdout.println(
        "spec states consistent with steps 0.."
            + (rej.step() - 1)
            + " ("
            + rej.total()
            + (rej.total() > rej.candidates().size() ? ", first " + rej.candidates().size() : "")
            + "):");
    if (rej.step() == 0) {
      stdout.println("(the initial states)");
    }
    for (Map<String, TlaValue> s : rej.candidates()) {
      StringBuilder b = new StringBuilder("  ");
      s.forEach(
          (k, x) ->
              b.append(b.length() > 2 ? " /\\ " : "").append(k).append(" = ").append(x.toTla()));
      stdout.println(b);
    }
    return ExitCodes.MISMATCH;
  }
}
