package org.vfiomc.conformance.replay;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.vfiomc.checker.trace.TraceFormatException;
import org.vfiomc.conformance.cli.Bindings;
import org.vfiomc.conformance.replay.vfio.VfioPathCheckBinding;

/**
 * VfioPathCheck: every (flags, current state, target) request of the committed corpus replayed as
 * one SET on a real device, whose path, new fd, next step and ABI values must equal the spec's
 * answers; each answer variable is compared (a wrong value in any one of them is caught).
 */
final class PathCheckReplayTest {
  private static final Replayer REPLAYER = new Replayer(Bindings.standard());
  private static final Path TOURS =
      Path.of(System.getProperty("vfiomc.root", "..")).resolve("traces/tours");
  private static final ObjectMapper JSON = new ObjectMapper();

  private static List<Path> tours() throws Exception {
    try (Stream<Path> s = Files.list(TOURS)) {
      return s.filter(p -> p.getFileName().toString().matches("VfioPathCheck-\\d+\\.itf\\.json"))
          .sorted()
          .toList();
    }
  }

  @Test
  void all225Requests_conformOnTheDevice_andTheReferenceTablesAreItsResolution() throws Exception {
    // flags 1 has 4 usable states, 3 and 5 have 5, 7 has 7; each plus ERROR as the current state,
    // times 9 targets (8 states and one out-of-range value): (5 + 6 + 6 + 8) x 9 = 225
    List<Path> files = tours();
    assertEquals(225, files.size());
    for (Path f : files) {
      TraceFile t = TraceFile.read(f);
      List<ReplayReport> rs = REPLAYER.replayAll(t);
      assertEquals(1, rs.size());
      assertTrue(rs.get(0).asExpected(), rs.get(0).summary());
      // two states per request (action Init or Stay) and two Stay edges (into the Stay state, then
      // its self-loop): TLC's 450 distinct states and 675 generated (225 initial + 450 Stay); the
      // edge tour of each request covers both edges
      assertEquals(2, rs.get(0).stepsReplayed());
    }
    // the transcribed reference table and flags-7 outcome list equal the device's own answers
    TraceFile first = TraceFile.read(files.get(0));
    assertEquals(Optional.empty(), new VfioPathCheckBinding().specOnlyDefects(first.constants()));
  }

  @Test
  void aWrongAnswerInAnyVariable_isAStateMismatchOnThatVariable() throws Exception {
    String text = Files.readString(tours().get(0), StandardCharsets.UTF_8);
    List<String> answers =
        List.of(
            "abi",
            "table_next",
            "rule_candidates",
            "kernel_next",
            "set_path",
            "new_fd",
            "fd_arcs",
            "outcome");
    for (String v : answers) {
      JsonNode doc = JSON.readTree(text);
      for (JsonNode state : doc.get("states")) {
        JsonNode old = state.get(v);
        ((ObjectNode) state)
            .set(
                v,
                old.isTextual()
                    ? JSON.getNodeFactory().textNode("NOT_AN_ANSWER")
                    : JSON.getNodeFactory().textNode("X"));
      }
      TraceFile t = TraceFile.parse(JSON.writeValueAsString(doc), "mutated-" + v);
      ReplayReport r = REPLAYER.replayAll(t).get(0);
      Discrepancy.StateMismatch m =
          assertInstanceOf(Discrepancy.StateMismatch.class, r.discrepancy().orElseThrow(), v);
      assertEquals(0, m.step());
      assertEquals(v, m.diffs().get(0).variable());
    }
  }

  @Test
  void aRequestNoDeviceCanReceive_isAnInputErrorNamingTheVariable() throws Exception {
    String text = Files.readString(tours().get(0), StandardCharsets.UTF_8);
    JsonNode doc = JSON.readTree(text);
    ((ObjectNode) doc.get("states").get(0))
        .set("flags", JSON.readTree("{\"#bigint\":\"2\"}")); // P2P without STOP_COPY: illegal
    TraceFile t = TraceFile.parse(JSON.writeValueAsString(doc), "flags-2");
    TraceFormatException e = assertThrows(TraceFormatException.class, () -> REPLAYER.replayAll(t));
    assertTrue(e.getMessage().contains("/states/0/flags"), e.getMessage());
  }
}
