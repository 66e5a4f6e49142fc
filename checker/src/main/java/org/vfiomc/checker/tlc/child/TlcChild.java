package org.vfiomc.checker.tlc.child;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.vfiomc.checker.result.CheckOutcome;
import org.vfiomc.checker.result.ErrorInfo;
import org.vfiomc.checker.result.ErrorKind;
import org.vfiomc.checker.result.ModelSource;
import org.vfiomc.checker.result.Stats;
import org.vfiomc.checker.tlc.link.ChildExit;
import org.vfiomc.checker.tlc.link.ModuleSearch;
import org.vfiomc.checker.tlc.link.ParentWatch;

/**
 * Main class of the forked checking JVM: {@code TlcChild SPEC CONFIG WORKERS METADIR [OPTION...]},
 * where the options are the TLC options of {@code run.TlcFlags} and nothing else. Reports on its
 * standard output through {@link ChildChannel}; everything else (TLC's and SANY's text) is kept
 * away from that stream. The process entry point is, with {@code cli.Main}, the only code that
 * touches standard streams and {@code System.exit}: TLC leaves RMI threads alive, so the JVM must
 * be ended explicitly.
 */
public final class TlcChild {
  /**
   * The one argument of a child started before its job is known ({@code tlc.StandbyChild}): it
   * initialises what every check needs, then reads the job from standard input, one line each: the
   * folders of the {@code TLA-Library} property (an empty line for none), then the arguments it
   * would otherwise have had. End of input before any line means no job: the child exits.
   */
  public static final String JOB_ON_STDIN = "--job-on-stdin";

  /**
   * The one argument of a reused checking JVM ({@link PooledChecks}): it reads jobs from standard
   * input, one after the other, and checks each in a class loader of its own.
   */
  public static final String POOL = "--pool";

  /** The TLC options a parent may add (see {@code run.TlcFlags#tlcOptions}). */
  private static final List<String> OPTIONS =
      List.of("-simulate", "-depth", "-seed", "-coverage", "-deadlock", "-dump");

  private TlcChild() {}

  public static void main(String[] commandLine) {
    ParentWatch.start(Runtime.getRuntime()::halt);
    PrintStream link = System.out;
    System.setOut(System.err); // stray prints must not corrupt the link
    ChildChannel channel = new ChildChannel(link, System::exit);
    BoundSockets sockets = null;
    try {
      sockets = BoundSockets.loopback();
    } catch (IOException e) {
      // RMI keeps its default sockets: TLC listens on every interface, and exit waits for it
    }
    String[] args = commandLine;
    if (args.length == 1 && args[0].equals(POOL)) {
      int status = 3;
      try {
        PooledChecks.serve(link);
        status = 0;
      } catch (RuntimeException | Error e) {
        e.printStackTrace(System.err); // the parent shows the tail of standard error
      } finally {
        // TLC's RMI threads would keep the JVM alive after a failure here: the parent then sees
        // the link end instead of waiting for its timeout
        if (sockets != null) {
          sockets.closeListening();
        }
        channel.exit(status);
      }
      return;
    }
    if (args.length == 1 && args[0].equals(JOB_ON_STDIN)) {
      ChildRun.warmUp();
      List<String> job = readJob();
      if (job.isEmpty()) {
        channel.exit(0); // the checker went without giving a job
        return;
      }
      if (!job.get(0).isEmpty()) {
        System.setProperty(ModuleSearch.PROPERTY, job.get(0));
      }
      args = job.subList(1, job.size()).toArray(String[]::new);
    }
    int status = check(args, channel);
    if (sockets != null) {
      sockets.closeListening();
    }
    channel.exit(status);
  }

  /**
   * One check of a reused JVM ({@link PooledChecks}), called in a class loader of its own: {@code
   * job} is the library line and the arguments, as on standard input for {@link #JOB_ON_STDIN}; the
   * result goes to {@code link}. Never throws.
   */
  public static void runJob(PrintStream link, List<String> job) {
    ChildChannel channel = new ChildChannel(link, status -> {});
    if (job.isEmpty()) {
      channel.result(failed("empty job"), List.of(), ModelSource.UNKNOWN);
      return;
    }
    if (!job.get(0).isEmpty()) {
      System.setProperty(ModuleSearch.PROPERTY, job.get(0)); // the pool restores its properties
    }
    check(job.subList(1, job.size()).toArray(String[]::new), channel);
  }

  /** Checks the model {@code args} name and sends exactly one result; the exit status. */
  private static int check(String[] args, ChildChannel channel) {
    List<String> options = args.length < 4 ? List.of() : List.of(args).subList(4, args.length);
    String unknown =
        options.stream()
            .filter(o -> o.startsWith("-"))
            .filter(o -> !OPTIONS.contains(o))
            .findFirst()
            .orElse(null);
    if (args.length < 4 || unknown != null) {
      channel.result(
          failed("usage: TlcChild SPEC CONFIG WORKERS METADIR [" + String.join("|", OPTIONS) + "]"),
          List.of(),
          ModelSource.UNKNOWN);
      return 2;
    }
    PrintStream debug = System.getenv("VFIOMC_TLC_DEBUG") != null ? System.err : null;
    CheckOutcome outcome;
    List<String> properties = List.of();
    ModelSource source = ModelSource.UNKNOWN;
    try {
      ChildRun run =
          new ChildRun(
              Path.of(args[0]),
              Path.of(args[1]),
              Integer.parseInt(args[2]),
              Path.of(args[3]),
              options,
              channel,
              debug,
              w -> System.err.println(ChildExit.WARNING_PREFIX + w));
      outcome = run.run();
      properties = run.properties();
      source = run.source();
    } catch (RuntimeException | Error e) {
      e.printStackTrace(System.err);
      outcome = failed("checker failure in the TLC process: " + e);
    }
    channel.result(outcome, properties, source);
    return 0;
  }

  /** The job's lines on standard input, up to its end (empty if it ends at once). */
  private static List<String> readJob() {
    List<String> lines = new ArrayList<>();
    try {
      BufferedReader in =
          new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
      for (String line = in.readLine(); line != null; line = in.readLine()) {
        lines.add(line);
      }
    } catch (IOException e) {
      // what arrived is the job; a short one fails the usage check below
    }
    return lines;
  }

  static CheckOutcome failed(String message) {
    return new CheckOutcome.Failed(ErrorInfo.of(ErrorKind.TOOL, message), Stats.NONE);
  }
}
