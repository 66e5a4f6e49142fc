package org.vfiomc.checker.mutate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** SANY in a forked JVM: modules a spec loads, mutation sites per operator, parse checks. */
final class SanyClientTest {
  @TempDir Path dir;

  /**
   * One site per operator the counter fixture does not have: Pick is an action (it primes y) with a
   * guard {@code y \in S} (drop-guard, swap-member), an update whose value is an IF (keep-value,
   * swap-if, swap-equal on {@code y = 0}, swap-union on {@code \cup}, numerals 0 (only n+1), 1 and
   * 2 (n+1 and n-1): off-by-one 5); Small is state-level: only its {@code >=} (swap-less) and
   * {@code #} (swap-equal) count, no off-by-one outside actions. The invariant Inv is excluded.
   */
  private static final String MODULE =
      """
      ---- MODULE Sets ----
      EXTENDS Naturals
      VARIABLE y
      S == {0, 1, 2}
      Small == y >= 1 /\\ y # 2
      Pick == /\\ y \\in S
              /\\ y' = IF y = 0 THEN 1 ELSE 2
              /\\ S \\cup {y} = S
      Inv == y \\in S
      ====
      """;

  @Test
  void sites_perOperator_asCountedInTheModule() throws Exception {
    Path f = Files.writeString(dir.resolve("Sets.tla"), MODULE);
    try (Cleanup c = new Cleanup()) {
      List<MutationSite> sites = new SanyClient(c).sites(f, "Sets", Set.of("Inv"), List.of());
      Map<String, Integer> byOp = new TreeMap<>();
      sites.forEach(s -> byOp.merge(s.operator().id(), 1, Integer::sum));
      assertEquals(
          Map.of(
              "drop-guard", 2, // y \in S and S \cup {y} = S
              "keep-value", 1,
              "swap-if", 1,
              "swap-member", 1,
              "swap-equal", 3, // y # 2, y = 0, ... = S
              "swap-less", 1,
              "swap-union", 1,
              "off-by-one", 5),
          byOp);
      assertTrue(sites.stream().noneMatch(s -> s.definition().equals("Inv")));
      SourceText text = new SourceText(MODULE);
      List<Mutant> ms = MutationRunner.mutants("Sets", text, sites);
      Mutant swapIf =
          ms.stream()
              .filter(m -> m.id().operator() == MutationOperator.SWAP_IF)
              .findFirst()
              .orElseThrow();
      assertEquals("1 | 2", swapIf.id().original());
      assertEquals("2 | 1", swapIf.id().replacement());
      assertTrue(swapIf.source().contains("IF y = 0 THEN 2 ELSE 1"), swapIf.source());
    }
  }

  /**
   * TLC's assignments are not swapped: Begin, the state-level conjunct of Spec, names Start, whose
   * {@code y = 0} and {@code z \\in S} assign the variables; Move's {@code y' \\in S} is an update.
   * Swapped, TLC could not check them at all. Both's {@code y = z} is a guard: swapped (1).
   */
  @Test
  void sites_leaveTlcAssignmentsAlone() throws Exception {
    String module =
        """
        ---- MODULE Assign ----
        VARIABLES y, z
        S == {0, 1}
        Start == /\\ y = 0
                 /\\ z \\in S
        Begin == Start
        Both == y = z
        Move == /\\ Both
                /\\ y' \\in S
                /\\ z' = y
        Spec == Begin /\\ [][Move]_<<y, z>>
        ====
        """;
    Path f = Files.writeString(dir.resolve("Assign.tla"), module);
    try (Cleanup c = new Cleanup()) {
      List<MutationSite> sites = new SanyClient(c).sites(f, "Assign", Set.of(), List.of());
      Map<String, Integer> byOp = new TreeMap<>();
      sites.forEach(s -> byOp.merge(s.operator().id() + " " + s.definition(), 1, Integer::sum));
      assertEquals(Map.of("swap-equal Both", 1, "drop-guard Move", 1, "keep-value Move", 1), byOp);
    }
  }

  @Test
  void parse_acceptsAGoodModule_andNamesTheProblemOfABadOne() throws Exception {
    Path good = Files.writeString(dir.resolve("Sets.tla"), MODULE);
    Path badDir = Files.createDirectories(dir.resolve("bad"));
    Path bad = Files.writeString(badDir.resolve("Sets.tla"), MODULE.replace("y' =", "y' = =)"));
    try (Cleanup c = new Cleanup()) {
      List<String> r = new SanyClient(c).parse(List.of(good, bad), List.of(dir));
      assertNull(r.get(0));
      assertNotNull(r.get(1));
    }
  }

  @Test
  void modules_ofARootSpec_includeTheModulesItExtends() throws Exception {
    Files.writeString(dir.resolve("Sets.tla"), MODULE);
    Path mc = Files.writeString(dir.resolve("MC.tla"), "---- MODULE MC ----\nEXTENDS Sets\n====\n");
    try (Cleanup c = new Cleanup()) {
      List<SanyClient.LoadedModule> mods = new SanyClient(c).modules(List.of(mc), List.of()).get(0);
      SanyClient.LoadedModule sets =
          mods.stream().filter(m -> m.name().equals("Sets")).findFirst().orElseThrow();
      assertEquals(dir.resolve("Sets.tla").toRealPath(), sets.file().toRealPath());
      assertTrue(sets.declaresVariables());
      assertTrue(
          mods.stream().filter(m -> m.name().equals("MC")).noneMatch(m -> m.declaresVariables()),
          "MC declares no variable of its own");
    }
  }
}
