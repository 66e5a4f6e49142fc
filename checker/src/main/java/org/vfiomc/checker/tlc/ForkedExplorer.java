package org.vfiomc.checker.tlc;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
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
 * Explores one model in its own JVM ({@link ExploreChild}) and reads the graph back. One process
 * per model because TLC's static state holds one spec per process.
 */
public final class ForkedExplorer implements StateGraphExplorer {
  private final ChildJvm jvm = ChildJvm.ofThisProcess();
  private final ChildProcesses children = new ChildProcesses();
  private final JitMode jit;

  /** Explorer children that compile with {@link JitMode#FULL}. */
  public ForkedExplorer() {
    this(JitMode.FULL);
  }

  /** Explorer children that compile with {@code jit}. */
  public ForkedExplorer(JitMode jit) {
    this.jit = jit;
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
    try (ChildProcesses.Lease lease = children.leaseNew(null, "vfiomc-explore-")) {
      Path work = lease.work();
      Path out = work.resolve("graph.json");
      Path errFile = work.resolve("stderr.txt");
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
        return new Exploration.Failed(
            spec + ": exploration timed out after " + timeoutSeconds + " s");
      }
      int status = p.exitValue();
      if (status == ChildExit.TOO_LARGE) {
        return new Exploration.TooLarge(max);
      }
      if (status != 0) {
        Path classified = work.resolve("graph.json.error");
        if (Files.isRegularFile(classified)) {
          org.vfiomc.checker.result.ErrorInfo error = readError(classified);
          if (error != null) {
            return new Exploration.Failed(
                spec + ": " + error.kind().id() + " error: " + error.describe(), error);
          }
        }
        String text = Files.readString(errFile, StandardCharsets.UTF_8).strip();
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
    } catch (IOException e) {
      return new Exploration.Failed(spec + ": " + e.getMessage());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return new Exploration.Failed(spec + ": interrupted");
    }
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
