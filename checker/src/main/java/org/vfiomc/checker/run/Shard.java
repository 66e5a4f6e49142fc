package org.vfiomc.checker.run;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.vfiomc.checker.spec.ModelSpec;

/**
 * One slice of a suite for one CI runner ({@code check --shard K/N}): every model goes to exactly
 * one of the N shards, the same one on every runner, so N jobs that each check their slice check
 * the suite once (their results files join with {@code checker merge}).
 *
 * <p>Without earlier timings a model's shard depends on its name alone (SHA-256 of the name, modulo
 * N), so adding or removing a model never moves another. With the per-model times of an earlier run
 * ({@code --balance RESULTS.json}) the models are dealt longest first to the shard with the least
 * work so far (ties to the lowest shard), a model the earlier run did not have counting as the mean
 * of those it had: every runner computes the same deal from the same file.
 *
 * @param index this shard, 1-based
 * @param count how many shards
 */
public record Shard(int index, int count) {
  private static final Pattern FORM = Pattern.compile("(\\d{1,6})/(\\d{1,6})");

  public Shard {
    if (count < 1 || index < 1 || index > count) {
      throw new IllegalArgumentException(
          "--shard K/N needs 1 <= K <= N, got " + index + "/" + count);
    }
  }

  /** Parses {@code K/N}. */
  public static Shard parse(String text) {
    Matcher m = FORM.matcher(text.strip());
    if (!m.matches()) {
      throw new IllegalArgumentException("--shard must be K/N (e.g. 2/4), got '" + text + "'");
    }
    return new Shard(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)));
  }

  /**
   * This shard's models, in their given order.
   *
   * @param models the whole selection (every runner passes the same)
   * @param earlierMillis each model's duration in an earlier run, by name (empty: by name alone)
   */
  public List<ModelSpec> select(List<ModelSpec> models, Map<String, Long> earlierMillis) {
    Set<String> mine = new HashSet<>();
    if (earlierMillis.isEmpty()) {
      for (ModelSpec m : models) {
        if (byName(m.name()) == index - 1) {
          mine.add(m.name());
        }
      }
    } else {
      mine.addAll(dealt(models, earlierMillis).get(index - 1));
    }
    List<ModelSpec> out = new ArrayList<>();
    for (ModelSpec m : models) {
      if (mine.contains(m.name())) {
        out.add(m);
      }
    }
    return out;
  }

  /** The shard (0-based) a name goes to without timings. */
  int byName(String name) {
    byte[] h = sha256(name);
    long v = 0;
    for (int i = 0; i < Long.BYTES; i++) {
      v = (v << 8) | (h[i] & 0xff);
    }
    return (int) Math.floorMod(v, (long) count);
  }

  /** Longest-processing-time-first deal of the models over the shards. */
  private List<Set<String>> dealt(List<ModelSpec> models, Map<String, Long> earlier) {
    long known = 0;
    int n = 0;
    for (ModelSpec m : models) {
      Long t = earlier.get(m.name());
      if (t != null) {
        known += t;
        n++;
      }
    }
    long mean = n == 0 ? 1 : Math.max(1, known / n);
    Map<String, Long> cost = new HashMap<>();
    for (ModelSpec m : models) {
      cost.put(m.name(), Math.max(0, earlier.getOrDefault(m.name(), mean)));
    }
    List<String> order =
        models.stream()
            .map(ModelSpec::name)
            .distinct()
            .sorted(
                Comparator.comparingLong((String s) -> cost.get(s))
                    .reversed()
                    .thenComparing(Comparator.naturalOrder()))
            .toList();
    List<Set<String>> shards = new ArrayList<>();
    long[] load = new long[count];
    for (int i = 0; i < count; i++) {
      shards.add(new HashSet<>());
    }
    for (String name : order) {
      int least = 0;
      for (int i = 1; i < count; i++) {
        if (load[i] < load[least]) {
          least = i;
        }
      }
      shards.get(least).add(name);
      load[least] += cost.get(name);
    }
    return shards;
  }

  private static byte[] sha256(String s) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JDK has SHA-256", e);
    }
  }
}
