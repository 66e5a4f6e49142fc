package org.vfiomc.checker.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Element;

/**
 * {@code checker mutate} end to end on the fixture suite {@code src/test/resources/mutate/counter}
 * (real SANY and TLC runs). Its module Counter counts x from 0 to 3 (Inc: {@code x < 3}, {@code x'
 * = x + 1}) and resets it (Reset: {@code x = 3}, {@code x' = Restart[x]}, where {@code Restart ==
 * [v \in {3} |-> 0]}); Next is {@code Inc \/ Reset}. Two ci models judge the mutants: Counter
 * (HOLDS: TypeOK {@code x \in 0..3}, and deadlock freedom) and Counter_ReachesThree (VIOLATED:
 * {@code BelowThree == x < 3} fails in 4 states). Both invariants are excluded from mutation; the
 * Counter model runs first (both have 4 states, its .cfg is shorter). Mutants by hand, 14:
 *
 * <ul>
 *   <li>Init: none. {@code x = 0} is TLC's assignment of x; {@code x # 0} would be stillborn (TLC:
 *       "the identifier x is undefined"), so swap-equal leaves it alone.
 *   <li>Inc (7): drop {@code x < 3}, {@code < -> <=}, {@code 3 -> 4}, {@code 1 -> 2} let x reach 4:
 *       killed by TypeOK (4); {@code 3 -> 2} stops x at 2 where Reset is disabled: deadlock (1);
 *       {@code x' = x} and {@code 1 -> 0} only stutter: Counter still holds, but x never reaches 3,
 *       so Counter_ReachesThree holds where it must not: killed, credited to BelowThree (2).
 *   <li>Reset (5): {@code = -> #}, dropping {@code x = 3} and {@code 3 -> 2} apply Restart outside
 *       its domain {3}: TLC error (3); {@code 3 -> 4} leaves x stuck at 3: deadlock (1); {@code x'
 *       = x} (a stuttering step keeps Next enabled, and x still reaches 3) survives (1).
 *   <li>Next (2): dropping either disjunct deadlocks (2).
 * </ul>
 *
 * So 10 killed (TypeOK 4, BelowThree 2, deadlock 4), 3 by error, 1 survivor: score 13/14, 10/14 by
 * a violation alone. With {@code --oracle holds} Inc's two stuttering mutants survive too.
 */
final class MutateCommandTest {
  /**
   * Exit status of a JVM stopped by SIGTERM: its shutdown hooks run (the partial reports) and it
   * exits with 128 + the signal number, as README's "Stopped by Ctrl-C or SIGTERM" says.
   */
  static final int SIGTERM_EXIT = 128 + 15;

  @TempDir static Path shared;
  @TempDir Path dir;

  private static CliRun full;
  private static List<String> leftBefore;

  private static CliRun run(String... args) {
    return CliRun.of(args);
  }

  static Path fixture() throws Exception {
    return Path.of(MutateCommandTest.class.getResource("/mutate/counter/suite.json").toURI())
        .getParent();
  }

  /** Our temp entries in the system temp dir (the tests' own @TempDirs aside). */
  private static List<String> ours() throws IOException {
    Path tmp = Path.of(System.getProperty("java.io.tmpdir"));
    try (Stream<Path> s = Files.list(tmp)) {
      return s.map(p -> p.getFileName().toString())
          .filter(
              n ->
                  n.startsWith("vfiomc-mutant")
                      || n.startsWith("vfiomc-sany")
                      || n.startsWith("vfiomc-mutate")
                      || n.startsWith("vfiomc-tlc"))
          .sorted()
          .toList();
    }
  }

  @BeforeAll
  static void mutateTheFixture() throws Exception {
    leftBefore = ours();
    full =
        run(
            "mutate",
            fixture().toString(),
            "--parallel",
            "2",
            "--json",
            shared.resolve("m.json").toString(),
            "--junit-xml",
            shared.resolve("m.xml").toString());
  }

  @Test
  void fixture_givesTheHandCountedNumbers() throws Exception {
    assertEquals(0, full.code(), full.err());
    JsonNode m = new ObjectMapper().readTree(shared.resolve("m.json").toFile()).get("modules");
    assertEquals(1, m.size(), "MC_Counter is a wrapper without variables: not mutated");
    JsonNode c = m.get(0);
    assertEquals("Counter", c.get("module").asText());
    assertEquals(
        List.of("Counter", "Counter_ReachesThree"),
        List.of(c.get("models").get(0).asText(), c.get("models").get(1).asText()));
    assertEquals(14, c.get("generated").asInt());
    assertEquals(0, c.get("unparsable").asInt());
    assertEquals(10, c.get("killed").asInt());
    assertEquals(3, c.get("killedByError").asInt());
    assertEquals(1, c.get("survived").asInt());
    assertEquals(0, c.get("timedOut").asInt());
    assertEquals(0.9286, c.get("score").asDouble(), "13/14");
    assertEquals(0.7143, c.get("violationScore").asDouble(), "10/14");
    Map<String, Integer> kills = new TreeMap<>();
    c.get("properties")
        .forEach(p -> kills.put(p.get("property").asText(), p.get("killed").asInt()));
    assertEquals(Map.of("TypeOK", 4, "BelowThree", 2, "deadlock", 4), kills);
    Map<String, Long> byDef = new TreeMap<>();
    Map<String, String> byStatus = new TreeMap<>();
    for (JsonNode x : c.get("mutants")) {
      byDef.merge(x.get("definition").asText(), 1L, Long::sum);
      if (!x.get("status").asText().equals("killed")) {
        byStatus.put(x.get("id").asText(), x.get("status").asText());
      }
    }
    assertEquals(Map.of("Inc", 7L, "Reset", 5L, "Next", 2L), byDef);
    assertEquals(
        Map.of(
            "Counter.Reset drop-guard [x = 3] -> [TRUE]", "killed-by-error",
            "Counter.Reset swap-equal [=] -> [#]", "killed-by-error",
            "Counter.Reset off-by-one [3] -> [2]", "killed-by-error",
            "Counter.Reset keep-value [Restart[x]] -> [x]", "survived"),
        byStatus);
    JsonNode stutter = mutant(c, "Counter.Inc keep-value [x + 1] -> [x]");
    assertEquals("Counter_ReachesThree", stutter.get("model").asText());
    assertEquals("BelowThree", stutter.get("property").asText());
    assertEquals("expected VIOLATED but got HOLDS", stutter.get("detail").asText());
    assertEquals(
        "expectations",
        new ObjectMapper().readTree(shared.resolve("m.json").toFile()).get("oracle").asText());
    assertTrue(
        full.out().contains("score 13/14 = 0.93 (by a violation alone 10/14 = 0.71)"), full.out());
    assertTrue(
        full.out()
            .contains(
                "survived  Counter.tla:15:18 Reset keep-value: /\\ x' = Restart[x]"
                    + " => /\\ x' = x"),
        full.out());
  }

  private static JsonNode mutant(JsonNode module, String id) {
    for (JsonNode x : module.get("mutants")) {
      if (x.get("id").asText().equals(id)) {
        return x;
      }
    }
    throw new AssertionError("no mutant " + id + " in " + module);
  }

  /** With the HOLDS models alone, the two mutants only the VIOLATED model sees survive. */
  @Test
  void holdsOracle_letsTheStutteringIncSurvive() throws Exception {
    Path json = dir.resolve("h.json");
    CliRun r =
        run(
            "mutate",
            fixture().toString(),
            "--oracle",
            "holds",
            "--operators",
            "keep-value,off-by-one",
            "--json",
            json.toString());
    assertEquals(0, r.code(), r.err());
    JsonNode doc = new ObjectMapper().readTree(json.toFile());
    assertEquals("holds", doc.get("oracle").asText());
    JsonNode c = doc.get("modules").get(0);
    assertEquals(List.of("Counter"), List.of(c.get("models").get(0).asText()));
    assertEquals(1, c.get("models").size());
    // keep-value 2 and off-by-one 6 (Inc 4, Reset 2): Inc's x' = x and 1 -> 0 now survive
    assertEquals(8, c.get("generated").asInt());
    assertEquals(
        "survived", mutant(c, "Counter.Inc keep-value [x + 1] -> [x]").get("status").asText());
    assertEquals("survived", mutant(c, "Counter.Inc off-by-one [1] -> [0]").get("status").asText());
    assertEquals(3, c.get("survived").asInt());
  }

  @Test
  void junitXml_hasOneCasePerMutant_survivorsFail() throws Exception {
    Element suite =
        (Element)
            DocumentBuilderFactory.newInstance()
                .newDocumentBuilder()
                .parse(shared.resolve("m.xml").toFile())
                .getElementsByTagName("testsuite")
                .item(0);
    assertEquals("mutate.Counter", suite.getAttribute("name"));
    assertEquals("14", suite.getAttribute("tests"));
    assertEquals("1", suite.getAttribute("failures"));
    assertEquals(1, suite.getElementsByTagName("failure").getLength());
  }

  @Test
  void noTempDirectoryIsLeftBehind() throws Exception {
    assertEquals(leftBefore, ours());
  }

  private Path copyOfFixture() throws Exception {
    Path root = fixture();
    try (Stream<Path> s = Files.list(root)) {
      for (Path p : s.toList()) {
        Files.copy(p, dir.resolve(p.getFileName()));
      }
    }
    return dir;
  }

  private static String entry(String def, String original, String replacement) {
    return "{\"module\":\"Counter\",\"operator\":\"keep-value\",\"definition\":\""
        + def
        + "\",\"original\":\""
        + original
        + "\",\"replacement\":\""
        + replacement
        + "\",\"reason\":\"fixture\"}";
  }

  @Test
  void equivalentMutant_isNotChecked_andLeavesTheScoreDenominator() throws Exception {
    Path suite = copyOfFixture();
    Files.writeString(
        suite.resolve("mutants.json"),
        "{\"equivalent\":[" + entry("Reset", "Restart[x]", "x") + "]}");
    Path json = dir.resolve("e.json");
    CliRun r =
        run(
            "mutate",
            suite.toString(),
            "--operators",
            "keep-value",
            "--oracle",
            "holds",
            "--json",
            json.toString());
    assertEquals(0, r.code(), r.err());
    JsonNode c = new ObjectMapper().readTree(json.toFile()).get("modules").get(0);
    // keep-value under the HOLDS model alone: Inc's and Reset's both survive; Reset's is listed
    assertEquals(2, c.get("generated").asInt());
    assertEquals(1, c.get("equivalent").asInt());
    assertEquals(1, c.get("survived").asInt());
    assertEquals(0.0, c.get("score").asDouble());
    assertEquals(
        Map.of("TypeOK", 0),
        Map.of(
            c.get("properties").get(0).get("property").asText(),
            c.get("properties").get(0).get("killed").asInt()));
    assertTrue(c.get("properties").get(0).get("possiblyVacuous").asBoolean());
  }

  @Test
  void staleEquivalentMutant_exits2_withItsId() throws Exception {
    Path suite = copyOfFixture();
    Files.writeString(
        suite.resolve("mutants.json"), "{\"equivalent\":[" + entry("Inc", "x + 2", "x") + "]}");
    CliRun r = run("mutate", suite.toString(), "--operators", "keep-value");
    assertEquals(2, r.code(), r.err());
    assertTrue(
        r.err()
            .contains(
                "mutants.json: equivalent mutant no longer exists:"
                    + " Counter.Inc keep-value [x + 2] -> [x]"),
        r.err());
    assertFalse(r.err().contains("Exception"), r.err());
  }

  @Test
  void badInput_exits2_namingWhat() throws Exception {
    CliRun op = run("mutate", fixture().toString(), "--operators", "drop-guard,flip");
    assertEquals(2, op.code());
    assertTrue(op.err().startsWith("error: unknown mutation operator 'flip'"), op.err());

    CliRun mod = run("mutate", fixture().toString(), "--module", "Nope");
    assertEquals(2, mod.code());
    assertTrue(
        mod.err()
            .contains("unknown module Nope (modules with HOLDS models of profile ci: Counter)"),
        mod.err());

    Path suite = copyOfFixture();
    Files.writeString(suite.resolve("mutants.json"), "{\"equivalent\": 3}");
    CliRun bad = run("mutate", suite.toString());
    assertEquals(2, bad.code());
    assertEquals(
        "error: "
            + suite.resolve("mutants.json")
            + ": expected an object with an \"equivalent\" array\n",
        bad.err());

    CliRun notSuite = run("mutate", dir.resolve("nothing").toString());
    assertEquals(2, notSuite.code());
    assertFalse(notSuite.err().contains("Exception"), notSuite.err());
  }

  /**
   * SIGTERM mid-run: the shutdown hook kills the TLC children and removes every temp dir, and the
   * reports hold what was classified before the stop: the Counter module with its 14 mutants split
   * into classified ones and not-run ones (at least the one whose check was running), marked
   * incomplete.
   */
  @Test
  void sigterm_leavesNoTempFilesAndNoChildren() throws Exception {
    Path tmp = Files.createDirectories(dir.resolve("tmp"));
    Process p = mutateInAnotherJvm(tmp, "partial");
    try {
      stopMidRunAndExpectNoTempFiles(p, tmp, Process::destroy); // SIGTERM
      assertEquals(SIGTERM_EXIT, p.exitValue(), "a stopped JVM exits 128 + 15");
      JsonNode partial = new ObjectMapper().readTree(dir.resolve("partial.json").toFile());
      assertFalse(partial.get("complete").asBoolean());
      assertEquals(0, partial.get("notStarted").size(), "the fixture has one module");
      JsonNode counter = partial.get("modules").get(0);
      assertEquals("Counter", counter.get("module").asText());
      assertEquals(14, counter.get("generated").asInt());
      int notRun = counter.get("notRun").asInt();
      assertTrue(notRun >= 1, "the mutant being checked at the stop is not run: " + notRun);
      assertEquals(14 - notRun, counter.get("mutants").size());
      for (JsonNode m : counter.get("mutants")) {
        // a check the stop cut short is not a kill by TLC error (only Reset's Restart[x] outside
        // its domain is one)
        if (m.get("status").asText().equals("killed-by-error")) {
          assertEquals("Reset", m.get("definition").asText(), m.toString());
          assertTrue(
              m.get("detail").asText().contains("Attempted to apply function"), m.toString());
        }
      }
      String xml = Files.readString(dir.resolve("partial.xml"));
      assertTrue(xml.contains("name=\"not-run\""), xml);
    } finally {
      p.descendants().forEach(ProcessHandle::destroyForcibly);
      p.destroyForcibly();
    }
  }

  /**
   * SIGTERM during the first of two modules (the fixture's Counter and a renamed copy, Tally, each
   * with its HOLDS model): the started module is reported with its classified and not-run mutants
   * (together 15: its 14, and BelowThree's {@code <}, which no model of this suite checks as an
   * invariant, so it is mutated too), the other is listed as not started, and the JUnit XML has a
   * skipped {@code not-run} case for each.
   */
  @Test
  void sigterm_listsTheModulesNotStarted() throws Exception {
    Path suite = Files.createDirectories(dir.resolve("two"));
    for (String f : List.of("Counter.tla", "MC_Counter.tla", "MC_Counter.cfg")) {
      String text = Files.readString(fixture().resolve(f));
      Files.writeString(suite.resolve(f), text);
      Files.writeString(
          suite.resolve(f.replace("Counter", "Tally")), text.replace("Counter", "Tally"));
    }
    Files.writeString(
        suite.resolve("suite.json"),
        """
        {"suite": "two-modules", "models": [
          {"name": "Counter", "spec": "MC_Counter.tla", "config": "MC_Counter.cfg",
           "expected": "HOLDS", "timeoutSeconds": 60},
          {"name": "Tally", "spec": "MC_Tally.tla", "config": "MC_Tally.cfg",
           "expected": "HOLDS", "timeoutSeconds": 60}
        ]}
        """);
    Path tmp = Files.createDirectories(dir.resolve("tmp-two"));
    Process p = mutateInAnotherJvm(suite, tmp, "two");
    try {
      stopMidRunAndExpectNoTempFiles(p, tmp, Process::destroy); // SIGTERM
      assertEquals(SIGTERM_EXIT, p.exitValue());
      String err = Files.readString(dir.resolve("two.err"));
      assertTrue(err.contains("mutate stopped: "), err);
      assertTrue(err.contains("1 module(s) not started (partial report written"), err);
      assertFalse(err.contains("internal error"), "a stop is not a tool failure: " + err);
      JsonNode partial = new ObjectMapper().readTree(dir.resolve("two.json").toFile());
      assertFalse(partial.get("complete").asBoolean());
      JsonNode modules = partial.get("modules");
      assertEquals(1, modules.size(), modules.toString());
      JsonNode started = modules.get(0);
      assertEquals(15, started.get("generated").asInt());
      assertTrue(started.get("notRun").asInt() >= 1, started.toString());
      assertEquals(15, started.get("mutants").size() + started.get("notRun").asInt());
      List<String> notStarted = new ArrayList<>();
      partial.get("notStarted").forEach(n -> notStarted.add(n.asText()));
      assertEquals(1, notStarted.size(), notStarted.toString());
      assertEquals(
          Set.of("Counter", "Tally"), Set.of(started.get("module").asText(), notStarted.get(0)));
      String xml = Files.readString(dir.resolve("two.xml"));
      assertTrue(xml.contains("<testsuite name=\"mutate." + notStarted.get(0) + "\""), xml);
      assertEquals(2, xml.split("name=\"not-run\"", -1).length - 1, xml);
    } finally {
      p.descendants().forEach(ProcessHandle::destroyForcibly);
      p.destroyForcibly();
    }
  }

  /**
   * SIGKILL mid-run runs no Java code: the TLC child ends itself by its parent watch, and the run's
   * {@code ExitSweeper} removes the temp dirs once the killed JVM's pipe reaches end-of-file (its
   * grace period, then {@code rm -rf}; well within the 30 s allowed here).
   */
  @Test
  void sigkill_leavesNoTempFilesBehindEither() throws Exception {
    Path tmp = Files.createDirectories(dir.resolve("tmp-kill"));
    Process p = mutateInAnotherJvm(tmp, "killed");
    try {
      stopMidRunAndExpectNoTempFiles(p, tmp, Process::destroyForcibly); // SIGKILL
    } finally {
      p.descendants().forEach(ProcessHandle::destroyForcibly);
      p.destroyForcibly();
    }
  }

  /**
   * Waits until the run checks its first mutant, stops it with {@code stop}, waits for it and every
   * process it had started, and expects {@code tmp} (its temp dir) to be empty.
   */
  private static void stopMidRunAndExpectNoTempFiles(
      Process p, Path tmp, java.util.function.Consumer<Process> stop) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
    while (!mutantCopyExists(tmp) && p.isAlive() && System.nanoTime() < deadline) {
      Thread.sleep(100);
    }
    assertTrue(p.isAlive(), "the run ended before a mutant was checked");
    List<ProcessHandle> children = p.descendants().toList();
    stop.accept(p);
    assertTrue(p.waitFor(60, TimeUnit.SECONDS));
    for (ProcessHandle h : children) {
      h.onExit().get(30, TimeUnit.SECONDS);
    }
    try (Stream<Path> s = Files.list(tmp)) {
      assertEquals(List.of(), s.map(x -> x.getFileName().toString()).toList());
    }
  }

  /**
   * {@code mutate} of the fixture, one mutant at a time, in a JVM whose temp dir is {@code tmp}.
   */
  private Process mutateInAnotherJvm(Path tmp, String report) throws Exception {
    return mutateInAnotherJvm(fixture(), tmp, report);
  }

  /**
   * {@code mutate} of {@code suite}, one mutant at a time, in a JVM whose temp dir is {@code tmp}.
   */
  private Process mutateInAnotherJvm(Path suite, Path tmp, String report) throws Exception {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    String cp =
        Stream.of(System.getProperty("java.class.path").split(File.pathSeparator))
            .map(e -> Path.of(e).toAbsolutePath().toString())
            .collect(Collectors.joining(File.pathSeparator));
    return new ProcessBuilder(
            java,
            "-Djava.io.tmpdir=" + tmp,
            "-cp",
            cp,
            Main.class.getName(),
            "mutate",
            suite.toString(),
            "--parallel",
            "1",
            "--json",
            dir.resolve(report + ".json").toString(),
            "--junit-xml",
            dir.resolve(report + ".xml").toString())
        .redirectOutput(ProcessBuilder.Redirect.DISCARD)
        .redirectError(dir.resolve(report + ".err").toFile())
        .start();
  }

  private static boolean mutantCopyExists(Path tmp) throws IOException {
    try (Stream<Path> s = Files.list(tmp)) {
      return s.anyMatch(x -> x.getFileName().toString().startsWith("vfiomc-mutant-"));
    }
  }
}
