package org.vfiomc.conformance.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code conformance replay}: exit codes and the JSON report. */
final class ReplayCommandTest {
  private static final Path TRACES = Path.of("src/test/resources/traces");

  private record Run(int code, String out, String err) {}

  private static Run run(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code = Main.execute(args, new PrintWriter(out, true), new PrintWriter(err, true));
    return new Run(code, out.toString(), err.toString());
  }

  @Test
  void tours_allConform_exit0_json() throws Exception {
    Path json = Files.createTempFile("replay", ".json");
    Run r = run("replay", TRACES.resolve("tours").toString(), "--json", json.toString());
    assertEquals(0, r.code(), r.out() + r.err());
    JsonNode doc = new ObjectMapper().readTree(json.toFile());
    // 23 VfioFsm tours (6+5+2+2+4+4+4+4+4+4+7 = 46 steps, and 4+3+3+4+4+4+2+5+4+6+6+8 = 53),
    // VfioFsm-DeadResumingRead (6), 4 VfioP2p tours (1+21+7+20 = 49) and 2 VfioMigration tours
    // (PrecopySuccess 14, ReorderRejected 15): 30 files, 148 + 6 + 29 = 183 steps
    assertEquals(30, doc.get("files").asInt());
    assertEquals(30, doc.get("reports").size());
    assertEquals(183, doc.get("stepsReplayed").asInt());
    Files.delete(json);
  }

  @Test
  void fsmCounterexamples_behaveAsExpected_exit0() {
    Run r =
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
    Run r = run("replay", f.toString());
    assertEquals(1, r.code(), r.out());
    assertTrue(r.out().contains("StateMismatch at step 4 SetReject"), r.out());
  }

  @Test
  void malformed_exit2(@TempDir Path dir) throws Exception {
    Path f = dir.resolve("broken.itf.json");
    Files.writeString(f, "{", StandardCharsets.UTF_8);
    Run r = run("replay", f.toString());
    assertEquals(2, r.code());
    assertTrue(r.err().contains("broken.itf.json") && r.err().contains("not JSON"), r.err());
    assertEquals(2, run("replay", dir.resolve("nothing-here").toString()).code());
  }
}
