package org.vfiomc.conformance.testing;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/**
 * Delta debugging (Zeller's ddmin) over an action list, followed by a pass that removes windows of
 * up to {@link #WINDOW} consecutive actions (actions that only matter in groups, such as a driver's
 * phase cycle, survive plain 1-minimal ddmin).
 */
public final class Shrinker {
  /** Largest run of consecutive actions the second pass removes at once. */
  public static final int WINDOW = 3;

  private Shrinker() {}

  /** ddmin, then window removal until neither shrinks further. */
  public static <A> List<A> shrink(List<A> failing, Predicate<List<A>> fails) {
    List<A> cur = ddmin(failing, fails);
    boolean changed = true;
    while (changed) {
      changed = false;
      for (int w = 1; w <= WINDOW && !changed; w++) {
        for (int start = 0; start + w <= cur.size() && !changed; start++) {
          List<A> cand = new ArrayList<>(cur.subList(0, start));
          cand.addAll(cur.subList(start + w, cur.size()));
          if (!cand.isEmpty() && fails.test(cand)) {
            cur = cand;
            changed = true;
          }
        }
      }
    }
    return cur;
  }

  /** Shrinks {@code failing} (for which {@code fails} holds) to a 1-minimal failing sublist. */
  public static <A> List<A> ddmin(List<A> failing, Predicate<List<A>> fails) {
    List<A> cur = new ArrayList<>(failing);
    int n = 2;
    while (cur.size() >= 2) {
      int chunk = (int) Math.ceil(cur.size() / (double) n);
      boolean reduced = false;
      for (int start = 0; start < cur.size(); start += chunk) {
        List<A> complement = new ArrayList<>(cur.subList(0, start));
        complement.addAll(cur.subList(Math.min(cur.size(), start + chunk), cur.size()));
        if (!complement.isEmpty() && fails.test(complement)) {
          cur = complement;
          n = Math.max(n - 1, 2);
          reduced = true;
          break;
        }
      }
      if (!reduced) {
        if (n >= cur.size()) {
          break;
        }
        n = Math.min(cur.size(), n * 2);
      }
    }
    return cur;
  }
}
