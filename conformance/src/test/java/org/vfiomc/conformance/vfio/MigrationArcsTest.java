package org.vfiomc.conformance.vfio;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.common.base.Splitter;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

final class MigrationArcsTest {

  private record Row(
      MigrationFeatures features,
      MigrationState from,
      MigrationState to,
      boolean valid,
      List<MigrationState> path,
      boolean newDataFd) {}

  private static List<Row> referenceRows() throws IOException {
    List<Row> rows = new ArrayList<>();
    try (InputStream in =
            Objects.requireNonNull(
                MigrationArcsTest.class.getResourceAsStream("/migration/set-paths.csv"));
        BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
      String header = r.readLine();
      assertEquals("features,from,to,valid,path,newDataFd", header);
      for (String line = r.readLine(); line != null; line = r.readLine()) {
        String[] f = line.split(",", -1);
        List<MigrationState> path =
            f[4].isEmpty()
                ? List.of()
                : Arrays.stream(f[4].split(">"))
                    .map(MigrationState::valueOf)
                    .collect(Collectors.toList());
        rows.add(
            new Row(
                MigrationFeatures.valueOf(f[0]),
                MigrationState.valueOf(f[1]),
                MigrationState.valueOf(f[2]),
                Boolean.parseBoolean(f[3]),
                path,
                Boolean.parseBoolean(f[5])));
      }
    }
    return rows;
  }

  @Test
  void resolve_everyRequestOfEveryFeatureSet_matchesReferenceTables() throws IOException {
    List<Row> rows = referenceRows();
    // 4 feature sets x 8 current states x 8 targets: the whole request space.
    assertEquals(4 * 8 * 8, rows.size());
    int valid = 0;
    for (Row row : rows) {
      SetPath p = MigrationArcs.resolve(row.from(), row.to(), row.features());
      String what = row.features() + " " + row.from() + "->" + row.to();
      assertEquals(row.valid(), p.valid(), what);
      assertEquals(row.path(), p.states(), what);
      assertEquals(row.newDataFd(), p.newDataFd(), what);
      valid += p.valid() ? 1 : 0;
    }
    // ALL: 7 usable states, 49 pairs minus the blocked SC->PC and SC->PCP2P = 47; SC|P2P: 5x5 = 25;
    // SC|PC: 5x5 minus SC->PC = 24; SC: 4x4 = 16. Total 112.
    assertEquals(112, valid);
  }

  @Test
  void directArcs_perFeatureSet_haveTheUapiCounts() {
    assertEquals(6, MigrationArcs.directArcs(MigrationFeatures.STOP_COPY).size());
    assertEquals(8, MigrationArcs.directArcs(MigrationFeatures.STOP_COPY_P2P).size());
    assertEquals(9, MigrationArcs.directArcs(MigrationFeatures.STOP_COPY_PRE_COPY).size());
    assertEquals(15, MigrationArcs.directArcs(MigrationFeatures.ALL).size());
  }

  /** The reference's "Full SET outcome with all features": arc counts and "fd" marks, by hand. */
  @Test
  void resolve_allFeatures_arcCountsAndFdsMatchTheReferenceProse() {
    String prose =
        "STOP RUNNING 2 -,STOP STOP_COPY 1 fd,STOP RESUMING 1 fd,STOP RUNNING_P2P 1 -,"
            + "STOP PRE_COPY 3 fd,STOP PRE_COPY_P2P 2 fd,RUNNING STOP 2 -,RUNNING STOP_COPY 3 fd,"
            + "RUNNING RESUMING 3 fd,RUNNING RUNNING_P2P 1 -,RUNNING PRE_COPY 1 fd,"
            + "RUNNING PRE_COPY_P2P 2 fd,STOP_COPY STOP 1 -,STOP_COPY RUNNING 3 -,"
            + "STOP_COPY RESUMING 2 fd,STOP_COPY RUNNING_P2P 2 -,RESUMING STOP 1 -,"
            + "RESUMING RUNNING 3 -,RESUMING STOP_COPY 2 fd,RESUMING RUNNING_P2P 2 -,"
            + "RESUMING PRE_COPY 4 fd,RESUMING PRE_COPY_P2P 3 fd,RUNNING_P2P STOP 1 -,"
            + "RUNNING_P2P RUNNING 1 -,RUNNING_P2P STOP_COPY 2 fd,RUNNING_P2P RESUMING 2 fd,"
            + "RUNNING_P2P PRE_COPY 2 fd,RUNNING_P2P PRE_COPY_P2P 1 fd,PRE_COPY STOP 3 -,"
            + "PRE_COPY RUNNING 1 -,PRE_COPY STOP_COPY 2 -,PRE_COPY RESUMING 4 fd,"
            + "PRE_COPY RUNNING_P2P 2 -,PRE_COPY PRE_COPY_P2P 1 -,PRE_COPY_P2P STOP 2 -,"
            + "PRE_COPY_P2P RUNNING 2 -,PRE_COPY_P2P STOP_COPY 1 -,PRE_COPY_P2P RESUMING 3 fd,"
            + "PRE_COPY_P2P RUNNING_P2P 1 -,PRE_COPY_P2P PRE_COPY 1 -";
    List<String> items = Splitter.on(',').splitToList(prose);
    // 7 usable states x 6 other targets = 42, minus the 2 blocked ones = 40 multi-state requests.
    assertEquals(40, items.size());
    for (String item : items) {
      String[] f = Splitter.on(' ').splitToList(item).toArray(String[]::new);
      SetPath p =
          MigrationArcs.resolve(
              MigrationState.valueOf(f[0]), MigrationState.valueOf(f[1]), MigrationFeatures.ALL);
      assertEquals(Integer.parseInt(f[2]), p.arcs().size(), item);
      assertEquals(f[3].equals("fd"), p.newDataFd(), item);
    }
  }

  @ParameterizedTest
  @EnumSource(MigrationFeatures.class)
  void resolve_validPaths_areShortestOverDirectArcsWithoutInteriorSavingStates(
      MigrationFeatures features) {
    for (MigrationState from : MigrationState.values()) {
      for (MigrationState to : MigrationState.values()) {
        SetPath p = MigrationArcs.resolve(from, to, features);
        if (!p.valid() || from == to) {
          continue;
        }
        assertEquals(bfsLength(from, to, features), p.arcs().size(), from + "->" + to);
        for (Arc a : p.arcs()) {
          assertTrue(MigrationArcs.directArcs(features).contains(a), a.toString());
        }
        boolean staysInGroup = from.inSavingGroup() && to.inSavingGroup();
        for (MigrationState interior : p.states().subList(1, p.states().size() - 1)) {
          assertFalse(interior.inSavingGroup() && !staysInGroup, from + "->" + to);
        }
        assertTrue(p.arcs().size() <= MigrationArcs.MAX_ARCS);
      }
    }
  }

  /** Independent shortest path: BFS over direct arcs, saving-group states only at the ends. */
  private static int bfsLength(MigrationState from, MigrationState to, MigrationFeatures f) {
    Map<MigrationState, Integer> dist = new EnumMap<>(MigrationState.class);
    Deque<MigrationState> queue = new ArrayDeque<>();
    dist.put(from, 0);
    queue.add(from);
    while (!queue.isEmpty()) {
      MigrationState s = queue.poll();
      if (s == to) {
        return dist.get(s);
      }
      boolean staysInGroup = from.inSavingGroup() && to.inSavingGroup();
      if (s != from && s.inSavingGroup() && !staysInGroup) {
        continue;
      }
      for (Arc a : MigrationArcs.directArcs(f)) {
        if (a.from() == s && !dist.containsKey(a.to())) {
          dist.put(a.to(), dist.get(s) + 1);
          queue.add(a.to());
        }
      }
    }
    return -1;
  }

  @Test
  void nextStep_blockedArcOnPreCopyDevice_terminatesAfterFixButHungBefore() {
    // K1: SC->PC and SC->PCP2P map to the ERROR sentinel; ERROR is never "supported".
    NextStep fixed =
        MigrationArcs.nextStep(
            MigrationState.STOP_COPY, MigrationState.PRE_COPY, MigrationFeatures.ALL);
    assertInstanceOf(NextStep.Invalid.class, fixed);
    NextStep before =
        MigrationArcs.nextStepBeforeFix(
            MigrationState.STOP_COPY, MigrationState.PRE_COPY, MigrationFeatures.ALL);
    // The unfixed skip loop revisits ERROR (T[ERROR][*] = ERROR): a one-state cycle.
    assertEquals(new NextStep.Hangs(List.of(MigrationState.ERROR)), before);
  }

  @ParameterizedTest
  @EnumSource(MigrationFeatures.class)
  void nextStepBeforeFix_hangsExactlyOnTheBlockedArcsOfPreCopyDevices(MigrationFeatures f) {
    int hangs = 0;
    for (MigrationState from : MigrationState.values()) {
      for (MigrationState to : MigrationState.values()) {
        if (from == to) {
          continue;
        }
        NextStep before = MigrationArcs.nextStepBeforeFix(from, to, f);
        if (before instanceof NextStep.Hangs) {
          hangs++;
          assertEquals(MigrationState.STOP_COPY, from);
          assertInstanceOf(NextStep.Invalid.class, MigrationArcs.nextStep(from, to, f));
        } else {
          assertEquals(MigrationArcs.nextStep(from, to, f), before, from + "->" + to);
        }
      }
    }
    // ALL: SC->PC and SC->PCP2P; SC|PC: SC->PC only (PCP2P is rejected as a target before the
    // loop); without PRE_COPY both targets are rejected up front.
    int expected =
        switch (f) {
          case ALL -> 2;
          case STOP_COPY_PRE_COPY -> 1;
          case STOP_COPY, STOP_COPY_P2P -> 0;
        };
    assertEquals(expected, hangs);
  }

  @Test
  void resolve_fromOrToError_isInvalidAndFromErrorWarns() {
    for (MigrationState s : MigrationState.values()) {
      assertFalse(MigrationArcs.resolve(s, MigrationState.ERROR, MigrationFeatures.ALL).valid());
      assertFalse(MigrationArcs.resolve(MigrationState.ERROR, s, MigrationFeatures.ALL).valid());
    }
    NextStep fromError =
        MigrationArcs.nextStep(MigrationState.ERROR, MigrationState.STOP, MigrationFeatures.ALL);
    assertTrue(((NextStep.Invalid) fromError).kernelWarns());
  }

  @Test
  void abiValues_matchUapiEnum() {
    int[] expected = {0, 1, 2, 3, 4, 5, 6, 7};
    List<MigrationState> order = MigrationArcs.abiOrder();
    for (int i = 0; i < expected.length; i++) {
      assertEquals(expected[i], order.get(i).abi());
      assertEquals(order.get(i), MigrationState.fromAbi(i).orElseThrow());
    }
    assertTrue(MigrationState.fromAbi(8).isEmpty());
    // v2 RUNNING = 2 equals the v1 SAVING bit (QEMU bug Q1); the typed enum keeps them apart.
    assertEquals(2, MigrationState.RUNNING.abi());
    assertEquals(7, MigrationFeatures.ALL.flags());
    assertEquals(MigrationFeatures.STOP_COPY_PRE_COPY, MigrationFeatures.of(false, true));
    // Only 1, 3, 5 and 7 are defined; P2P or PRE_COPY without STOP_COPY are not feature sets.
    for (long flags = 0; flags < 16; flags++) {
      boolean defined = flags == 1 || flags == 3 || flags == 5 || flags == 7;
      assertEquals(defined, MigrationFeatures.fromFlags(flags).isPresent(), "flags " + flags);
    }
  }
}
