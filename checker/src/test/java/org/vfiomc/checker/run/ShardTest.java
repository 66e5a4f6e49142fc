package org.vfiomc.checker.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.vfiomc.checker.RepoRoot;
import org.vfiomc.checker.spec.Manifest;
import org.vfiomc.checker.spec.ModelSpec;

/** Shards of the project's own suite: a partition, stable by name, balanced by earlier times. */
final class ShardTest {
  private static List<ModelSpec> suite() throws Exception {
    return Manifest.resolve(RepoRoot.get().resolve("specs"), Optional.empty());
  }

  private static List<String> names(List<ModelSpec> models) {
    return models.stream().map(ModelSpec::name).toList();
  }

  @Test
  void everyModelIsInExactlyOneShard_forEveryShardCount() throws Exception {
    List<ModelSpec> all = suite();
    for (int n = 1; n <= 7; n++) {
      List<String> seen = new ArrayList<>();
      for (int k = 1; k <= n; k++) {
        List<ModelSpec> slice = new Shard(k, n).select(all, Map.of());
        seen.addAll(names(slice));
        // a slice keeps the suite's order
        List<String> inOrder = new ArrayList<>(names(all));
        inOrder.retainAll(names(slice));
        assertEquals(inOrder, names(slice));
      }
      assertEquals(names(all).stream().sorted().toList(), seen.stream().sorted().toList());
    }
  }

  @Test
  void withoutTimings_aModelsShardDependsOnItsNameAlone() throws Exception {
    List<ModelSpec> all = suite();
    Shard s = new Shard(2, 3);
    List<String> before = names(s.select(all, Map.of()));
    List<ModelSpec> fewer = all.subList(all.size() / 2, all.size());
    List<String> after = names(s.select(fewer, Map.of()));
    List<String> expected = new ArrayList<>(before);
    expected.retainAll(names(fewer));
    assertEquals(expected, after, "removing models moves no other model");
  }

  @Test
  void withTimings_longestFirstToTheLeastLoadedShard() throws Exception {
    List<ModelSpec> five = suite().subList(0, 5);
    // durations 7, 5, 4, 3, 1 over 2 shards, longest first: 7 -> 1; 5 -> 2; 4 -> 2 (5 < 7);
    // 3 -> 1 (7 < 9); 1 -> 1 or 2 at 10 and 9: shard 2. Loads 10 and 10.
    long[] millis = {7, 5, 4, 3, 1};
    Map<String, Long> times = new HashMap<>();
    for (int i = 0; i < 5; i++) {
      times.put(five.get(i).name(), millis[i]);
    }
    List<ModelSpec> first = new Shard(1, 2).select(five, times);
    List<ModelSpec> second = new Shard(2, 2).select(five, times);
    assertEquals(List.of(five.get(0).name(), five.get(3).name()), names(first));
    assertEquals(
        List.of(five.get(1).name(), five.get(2).name(), five.get(4).name()), names(second));
  }

  @Test
  void aModelTheEarlierRunDidNotHaveCountsAsTheMean() throws Exception {
    List<ModelSpec> three = suite().subList(0, 3);
    // 9 and 3 known, the third unknown counts as 6: 9 -> 1, 6 -> 2, 3 -> 2
    Map<String, Long> times = Map.of(three.get(0).name(), 9L, three.get(1).name(), 3L);
    assertEquals(List.of(three.get(0).name()), names(new Shard(1, 2).select(three, times)));
    assertTrue(names(new Shard(2, 2).select(three, times)).contains(three.get(2).name()));
  }

  @Test
  void badShardsAreRefused() {
    assertThrows(IllegalArgumentException.class, () -> Shard.parse("0/2"));
    assertThrows(IllegalArgumentException.class, () -> Shard.parse("3/2"));
    assertThrows(IllegalArgumentException.class, () -> Shard.parse("1-2"));
    assertEquals(new Shard(2, 4), Shard.parse("2/4"));
  }
}
