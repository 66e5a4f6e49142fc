package org.vfiomc.checker.tlc;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.vfiomc.checker.explore.GraphCodec;
import org.vfiomc.checker.run.Exploration;
import org.vfiomc.checker.run.JitMode;
import org.vfiomc.checker.run.StateGraphExplorer;
import org.vfiomc.checker.tlc.child.ExploreChild;
import org.vfiomc.checker.tlc.link.ChildExit;
import org.vfiomc.checker.tlc.link.ModuleSearch;
import org.vfiomc.checker.tlc.link.ParentLink;

/**
 * Explores a model in a forked JVM ({@link ExploreChild}) and reads the graph back. TLC's static
 * state holds one spec per class loader: a JVM runs several explorations in turn, each in a class
 * loader of its own ({@link ReusedChild}), or one per JVM.
 */
public final class ForkedExplorer implements StateGraphExplorer {
  /** The state graph an exploration writes, in its work directory or its job folder. */
  private static final String GRAPH_FILE = "graph.json";

  /** Where an exploration's standard error goes, beside its graph. */
  private static final String STDERR_FILE = "stderr.txt";

  private final ChildJvm jvm = ChildJvm.ofThisProcess();
  private final ChildProcesses children = new ChildProcesses();
  private final JitMode jit;

  /**
   * Explorations one child JVM runs in turn, each in a class loader of its own (1: a JVM per
   * exploration); see {@link ForkedTlcRunner#DEFAULT_JOBS_PER_JVM}.
   */
  private final int jobsPerJvm;

  private final IdleChildren idle;

  /** Explorer children that compile with {@link JitMode#FULL}. */
  public ForkedExplorer() {
    this(JitMode.FULL);
  }

  /** Explorer children that compile with {@code jit}. */
  public ForkedExplorer(JitMode jit) {
    this(jit, ForkedTlcRunner.DEFAULT_JOBS_PER_JVM);
  }

  /** Explorer children that compile with {@code jit}, each running up to {@code jobsPerJvm}. */
  public ForkedExplorer(JitMode jit, int jobsPerJvm) {
    if (jobsPerJvm < 1) {
      throw new IllegalArgumentException("jobs per JVM must be at least 1");
    }
    this.jit = jit;
    this.jobsPerJvm = jobsPerJvm;
    this.idle = new IdleChildren(jobsPerJvm);
  }

  @Override
  public Exploration explore(
      Path spec, Path config, List<Path> libraries, long maxEdges, long timeoutSeconds) {
    return run(spec, config, libraries, maxEdges, null, null, timeoutSeconds);
  }

  @Override
  public Exploration guided(
      Path spec, Path config, List<Path> libraries, Path observedItf, long timeoutSeconds) {
    return run(spec, config, libraries, 0, null, observedItf, timeoutSeconds);
  }

  @Override
  public Exploration walk(
      Path spec,
      Path config,
      List<Path> libraries,
      org.vfiomc.checker.spec.WalkSpec walks,
      long maxSteps,
      long timeoutSeconds) {
    return run(spec, config, libraries, maxSteps, walks, null, timeoutSeconds);
  }

  private Exploration run(
      Path spec,
      Path config,
      List<Path> libraries,
      long max,
      org.vfiomc.checker.spec.WalkSpec walks,
      Path guide,
      long timeoutSeconds) {
    List<String> args =
        new java.util.ArrayList<>(
            List.of(spec.toAbsolutePath().toString(), config.toAbsolutePath().toString()));
    List<String> lines = new ArrayList<>(withOut(args, Path.of(GRAPH_FILE), max, walks, guide));
    lines.add(ModuleSearch.value(libraries));
    if (jobsPerJvm > 1 && ReusedChild.fitsOnLines(lines)) {
      return reused(spec, libraries, args, max, walks, guide, timeoutSeconds);
    }
    try (ChildProcesses.Lease lease = children.leaseNew(null, "vfiomc-explore-")) {
      Path work = lease.work();
      Path out = work.resolve(GRAPH_FILE);
      Path errFile = work.resolve(STDERR_FILE);
      List<String> command =
          jvm.command(
              work,
              Stream.of(
                      jit.jvmOptions(),
                      ModuleSearch.jvmOptions(libraries),
                      ParentLink.jvmOptions(work))
                  .flatMap(List::stream)
                  .toList(),
              ExploreChild.class.getName(),
              withOut(args, out, max, walks, guide));
      Process p =
          new ProcessBuilder(command)
              .directory(work.toFile())
              .redirectOutput(ProcessBuilder.Redirect.DISCARD)
              .redirectError(errFile.toFile())
              .start();
      lease.started(p);
      boolean finished;
      try {
        finished = p.waitFor(timeoutSeconds, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        ChildProcesses.killTree(p);
        throw e;
      }
      if (!finished) {
        ChildProcesses.killTree(p);
        return timedOut(spec, timeoutSeconds);
      }
      return outcome(p.exitValue(), spec, work, out, errFile, max, walks);
    } catch (IOException e) {
      return new Exploration.Failed(spec + ": " + e.getMessage());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return new Exploration.Failed(spec + ": interrupted");
    }
  }

  /**
   * Explores in an idle reused child, or a new one ({@link ReusedChild}, {@code ExploreChild
   * --pool}): the job's graph and standard error go to a folder of its own in the child's work
   * directory, deleted after it; the child ends after {@link #jobsPerJvm} jobs, or at once on a
   * timeout or a lost link.
   */
  private Exploration reused(
      Path spec,
      List<Path> libraries,
      List<String> args,
      long max,
      org.vfiomc.checker.spec.WalkSpec walks,
      Path guide,
      long timeoutSeconds) {
    try {
      return idle.run(
          () ->
              ReusedChild.start(
                  jvm,
                  jit.jvmOptions(),
                  children,
                  null,
                  "vfiomc-explore-",
                  ExploreChild.class.getName(),
                  ExploreChild.POOL),
          folder -> {
            List<String> job = new ArrayList<>();
            job.add(ModuleSearch.value(libraries));
            job.add(folder.resolve(STDERR_FILE).toString());
            job.addAll(withOut(args, folder.resolve(GRAPH_FILE), max, walks, guide));
            return job;
          },
          System.nanoTime() + TimeUnit.SECONDS.toNanos(timeoutSeconds),
          w -> {},
          new IdleChildren.JobLines<Exploration>() {
            @Override
            public Exploration line(String line, Path folder) throws IOException {
              if (!line.startsWith(ExploreChild.STATUS_PREFIX)) {
                return null;
              }
              int status;
              try {
                status =
                    Integer.parseInt(line.substring(ExploreChild.STATUS_PREFIX.length()).strip());
              } catch (NumberFormatException e) {
                throw new IOException("unreadable status line from the exploring JVM: " + line, e);
              }
              return outcome(
                  status,
                  spec,
                  folder,
                  folder.resolve(GRAPH_FILE),
                  folder.resolve(STDERR_FILE),
                  max,
                  walks);
            }

            @Override
            public Exploration timedOut() {
              return ForkedExplorer.timedOut(spec, timeoutSeconds);
            }

            @Override
            public Exploration lost(String exitStatus, String stderr) {
              return new Exploration.Failed(
                  spec
                      + ": exploration failed: the exploring JVM exited with status "
                      + exitStatus
                      + stderr);
            }
          });
    } catch (IOException e) {
      return new Exploration.Failed(spec + ": " + e.getMessage());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return new Exploration.Failed(spec + ": interrupted");
    }
  }

  /** Ends the idle reused children (each exits at the end of its input). */
  @Override
  public void close() {
    idle.close();
  }

  private static Exploration timedOut(Path spec, long timeoutSeconds) {
    return new Exploration.Failed(spec + ": exploration timed out after " + timeoutSeconds + " s");
  }

  /** What an exploring child's exit status and files in {@code work} say. */
  private static Exploration outcome(
      int status,
      Path spec,
      Path work,
      Path out,
      Path errFile,
      long max,
      org.vfiomc.checker.spec.WalkSpec walks)
      throws IOException {
    if (status == ChildExit.TOO_LARGE) {
      return new Exploration.TooLarge(max);
    }
    if (status != 0) {
      Path classified = work.resolve(out.getFileName() + ".error");
      if (Files.isRegularFile(classified)) {
        org.vfiomc.checker.result.ErrorInfo error = readError(classified);
        if (error != null) {
          return new Exploration.Failed(
              spec + ": " + error.kind().id() + " error: " + error.describe(), error);
        }
      }
      String text =
          Files.isRegularFile(errFile)
              ? Files.readString(errFile, StandardCharsets.UTF_8).strip()
              : "";
      String why =
          text.lines()
              .filter(l -> l.startsWith(ChildExit.ERROR_PREFIX))
              .reduce((a, b) -> b)
              .map(l -> l.substring(ChildExit.ERROR_PREFIX.length()))
              .orElse(tail(text));
      return new Exploration.Failed(spec + ": exploration failed: " + why);
    }
    return walks == null
        ? new Exploration.Explored(GraphCodec.read(out))
        : new Exploration.Walked(GraphCodec.read(out), GraphCodec.readWalks(out));
  }

  private static List<String> withOut(
      List<String> args, Path out, long max, org.vfiomc.checker.spec.WalkSpec walks, Path guide) {
    List<String> all = new java.util.ArrayList<>(args);
    all.add(out.toString());
    all.add(Long.toString(max));
    if (guide != null) {
      all.add(guide.toAbsolutePath().toString());
    } else if (walks != null) {
      all.add(Integer.toString(walks.count()));
      all.add(Integer.toString(walks.depth()));
      all.add(Long.toString(walks.seed()));
    }
    return all;
  }

  /** The classified failure the child wrote ({@link ExploreChild}), or null if unreadable. */
  private static org.vfiomc.checker.result.ErrorInfo readError(Path file) throws IOException {
    String line = Files.readString(file, StandardCharsets.UTF_8).strip();
    try {
      if (org.vfiomc.checker.tlc.link.ChildLink.read(line, 1)
              instanceof org.vfiomc.checker.tlc.link.ChildMessage.Result r
          && r.outcome() instanceof org.vfiomc.checker.result.CheckOutcome.Failed f) {
        return f.error();
      }
    } catch (org.vfiomc.checker.tlc.link.LinkException e) {
      return null;
    }
    return null;
  }

  private static String tail(String text) {
    String[] lines = text.split("\n");
    int from = Math.max(0, lines.length - 12);
    return String.join("\n", java.util.Arrays.asList(lines).subList(from, lines.length));
  }
}
