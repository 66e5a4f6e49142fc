package org.vfiomc.conformance.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vfiomc.conformance.scenario.DeliverySeries;

/** The {@code timeline} of {@code simulate --json}: the series the HTML report plots. */
final class SimulateTimelineTest {
  private static JsonNode simulate(Path json, String... extra) throws Exception {
    List<String> args =
        new ArrayList<>(
            List.of("simulate", "--packets", "1000", "--seed", "4", "--json", json.toString()));
    args.addAll(List.of(extra));
    StringWriter out = new StringWriter();
    Main.execute(
        args.toArray(String[]::new), new PrintWriter(out, true), new PrintWriter(out, true));
    return new ObjectMapper().readTree(Files.readString(json));
  }

  private static long sum(JsonNode a) {
    long s = 0;
    for (JsonNode x : a) {
      s += x.asLong();
    }
    return s;
  }

  @Test
  void timeline_accountsForEveryFrame_andMarksTheDowntimeWindow(@TempDir Path dir)
      throws Exception {
    JsonNode j = simulate(dir.resolve("s.json"));
    JsonNode t = j.get("timeline");
    // per kind the buckets add up to the document's totals
    assertEquals(j.get("delivered").asLong(), sum(t.get("delivered")));
    assertEquals(j.get("droppedAndCounted").asLong(), sum(t.get("dropped")));
    assertEquals(j.get("lost").asLong(), sum(t.get("lost")));
    int n = t.get("delivered").size();
    assertTrue(n > 0 && n <= DeliverySeries.MAX_BUCKETS, "buckets " + n);
    for (String k : List.of("dropped", "lost", "corrupted")) {
      assertEquals(n, t.get(k).size(), k);
    }
    // 1000 frames 20 us apart: ~20 ms of traffic, so the width doubled from 1 us to 32 us
    // (20 ms / 1024 buckets = 19.5 us, the next power of two of 1 us above it)
    assertEquals(32_000, t.get("bucketNanos").asLong());
    // milestones: start, one mark per pre-copy round, the stop, the resume, in time order
    List<String> kinds = new ArrayList<>();
    long last = -1;
    long stop = -1;
    long resume = -1;
    for (JsonNode m : t.get("marks")) {
      String k = m.get("kind").asText();
      long at = m.get("atNanos").asLong();
      if (!k.equals("other")) {
        kinds.add(k);
      }
      assertTrue(at >= last, "marks in time order: " + t.get("marks"));
      last = at;
      stop = k.equals("stop") ? at : stop;
      resume = k.equals("resume") ? at : resume;
    }
    List<String> expected = new ArrayList<>(List.of("start"));
    for (int i = 0; i < j.get("precopyRounds").asInt(); i++) {
      expected.add("round");
    }
    expected.addAll(List.of("stop", "resume"));
    assertEquals(expected, kinds);
    // the window between stop and resume is the vCPU downtime
    assertEquals(j.get("downtimeNanos").asLong(), resume - stop);
  }

  @Test
  void brokenStrategy_placesItsLostFramesInTheSeries(@TempDir Path dir) throws Exception {
    JsonNode j =
        simulate(dir.resolve("b.json"), "--host", "rfc-2015", "--strategy", "dummy-after-check");
    JsonNode t = j.get("timeline");
    assertTrue(j.get("lost").asLong() > 0, j.toString());
    assertEquals(j.get("lost").asLong(), sum(t.get("lost")));
    assertEquals(j.get("corrupted").asLong(), sum(t.get("corrupted")));
  }
}
