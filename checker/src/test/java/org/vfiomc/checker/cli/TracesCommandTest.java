package org.vfiomc.checker.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vfiomc.checker.RepoRoot;
import org.vfiomc.checker.trace.ItfCodec;
import org.vfiomc.checker.trace.TlaValue;
import org.vfiomc.checker.trace.Trace;

/**
 * {@code checker traces} on the test models in {@code src/test/resources/tour} ({@code Tally}: two
 * counters 0..2 with a history variable {@code action}; {@code Reset} takes its parameter from a
 * state-dependent set). Each run forks one JVM per model.
 */
class TracesCommandTest {
  @TempDir static Path tmp;
  static Path specs;
  static CliRun first;

  private static CliRun run(String... args) {
    return CliRun.of(args);
  }

  @BeforeAll
  static void generate() throws IOException {
    specs = tmp.resolve("specs");
    Files.createDirectories(specs);
    Path resources = RepoRoot.get().resolve("checker/src/test/resources/tour");
    try (Stream<Path> files = Files.list(resources)) {
      for (Path f : files.toList()) {
        Files.copy(f, specs.resolve(f.getFileName()));
      }
    }
    first = traces(tmp.resolve("a"));
  }

  private static CliRun traces(Path out, String... more) {
    List<String> args =
        new java.util.ArrayList<>(
            List.of("traces", specs.toString(), "--out", out.toString(), "--max-edges", "100"));
    args.addAll(List.of(more));
    return run(args.toArray(String[]::new));
  }

  @Test
  void tourCoversEveryEdge_withTheExplainedNumbers() throws Exception {
    assertEquals(0, first.code(), first.err());
    // Tally: ctr ranges over 3 x 3 values; each has exactly one step per process (Inc below the
    // limit, Reset at it): 18 ctr-steps, and each leads to a distinct (ctr, action) pair, so with
    // the initial state 19 states; each state has 2 successors: 38 edges. The greedy tour takes
    // 42 steps in 2 paths (ratio 42/38 = 1.105); Never (FALSE) is never enabled.
    assertTrue(
        first
            .out()
            .contains(
                "Tally                                tour                  19       38       38       42  1.105     2  Never"),
        first.out());
    // TallyHuge (Limit 20: 21*21 ctr values, 882 ctr-steps) exceeds --max-edges 100, no tour block
    assertTrue(first.out().contains("TallyHuge                            no tour"), first.out());
    // TallyBig has the same graph but a tour block pointing at Tally.cfg: toured like Tally
    assertTrue(
        first
            .out()
            .contains(
                "TallyBig                             tour                  19       38       38       42"));
    Path out = tmp.resolve("a");
    Trace t = ItfCodec.read(out.resolve("tours/Tally-001.itf.json"));
    // the first uncovered edge of the initial state is TLC's first action, Inc with p = p1
    assertEquals("Inc", t.steps().get(1).action());
    assertEquals(
        new TlaValue.ModelValue("p1").name(),
        ((TlaValue.Str) t.steps().get(1).params().get("p")).value());
    int resets = 0;
    for (String f : List.of("tours/Tally-001.itf.json", "tours/Tally-002.itf.json")) {
      for (var s : ItfCodec.read(out.resolve(f)).steps()) {
        resets += s.action().equals("Reset") && s.params().containsKey("p") ? 1 : 0;
      }
    }
    // Reset's parameter is bound by the per-state refinement: 6 Reset edges (3 ctr values of the
    // other counter x 2 processes), each taken at least once, all labelled with p
    assertTrue(resets >= 6, "Reset steps with p: " + resets);
    String doc = Files.readString(out.resolve("tours/Tally-001.itf.json"));
    assertTrue(doc.contains("\"kind\": \"tour\""));
    assertTrue(doc.contains("\"module\": \"Tally\""));
  }

  @Test
  void walks_areSeededPathsFromInit_withinTheirDepth_andReportActionPairs() throws Exception {
    // TallyWalk walks the Limit-20 graph (882 ctr-steps, too large for --max-edges 100) instead
    // of touring it: 3 walks of at most 50 steps; from every state some Inc or Reset is enabled
    // (Reset at the limit), so no walk ends early
    Path out = tmp.resolve("a");
    long steps = 0;
    for (int i = 1; i <= 3; i++) {
      Trace t = ItfCodec.read(out.resolve("tours/TallyWalk-00" + i + ".itf.json"));
      assertEquals(51, t.length());
      assertEquals("Init", ((TlaValue.Str) tag(t.steps().get(0).state())).value());
      steps += t.length() - 1;
    }
    assertTrue(first.out().contains("TallyWalk                            walks"), first.out());
    assertTrue(first.out().contains("3 walks of at most 50 steps, seed 7"), first.out());
    com.fasterxml.jackson.databind.JsonNode walk = null;
    for (com.fasterxml.jackson.databind.JsonNode m :
        new com.fasterxml.jackson.databind.ObjectMapper()
            .readTree(Files.readString(out.resolve("coverage.json")))
            .get("models")) {
      if (m.get("model").asText().equals("TallyWalk")) {
        walk = m;
      }
    }
    assertEquals(steps, walk.get("steps").asLong());
    // the first step of the first walk is new whatever it is; after it, an Inc of the same
    // counter is a new pair (Inc>Inc) and so preferred over nothing: at least that pair is taken
    List<String> pairs = new java.util.ArrayList<>();
    walk.get("actionPairs").forEach(p -> pairs.add(p.asText()));
    assertTrue(pairs.contains("Inc>Inc"), pairs.toString());
    // Never (FALSE) is never enabled, so never walked
    assertTrue(walk.get("unexercisedActions").toString().contains("Never"), walk.toString());
  }

  private static TlaValue tag(java.util.Map<String, TlaValue> state) {
    return ((TlaValue.Record) state.get("action")).fields().get("tag");
  }

  @Test
  void counterexampleHasTlcsLength() throws Exception {
    Trace t = ItfCodec.read(tmp.resolve("a/counterexamples/TallyBounded.itf.json"));
    // BelowLimit fails once a counter reaches 2: Init then two Inc steps of p1 (TLC's first action)
    assertEquals(3, t.length());
    assertEquals("Inc", t.steps().get(2).action());
    String doc = Files.readString(tmp.resolve("a/counterexamples/TallyBounded.itf.json"));
    assertTrue(doc.contains("\"property\": \"BelowLimit\""));
    assertTrue(doc.contains("\"source\": \"TallyBounded.tla\""));
  }

  @Test
  void generatingTwiceGivesIdenticalBytes() throws IOException {
    CliRun second = traces(tmp.resolve("b"));
    assertEquals(0, second.code(), second.err());
    List<String> files = list(tmp.resolve("a"));
    assertEquals(files, list(tmp.resolve("b")));
    // 2 Tally + 2 TallyBig tour files, 3 TallyWalk walks, 1 counterexample, coverage.json,
    // README.md
    assertEquals(10, files.size(), files.toString());
    for (String f : files) {
      if (!f.equals("README.md")) { // the README names its own output folder
        assertTrue(
            java.util.Arrays.equals(
                Files.readAllBytes(tmp.resolve("a").resolve(f)),
                Files.readAllBytes(tmp.resolve("b").resolve(f))),
            f);
      }
    }
  }

  @Test
  void checkNamesStaleMissingAndExtraFiles() throws IOException {
    Path out = tmp.resolve("c");
    assertEquals(0, traces(out).code());
    assertEquals(0, traces(out, "--check").code());
    Files.writeString(out.resolve("tours/Tally-001.itf.json"), "{}");
    Files.delete(out.resolve("counterexamples/TallyBounded.itf.json"));
    Files.writeString(out.resolve("tours/Old-001.itf.json"), "{}");
    CliRun check = traces(out, "--check");
    assertEquals(1, check.code());
    assertTrue(check.err().contains("stale: tours/Tally-001.itf.json"), check.err());
    assertTrue(check.err().contains("missing: counterexamples/TallyBounded.itf.json"), check.err());
    assertTrue(check.err().contains("extra: tours/Old-001.itf.json"), check.err());
    assertTrue(check.err().contains("3 file(s) differ"), check.err());
  }

  @Test
  void results_ofAnEarlierCheck_standInForTlc_onlyWhileTheSpecIsUnchanged() throws IOException {
    Path results = tmp.resolve("results.json");
    CliRun check = run("check", specs.toString(), "--quiet", "--json", results.toString());
    assertEquals(0, check.code(), check.out() + check.err());
    CliRun reused = traces(tmp.resolve("d"), "--results", results.toString());
    assertEquals(0, reused.code(), reused.err());
    // TallyBounded is the one VIOLATED model: its counterexample comes from the results file, and
    // the corpus is byte for byte the one generated with TLC (README.md names its own folder)
    assertTrue(reused.out().contains("1 counterexample(s) taken from"), reused.out());
    assertSameCorpus(tmp.resolve("a"), tmp.resolve("d"));
    // a results file from other spec files (another fingerprint) is not used: TLC runs again
    String text = Files.readString(results);
    String sha =
        new com.fasterxml.jackson.databind.ObjectMapper()
            .readTree(text)
            .get("models")
            .get(3)
            .get("source")
            .get("specSha256")
            .asText();
    Path other = tmp.resolve("other-results.json");
    Files.writeString(other, text.replace(sha, "0".repeat(64)));
    CliRun rerun = traces(tmp.resolve("e"), "--results", other.toString());
    assertEquals(0, rerun.code(), rerun.err());
    assertTrue(rerun.out().contains("0 counterexample(s) taken from"), rerun.out());
    assertSameCorpus(tmp.resolve("a"), tmp.resolve("e"));
    // an unreadable results file is an input error naming the file
    Path bad = Files.writeString(tmp.resolve("bad.json"), "{\"models\": 3}");
    CliRun refused = traces(tmp.resolve("f"), "--results", bad.toString());
    assertEquals(2, refused.code());
    assertTrue(refused.err().contains("bad.json"), refused.err());
  }

  private static void assertSameCorpus(Path a, Path b) throws IOException {
    List<String> files = list(a);
    assertEquals(files, list(b));
    for (String f : files) {
      if (!f.equals("README.md")) {
        assertEquals(Files.readString(a.resolve(f)), Files.readString(b.resolve(f)), f);
      }
    }
  }

  private static List<String> list(Path dir) throws IOException {
    try (Stream<Path> s = Files.walk(dir)) {
      return s.filter(Files::isRegularFile)
          .map(p -> dir.relativize(p).toString())
          .sorted()
          .toList();
    }
  }
}
