package org.vfiomc.conformance.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

final class MainTest {
  private static CliRun run(String... args) {
    return CliRun.of(args);
  }

  @Test
  void version_printsTheToolName() {
    CliRun r = run("--version");
    assertEquals(0, r.code());
    assertTrue(r.out().startsWith("vfiomc conformance "), r.out());
  }

  @Test
  void path_json_longestPathWithNewFd() throws Exception {
    CliRun r =
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
    CliRun r = run("path", "--from", "running", "--to", "STOP_COPY", "--features", "");
    assertEquals(0, r.code());
    assertEquals("RUNNING -> STOP -> STOP_COPY (2 arcs, new data fd)", r.out().trim());
  }

  @Test
  void path_blockedArc_exitsOneWithValidFalse() {
    CliRun r =
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
    CliRun state = run("path", "--from", "RUNNIN", "--to", "STOP", "--features", "P2P");
    assertEquals(2, state.code());
    assertTrue(state.err().contains("unknown state 'RUNNIN'"), state.err());
    CliRun feature = run("path", "--from", "STOP", "--to", "RUNNING", "--features", "P2P,FOO");
    assertEquals(2, feature.code());
    assertTrue(feature.err().contains("unknown feature 'FOO'"), feature.err());
    assertEquals(2, run("path", "--all", "--features", "P2P").code()); // --all needs --json
    assertEquals(2, run("path", "--from", "STOP", "--features", "P2P").code()); // no --to
  }

  @Test
  void path_all_listsSixtyFourRequestsWithTheValidCount() throws Exception {
    CliRun r = run("path", "--all", "--features", "PRE_COPY", "--json");
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
  void simulate_vfWithIommuAndShift_deliversEveryFrame(@TempDir Path dir) throws Exception {
    Path json = dir.resolve("report.json");
    CliRun r = run("simulate", "--packets", "1000", "--seed", "4", "--json", json.toString());
    assertEquals(0, r.code(), r.out() + r.err());
    assertTrue(r.out().contains("(specs/RxDma/RxDma.tla: correct)"), r.out());
    // 1000 frames every 20 us: the frames that reach the stopped source are lost on the wire
    // (about one per 20 us of the 0.70 ms downtime: the Rx buffers are page halves, so the
    // 512-entry ring cycles through 512 pages, which makes the final copy 0.45 ms), no bug class
    assertTrue(
        r.out().contains("packets sent 1000, delivered 967, droppedByDevice 0, lostOnWire 33,"),
        r.out());
    assertTrue(r.out().contains("lostAfterAcceptance 0, corrupted 0, duplicated 0"), r.out());
    JsonNode report = new ObjectMapper().readTree(Files.readString(json));
    assertEquals("COMPLETED", report.get("outcome").asText());
    // 4 MiB = 1024 pages in round 1 plus the pages dirty at the switchover
    assertTrue(report.get("pagesCopied").asLong() > 1024, report.toString());
    // downtime = SET arcs while the vCPUs are stopped x 50 us + the final copy on the link:
    // PRE_COPY_P2P, STOP_COPY at the source; STOP, RUNNING_P2P, RUNNING at the destination
    assertEquals(5, report.get("downtimeArcs").asInt());
    assertTrue(report.get("downtimeNanos").asLong() > 5 * 50_000L, report.toString());
    assertTrue(report.get("clean").asBoolean());
    // interrupts moderated, NAPI re-armed: the ring never stalls (RxStallTest makes it stall)
    assertFalse(report.get("rxStalled").asBoolean(), report.toString());
  }

  @Test
  void simulate_dummyAfterCheckUnderQemuStop_losesFramesAndExitsOne() {
    // RxDmaDummyAfterShift: frames the VF writes between the vCPU stop and the device stop sit
    // in buffer pages nobody re-dirtied; the destination consumes stale buffers
    CliRun r =
        run(
            "simulate",
            "--packets",
            "1000",
            "--seed",
            "4",
            "--host",
            "rfc-2015",
            "--strategy",
            "dummy-after-check");
    assertEquals(1, r.code(), r.out());
    assertTrue(r.out().contains("(specs/RxDma/RxDma.tla: broken"), r.out());
    // each frame lost is delivered as a stale buffer (after QEMU's one pre-copy iteration): the
    // frame the VF writes between the vCPU stop and the device stop, and the two written back in
    // the 50 us before the vCPU stop while their interrupt was held by moderation (the
    // interrupt-driven driver never cleaned, so never dummy-wrote, them): three
    assertTrue(r.out().contains("lostAfterAcceptance 3, corrupted 3, duplicated 0"), r.out());
    assertTrue(r.out().contains("verdict: NOT CLEAN"), r.out());
  }

  @Test
  void simulate_dummyAfterCheckWithGuestDrain_isClean() {
    CliRun r =
        run(
            "simulate",
            "--packets",
            "1000",
            "--seed",
            "4",
            "--host",
            "rfc-2015",
            "--strategy",
            "dummy-after-check",
            "--strategy",
            "stop-mode=guest-drain");
    assertEquals(0, r.code(), r.out());
    assertTrue(r.out().contains("lostAfterAcceptance 0, corrupted 0, duplicated 0"), r.out());
  }

  @Test
  void simulate_synthetic_naiveOrdering_exitsOneWithDroppedWrites() {
    CliRun r =
        run("simulate", "--synthetic", "2", "--strategy", "p2p-ordering=naive", "--pages", "256");
    assertEquals(1, r.code(), r.out());
    assertTrue(r.out().contains("P2P ordering violations 3"), r.out());
  }

  @Test
  void simulate_synthetic_rejectsVfStrategies() {
    CliRun r = run("simulate", "--synthetic", "2", "--strategy", "none");
    assertEquals(2, r.code());
    assertTrue(r.err().contains("strategy dirty-tracking needs the VF"), r.err());
  }

  @Test
  void simulate_unknownStrategyValue_exitsTwo() {
    CliRun r = run("simulate", "--strategy", "ring-restore=rotate");
    assertEquals(2, r.code());
    assertTrue(
        r.err()
            .contains(
                "unknown value 'rotate' for strategy ring-restore; expected one of"
                    + " shift, reinit, head-reset"),
        r.err());
  }
}
