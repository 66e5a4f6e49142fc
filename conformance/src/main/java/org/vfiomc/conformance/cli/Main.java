package org.vfiomc.conformance.cli;

import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * Entry point of {@code conformance.jar}; the only class that touches standard streams or exits.
 * Exit codes: 0 success, 1 the answer is negative (invalid request, failed or lossy migration), 2
 * usage or input error, 3 internal failure. Running out of memory (or stack) anywhere is exit 3
 * with a sentence that says so, never exit 1 (which CI reads as a negative answer) and never a JVM
 * stack trace.
 */
@Command(
    name = "conformance",
    mixinStandardHelpOptions = true,
    versionProvider = Main.Version.class,
    description = "VFIO migration conformance tools: the device state machine and migrations.",
    subcommands = {
      PathCommand.class,
      SimulateCommand.class,
      ReplayCommand.class,
      CommandLine.HelpCommand.class
    })
public final class Main implements Runnable {
  static final int EXIT_NEGATIVE = 1;
  static final int EXIT_USAGE = 2;
  static final int EXIT_INTERNAL = 3;

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  /** Prints the version from the jar manifest, or the development version. */
  static final class Version implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
      String v = Main.class.getPackage().getImplementationVersion();
      return new String[] {"vfiomc conformance " + (v == null ? "0.1.0-SNAPSHOT" : v)};
    }
  }

  @Override
  public void run() {
    throw new CommandLine.ParameterException(spec.commandLine(), "a command is required");
  }

  public static void main(String[] args) {
    PrintWriter out = new PrintWriter(System.out, true, StandardCharsets.UTF_8);
    PrintWriter err = new PrintWriter(System.err, true, StandardCharsets.UTF_8);
    int code;
    try {
      code = execute(args, out, err);
    } catch (OutOfMemoryError e) {
      // the last resort: execute() maps it already, unless it struck while printing that
      System.err.println("conformance: out of memory");
      code = EXIT_INTERNAL;
    }
    out.flush();
    err.flush();
    System.exit(code);
  }

  /** Runs the command line with the given streams and returns the exit code (used by tests). */
  static int execute(String[] args, PrintWriter out, PrintWriter err) {
    CommandLine cl = new CommandLine(new Main());
    cl.setOut(out);
    cl.setErr(err);
    cl.setExecutionExceptionHandler(
        (ex, line, parsed) -> {
          line.getErr().println("internal error: " + ex);
          return EXIT_INTERNAL;
        });
    try {
      return cl.execute(args);
    } catch (OutOfMemoryError e) {
      err.println("conformance: " + outOfMemory());
      return EXIT_INTERNAL;
    } catch (StackOverflowError e) {
      err.println(
          "conformance: internal error: stack overflow (input nested too deeply? raise -Xss)");
      return EXIT_INTERNAL;
    }
  }

  /** The sentence for an exhausted heap: how large it was and how to raise it. */
  static String outOfMemory() {
    return "out of memory (the heap's limit is "
        + (Runtime.getRuntime().maxMemory() >> 20)
        + " MiB; raise it with java -Xmx..., or give the command less to do)";
  }
}
