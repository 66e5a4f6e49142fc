package org.vfiomc.conformance.replay;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
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
 * implementation (or only the latter, when the defect exists only in the spec). Every file found is
 * either replayed in the modes its kind calls for or refused for its pinned reason; no count of
 * today's corpus is pinned.
 *
 * <p>Some traces cannot be replayed yet, and the test pins exactly which and why, so that closing a
 * gap (or opening a new one) changes this test. None is open: the asynchronous SAVE, the reset
 * racing an arc, incremental images and the arc-by-arc SET are device options the bindings
 * configure. (The RxDma counterexamples' spec rings of 2 or 4 descriptors are laid onto the VF's
 * 8-descriptor ring, which every such report notes: an 82599 ring is a multiple of 8.)
 */
final class ReplayCorpusIT {
  private static final Pattern MODEL = Pattern.compile("([A-Za-z0-9_]+?)(-\\d+)?\\.itf\\.json");

  /**
   * Model-name prefix (no prefix is another's) → the text the refusal of its traces must contain.
   */
  private static final Map<String, String> KNOWN_GAPS = Map.of();

  @Test
  void everyTraceBehavesAsExpected_orIsAPinnedGap() throws Exception {
    Path root = Path.of(System.getProperty("vfiomc.root", "..")).resolve("traces");
    List<Path> files;
    try (Stream<Path> s = Files.walk(root)) {
      files = s.filter(p -> p.getFileName().toString().endsWith(".itf.json")).sorted().toList();
    }
    assertFalse(files.isEmpty(), "no trace in " + root);
    Replayer replayer = new Replayer(Bindings.standard());
    List<String> problems = new ArrayList<>();
    Map<String, Integer> gaps = new TreeMap<>();
    Map<TraceKind, Integer> replayedFiles = new EnumMap<>(TraceKind.class);
    for (Path f : files) {
      String model = model(f);
      try {
        TraceFile trace = TraceFile.read(f);
        List<ReplayReport> reports = replayer.replayAll(trace);
        String modes = modesProblem(model, trace.kind(), reports);
        if (modes != null) {
          problems.add(f + ": " + modes);
        }
        for (ReplayReport r : reports) {
          if (!r.asExpected()) {
            problems.add(r.summary());
          }
        }
        replayedFiles.merge(trace.kind(), 1, Integer::sum);
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
    // every file is accounted for exactly once: replayed, or refused for its pinned reason
    int replayed = replayedFiles.values().stream().mapToInt(Integer::intValue).sum();
    int pinned = gaps.values().stream().mapToInt(Integer::intValue).sum();
    assertEquals(files.size(), replayed + pinned, replayedFiles + " + " + gaps);
    // the corpus exercises both kinds, and every pinned gap still names some file
    assertTrue(
        replayedFiles.getOrDefault(TraceKind.TOUR, 0) > 0
            && replayedFiles.getOrDefault(TraceKind.COUNTEREXAMPLE, 0) > 0,
        replayedFiles::toString);
    assertEquals(KNOWN_GAPS.keySet(), gaps.keySet(), "stale KNOWN_GAPS entries");
  }

  /**
   * {@code null} if the modes match the kind: a tour replays once, as configured, and must conform;
   * a counterexample replays as configured (must reproduce) and against the correct implementation
   * (must diverge), or only the latter if its defect exists only in the spec (the reports then say
   * so). A finding (a model named {@code *_Finding*}: QEMU's real behaviour, no defect configured)
   * and a reachability witness (a model named {@code *_Witness*}: a correct model that must reach a
   * behaviour, e.g. a failing arc, so its counterexample is correct behaviour) have no correct
   * implementation to diverge on and only reproduce; any other counterexample without a defect is a
   * problem.
   */
  private static String modesProblem(String model, TraceKind kind, List<ReplayReport> reports) {
    List<ReplayReport.Expectation> got = reports.stream().map(ReplayReport::expected).toList();
    List<ReplayReport.Expectation> expected;
    if (kind == TraceKind.TOUR) {
      expected = List.of(ReplayReport.Expectation.CONFORMS);
    } else if (model.contains("_Finding") || model.contains("_Witness")) {
      expected = List.of(ReplayReport.Expectation.REPRODUCES_VIOLATION);
    } else if (reports.size() == 1
        && reports.get(0).note().filter(n -> n.contains("only in the spec")).isPresent()) {
      expected = List.of(ReplayReport.Expectation.DIVERGES);
    } else {
      expected =
          List.of(ReplayReport.Expectation.REPRODUCES_VIOLATION, ReplayReport.Expectation.DIVERGES);
    }
    return got.equals(expected) ? null : kind + " replayed as " + got + ", expected " + expected;
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
