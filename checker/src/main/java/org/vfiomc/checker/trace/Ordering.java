package org.vfiomc.checker.trace;

import java.util.Collection;
import java.util.List;
import java.util.stream.Collectors;

/** Lexicographic comparisons behind {@link TlaValue#ORDER}. */
final class Ordering {
  private Ordering() {}

  static int lists(List<? extends TlaValue> a, List<? extends TlaValue> b) {
    int n = Math.min(a.size(), b.size());
    for (int i = 0; i < n; i++) {
      int c = a.get(i).compareTo(b.get(i));
      if (c != 0) {
        return c;
      }
    }
    return Integer.compare(a.size(), b.size());
  }

  static List<TlaValue> strs(Collection<String> names) {
    return names.stream().map(TlaValue.Str::new).collect(Collectors.toList());
  }
}
