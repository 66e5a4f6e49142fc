package org.vfiomc.conformance.vfio;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.function.BiPredicate;
import org.junit.jupiter.api.Test;
import org.vfiomc.conformance.vfio.CompatPolicy.Fault;
import org.vfiomc.conformance.vfio.CompatProfile.Kind;
import org.vfiomc.conformance.vfio.CompatProfile.VersionRange;

/**
 * {@link CompatPolicy} against the properties of {@code specs/VfioCompat/VfioCompat.tla}, on pairs
 * of devices drawn from a seeded generator (seed 20200421, the date of the thread's last message),
 * so every run sees the same pairs. Each {@link Fault} is a mutant of the policy that some property
 * must catch on the same pairs.
 */
final class CompatPolicyTest {
  private static final long SEED = 20200421L;
  private static final int PAIRS = 4000;

  /**
   * A device from small domains, so that equal vendors, shapes and overlapping ranges are common.
   */
  private static CompatProfile device(Random r, String name) {
    boolean mdev = r.nextBoolean();
    int lo = 1 + r.nextInt(3);
    int hi = lo + r.nextInt(2);
    int loadLo = 1 + r.nextInt(3);
    int loadHi = loadLo + r.nextInt(3);
    return new CompatProfile(
        name,
        r.nextInt(4) == 0 ? "nvidia" : "intel",
        r.nextInt(5) == 0 ? "nic" : "gpu",
        mdev ? Kind.MDEV : Kind.PHYS,
        mdev ? (r.nextBoolean() ? "half" : "quarter") : "",
        1 << r.nextInt(3),
        mdev ? 1 << r.nextInt(3) : 1,
        new VersionRange(lo, hi),
        new VersionRange(loadLo, loadHi),
        r.nextInt(4) == 0 ? 2 : 1,
        "admin-" + name);
  }

  private static List<CompatProfile[]> pairs() {
    Random r = new Random(SEED);
    List<CompatProfile[]> out = new ArrayList<>();
    for (int i = 0; i < PAIRS; i++) {
      out.add(new CompatProfile[] {device(r, "s" + i), device(r, "d" + i)});
    }
    return out;
  }

  /** The spec's invariants restated on one pair (where a check's answer is given). */
  private static Map<String, BiPredicate<CompatProfile, CompatProfile>> properties(CompatPolicy p) {
    return Map.of(
        "ChecksNeverContradict",
        (s, d) -> !CompatPolicy.typeApplies(s, d) || p.typeCheck(s, d) || !p.instanceCheck(s, d),
        "NoFalseRefusal",
        (s, d) ->
            !CompatPolicy.compatible(s, d)
                || (p.instanceCheck(s, d)
                    && (!CompatPolicy.typeApplies(s, d) || p.typeCheck(s, d))),
        "CheckPredictsLoad",
        (s, d) -> !p.instanceCheck(s, d) || p.loadAccepts(d, p.header(s, d)),
        "NoIncompatibleCompletion",
        (s, d) -> !p.instanceCheck(s, d) || CompatPolicy.compatible(s, d),
        "IncompatibleRefusedAtResume",
        (s, d) -> !p.loadAccepts(d, p.header(s, d)) || CompatPolicy.compatible(s, d),
        "StreamVersionAgreed",
        (s, d) -> {
          VersionRange common = s.save().intersect(d.load());
          return common.isEmpty() || common.contains(p.streamVersion(s, d));
        });
  }

  private static Map<String, Integer> violations(CompatPolicy p, List<CompatProfile[]> pairs) {
    Map<String, Integer> v = new java.util.TreeMap<>();
    properties(p)
        .forEach(
            (name, prop) -> {
              int n = 0;
              for (CompatProfile[] sd : pairs) {
                if (!prop.test(sd[0], sd[1])) {
                  n++;
                }
              }
              if (n > 0) {
                v.put(name, n);
              }
            });
    return v;
  }

  @Test
  void correctPolicy_holdsEveryProperty_onEverySeededPair() {
    List<CompatProfile[]> pairs = pairs();
    assertEquals(Map.of(), violations(CompatPolicy.correct(), pairs));
    // the sample is not trivial: both answers, and the type-level check, occur often
    CompatPolicy p = CompatPolicy.correct();
    long yes = pairs.stream().filter(sd -> p.instanceCheck(sd[0], sd[1])).count();
    long typed = pairs.stream().filter(sd -> CompatPolicy.typeApplies(sd[0], sd[1])).count();
    assertTrue(yes > 50 && yes < PAIRS - 50, "compatible pairs: " + yes);
    assertTrue(typed > 200, "pairs where the type-level check applies: " + typed);
  }

  /**
   * Which property each policy mutant breaks (the spec's broken variant of it, where it has one).
   */
  @Test
  void everyPolicyMutant_isCaughtByItsProperty() {
    Map<Fault, String> expected = new EnumMap<>(Fault.class);
    expected.put(Fault.TYPE_CHECK_EXACT, "ChecksNeverContradict");
    expected.put(Fault.NO_NAMESPACE, "NoIncompatibleCompletion");
    expected.put(Fault.PAIR_ON_STRING_MATCH, "NoIncompatibleCompletion");
    expected.put(Fault.EXACT_VERSION, "NoFalseRefusal");
    expected.put(Fault.IGNORE_HOST_CONFIG, "CheckPredictsLoad");
    expected.put(Fault.NO_LOAD_CHECK, "IncompatibleRefusedAtResume");
    expected.put(Fault.NEWEST_VERSION, "StreamVersionAgreed");
    List<CompatProfile[]> pairs = pairs();
    for (Map.Entry<Fault, String> e : expected.entrySet()) {
      Map<String, Integer> v = violations(new CompatPolicy(Set.of(e.getKey())), pairs);
      assertTrue(
          v.containsKey(e.getValue()), e.getKey() + " must break " + e.getValue() + ", broke " + v);
    }
  }

  /** The thread's example: 1/2 of a 2-unit parent carries on as 1/4 of a 4-unit parent. */
  @Test
  void halfOfOneParent_isCompatibleWithAQuarterOfOneTwiceItsSize_andNotWithTheWholeParent() {
    VersionRange v = new VersionRange(1, 2);
    CompatProfile half =
        new CompatProfile("a", "intel", "gpu", Kind.MDEV, "half", 2, 2, v, v, 1, "x");
    CompatProfile quarter =
        new CompatProfile("b", "intel", "gpu", Kind.MDEV, "quarter", 4, 4, v, v, 1, "y");
    CompatProfile whole = new CompatProfile("c", "intel", "gpu", Kind.PHYS, "", 2, 1, v, v, 1, "z");
    CompatPolicy p = CompatPolicy.correct();
    assertFalse(CompatPolicy.typeApplies(half, quarter)); // other types: only the instance check
    assertTrue(p.instanceCheck(half, quarter));
    assertFalse(p.instanceCheck(half, whole));
    assertTrue(new CompatPolicy(Set.of(Fault.PAIR_ON_STRING_MATCH)).instanceCheck(half, whole));
  }

  /**
   * Versions are ranges and the relation is directional: a newer destination loads 1..3, saves 3.
   */
  @Test
  void compatibility_isDirectional() {
    CompatProfile older =
        new CompatProfile(
            "a",
            "intel",
            "gpu",
            Kind.PHYS,
            "",
            1,
            1,
            new VersionRange(1, 2),
            new VersionRange(1, 2),
            1,
            "x");
    CompatProfile newer =
        new CompatProfile(
            "b",
            "intel",
            "gpu",
            Kind.PHYS,
            "",
            1,
            1,
            new VersionRange(3, 3),
            new VersionRange(1, 3),
            1,
            "y");
    CompatPolicy p = CompatPolicy.correct();
    assertTrue(p.instanceCheck(older, newer));
    assertEquals(2, p.streamVersion(older, newer));
    assertFalse(p.instanceCheck(newer, older));
    assertFalse(new CompatPolicy(Set.of(Fault.EXACT_VERSION)).instanceCheck(older, newer));
  }
}
