package org.vfiomc.conformance.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code conformance replay}: exit codes and the JSON report. */
final class ReplayCommandTest {
  private static final Path TRACES = Path.of("src/test/resources/traces");

  private static CliRun run(String... args) {
    return CliRun.of(args);
  }

  @Test
  void tours_allConform_exit0_json() throws Exception {
    Path json = Files.createTempFile("replay", ".json");
    CliRun r = run("replay", TRACES.resolve("tours").toString(), "--json", json.toString());
    assertEquals(0, r.code(), r.out() + r.err());
    JsonNode doc = new ObjectMapper().readTree(json.toFile());
    // 23 VfioFsm tours (6+5+2+2+4+4+4+4+4+4+7 = 46 steps, and 4+3+3+4+4+4+2+5+4+6+6+8 = 53),
    // VfioFsm-DeadResumingRead (6), 4 VfioP2p tours (2+11+37+38 = 88) and 2 VfioMigration tours
    // (PrecopySuccess 14, ReorderRejected 15), VfioFsm-ReadBetweenArcs and VfioFsm-DeferredReset
    // (4 each): 32 files, 99 + 6 + 88 + 29 + 8 = 230 steps
    assertEquals(32, doc.get("files").asInt());
    assertEquals(32, doc.get("reports").size());
    assertEquals(230, doc.get("stepsReplayed").asInt());
    Files.delete(json);
  }

  /**
   * The console is a table per model, with the numbers of the tours above: VfioFsm 23 tours,
   * DeadResumingRead and the two concurrency tours (99 + 6 + 8 steps), VfioMigration 2 (29),
   * VfioP2p_Blocked's one tour of 2 steps and VfioP2p's three (11 + 37 + 38); no line per replay
   * unless --verbose.
   */
  @Test
  void console_isATablePerModel_andALinePerReplayOnlyWhenVerbose() {
    CliRun r = run("replay", TRACES.resolve("tours").toString());
    assertEquals(0, r.code(), r.out() + r.err());
    java.util.List<String> rows = r.out().lines().map(l -> l.trim().replaceAll(" +", " ")).toList();
    assertTrue(rows.contains("model traces replays steps as expected not"), r.out());
    assertTrue(rows.contains("VfioFsm 26 26 113 26 -"), r.out());
    assertTrue(rows.contains("VfioMigration 2 2 29 2 -"), r.out());
    assertTrue(rows.contains("VfioP2p_Blocked 1 1 2 1 -"), r.out());
    assertTrue(rows.contains("VfioP2p 3 3 86 3 -"), r.out());
    assertEquals(0, r.out().lines().filter(l -> l.startsWith("OK ")).count(), r.out());

    CliRun verbose = run("replay", TRACES.resolve("tours").toString(), "--verbose");
    assertEquals(32, verbose.out().lines().filter(l -> l.startsWith("OK ")).count(), verbose.out());
    assertTrue(verbose.out().lines().noneMatch(l -> l.startsWith("model ")), verbose.out());
  }

  @Test
  void fsmCounterexamples_behaveAsExpected_exit0() {
    CliRun r =
        run(
            "replay",
            TRACES.resolve("counterexamples/VfioFsm_K1Bound.itf.json").toString(),
            TRACES.resolve("counterexamples/VfioFsm_DmaInStopCopy.itf.json").toString(),
            TRACES.resolve("counterexamples/VfioFsm_NewFdInGroup.itf.json").toString());
    assertEquals(0, r.code(), r.out() + r.err());
    // two replays each for the configurable defects, one for the spec-only defect
    assertTrue(r.out().contains("3 files, 5 replays, 0 not as expected"), r.out());
  }

  @Test
  void aTourWithAWrongState_exit1(@TempDir Path dir) throws Exception {
    String text =
        Files.readString(TRACES.resolve("tours/VfioFsm-Reject.itf.json"), StandardCharsets.UTF_8);
    // the trace claims the rejected SET left set_result OK
    String bad = text.replace("\"set_result\": \"EINVAL\"", "\"set_result\": \"OK\"");
    Path f = dir.resolve("bad.itf.json");
    Files.writeString(f, bad, StandardCharsets.UTF_8);
    CliRun r = run("replay", f.toString());
    assertEquals(1, r.code(), r.out());
    assertTrue(r.out().contains("StateMismatch at step 4 SetReject"), r.out());
  }

  @Test
  void malformed_exit2(@TempDir Path dir) throws Exception {
    Path f = dir.resolve("broken.itf.json");
    Files.writeString(f, "{", StandardCharsets.UTF_8);
    CliRun r = run("replay", f.toString());
    assertEquals(2, r.code());
    assertTrue(r.err().contains("broken.itf.json") && r.err().contains("not JSON"), r.err());
    assertEquals(2, run("replay", dir.resolve("nothing-here").toString()).code());
  }

  /** A copy of a VfioFsm tour that claims a module no binding knows. */
  private static Path unboundTrace(Path dir) throws Exception {
    String text =
        Files.readString(TRACES.resolve("tours/VfioFsm-Reject.itf.json"), StandardCharsets.UTF_8);
    Path f = dir.resolve("NoSuchSpec-001.itf.json");
    Files.writeString(
        f,
        text.replace("\"module\": \"VfioFsm\"", "\"module\": \"NoSuchSpec\""),
        StandardCharsets.UTF_8);
    return f;
  }

  @Test
  void unboundModule_isUnboundAndFailsTheRunByDefault_exit2(@TempDir Path dir) throws Exception {
    Path f = unboundTrace(dir);
    CliRun r =
        run("replay", f.toString(), TRACES.resolve("tours/VfioFsm-Reject.itf.json").toString());
    assertEquals(2, r.code(), r.out() + r.err());
    assertTrue(r.out().contains("UNBOUND " + f + " (no replay binding for module NoSuchSpec)"));
    // the bound trace still replays; the unbound one is unbound (issue 19), never malformed
    assertTrue(
        r.out().contains("2 files, 1 replays, 0 not as expected, 0 malformed, 1 unbound"), r.out());
  }

  @Test
  void unboundSkip_listsTheTraceAsUnbound_exit0(@TempDir Path dir) throws Exception {
    Path f = unboundTrace(dir);
    Path json = dir.resolve("report.json");
    CliRun r =
        run(
            "replay",
            "--unbound=skip",
            f.toString(),
            TRACES.resolve("tours/VfioFsm-Reject.itf.json").toString(),
            "--json",
            json.toString());
    assertEquals(0, r.code(), r.out() + r.err());
    assertTrue(r.out().contains("UNBOUND " + f + " (no replay binding for module NoSuchSpec)"));
    // two files: VfioFsm-Reject replays (its 4 steps), the NoSuchSpec copy is only listed
    assertTrue(
        r.out()
            .contains(
                "2 files, 1 replays, 0 not as expected, 0 malformed, 1 unbound, 0 unreadable;"
                    + " 4 steps"),
        r.out());
    JsonNode doc = new ObjectMapper().readTree(json.toFile());
    assertEquals(2, doc.get("files").asInt());
    assertEquals(1, doc.get("reports").size());
    assertEquals(4, doc.get("stepsReplayed").asInt());
    assertEquals(0, doc.get("malformed").size());
    assertEquals(1, doc.get("unbound").size());
    assertEquals("NoSuchSpec", doc.get("unbound").get(0).get("module").asText());
    assertEquals(f.toString(), doc.get("unbound").get(0).get("file").asText());
  }

  @Test
  void unboundSkip_stillRejectsMalformedTracesOfBoundModules(@TempDir Path dir) throws Exception {
    Path bad = dir.resolve("broken.itf.json");
    Files.writeString(bad, "{", StandardCharsets.UTF_8);
    CliRun r = run("replay", "--unbound=skip", unboundTrace(dir).toString(), bad.toString());
    assertEquals(2, r.code(), r.out() + r.err());
    assertTrue(r.out().contains("1 malformed, 1 unbound"), r.out());
  }

  @Test
  void unsupportedConstants_areUnbound_failingByDefault_notWithSkip(@TempDir Path dir)
      throws Exception {
    // the same tour with MaxDirty 2: well-formed, but the device coalesces changes into one dirty
    // image, so the binding supports only 0..1 (VfioFsm_DirtyUnderreport's case)
    String text =
        Files.readString(TRACES.resolve("tours/VfioFsm-Reject.itf.json"), StandardCharsets.UTF_8);
    String changed = text.replaceFirst("(\"MaxDirty\": \\{\\s*\"#bigint\": \")1\"", "$12\"");
    assertTrue(!changed.equals(text), "the fixture sets MaxDirty to 1");
    Path f = dir.resolve("VfioFsm-MaxDirty2.itf.json");
    Files.writeString(f, changed, StandardCharsets.UTF_8);
    CliRun strict = run("replay", f.toString());
    assertEquals(2, strict.code(), strict.out() + strict.err());
    assertTrue(strict.out().contains("UNBOUND " + f), strict.out());
    assertTrue(strict.out().contains("/#meta/constants/MaxDirty"), strict.out());
    CliRun skip = run("replay", "--unbound=skip", f.toString());
    assertEquals(0, skip.code(), skip.out() + skip.err());
    assertTrue(
        skip.out().contains("1 files, 0 replays, 0 not as expected, 0 malformed, 1 unbound"));
    assertTrue(skip.out().contains("unsupported value 2"), skip.out());
  }

  @Test
  void unboundOption_unknownValue_exit2() {
    CliRun r = run("replay", "--unbound=ignore", TRACES.resolve("tours").toString());
    assertEquals(2, r.code());
    assertTrue(r.err().contains("expected 'error' or 'skip', got 'ignore'"), r.err());
  }

  @Test
  void repeat_countsTheExtraRunsSteps() {
    CliRun r =
        run(
            "replay",
            "--repeat",
            "3",
            TRACES.resolve("tours/VfioFsm-Reject.itf.json").toString(),
            TRACES.resolve("counterexamples/VfioFsm_K1Bound.itf.json").toString());
    assertEquals(0, r.code(), r.out() + r.err());
    // the first run is reported; two extra runs of the 4-step tour (1 run each) and of the
    // counterexample (2 runs each: as configured and correct) = 2 x (1 + 2) = 6 runs
    assertTrue(r.out().contains("2 files parsed in"), r.out());
    // steps: the tour 2 x 4, the counterexample as configured 2 x 4, against the correct
    // implementation 2 x 3 (it diverges at the last of its 4 steps) = 22
    assertTrue(r.out().contains("6 extra runs, 22 steps applied and compared"), r.out());
  }
}
