package org.vfiomc.checker.tour;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.vfiomc.checker.RepoRoot;
import org.vfiomc.checker.result.Verdict;
import org.vfiomc.checker.spec.Manifest;
import org.vfiomc.checker.spec.ModelSpec;
import org.vfiomc.checker.spec.Profile;
import org.vfiomc.checker.trace.ItfCodec;
import org.vfiomc.checker.trace.Trace;

/**
 * The committed {@code traces/} against {@code specs/suite.json}, without regenerating it (that is
 * {@code checker traces specs --out traces --check}, about 2 minutes): every CI HOLDS model has a
 * tour covering 100% of its (tour model's) reachable edges or, for a tour model too large to tour,
 * seeded walks of it, every CI VIOLATED model a counterexample with the manifest's {@code
 * traceLength}, every listed file exists and reads as ITF, and there is no file the coverage report
 * does not list.
 */
class CommittedCorpusTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  @Test
  void corpusMatchesTheManifest() throws Exception {
    Path traces = RepoRoot.get().resolve("traces");
    JsonNode coverage = JSON.readTree(Files.readString(traces.resolve("coverage.json")));
    Map<String, JsonNode> byModel = new TreeMap<>();
    coverage.get("models").forEach(m -> byModel.put(m.get("model").asText(), m));
    TreeSet<String> listed = new TreeSet<>(List.of("README.md", "coverage.json"));
    List<String> problems = new ArrayList<>();
    for (ModelSpec m : Manifest.load(RepoRoot.get().resolve("specs/suite.json"))) {
      if (m.profile() != Profile.CI) {
        continue;
      }
      JsonNode c = byModel.get(m.name());
      if (c == null) {
        problems.add(m.name() + ": not in coverage.json");
        continue;
      }
      c.get("files").forEach(f -> listed.add(f.asText()));
      if (m.expected().verdict() == Verdict.HOLDS) {
        // a tour covers every reachable edge; walks (a graph too large to tour) cover what they
        // visited, which is all coverage.json counts for them
        String status = c.get("status").asText();
        if (!(status.equals("tour") || status.equals("walks"))
            || c.get("covered").asLong() != c.get("edges").asLong()
            || c.get("edges").asLong() == 0) {
          problems.add(m.name() + ": no complete tour and no walks: " + c);
        }
      } else if (m.expected().verdict() == Verdict.VIOLATED) {
        Trace t = ItfCodec.read(traces.resolve(c.get("files").get(0).asText()));
        Integer expected = m.expected().traceLength();
        if (expected != null && t.length() != expected) {
          problems.add(
              m.name() + ": counterexample has " + t.length() + " states, manifest " + expected);
        }
      }
    }
    assertEquals(List.of(), problems);
    TreeSet<String> present = new TreeSet<>();
    try (Stream<Path> s = Files.walk(traces)) {
      s.filter(Files::isRegularFile)
          .forEach(p -> present.add(traces.relativize(p).toString().replace('\\', '/')));
    }
    assertEquals(listed, present);
    long bytes = 0;
    for (String f : present) {
      bytes += Files.size(traces.resolve(f));
    }
    // 35.8 MB when the budget was last raised (2026-12-06); 30.5 MB after stop 27: VfioP2p 11.7 MB
    // (the composed spec's cancel, failure, reset and pause paths), RxDma 9.4 (seeded walks of the
    // 8-descriptor models instead of 2-descriptor tours), VfioFsm 3.9, VfioMigration 3.0,
    // VfioPathCheck 1.9 (the spec's answers in every state), VfioCompat 0.3
    assertTrue(bytes < 40_000_000L, "traces/ is " + bytes + " bytes, budget 40 MB");
  }
}
