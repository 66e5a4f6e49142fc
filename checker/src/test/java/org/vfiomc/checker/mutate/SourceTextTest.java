package org.vfiomc.checker.mutate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Text edits at SANY locations (1-based, end column inclusive) and the ids they give. */
final class SourceTextTest {
  private static final String TEXT =
      "Inc == /\\ x < 3\n       /\\ x' = x + 1\nBig == IF x = 0 THEN 10\n       ELSE 20\n";

  private static MutationSite site(MutationOperator op, String def, MutationSite.Edit... e) {
    return new MutationSite(op, def, List.of(e));
  }

  private static MutationSite.Edit edit(int bl, int bc, int el, int ec, String text) {
    return new MutationSite.Edit(new Span(bl, bc, el, ec), text, null);
  }

  @Test
  void spanCoversItsEndColumn() {
    SourceText t = new SourceText(TEXT);
    assertEquals("x < 3", t.at(new Span(1, 11, 1, 15)));
    assertEquals("<", t.at(new Span(1, 13, 1, 13)));
  }

  @Test
  void applyReplacesOnlyTheSpan_andDiffShowsTheLine() {
    SourceText t = new SourceText(TEXT);
    MutationSite s = site(MutationOperator.SWAP_LESS, "Inc", edit(1, 13, 1, 13, "<="));
    String m = t.apply(s);
    assertEquals(TEXT.replace("x < 3", "x <= 3"), m);
    assertEquals("Inc == /\\ x < 3 => Inc == /\\ x <= 3", t.diff(s, m));
  }

  @Test
  void copyEditsSwapTwoRegions_acrossLines() {
    SourceText t = new SourceText(TEXT);
    Span then = new Span(3, 22, 3, 23);
    Span otherwise = new Span(4, 13, 4, 14);
    MutationSite s =
        site(
            MutationOperator.SWAP_IF,
            "Big",
            new MutationSite.Edit(then, null, otherwise),
            new MutationSite.Edit(otherwise, null, then));
    String m = t.apply(s);
    assertEquals(TEXT.replace("THEN 10", "THEN 20").replace("ELSE 20", "ELSE 10"), m);
    assertEquals(
        "Big == IF x = 0 THEN 10 ELSE 20 => Big == IF x = 0 THEN 20 ELSE 10", t.diff(s, m));
  }

  @Test
  void overlappingEdits_andSpansPastTheText_areRefused() {
    SourceText t = new SourceText(TEXT);
    assertThrows(
        IllegalArgumentException.class,
        () ->
            t.apply(
                site(
                    MutationOperator.DROP_GUARD,
                    "Inc",
                    edit(1, 11, 1, 15, "TRUE"),
                    edit(1, 13, 1, 13, "<="))));
    assertThrows(IllegalArgumentException.class, () -> t.at(new Span(1, 11, 1, 99)));
    assertThrows(IllegalArgumentException.class, () -> t.at(new Span(9, 1, 9, 1)));
  }

  @Test
  void ids_countOccurrencesOfTheSameChange_andDropNoOps() {
    String text = "A == 1 + 1\n";
    SourceText t = new SourceText(text);
    List<Mutant> ms =
        MutationRunner.mutants(
            "M",
            t,
            List.of(
                site(MutationOperator.OFF_BY_ONE, "A", edit(1, 6, 1, 6, "2")),
                site(MutationOperator.OFF_BY_ONE, "A", edit(1, 10, 1, 10, "2")),
                site(MutationOperator.OFF_BY_ONE, "A", edit(1, 10, 1, 10, "1"))));
    assertEquals(2, ms.size(), "the third edit changes nothing");
    assertEquals(new MutantId("M", MutationOperator.OFF_BY_ONE, "A", "1", "2", 1), ms.get(0).id());
    assertEquals(2, ms.get(1).id().occurrence());
    assertEquals("M.A off-by-one [1] -> [2] #2", ms.get(1).id().display());
  }

  @Test
  void operatorIds_roundTrip_andAnUnknownOneIsNamed() {
    for (MutationOperator o : MutationOperator.values()) {
      assertEquals(o, MutationOperator.fromId(o.id()));
    }
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> MutationOperator.fromId("flip"));
    assertEquals(
        "unknown mutation operator 'flip' (expected one of " + MutationOperator.ids() + ")",
        e.getMessage());
  }
}
