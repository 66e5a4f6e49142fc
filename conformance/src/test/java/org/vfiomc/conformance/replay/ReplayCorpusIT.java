package org.vfiomc.conformance.replay;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.vfiomc.conformance.cli.Bindings;

/**
 * Replays every {@code traces/**}{@code /*.itf.json} of the repository (root from the system
 * property {@code vfiomc.root}) and requires each to behave as expected: tours conform;
 * counterexamples reproduce their violation with their defects and diverge on the correct
 * implementation.
 *
 * <p>Some traces cannot be replayed yet, and the test pins exactly which and why, so that closing a
 * gap (or opening a new one) changes this test: {@code VfioPathCheck} is a constant-level table
 * check whose states carry only the request (flags, current state, target), so there is no
 * behaviour to replay (the implementation's arc table is checked against the same reference tables
 * by {@code MigrationArcsTest}); {@code VfioFsm_DirtyUnderreport} uses {@code MaxDirty = 2}, which
 * the device cannot express: it saves a dirty image of its whole state, superseding the previous
 * one, so two changes are one pending image of the same size as one change, and its precopy info
 * after two changes is exactly what the spec's defect (DirtyBytesUnderreport: 1 instead of 2)
 * reports; the per-change count the correct spec expects is not a property of this device. (The
 * RxDma models' rings of 2 or 4 descriptors replay on a VF with a relaxed RDLEN granularity, which
 * every such report notes: an 82599 ring is a multiple of 8.)
 */
final class ReplayCorpusIT {
  private static final Pattern MODEL = Pattern.compile("([A-Za-z0-9_]+?)(-\\d+)?\\.itf\\.json");

  /**
   * Model-name prefix (no prefix is another's) → the text the refusal of its traces must contain.
   */
  private static final Map<String, String> KNOWN_GAPS =
      Map.of(
          "VfioPathCheck", "no replay binding for module 'VfioPathCheck'",
          "VfioFsm_DirtyUnderreport", "/#meta/constants/MaxDirty");

  @Test
  void everyTraceBehavesAsExpected_orIsAPinnedGap() throws Exception {
    Path root = Path.of(System.getProperty("vfiomc.root", "..")).resolve("traces");
    List<Path> files;
    try (Stream<Path> s = Files.walk(root)) {
      files = s.filter(p -> p.getFileName().toString().endsWith(".itf.json")).sorted().toList();
    }
    // the committed corpus: 2,010 tours plus 45 counterexamples (traces/README.md)
    assertEquals(2055, files.size(), "files in traces/");
    Replayer replayer = new Replayer(Bindings.standard());
    List<String> problems = new ArrayList<>();
    Map<String, Integer> gaps = new TreeMap<>();
    int replays = 0;
    for (Path f : files) {
      String model = model(f);
      try {
        for (ReplayReport r : replayer.replayAll(TraceFile.read(f))) {
          replays++;
          if (!r.asExpected()) {
            problems.add(r.summary());
          }
        }
        if (gapOf(model) != null) {
          problems.add(f + " replays now: remove " + gapOf(model) + " from KNOWN_GAPS");
        }
      } catch (Exception e) {
        String message = String.valueOf(e.getMessage());
        String gap = gapOf(model);
        if (gap != null && message.contains(KNOWN_GAPS.get(gap))) {
          gaps.merge(gap, 1, Integer::sum);
        } else {
          problems.add("cannot replay " + f + ": " + message);
        }
      }
    }
    assertEquals(List.of(), problems, problems.size() + " of " + files.size() + " traces");
    // VfioFsm and VfioP2p: 275 replays; RxDma: 914 tours + 9 counterexamples twice each = 932;
    // VfioMigration: 627 tours (501 of the tour model, 126 of NoFault) + 9 counterexamples twice
    // each = 645. Each counterexample replays twice (with its defect, and against the correct
    // implementation) unless its defect exists only in the spec
    assertEquals(275 + 932 + 645, replays, "replays");
    // 231 files pinned: 225 + 5 VfioPathCheck, 1 DirtyUnderreport
    assertEquals(231, gaps.values().stream().mapToInt(Integer::intValue).sum(), gaps::toString);
  }

  /** The KNOWN_GAPS prefix the model falls under, or {@code null}. */
  private static String gapOf(String model) {
    return KNOWN_GAPS.keySet().stream().filter(model::startsWith).findFirst().orElse(null);
  }

  private static String model(Path f) {
    Matcher m = MODEL.matcher(f.getFileName().toString());
    assertTrue(m.matches(), f::toString);
    return m.group(1);
  }
}
