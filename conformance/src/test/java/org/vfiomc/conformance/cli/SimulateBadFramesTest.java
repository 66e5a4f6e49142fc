package org.vfiomc.conformance.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vfiomc.conformance.cli.SimulateLimitsTest.Run;

/**
 * Issue 10, item 5 through {@code simulate}: {@code --bad-frame-ratio} breaks a seeded fraction of
 * the frames on the wire (a CRC error), {@code --pf-rx-all} sets the PFs' FCTRL.SBP. Bad input is
 * exit 2 naming the option; the default run does not change; the ledger's classes add up.
 */
final class SimulateBadFramesTest {
  @TempDir Path tmp;

  private JsonNode json(String name, String... args) throws Exception {
    Path f = tmp.resolve(name + ".json");
    String[] all = new String[args.length + 2];
    System.arraycopy(args, 0, all, 0, args.length);
    all[args.length] = "--json";
    all[args.length + 1] = f.toString();
    Run r = SimulateLimitsTest.simulate(all);
    assertEquals(0, r.code(), r.out() + r.err());
    return new ObjectMapper().readTree(f.toFile());
  }

  @Test
  void badRatios_areUsageErrors() {
    for (String bad : new String[] {"1.5", "-0.1", "abc", "NaN", ""}) {
      Run r = SimulateLimitsTest.simulate("--packets", "10", "--bad-frame-ratio", bad);
      assertEquals(2, r.code(), bad + ": " + r.out() + r.err());
      assertTrue(
          r.err().contains("--bad-frame-ratio must be a number in 0..1, got '" + bad + "'"),
          r.err());
      assertFalse(r.err().contains("Exception"), r.err());
      assertFalse(r.out().contains("outcome"), "nothing ran: " + r.out());
    }
    Run synthetic = SimulateLimitsTest.simulate("--synthetic", "2", "--pf-rx-all");
    assertEquals(2, synthetic.code());
    assertTrue(synthetic.err().contains("need the VF, not --synthetic"), synthetic.err());
  }

  /** Ratio 0 draws nothing: the run is the default one, field for field. */
  @Test
  void ratioZero_isTheDefaultRun() throws Exception {
    JsonNode a = json("default", "--packets", "300");
    JsonNode b = json("zero", "--packets", "300", "--bad-frame-ratio", "0");
    for (String k :
        new String[] {
          "sent", "delivered", "droppedByDevice", "lostOnWire", "droppedByDriver", "downtimeNanos"
        }) {
      assertEquals(a.get(k), b.get(k), k);
    }
    assertEquals(0, a.get("droppedByDriver").asLong());
    assertEquals(0.0, a.get("badFrameRatio").asDouble());
    assertFalse(a.get("pfRxAll").asBoolean());
  }

  /**
   * Every frame broken: without SBP the MAC discards each one, counted, before the stopped-port
   * check, so droppedByDevice = sent and nothing is lost on the wire; with SBP each frame that
   * reaches a running VF is placed with CE and freed by the driver, so droppedByDriver = sent -
   * lostOnWire. Nothing is delivered either way, and no bug class is touched.
   */
  @Test
  void allBroken_explainedNumbers() throws Exception {
    JsonNode mac = json("mac", "--packets", "300", "--bad-frame-ratio", "1");
    assertEquals(300, mac.get("droppedByDevice").asLong());
    assertEquals(0, mac.get("lostOnWire").asLong());
    assertEquals(0, mac.get("droppedByDriver").asLong());
    assertEquals(0, mac.get("delivered").asLong());
    JsonNode sbp = json("sbp", "--packets", "300", "--bad-frame-ratio", "1", "--pf-rx-all");
    assertTrue(sbp.get("lostOnWire").asLong() > 0, "the downtime is longer than 20 us");
    assertEquals(300 - sbp.get("lostOnWire").asLong(), sbp.get("droppedByDriver").asLong());
    assertEquals(0, sbp.get("droppedByDevice").asLong());
    assertEquals(0, sbp.get("delivered").asLong());
    for (JsonNode j : new JsonNode[] {mac, sbp}) {
      assertEquals(0, j.get("lostAfterAcceptance").asLong());
      assertEquals(0, j.get("corrupted").asLong());
      assertEquals(0, j.get("duplicated").asLong());
    }
  }

  /**
   * A fraction: every frame is in exactly one class, and the broken ones (about 5% of 2,000, drawn
   * from the seed) show up as driver drops with SBP and as device drops without it.
   */
  @Test
  void aFraction_addsUp() throws Exception {
    for (boolean rxAll : new boolean[] {false, true}) {
      JsonNode j =
          rxAll
              ? json("f1", "--packets", "2000", "--bad-frame-ratio", "0.05", "--pf-rx-all")
              : json("f0", "--packets", "2000", "--bad-frame-ratio", "0.05");
      long broken = rxAll ? j.get("droppedByDriver").asLong() : j.get("droppedByDevice").asLong();
      // 100 expected; 5 standard deviations of a binomial(2000, 0.05) is about 49
      assertTrue(broken > 50 && broken < 150, "broken frames " + broken);
      assertEquals(
          j.get("sent").asLong(),
          j.get("delivered").asLong()
              + j.get("droppedByDevice").asLong()
              + j.get("lostOnWire").asLong()
              + j.get("droppedByDriver").asLong());
      assertEquals(0, (rxAll ? j.get("droppedByDevice") : j.get("droppedByDriver")).asLong());
    }
    Run text =
        SimulateLimitsTest.simulate("--packets", "200", "--bad-frame-ratio", "0.05", "--pf-rx-all");
    assertTrue(
        text.out().contains("bad frames: 0.05 of the frames arrive with a CRC error;"), text.out());
  }
}
