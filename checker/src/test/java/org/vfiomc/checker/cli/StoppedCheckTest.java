package org.vfiomc.checker.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vfiomc.checker.RepoRoot;
import org.vfiomc.checker.result.CheckOutcome;
import org.vfiomc.checker.result.ModelResult;
import org.vfiomc.checker.result.OutcomeReader;
import org.vfiomc.checker.result.Verdict;

/**
 * Reports of a stopped {@code check} (and {@code traces}): SIGTERM while the second of three models
 * runs leaves a results JSON and JUnit XML with the first model's verdict and the other two
 * NOT_RUN, and no temp dir. Outputs that cannot be written are refused before any model runs.
 */
final class StoppedCheckTest {
  @TempDir Path dir;

  private static final String SUITE =
      """
      {"suite": "stopped", "models": [
        {"name": "First", "spec": "Counter.tla", "config": "CounterOK.cfg", "expected": "HOLDS"},
        {"name": "Endless", "spec": "Forever.tla", "config": "Forever.cfg", "expected": "HOLDS",
         "timeoutSeconds": 300},
        {"name": "Third", "spec": "Counter.tla", "config": "CounterOK.cfg", "expected": "HOLDS"}
      ]}
      """;

  private Path suite() throws IOException {
    Path s = Files.createDirectories(dir.resolve("suite"));
    for (String f : List.of("Counter.tla", "CounterOK.cfg", "Forever.tla", "Forever.cfg")) {
      Files.copy(RepoRoot.examples().resolve(f), s.resolve(f));
    }
    Files.writeString(s.resolve("suite.json"), SUITE);
    return s;
  }

  @Test
  void sigterm_writesFinishedAndNotRunModels_andLeavesNoTempDir() throws Exception {
    Path suite = suite();
    Path tmp = Files.createDirectories(dir.resolve("tmp"));
    Path json = dir.resolve("out/results.json");
    Path xml = dir.resolve("out/results.xml");
    Process cli =
        startCli(
            tmp,
            List.of("check", suite.toString(), "--json", json.toString(), "--junit-xml", "" + xml));
    try {
      // models run one at a time: First has finished in the standby child the CLI starts with,
      // and Forever is the first job of a reused child
      awaitChildRunning(cli, tmp, "Forever.tla", 1);
      cli.destroy(); // SIGTERM
      assertTrue(cli.waitFor(30, TimeUnit.SECONDS), "checker did not stop");
      String stderr = Files.readString(dir.resolve("stderr.txt"));
      assertFalse(stderr.contains("Exception"), stderr);
      assertTrue(stderr.contains("1 model(s) finished, 2 not run"), stderr);
      assertEquals(128 + 15, cli.exitValue(), "a JVM stopped by SIGTERM");

      List<ModelResult> read = OutcomeReader.readResults(json);
      assertEquals(
          List.of("First", "Endless", "Third"), read.stream().map(r -> r.model()).toList());
      assertEquals(Verdict.HOLDS, read.get(0).outcome().verdict());
      assertTrue(read.get(0).met());
      for (ModelResult r : read.subList(1, 3)) {
        assertEquals(Verdict.NOT_RUN, r.outcome().verdict(), r.model());
        assertTrue(r.outcome() instanceof CheckOutcome.NotRun n && n.reason().contains("stopped"));
      }
      JsonNode doc = new ObjectMapper().readTree(json.toFile());
      assertEquals("NOT_RUN", doc.get("models").get(2).get("verdict").asText());
      assertTrue(doc.get("models").get(2).get("errorKind").isNull());

      String junit = Files.readString(xml);
      assertEquals(2, count(junit, "<skipped message=\"" + StoppableRun.NOT_RUN_REASON + "\""));
      try (Stream<Path> left = Files.list(tmp)) {
        assertEquals(List.of(), left.toList(), "temp dirs left behind");
      }
      // 'checker report' reads it back: a stopped run is an incomplete run, exit 3
      CliRun report = CliRun.of("report", json.toString());
      assertEquals(3, report.code(), report.err());
      assertTrue(report.out().contains("2 not run (checker stopped)"), report.out());
    } finally {
      cli.descendants().forEach(ProcessHandle::destroyForcibly);
      cli.destroyForcibly();
    }
  }

  /**
   * SIGTERM while {@code traces} explores the second of three models (Forever's graph is infinite
   * and the edge limit out of reach): the output folder is left as it was (a previous corpus, here
   * one file that the new run would delete, stays byte for byte, with no {@code .part} file beside
   * it: a corpus is written whole), the coverage JSON lists First's tour and the other two as not
   * run, the process exits 128 + 15, and no temp dir is left.
   */
  @Test
  void sigtermDuringTraces_writesCoverageOfFinishedModels_andLeavesThePreviousCorpus()
      throws Exception {
    Path suite = suite();
    Path tmp = Files.createDirectories(dir.resolve("tmp"));
    Path json = dir.resolve("out/coverage.json");
    Path traces = dir.resolve("out/traces");
    Path previous = traces.resolve("tours/Old-0.itf.json");
    Files.createDirectories(previous.getParent());
    Files.writeString(previous, "{\"previous\": \"corpus\"}\n");
    Process cli =
        startCli(
            tmp,
            List.of(
                "traces",
                suite.toString(),
                "--out",
                traces.toString(),
                "--json",
                json.toString(),
                "--parallel",
                "1",
                "--max-edges",
                "1000000000"));
    try {
      awaitChildRunning(cli, tmp, "Forever.tla", 2); // the explorer's second job
      cli.destroy(); // SIGTERM
      assertTrue(cli.waitFor(30, TimeUnit.SECONDS), "checker did not stop");
      String stderr = Files.readString(dir.resolve("stderr.txt"));
      assertFalse(stderr.contains("Exception"), stderr);
      assertTrue(stderr.contains("traces stopped: 1 of 3 model(s) finished"), stderr);
      assertTrue(stderr.contains(traces + " is unchanged"), stderr);
      assertEquals(128 + 15, cli.exitValue(), "a JVM stopped by SIGTERM");
      try (Stream<Path> files = Files.walk(traces)) {
        assertEquals(
            List.of(previous),
            files.filter(Files::isRegularFile).toList(),
            "a stopped run leaves the previous corpus as it was");
      }
      assertEquals("{\"previous\": \"corpus\"}\n", Files.readString(previous));
      JsonNode models = new ObjectMapper().readTree(json.toFile()).get("models");
      assertEquals(3, models.size());
      assertEquals("tour", models.get(0).get("status").asText());
      assertEquals("not run", models.get(1).get("status").asText());
      assertEquals("not run", models.get(2).get("status").asText());
      try (Stream<Path> left = Files.list(tmp)) {
        assertEquals(List.of(), left.toList(), "temp dirs left behind");
      }
    } finally {
      cli.descendants().forEach(ProcessHandle::destroyForcibly);
      cli.destroyForcibly();
    }
  }

  @Test
  void unwritableJson_exits2_beforeAnyModelRuns() throws Exception {
    Path suite = suite();
    Path file = Files.writeString(dir.resolve("plain.txt"), "x");
    Path json = file.resolve("results.json"); // under a regular file: never creatable
    long start = System.nanoTime();
    CliRun r = CliRun.of("check", suite.toString(), "--json", json.toString());
    assertEquals(2, r.code());
    assertEquals(
        "error: --json " + json + ": cannot write there: " + file + " is not a folder\n", r.err());
    assertEquals("", r.out(), "no model may run");
    // the Endless model alone would take its 300 s timeout
    assertTrue(TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - start) < 60);
  }

  @Test
  void junitXmlNamingAFolder_exits2() throws Exception {
    CliRun r = CliRun.of("check", suite().toString(), "--junit-xml", dir.toString());
    assertEquals(2, r.code());
    assertTrue(r.err().startsWith("error: --junit-xml " + dir + ": cannot write there"), r.err());
  }

  @Test
  void tracesOutUnderAFile_exits2_beforeAnyModelRuns() throws Exception {
    Path file = Files.writeString(dir.resolve("plain.txt"), "x");
    CliRun r = CliRun.of("traces", suite().toString(), "--out", file.resolve("t").toString());
    assertEquals(2, r.code());
    assertTrue(r.err().startsWith("error: --out " + file.resolve("t")), r.err());
    assertEquals("", r.out());
  }

  @Test
  void mutateJsonUnderAFile_exits2_beforeAnyMutantRuns() throws Exception {
    Path file = Files.writeString(dir.resolve("plain.txt"), "x");
    CliRun r = CliRun.of("mutate", suite().toString(), "--json", file.resolve("m.json").toString());
    assertEquals(2, r.code());
    assertTrue(r.err().startsWith("error: --json " + file.resolve("m.json")), r.err());
  }

  /** The checker CLI in a JVM of its own, with {@code tmp} as its temp dir; stderr to a file. */
  private Process startCli(Path tmp, List<String> args) throws IOException {
    List<String> cmd = new ArrayList<>();
    cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    cmd.add("-Djava.io.tmpdir=" + tmp);
    cmd.add("-cp");
    cmd.add(System.getProperty("java.class.path"));
    cmd.add(Main.class.getName());
    cmd.addAll(args);
    return new ProcessBuilder(cmd)
        .redirectOutput(ProcessBuilder.Redirect.DISCARD)
        .redirectError(dir.resolve("stderr.txt").toFile())
        .start();
  }

  private static int count(String text, String part) {
    int n = 0;
    for (int i = text.indexOf(part); i >= 0; i = text.indexOf(part, i + 1)) {
      n++;
    }
    return n;
  }

  /**
   * The process's whole command line: {@code /proc/PID/cmdline} where there is one (the JDK's
   * {@code ProcessHandle.Info} cuts long class paths short), else what the JDK reports.
   */
  private static String commandLine(ProcessHandle p) {
    try {
      return new String(
              Files.readAllBytes(Path.of("/proc", Long.toString(p.pid()), "cmdline")),
              java.nio.charset.StandardCharsets.UTF_8)
          .replace('\0', ' ');
    } catch (IOException | RuntimeException e) {
      return p.info().commandLine().orElse("");
    }
  }

  /**
   * Waits until {@code cli} runs a child whose command line names {@code spec}, or a reused child
   * (one JVM for several models, each job in a folder {@code job-N} of the child's work directory
   * under {@code tmp}) has begun its job number {@code job}.
   */
  private static void awaitChildRunning(Process cli, Path tmp, String spec, int job)
      throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
    while (System.nanoTime() < deadline) {
      assertTrue(cli.isAlive(), "the checker ended early");
      Optional<ProcessHandle> child =
          cli.children().filter(c -> commandLine(c).contains(spec)).findFirst();
      if (child.isPresent() || jobStarted(tmp, job)) {
        Thread.sleep(500); // let it get going: a child killed while starting is as good
        return;
      }
      Thread.sleep(50);
    }
    throw new AssertionError("no child checking " + spec + " after 120 s");
  }

  private static boolean jobStarted(Path tmp, int job) throws IOException {
    try (Stream<Path> works = Files.list(tmp)) {
      return works.anyMatch(w -> Files.isDirectory(w.resolve("job-" + job)));
    } catch (java.nio.file.NoSuchFileException e) {
      return false;
    }
  }
}
