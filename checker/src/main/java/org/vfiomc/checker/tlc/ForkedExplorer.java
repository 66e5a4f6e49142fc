package org.vfiomc.checker.tlc;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.vfiomc.checker.explore.GraphCodec;
import org.vfiomc.checker.explore.StateGraph;

/**
 * Explores one model in its own JVM ({@link ExploreChild}) and reads the graph back. One process
 * per model because TLC's static state holds one spec per process.
 */
public final class ForkedExplorer {
  private final ChildJvm jvm = ChildJvm.ofThisProcess();

  /** What an exploration gave. */
  public sealed interface Result {
    /** The whole reachable graph. */
    record Explored(StateGraph graph) implements Result {}

    /** The graph has more edges than allowed. */
    record TooLarge(long maxEdges) implements Result {}

    /** Exploration failed (message names the model and the cause). */
    record Failed(String message) implements Result {}
  }

  /**
   * Explores {@code spec} with {@code config}; gives up with {@link Result.TooLarge} after {@code
   * maxEdges} edges (0: no limit) and fails after {@code timeoutSeconds}.
   */
  public Result explore(Path spec, Path config, long maxEdges, long timeoutSeconds) {
    return explore(spec, config, List.of(), maxEdges, timeoutSeconds);
  }

  /**
   * As {@link #explore(Path, Path, long, long)}, looking up the modules the spec names in {@code
   * libraries} after the spec's own folder.
   */
  public Result explore(
      Path spec, Path config, List<Path> libraries, long maxEdges, long timeoutSeconds) {
    Path work = null;
    try {
      work = Files.createTempDirectory("vfiomc-explore-");
      Path out = work.resolve("graph.json");
      Path errFile = work.resolve("stderr.txt");
      List<String> command =
          jvm.command(
              work,
              ModuleSearch.jvmOptions(libraries),
              ExploreChild.class.getName(),
              List.of(
                  spec.toAbsolutePath().toString(),
                  config.toAbsolutePath().toString(),
                  out.toString(),
                  Long.toString(maxEdges)));
      Process p =
          new ProcessBuilder(command)
              .directory(work.toFile())
              .redirectOutput(ProcessBuilder.Redirect.DISCARD)
              .redirectError(errFile.toFile())
              .start();
      if (!p.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
        p.descendants().forEach(ProcessHandle::destroyForcibly);
        p.destroyForcibly();
        p.onExit().join();
        return new Result.Failed(spec + ": exploration timed out after " + timeoutSeconds + " s");
      }
      int status = p.exitValue();
      if (status == ExploreChild.TOO_LARGE) {
        return new Result.TooLarge(maxEdges);
      }
      if (status != 0) {
        String text = Files.readString(errFile, StandardCharsets.UTF_8).strip();
        return new Result.Failed(spec + ": exploration failed: " + tail(text));
      }
      return new Result.Explored(GraphCodec.read(out));
    } catch (IOException e) {
      return new Result.Failed(spec + ": " + e.getMessage());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return new Result.Failed(spec + ": interrupted");
    } finally {
      if (work != null) {
        deleteTree(work);
      }
    }
  }

  private static String tail(String text) {
    String[] lines = text.split("\n");
    int from = Math.max(0, lines.length - 12);
    return String.join("\n", java.util.Arrays.asList(lines).subList(from, lines.length));
  }

  private static void deleteTree(Path root) {
    try (Stream<Path> paths = Files.walk(root)) {
      paths.sorted(java.util.Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
    } catch (IOException | java.io.UncheckedIOException e) {
      // best effort: a leftover temp directory does not change any result
    }
  }
}
