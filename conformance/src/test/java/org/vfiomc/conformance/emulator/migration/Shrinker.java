package org.vfiomc.conformance.emulator.migration;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/**
 * Delta-debugging shrinker for failing action sequences: removes chunks (halves, quarters, ...
 * single actions) while the sequence still fails, until no single action can be removed (the result
 * is 1-minimal). Deterministic.
 */
final class Shrinker {
  private Shrinker() {}

  static <A> List<A> shrink(List<A> failing, Predicate<List<A>> fails) {
    List<A> current = new ArrayList<>(failing);
    int chunk = Math.max(1, current.size() / 2);
    while (true) {
      boolean removed = false;
      for (int start = 0; start < current.size(); ) {
        List<A> candidate = new ArrayList<>(current.subList(0, start));
        candidate.addAll(current.subList(Math.min(current.size(), start + chunk), current.size()));
        if (!candidate.isEmpty() && fails.test(candidate)) {
          current = candidate;
          removed = true;
        } else {
          start += chunk;
        }
      }
      if (!removed) {
        if (chunk == 1) {
          return current;
        }
        chunk = Math.max(1, chunk / 2);
      }
    }
  }
}
