package org.vfiomc.checker.tlc.child;

import java.io.BufferedOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.vfiomc.checker.explore.GraphCodec;
import org.vfiomc.checker.explore.StateGraph;
import org.vfiomc.checker.result.CheckOutcome;
import org.vfiomc.checker.result.ErrorInfo;
import org.vfiomc.checker.result.ModelSource;
import org.vfiomc.checker.result.Stats;
import org.vfiomc.checker.tlc.link.ChildExit;
import org.vfiomc.checker.tlc.link.ChildMessage;
import org.vfiomc.checker.tlc.link.LinkWriter;
import org.vfiomc.checker.tlc.link.ModuleSearch;
import org.vfiomc.checker.tlc.link.ParentWatch;
import util.ToolIO;

/**
 * Main class of the forked exploring JVM: {@code ExploreChild SPEC CONFIG OUT MAXEDGES} writes the
 * reachable graph ({@link GraphCodec}) to {@code OUT}; {@code ExploreChild SPEC CONFIG OUT MAXSTEPS
 * WALKS DEPTH SEED} writes seeded random walks ({@code Explorer.walk}) and the part of the graph
 * they visited; {@code ExploreChild SPEC CONFIG OUT 0 RUN} writes the part of the graph a
 * validation of the recorded run in the ITF file {@code RUN} can visit ({@code Explorer.guided}).
 * Exit status ({@link ChildExit}) 0 written, 4 more than {@code MAXEDGES} edges (0: no limit), 2
 * any other failure: the failure classified as {@code check} classifies it ({@link ExploreFailure})
 * is written to {@code OUT.error} as one link message ({@link LinkWriter}, a {@code Failed}
 * outcome), and the message to standard error. With {@link TlcChild} and {@code cli.Main} the only
 * code touching standard streams and exit.
 */
public final class ExploreChild {
  private ExploreChild() {}

  /**
   * The one argument of a reused exploring JVM: jobs on standard input as for a reused checking JVM
   * ({@code PooledChecks}), each the library line, the job's standard-error file and the arguments
   * above; each job's exit status goes to standard output as {@link #STATUS_PREFIX} and the number.
   */
  public static final String POOL = "--pool";

  /** Starts the line on a reused explorer's standard output that ends a job: its exit status. */
  public static final String STATUS_PREFIX = "vfiomc-status: ";

  public static void main(String[] args) {
    ParentWatch.start(Runtime.getRuntime()::halt);
    PrintStream err = System.err;
    if (args.length == 1 && args[0].equals(POOL)) {
      PrintStream link = System.out;
      System.setOut(err);
      int status = ChildExit.FAILED;
      try {
        PooledChecks.serve(
            link,
            ExploreChild.class.getName(),
            e -> {
              err.println(ChildExit.ERROR_PREFIX + "tool error: cannot start the job: " + e);
              link.println(STATUS_PREFIX + ChildExit.FAILED);
              link.flush();
            });
        status = ChildExit.OK;
      } catch (RuntimeException | Error e) {
        e.printStackTrace(err);
      } finally {
        err.flush();
        Runtime.getRuntime().halt(status); // TLC's RMI threads would keep the JVM alive
      }
      return;
    }
    System.setOut(err); // TLC's and SANY's chatter goes to stderr
    int status = explore(args, err);
    err.flush();
    System.exit(status);
  }

  /**
   * One exploration of a reused JVM, in a class loader of its own: {@code job} is the library line,
   * the file for the job's standard error and the arguments of {@link #main}; the exit status goes
   * to {@code link}. Never throws.
   */
  public static void runJob(PrintStream link, List<String> job) {
    int status = ChildExit.FAILED;
    if (job.size() >= 2) {
      if (!job.get(0).isEmpty()) {
        System.setProperty(ModuleSearch.PROPERTY, job.get(0)); // the pool restores its properties
      }
      PrintStream out = System.out;
      PrintStream stderr = System.err;
      try (PrintStream err =
          new PrintStream(
              Files.newOutputStream(Path.of(job.get(1))),
              true,
              java.nio.charset.StandardCharsets.UTF_8)) {
        System.setOut(err); // the JVM's streams: put back below for the next job
        System.setErr(err);
        status = explore(job.subList(2, job.size()).toArray(String[]::new), err);
      } catch (java.io.IOException | RuntimeException | Error e) {
        status = ChildExit.FAILED;
      } finally {
        System.setOut(out);
        System.setErr(stderr);
      }
    }
    link.println(STATUS_PREFIX + status);
    link.flush();
  }

  /** Explores as {@link #main} says and returns the exit status; messages go to {@code err}. */
  private static int explore(String[] args, PrintStream err) {
    int status;
    try {
      if (args.length != 4 && args.length != 5 && args.length != 7) {
        throw new IllegalArgumentException(
            "usage: ExploreChild SPEC CONFIG OUT MAXEDGES [WALKS DEPTH SEED | RUN]");
      }
      java.io.ByteArrayOutputStream chatter = new java.io.ByteArrayOutputStream();
      PrintStream capture = new PrintStream(chatter, true, java.nio.charset.StandardCharsets.UTF_8);
      ToolIO.out = capture;
      ToolIO.err = capture;
      Path spec = Path.of(args[0]);
      Path config = Path.of(args[1]);
      Explorer explorer;
      try {
        explorer = new Explorer(spec, config);
      } catch (RuntimeException | Error e) {
        throw new Classified(ExploreFailure.ofSetup(spec, config, e), chatter);
      }
      StateGraph graph;
      java.util.List<org.vfiomc.checker.explore.Walk> walks = null;
      try {
        if (args.length == 7) {
          Explorer.Walked walked =
              explorer.walk(
                  Integer.parseInt(args[4]),
                  Integer.parseInt(args[5]),
                  Long.parseLong(args[6]),
                  Long.parseLong(args[3]));
          graph = walked.graph();
          walks = walked.walks();
        } else if (args.length == 5) {
          java.util.List<java.util.Map<String, org.vfiomc.checker.trace.TlaValue>> observed =
              new java.util.ArrayList<>();
          for (org.vfiomc.checker.trace.TraceStep step :
              org.vfiomc.checker.trace.ItfCodec.readObserved(Path.of(args[4])).steps()) {
            observed.add(step.state());
          }
          graph = explorer.guided(observed);
        } else {
          graph = explorer.explore(Long.parseLong(args[3]));
        }
      } catch (Explorer.Evaluation e) {
        throw new Classified(ExploreFailure.ofEvaluation(spec, e.where(), e.getCause()), chatter);
      }
      try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(Path.of(args[2])))) {
        GraphCodec.write(graph, walks, out);
      }
      status = ChildExit.OK;
    } catch (Explorer.TooLarge e) {
      err.println(e.getMessage());
      status = ChildExit.TOO_LARGE;
    } catch (Classified e) {
      err.print(e.chatter.toString(java.nio.charset.StandardCharsets.UTF_8));
      err.println(e.error.describe());
      writeError(Path.of(args[2] + ".error"), e.error, err);
      status = ChildExit.FAILED;
    } catch (Exception | Error e) {
      if (System.getenv("VFIOMC_TLC_DEBUG") != null) {
        e.printStackTrace(err);
      }
      err.println(ChildExit.ERROR_PREFIX + "tool error: " + ErrorDiagnosis.oneLine(e.toString()));
      status = ChildExit.FAILED;
    }
    return status;
  }

  private static void writeError(Path file, ErrorInfo error, PrintStream err) {
    String line =
        LinkWriter.encode(
            new ChildMessage.Result(
                java.util.List.of(),
                ModelSource.UNKNOWN,
                new CheckOutcome.Failed(error, Stats.NONE)));
    try {
      Files.writeString(file, line + "\n", java.nio.charset.StandardCharsets.UTF_8);
    } catch (java.io.IOException e) {
      err.println("cannot write " + file + ": " + e.getMessage());
    }
  }

  /** A failure already classified, with TLC's and SANY's chatter so far. */
  private static final class Classified extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final transient ErrorInfo error;
    private final transient java.io.ByteArrayOutputStream chatter;

    Classified(ErrorInfo error, java.io.ByteArrayOutputStream chatter) {
      super(error.describe());
      this.error = error;
      this.chatter = chatter;
    }
  }
}
