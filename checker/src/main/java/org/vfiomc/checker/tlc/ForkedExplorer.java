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
import org.vfiomc.checker.run.StateGraphExplorer;
import org.vfiomc.checker.tlc.child.ExploreChild;
import org.vfiomc.checker.tlc.link.ChildExit;
import org.vfiomc.checker.tlc.link.ModuleSearch;

/**
 * Explores one model in its own JVM ({@link ExploreChild}) and reads the graph back. One process
 * per model because TLC's static state holds one spec per process.
 */
public final class ForkedExplorer implements StateGraphExplorer {
  private final ChildJvm jvm = ChildJvm.ofThisProcess();

  @Override
  public Exploration explore(
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
        return new Exploration.Failed(
            spec + ": exploration timed out after " + timeoutSeconds + " s");
      }
      int status = p.exitValue();
      if (status == ChildExit.TOO_LARGE) {
        return new Exploration.TooLarge(maxEdges);
      }
      if (status != 0) {
        String text = Files.readString(errFile, StandardCharsets.UTF_8).strip();
        return new Exploration.Failed(spec + ": exploration failed: " + tail(text));
      }
      return new Exploration.Explored(GraphCodec.read(out));
    } catch (IOException e) {
      return new Exploration.Failed(spec + ": " + e.getMessage());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return new Exploration.Failed(spec + ": interrupted");
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
