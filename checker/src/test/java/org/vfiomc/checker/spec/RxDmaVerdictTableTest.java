package org.vfiomc.checker.spec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.vfiomc.checker.RepoRoot;
import org.vfiomc.checker.result.Expectation;
import org.vfiomc.checker.result.Verdict;

/**
 * The RxDma verdict table of {@code specs/README.md} (issue 11, item 5) says what {@code
 * specs/suite.json} expects: every cell entry {@code HOLDS (`M`, ...)} or {@code Property L (`M`)}
 * names suite models whose expectation is that verdict (for a violation: that property and a
 * counterexample of L states), every cell is backed by a model or says why not, and every RxDma
 * model of the suite has its place in the table.
 */
final class RxDmaVerdictTableTest {
  /** The line that opens the table (the README's "Verdict table" paragraph). */
  private static final String HEADER = "| strategy: Tracking / Restore / StopMode |";

  /** One claim of a cell: a verdict (HOLDS, or a property and its trace length) and its models. */
  private static final Pattern ENTRY =
      Pattern.compile("(HOLDS|([A-Z][A-Za-z]+) (\\d+))(?:\\*\\*)? \\(((?:`RxDma\\w+`(?:, )?)+)\\)");

  private static final Pattern NAME = Pattern.compile("`(RxDma\\w+)`");

  /** Cells without a run of their own start with one of these (each explained under the table). */
  private static final List<String> UNRUN = List.of("n/a", "⊇", "not modelled");

  private static List<List<String>> rows() throws Exception {
    List<String> lines = Files.readAllLines(RepoRoot.get().resolve("specs/README.md"));
    int at = -1;
    for (int i = 0; i < lines.size(); i++) {
      if (lines.get(i).startsWith(HEADER)) {
        assertEquals(-1, at, "one RxDma verdict table, found a second at line " + (i + 1));
        at = i;
      }
    }
    assertTrue(at >= 0, "specs/README.md has no line starting " + HEADER);
    int columns = cells(lines.get(at)).size();
    List<List<String>> rows = new ArrayList<>();
    for (int i = at + 2; i < lines.size() && lines.get(i).startsWith("|"); i++) {
      List<String> c = cells(lines.get(i));
      assertEquals(columns, c.size(), "cells in line " + (i + 1));
      rows.add(c);
    }
    return rows;
  }

  private static List<String> cells(String line) {
    String inner = line.strip();
    inner = inner.substring(1, inner.length() - 1);
    List<String> out = new ArrayList<>();
    for (String c : inner.split("\\|", -1)) {
      out.add(c.strip());
    }
    return out;
  }

  private static Map<String, ModelSpec> rxDmaModels() throws Exception {
    return Manifest.load(RepoRoot.get().resolve("specs/suite.json")).stream()
        .filter(m -> m.name().startsWith("RxDma"))
        .collect(Collectors.toMap(ModelSpec::name, Function.identity()));
  }

  @Test
  void everyEntry_isWhatTheSuiteExpects() throws Exception {
    Map<String, ModelSpec> suite = rxDmaModels();
    int entries = 0;
    for (List<String> row : rows()) {
      for (String cell : row.subList(1, row.size())) {
        Matcher e = ENTRY.matcher(cell);
        while (e.find()) {
          Matcher n = NAME.matcher(e.group(4));
          while (n.find()) {
            entries++;
            String name = n.group(1);
            ModelSpec m = suite.get(name);
            assertTrue(m != null, row.get(0) + ": " + name + " is not a model of specs/suite.json");
            Expectation x = m.expected();
            if (e.group(1).equals("HOLDS")) {
              assertEquals(Verdict.HOLDS, x.verdict(), row.get(0) + ": " + name);
            } else {
              assertEquals(Verdict.VIOLATED, x.verdict(), row.get(0) + ": " + name);
              assertEquals(e.group(2), x.property(), row.get(0) + ": property of " + name);
              assertEquals(
                  Integer.valueOf(e.group(3)), x.traceLength(), row.get(0) + ": trace of " + name);
            }
          }
        }
      }
    }
    assertTrue(entries > 0, "the table names no model");
  }

  @Test
  void everyCell_isBackedByAModelOrSaysWhyNot() throws Exception {
    for (List<String> row : rows()) {
      assertTrue(
          ENTRY.matcher(row.get(1)).find(),
          row.get(0) + ": the baseline column must name the model that checks it");
      for (String cell : row.subList(1, row.size())) {
        assertFalse(cell.isEmpty(), row.get(0) + ": empty cell");
        boolean run = ENTRY.matcher(cell).find();
        boolean unrun = UNRUN.stream().anyMatch(cell::startsWith);
        assertTrue(run || unrun, row.get(0) + ": cell neither names a model nor says why: " + cell);
      }
    }
  }

  @Test
  void everyRxDmaModelOfTheSuite_hasItsPlaceInTheTable() throws Exception {
    Set<String> named = new TreeSet<>();
    for (List<String> row : rows()) {
      for (String cell : row) {
        Matcher n = NAME.matcher(cell);
        while (n.find()) {
          named.add(n.group(1));
        }
      }
    }
    Set<String> missing = new TreeSet<>(rxDmaModels().keySet());
    missing.removeAll(named);
    assertEquals(Set.of(), missing, "RxDma models of specs/suite.json the verdict table omits");
  }

  @Test
  void theParser_readsAnEntry() {
    Matcher e = ENTRY.matcher("**NoLoss 7** (`RxDmaA`, `RxDmaB`); HOLDS (`RxDmaC`)");
    assertTrue(e.find());
    assertEquals("NoLoss", e.group(2));
    assertEquals("7", e.group(3));
    assertEquals("`RxDmaA`, `RxDmaB`", e.group(4));
    assertTrue(e.find());
    assertEquals("HOLDS", e.group(1));
    assertFalse(e.find());
    assertFalse(ENTRY.matcher("⊇ NoLoss (`RxDmaA`)").find(), "an inclusion is not a run");
  }
}
