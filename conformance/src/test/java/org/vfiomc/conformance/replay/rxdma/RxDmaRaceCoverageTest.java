package org.vfiomc.conformance.replay.rxdma;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.vfiomc.checker.result.Verdict;
import org.vfiomc.checker.spec.Manifest;
import org.vfiomc.checker.spec.ModelSpec;
import org.vfiomc.checker.spec.Profile;
import org.vfiomc.checker.trace.TlaValue;
import org.vfiomc.checker.trace.TraceStep;
import org.vfiomc.conformance.replay.ReplayMode;
import org.vfiomc.conformance.replay.ReplayReport;
import org.vfiomc.conformance.replay.Replayer;
import org.vfiomc.conformance.replay.TraceFile;

/**
 * Issue 14 item 1: the committed traces of every correct RxDma model (CI profile, HOLDS, module
 * under {@code specs/RxDma}, read from {@code specs/suite.json}; its files from {@code
 * traces/coverage.json}) are on an 82599 ring (N a multiple of 8), replay as expected, and together
 * take every action the model's constants enable; and the corpus goes through the races: a dirty
 * sync while a frame's DMA is in flight, a migration starting mid-lap, a ring wrap and a resume
 * after at least two pre-copy rounds.
 */
class RxDmaRaceCoverageTest {
  private static final Path ROOT = Path.of(System.getProperty("vfiomc.root", ".."));

  /**
   * The actions whose guard in {@code RxDma.tla} a constant of the model switches off, so that no
   * run of the model takes them: the dummy read-modify-write only with DUMMY_BEFORE tracking, the
   * separate status read only with length-then-status reads, the separate tail write only with
   * batched refills, the late IOMMU dirty bit only with DirtyLag, the old ring's re-init only when
   * the restore drains it (REINIT, DROP_RING) and re-enables Rx, the cooperative Rx disable only
   * with the guest's drain stop.
   */
  static Set<String> disabledBy(Map<String, TlaValue> c) {
    Set<String> off = new TreeSet<>();
    if (!str(c, "Tracking").equals("DUMMY_BEFORE")) {
      off.addAll(List.of("RxDummyRead", "RxDummyWrite"));
    }
    if (!str(c, "DescRead").equals("LEN_THEN_STATUS")) {
      off.add("RxCheckStatus");
    }
    if (!bool(c, "RefillBatch")) {
      off.add("RxTailWrite");
    }
    if (!bool(c, "DirtyLag")) {
      off.add("IommuMark");
    }
    if (!Set.of("REINIT", "DROP_RING").contains(str(c, "Restore")) || bool(c, "NoRxReenable")) {
      off.add("RxReinit");
    }
    if (!str(c, "StopMode").equals("GUEST_DRAIN")) {
      off.add("QuiesceRx");
    }
    return off;
  }

  private static String str(Map<String, TlaValue> c, String name) {
    return ((TlaValue.Str) c.get(name)).value();
  }

  private static boolean bool(Map<String, TlaValue> c, String name) {
    return ((TlaValue.Bool) c.get(name)).value();
  }

  private static long num(Map<String, TlaValue> state, String var) {
    return ((TlaValue.Int) state.get(var)).value().longValueExact();
  }

  @Test
  void everyActionOfEveryCorrectModel_isReplayedOnAnEightDescriptorRing_throughTheRaces()
      throws Exception {
    JsonNode coverage =
        new ObjectMapper().readTree(Files.readString(ROOT.resolve("traces/coverage.json")));
    Map<String, JsonNode> byModel = new TreeMap<>();
    coverage.get("models").forEach(m -> byModel.put(m.get("model").asText(), m));
    Replayer replayer = new Replayer(List.of(new RxDmaBinding()));
    List<String> problems = new ArrayList<>();
    int models = 0;
    int syncsInFlight = 0;
    int midLap = 0;
    int wraps = 0;
    int resumesAfterTwoRounds = 0;
    for (ModelSpec m : Manifest.load(ROOT.resolve("specs/suite.json"))) {
      if (m.profile() != Profile.CI
          || m.expected().verdict() != Verdict.HOLDS
          || !m.spec().getParent().getFileName().toString().equals("RxDma")) {
        continue;
      }
      models++;
      JsonNode c = byModel.get(m.name());
      if (c == null || c.get("files").isEmpty()) {
        problems.add(m.name() + ": no traces");
        continue;
      }
      Set<String> actions = new TreeSet<>();
      c.get("unexercisedActions").forEach(a -> actions.add(a.asText()));
      Set<String> taken = new TreeSet<>();
      Set<String> off = null;
      for (JsonNode name : c.get("files")) {
        TraceFile f = TraceFile.read(ROOT.resolve("traces").resolve(name.asText()));
        long n = ((TlaValue.Int) f.constants().get("N")).value().longValueExact();
        if (n % 8 != 0) {
          problems.add(name.asText() + ": N = " + n + ", not an 82599 ring");
        }
        off = disabledBy(f.constants());
        ReplayReport r = replayer.replay(f, ReplayMode.AS_CONFIGURED);
        if (!r.asExpected() || r.discrepancy().isPresent()) {
          problems.add(name.asText() + ": " + r.summary());
        }
        List<TraceStep> steps = f.trace().steps();
        midLap += num(steps.get(0).state(), "RDH") != 0 ? 1 : 0;
        boolean wrapped = false;
        for (int i = 1; i < steps.size(); i++) {
          Map<String, TlaValue> s = steps.get(i).state();
          String a = steps.get(i).action();
          taken.add(a);
          if (a.equals("SyncDirty") && !((TlaValue.Seq) s.get("inflight")).elements().isEmpty()) {
            syncsInFlight++;
          }
          wrapped |=
              num(steps.get(i - 1).state(), "RDH") == n - 1
                  && num(s, "RDH") == 0
                  && a.equals("RxWriteBack");
          if (a.equals("Resume") && num(s, "round") >= 2) {
            resumesAfterTwoRounds++;
          }
        }
        wraps += wrapped ? 1 : 0;
      }
      actions.addAll(taken);
      Set<String> missing = new TreeSet<>(actions);
      missing.removeAll(taken);
      missing.removeAll(off);
      if (!missing.isEmpty()) {
        problems.add(m.name() + ": enabled actions never replayed: " + missing);
      }
    }
    assertEquals(List.of(), problems);
    // the suite has correct RxDma models in CI, and the races are in their traces
    assertTrue(models > 0, "no correct RxDma model in CI");
    assertTrue(syncsInFlight > 0, "no SyncDirty while a frame's DMA is in flight");
    assertTrue(midLap > 0, "no trace starts mid-lap");
    assertTrue(wraps > 0, "no trace wraps the ring (RDH from N - 1 to 0)");
    assertTrue(resumesAfterTwoRounds > 0, "no Resume after two pre-copy rounds");
  }

  @Test
  void disabledActions_followTheConstants() {
    Map<String, TlaValue> baseline =
        Map.of(
            "Tracking", new TlaValue.Str("IOMMU"),
            "DescRead", new TlaValue.Str("ATOMIC"),
            "RefillBatch", new TlaValue.Bool(false),
            "DirtyLag", new TlaValue.Bool(false),
            "Restore", new TlaValue.Str("REINIT"),
            "NoRxReenable", new TlaValue.Bool(false),
            "StopMode", new TlaValue.Str("GUEST_DRAIN"));
    Set<String> off = disabledBy(baseline);
    assertFalse(off.contains("RxReinit"));
    assertFalse(off.contains("QuiesceRx"));
    assertTrue(off.containsAll(List.of("RxDummyRead", "RxCheckStatus", "IommuMark")));
    Map<String, TlaValue> noReenable = new TreeMap<>(baseline);
    noReenable.put("NoRxReenable", new TlaValue.Bool(true));
    assertTrue(disabledBy(noReenable).contains("RxReinit"));
  }
}
