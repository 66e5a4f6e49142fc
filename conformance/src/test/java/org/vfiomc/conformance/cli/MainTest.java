package org.vfiomc.conformance.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

final class MainTest {
  private record Run(int code, String out, String err) {}

  private static Run run(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code = Main.execute(args, new PrintWriter(out, true), new PrintWriter(err, true));
    return new Run(code, out.toString(), err.toString());
  }

  @Test
  void version_printsTheToolName() {
    Run r = run("--version");
    assertEquals(0, r.code());
    assertTrue(r.out().startsWith("vfiomc conformance "), r.out());
  }

  @Test
  void path_json_longestPathWithNewFd() throws Exception {
    Run r =
        run(
            "path",
            "--from",
            "PRE_COPY",
            "--to",
            "RESUMING",
            "--features",
            "P2P,PRE_COPY",
            "--json");
    assertEquals(0, r.code());
    assertEquals(
        "{\"from\":\"PRE_COPY\",\"to\":\"RESUMING\",\"features\":[\"STOP_COPY\",\"P2P\","
            + "\"PRE_COPY\"],\"valid\":true,\"path\":[\"PRE_COPY\",\"RUNNING\",\"RUNNING_P2P\","
            + "\"STOP\",\"RESUMING\"],\"newDataFd\":true}",
        r.out().trim());
  }

  @Test
  void path_text_emptyFeatureListMeansStopCopyOnly() {
    Run r = run("path", "--from", "running", "--to", "STOP_COPY", "--features", "");
    assertEquals(0, r.code());
    assertEquals("RUNNING -> STOP -> STOP_COPY (2 arcs, new data fd)", r.out().trim());
  }

  @Test
  void path_blockedArc_exitsOneWithValidFalse() {
    Run r =
        run(
            "path",
            "--from",
            "STOP_COPY",
            "--to",
            "PRE_COPY_P2P",
            "--features",
            "P2P,PRE_COPY",
            "--json");
    assertEquals(1, r.code());
    assertTrue(r.out().contains("\"valid\":false,\"path\":[],\"newDataFd\":false"), r.out());
    assertTrue(r.err().contains("is blocked"), r.err());
  }

  @Test
  void path_badInput_exitsTwoNamingTheProblem() {
    Run state = run("path", "--from", "RUNNIN", "--to", "STOP", "--features", "P2P");
    assertEquals(2, state.code());
    assertTrue(state.err().contains("unknown state 'RUNNIN'"), state.err());
    Run feature = run("path", "--from", "STOP", "--to", "RUNNING", "--features", "P2P,FOO");
    assertEquals(2, feature.code());
    assertTrue(feature.err().contains("unknown feature 'FOO'"), feature.err());
    assertEquals(2, run("path", "--all", "--features", "P2P").code()); // --all needs --json
    assertEquals(2, run("path", "--from", "STOP", "--features", "P2P").code()); // no --to
  }

  @Test
  void path_all_listsSixtyFourRequestsWithTheValidCount() throws Exception {
    Run r = run("path", "--all", "--features", "PRE_COPY", "--json");
    assertEquals(0, r.code());
    JsonNode rows = new ObjectMapper().readTree(r.out());
    assertEquals(64, rows.size()); // 8 x 8 (from, to) pairs
    int valid = 0;
    for (JsonNode row : rows) {
      valid += row.get("valid").asBoolean() ? 1 : 0;
    }
    // SC|PC has 5 usable states: 25 pairs minus the blocked STOP_COPY -> PRE_COPY.
    assertEquals(24, valid);
  }

  @Test
  void simulate_default_completesWithoutLossAndSaysDevicesAreSynthetic(@TempDir Path dir)
      throws Exception {
    Path json = dir.resolve("report.json");
    Run r =
        run(
            "simulate",
            "--packets",
            "100",
            "--seed",
            "3",
            "--pages",
            "256",
            "--json",
            json.toString());
    assertEquals(0, r.code(), r.out() + r.err());
    assertTrue(r.out().contains("the 82599 VF is not wired in yet"), r.out());
    assertTrue(r.out().contains("packets: not simulated (--packets 100 accepted)"), r.out());
    JsonNode report = new ObjectMapper().readTree(Files.readString(json));
    assertEquals("COMPLETED", report.get("outcome").asText());
    assertTrue(report.get("packets").isNull());
    assertEquals(20, report.get("arcs").asInt()); // two devices with all features: 2 x 10 arcs
    assertEquals(0, report.get("p2pWrites").get("dropped").asInt());
    assertEquals(0, report.get("mismatchedPages").asInt());
  }

  @Test
  void simulate_naiveOrdering_exitsOneWithDroppedWrites() {
    Run r = run("simulate", "--strategy", "p2p-ordering=naive", "--pages", "256");
    assertEquals(1, r.code(), r.out());
    assertTrue(r.out().contains("P2P ordering violations 3"), r.out());
  }

  @Test
  void simulate_unknownStrategyValue_exitsTwo() {
    Run r = run("simulate", "--strategy", "ring-restore=rotate");
    assertEquals(2, r.code());
    assertTrue(
        r.err()
            .contains(
                "unknown value 'rotate' for strategy ring-restore; expected one of"
                    + " shift, reinit, head-reset"),
        r.err());
  }
}
