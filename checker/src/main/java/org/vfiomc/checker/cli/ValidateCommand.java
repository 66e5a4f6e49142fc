package org.vfiomc.checker.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.vfiomc.checker.run.Exploration;
import org.vfiomc.checker.run.StateGraphExplorer;
import org.vfiomc.checker.trace.ItfCodec;
import org.vfiomc.checker.trace.ObservedTrace;
import org.vfiomc.checker.trace.TlaEquality;
import org.vfiomc.checker.trace.TlaValue;
import org.vfiomc.checker.trace.TraceFormatException;
import org.vfiomc.checker.validate.QuintMbt;
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
      "Quint's --mbt variables (mbt::actionTaken, mbt::nondetPicks) are read as each step's"
          + " action and parameters; --action-map renames Quint's actions to the spec's.",
      "Exit codes: 0 accepted, 1 rejected, 2 bad input (trace, spec, config, a trace of another"
          + " module or with values of the wrong type), 3 tool failure."
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

  @Option(
      names = "--action-map",
      split = ",",
      paramLabel = "QUINT=SPEC",
      description =
          "Rename the trace's action names (e.g. Quint's init=Init,step=Step) before matching.")
  Map<String, String> actionMap = new java.util.LinkedHashMap<>();

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
      run = QuintMbt.interpret(ItfCodec.readObserved(trace), actionMap, trace.toString());
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
    // only the part of the graph this run can visit (the verdict is the whole graph's)
    Exploration r;
    try {
      r = explorer.guided(spec, cfg, libraries, trace, timeout);
    } finally {
      explorer.close(); // one exploration per command: its JVM is not kept
    }
    if (r instanceof Exploration.Failed f) {
      // as check reports a model that could not be checked: kind, file:line:column, cause
      stderr.println("error: " + f.error().kind().id() + " error: " + f.error().describe());
      return f.error().kind().isInputError() ? ExitCodes.INPUT : ExitCodes.TOOL;
    }
    if (!(r instanceof Exploration.Explored explored)) {
      stderr.println("error: " + spec + ": exploration gave " + r);
      return ExitCodes.TOOL;
    }
    TraceValidator validator = new TraceValidator(explored.graph());
    String module = run.meta().get("module");
    if (module != null && !module.equals(validator.module())) {
      stderr.println(
          "error: "
              + trace
              + ": at /#meta/module: the trace is of module "
              + module
              + " but "
              + spec
              + " is module "
              + validator.module());
      return ExitCodes.INPUT;
    }
    List<String> unknown = validator.unknownVariables(run);
    if (!unknown.isEmpty()) {
      stderr.println(
          "error: " + trace + ": at /vars: variables the spec does not have: " + unknown);
      return ExitCodes.INPUT;
    }
    java.util.Set<String> actions = validator.actions();
    for (int i = 1; i < run.steps().size(); i++) {
      String action = run.steps().get(i).action();
      if (!action.isEmpty() && !actions.contains(action)) {
        stderr.println(
            "error: "
                + trace
                + ": step "
                + i
                + ": action "
                + action
                + " is not an action of the spec (its actions: "
                + String.join(", ", actions)
                + "); rename it with --action-map "
                + action
                + "=SPEC_ACTION");
        return ExitCodes.INPUT;
      }
    }
    List<String> problems = new java.util.ArrayList<>(validator.constantMismatches(run));
    problems.addAll(validator.typeMismatches(run));
    if (!problems.isEmpty()) {
      for (String p : problems.subList(0, Math.min(problems.size(), 10))) {
        stderr.println("error: " + trace + ": " + p);
      }
      if (problems.size() > 10) {
        stderr.println("error: ... and " + (problems.size() - 10) + " more");
      }
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
            + (rej.action().isEmpty() || rej.step() == 0 ? "" : " (" + rej.action() + ")")
            + ": "
            + rej.reason());
    stdout.println("observed at step " + rej.step() + ":");
    stdout.println("  " + conjunction(rej.observed(), firstOrEmpty(rej.candidates())));
    if (rej.params() != null && !rej.params().isEmpty()) {
      stdout.println(
          "  with parameters "
              + conjunction(rej.params(), java.util.Map.of()).replace(" /\\ ", ", "));
    }
    if (rej.step() == 0) {
      stdout.println(
          "initial states of the spec ("
              + rej.total()
              + (rej.total() > rej.candidates().size() ? ", first " + rej.candidates().size() : "")
              + "):");
    } else {
      stdout.println(
          "spec states consistent with steps 0.."
              + (rej.step() - 1)
              + " ("
              + rej.total()
              + (rej.total() > rej.candidates().size() ? ", first " + rej.candidates().size() : "")
              + "):");
    }
    for (Map<String, TlaValue> s : rej.candidates()) {
      stdout.println("  " + conjunction(s, rej.observed()));
    }
    return ExitCodes.MISMATCH;
  }

  private static Map<String, TlaValue> firstOrEmpty(List<Map<String, TlaValue>> states) {
    return states.isEmpty() ? Map.of() : states.get(0);
  }

  /**
   * {@code x = v /\ y = w}; a value printing like {@code other}'s value of the same variable but
   * different is followed by its form.
   */
  private static String conjunction(Map<String, TlaValue> values, Map<String, TlaValue> other) {
    if (values.isEmpty()) {
      return "(no variable observed)";
    }
    StringBuilder b = new StringBuilder();
    values.forEach(
        (k, x) ->
            b.append(b.length() > 0 ? " /\\ " : "")
                .append(k)
                .append(" = ")
                .append(TlaEquality.show(x, other.get(k))));
    return b.toString();
  }
}
