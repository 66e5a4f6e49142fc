package org.vfiomc.conformance.replay;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Replays every {@code traces/**}{@code /*.itf.json} of the repository (root from the system
 * property {@code vfiomc.root}) and requires each to behave as expected: tours conform;
 * counterexamples reproduce their violation with their defects and diverge on the correct
 * implementation. A file that cannot be replayed (malformed, unknown module, unsupported constant)
 * fails the test with its message. Without a corpus there is nothing to check.
 */
final class ReplayCorpusIT {
  @Test
  void everyTraceBehavesAsExpected() throws Exception {
    Path root = Path.of(System.getProperty("vfiomc.root", "..")).resolve("traces");
    if (!Files.isDirectory(root)) {
      return; // no corpus yet (the trace generator writes it)
    }
    List<Path> files;
    try (Stream<Path> s = Files.walk(root)) {
      files = s.filter(p -> p.getFileName().toString().endsWith(".itf.json")).sorted().toList();
    }
    Replayer replayer = new Replayer(Bindings.standard());
    List<String> problems = new ArrayList<>();
    for (Path f : files) {
      try {
        for (ReplayReport r : replayer.replayAll(TraceFile.read(f))) {
          if (!r.asExpected()) {
            problems.add(r.summary());
          }
        }
      } catch (Exception e) {
        problems.add("cannot replay " + f + ": " + e.getMessage());
      }
    }
    assertEquals(List.of(), problems, problems.size() + " of " + files.size() + " traces");
  }
}
