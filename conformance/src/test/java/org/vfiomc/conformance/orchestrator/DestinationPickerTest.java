package org.vfiomc.conformance.orchestrator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;
import org.vfiomc.conformance.orchestrator.DestinationPicker.Phase;
import org.vfiomc.conformance.orchestrator.DestinationPicker.Verdict;
import org.vfiomc.conformance.orchestrator.DestinationPicker.Vm;
import org.vfiomc.conformance.vfio.CompatPolicy;
import org.vfiomc.conformance.vfio.CompatPolicy.Fault;
import org.vfiomc.conformance.vfio.CompatProfile;
import org.vfiomc.conformance.vfio.CompatProfile.Kind;
import org.vfiomc.conformance.vfio.CompatProfile.VersionRange;
import org.vfiomc.conformance.vfio.MigrationState;

/**
 * Management's destination picker on seeded random walks (seed 2020, 600 walks over the candidates
 * of {@code specs/VfioCompat/VfioCompatDevices.tla}): after every step the spec's invariants hold
 * on the picker's state; each walk ends (a destination runs the VM, or every candidate was given
 * up); and the picker's mutants (a source that is not resumed, a load that takes the source's
 * administrator settings) are caught by the same checks.
 */
final class DestinationPickerTest {
  private static final VersionRange V12 = new VersionRange(1, 2);
  static final CompatProfile SOURCE =
      new CompatProfile("src", "intel", "gpu", Kind.MDEV, "half", 2, 2, V12, V12, 1, "admin-src");
  static final List<CompatProfile> CANDIDATES =
      List.of(
          new CompatProfile(
              "same-older",
              "intel",
              "gpu",
              Kind.MDEV,
              "half",
              2,
              2,
              new VersionRange(1, 1),
              new VersionRange(1, 1),
              1,
              "admin-0"),
          new CompatProfile(
              "same-newer",
              "intel",
              "gpu",
              Kind.MDEV,
              "half",
              2,
              2,
              new VersionRange(3, 3),
              new VersionRange(1, 3),
              1,
              "admin-1"),
          new CompatProfile(
              "quarter-of-double",
              "intel",
              "gpu",
              Kind.MDEV,
              "quarter",
              4,
              4,
              V12,
              V12,
              1,
              "admin-2"),
          new CompatProfile(
              "phys-whole", "intel", "gpu", Kind.PHYS, "", 2, 1, V12, V12, 1, "admin-3"),
          new CompatProfile(
              "other-vendor", "nvidia", "gpu", Kind.MDEV, "half", 2, 2, V12, V12, 1, "admin-4"),
          new CompatProfile(
              "same-too-new",
              "intel",
              "gpu",
              Kind.MDEV,
              "half",
              2,
              2,
              new VersionRange(3, 3),
              new VersionRange(3, 3),
              1,
              "admin-5"),
          new CompatProfile(
              "same-other-cfg", "intel", "gpu", Kind.MDEV, "half", 2, 2, V12, V12, 2, "admin-6"));

  /** The first invariant the picker's state breaks, if any. */
  static Optional<String> broken(DestinationPicker p) {
    Optional<CompatProfile> d = p.destination();
    Phase ph = p.phase();
    boolean choosing =
        ph == Phase.SELECT
            || ph == Phase.PICKED
            || ph == Phase.CREATED
            || ph == Phase.READY
            || ph == Phase.NOTARGET;
    if (choosing && (p.vm() != Vm.SRC || p.sourceState() != MigrationState.RUNNING)) {
      return Optional.of("SourceResumed");
    }
    if (d.isEmpty()) {
      return Optional.empty();
    }
    boolean compatible = CompatPolicy.compatible(SOURCE, d.get());
    if ((ph == Phase.LOADED || ph == Phase.DONE) && !compatible) {
      return Optional.of("IncompatibleRefusedAtResume");
    }
    if ((p.typeVerdict() == Verdict.NO || p.instanceVerdict() == Verdict.NO) && compatible) {
      return Optional.of("NoFalseRefusal");
    }
    if (ph == Phase.REFUSED && p.instanceVerdict() != Verdict.SKIPPED) {
      return Optional.of("CheckPredictsLoad");
    }
    if (!p.destinationAdmin().orElseThrow().equals(d.get().admin())) {
      return Optional.of("AdminPreserved");
    }
    return Optional.empty();
  }

  /** One random walk; returns the first broken invariant, or the end phase. */
  private static String walk(CompatPolicy policy, Random r) {
    DestinationPicker p = new DestinationPicker(policy, SOURCE, CANDIDATES, true);
    for (int step = 0; step < 5000; step++) {
      List<BooleanSupplier> steps = new ArrayList<>();
      steps.add(() -> p.pick(CANDIDATES.get(r.nextInt(CANDIDATES.size())).name()));
      steps.add(p::noTarget);
      steps.add(p::reject);
      steps.add(p::typeCheck);
      steps.add(p::create);
      steps.add(p::instanceCheck);
      steps.add(p::migrate);
      steps.add(() -> p.load().isPresent());
      steps.add(p::complete);
      steps.add(p::fail);
      if (r.nextInt(8) == 0) {
        steps.add(p::skipChecks);
      }
      var unused = steps.get(r.nextInt(steps.size())).getAsBoolean();
      Optional<String> b = broken(p);
      if (b.isPresent()) {
        return b.get();
      }
      if (p.finished()) {
        return p.phase().name();
      }
    }
    return "UNFINISHED";
  }

  private static Map<String, Integer> outcomes(CompatPolicy policy) {
    Random r = new Random(2020);
    TreeMap<String, Integer> out = new TreeMap<>();
    for (int i = 0; i < 600; i++) {
      out.merge(walk(policy, r), 1, Integer::sum);
    }
    return out;
  }

  @Test
  void correctPicker_everyWalkEndsWithoutBreakingAnInvariant() {
    Map<String, Integer> o = outcomes(CompatPolicy.correct());
    // every walk ends in DONE (a compatible candidate exists, so management never runs out)
    assertEquals(Set.of("DONE"), o.keySet(), o.toString());
    assertTrue(o.get("DONE") > 100, o.toString());
  }

  @Test
  void pickerMutants_areCaught() {
    assertTrue(
        outcomes(new CompatPolicy(Set.of(Fault.NO_SOURCE_RESUME))).containsKey("SourceResumed"));
    assertTrue(
        outcomes(new CompatPolicy(Set.of(Fault.OVERWRITE_ADMIN))).containsKey("AdminPreserved"));
    assertTrue(
        outcomes(new CompatPolicy(Set.of(Fault.NO_LOAD_CHECK)))
            .containsKey("IncompatibleRefusedAtResume"));
  }

  @Test
  void aRefusedLoad_resumesTheSource_andManagementMovesOn() {
    DestinationPicker p = new DestinationPicker(CompatPolicy.correct(), SOURCE, CANDIDATES, true);
    assertTrue(p.pick("same-too-new"));
    assertTrue(p.skipChecks());
    assertTrue(p.migrate());
    assertEquals(MigrationState.STOP_COPY, p.sourceState());
    assertEquals(Optional.of(false), p.load());
    assertTrue(p.fail());
    assertEquals(Phase.SELECT, p.phase());
    assertEquals(MigrationState.RUNNING, p.sourceState());
    assertEquals(Vm.SRC, p.vm());
    assertEquals(Set.of("same-too-new"), p.tried());
  }
}
