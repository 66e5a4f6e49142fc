package org.vfiomc.conformance.orchestrator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.vfiomc.conformance.orchestrator.DestinationPicker.Phase;
import org.vfiomc.conformance.orchestrator.DestinationPicker.Verdict;
import org.vfiomc.conformance.orchestrator.DestinationPicker.Vm;
import org.vfiomc.conformance.vfio.CompatPolicy;
import org.vfiomc.conformance.vfio.CompatProfile;
import org.vfiomc.conformance.vfio.MigrationState;

/**
 * Each step of management's destination picker ({@code specs/VfioCompat/VfioCompat.tla}'s actions)
 * is refused outside the phase the spec's guard names, and a refused step changes nothing (PIT
 * survivors: the random walks of {@link DestinationPickerTest} never look at a step's answer, only
 * at the invariants after it). The candidates are {@link DestinationPickerTest#CANDIDATES}, whose
 * verdicts follow from {@link CompatPolicy}: {@code other-vendor} is an mdev of the source's type
 * from another vendor (type-level "no"), {@code same-other-cfg} differs only in its host-side
 * configuration (type-level "yes", instance-level "no"), {@code quarter-of-double} is an mdev of
 * another type with the same resources (the type-level check does not apply, instance-level "yes").
 */
final class DestinationPickerStepsTest {
  private static final CompatProfile SOURCE = DestinationPickerTest.SOURCE;

  private static DestinationPicker picker(boolean maySkip) {
    return new DestinationPicker(
        CompatPolicy.correct(), SOURCE, DestinationPickerTest.CANDIDATES, maySkip);
  }

  private static CompatProfile candidate(String name) {
    return DestinationPickerTest.CANDIDATES.stream()
        .filter(c -> c.name().equals(name))
        .findFirst()
        .orElseThrow();
  }

  /** Every step but the ones named is refused in the picker's current phase, which stays. */
  private static void onlyAllowed(DestinationPicker p, Set<String> allowed) {
    Phase before = p.phase();
    Verdict type = p.typeVerdict();
    Verdict inst = p.instanceVerdict();
    if (!allowed.contains("noTarget")) {
      assertFalse(p.noTarget(), "noTarget in " + before);
    }
    if (!allowed.contains("reject")) {
      assertFalse(p.reject(), "reject in " + before);
    }
    if (!allowed.contains("typeCheck")) {
      assertFalse(p.typeCheck(), "typeCheck in " + before);
    }
    if (!allowed.contains("create")) {
      assertFalse(p.create(), "create in " + before);
    }
    if (!allowed.contains("instanceCheck")) {
      assertFalse(p.instanceCheck(), "instanceCheck in " + before);
    }
    if (!allowed.contains("skipChecks")) {
      assertFalse(p.skipChecks(), "skipChecks in " + before);
    }
    if (!allowed.contains("migrate")) {
      assertFalse(p.migrate(), "migrate in " + before);
    }
    if (!allowed.contains("load")) {
      assertEquals(Optional.empty(), p.load(), "load in " + before);
    }
    if (!allowed.contains("complete")) {
      assertFalse(p.complete(), "complete in " + before);
    }
    if (!allowed.contains("fail")) {
      assertFalse(p.fail(), "fail in " + before);
    }
    assertEquals(before, p.phase());
    assertEquals(type, p.typeVerdict());
    assertEquals(inst, p.instanceVerdict());
  }

  @Test
  void aFreshPicker_onlyPicks_andRefusesUnknownNames() {
    DestinationPicker p = picker(true);
    assertEquals(Phase.SELECT, p.phase());
    assertSame(SOURCE, p.source());
    assertEquals(Optional.empty(), p.destination());
    assertEquals(Optional.empty(), p.destinationAdmin());
    assertEquals(Optional.empty(), p.header());
    assertFalse(p.created());
    assertFalse(p.finished());
    onlyAllowed(p, Set.of());
    assertFalse(p.pick("no-such-device"));
    assertEquals(Phase.SELECT, p.phase());
    assertEquals(Optional.empty(), p.destination());
  }

  /**
   * A type-level "no" is final for that candidate: no device is created, instance check and
   * migration are refused, only {@code reject} moves on, and the candidate cannot be picked again.
   */
  @Test
  void aTypeLevelNo_createsNothing_andTheCandidateIsGivenUp() {
    DestinationPicker p = picker(true);
    assertTrue(p.pick("other-vendor"));
    assertEquals(Phase.PICKED, p.phase());
    assertEquals(Optional.of(candidate("other-vendor")), p.destination());
    assertEquals(Optional.of("admin-4"), p.destinationAdmin());
    assertFalse(p.pick("same-newer")); // one candidate at a time
    // in PICKED before any check: the type check, or (this management may) skipping the checks
    onlyAllowed(p, Set.of("typeCheck", "skipChecks"));
    assertTrue(p.typeCheck());
    assertEquals(Verdict.NO, p.typeVerdict());
    assertFalse(p.finished());
    onlyAllowed(p, Set.of("reject"));
    assertFalse(p.created());
    assertTrue(p.reject());
    assertEquals(Phase.SELECT, p.phase());
    assertEquals(Set.of("other-vendor"), p.tried());
    assertFalse(p.pick("other-vendor"));
    assertEquals(Phase.SELECT, p.phase());
    assertFalse(p.noTarget()); // six candidates are left
  }

  /**
   * An instance-level "no" after a type-level "yes": the device was created for the check and is
   * removed when management gives the candidate up; the check is asked once.
   */
  @Test
  void anInstanceLevelNo_removesTheCreatedDevice() {
    DestinationPicker p = picker(false);
    assertTrue(p.pick("same-other-cfg"));
    onlyAllowed(p, Set.of("typeCheck")); // this management may not skip the checks
    assertTrue(p.typeCheck());
    assertEquals(Verdict.YES, p.typeVerdict());
    onlyAllowed(p, Set.of("create"));
    assertTrue(p.create());
    assertEquals(Phase.CREATED, p.phase());
    assertTrue(p.created());
    onlyAllowed(p, Set.of("instanceCheck"));
    assertTrue(p.instanceCheck());
    assertEquals(Verdict.NO, p.instanceVerdict());
    assertEquals(Phase.CREATED, p.phase());
    onlyAllowed(p, Set.of("reject"));
    assertTrue(p.reject());
    assertFalse(p.created());
    assertEquals(Phase.SELECT, p.phase());
    assertEquals(Set.of("same-other-cfg"), p.tried());
  }

  /**
   * Across types the type-level check does not apply (NA) and creation may follow; an
   * instance-level "yes" makes the pair ready; the migration, the accepted load and the completion
   * each happen once, in that order, and the VM ends on the destination.
   */
  @Test
  void theWholeWay_typeCheckNotApplicable_toDone() {
    DestinationPicker p = picker(true);
    assertTrue(p.pick("quarter-of-double"));
    assertTrue(p.typeCheck());
    assertEquals(Verdict.NA, p.typeVerdict());
    assertTrue(p.create());
    assertTrue(p.instanceCheck());
    assertEquals(Verdict.YES, p.instanceVerdict());
    assertEquals(Phase.READY, p.phase());
    onlyAllowed(p, Set.of("migrate"));
    assertEquals(Vm.SRC, p.vm());
    assertTrue(p.migrate());
    assertEquals(Phase.RESUMING, p.phase());
    assertEquals(Vm.NONE, p.vm());
    assertEquals(MigrationState.STOP_COPY, p.sourceState());
    assertEquals(MigrationState.RESUMING, p.destinationState());
    assertEquals(
        Optional.of(CompatPolicy.correct().header(SOURCE, candidate("quarter-of-double"))),
        p.header());
    onlyAllowed(p, Set.of("load"));
    assertEquals(Optional.of(true), p.load());
    assertEquals(Phase.LOADED, p.phase());
    assertEquals(MigrationState.STOP, p.destinationState());
    assertEquals(Optional.of("admin-2"), p.destinationAdmin()); // the destination's own
    onlyAllowed(p, Set.of("complete"));
    assertTrue(p.complete());
    assertEquals(Phase.DONE, p.phase());
    assertTrue(p.finished());
    assertEquals(Vm.DST, p.vm());
    assertEquals(MigrationState.STOP, p.sourceState());
    assertEquals(MigrationState.RUNNING, p.destinationState());
    onlyAllowed(p, Set.of());
    assertFalse(p.pick("same-newer"));
    assertEquals(Set.of(), p.tried());
  }

  /**
   * Skipping the checks: only for a management layer that may, only right after the pick; the pair
   * is ready with both verdicts SKIPPED and the device created. A refused load fails over: the
   * destination is reset, the header forgotten, the source resumes, the candidate is given up.
   */
  @Test
  void skippedChecks_refusedLoad_failsOverToTheSource() {
    DestinationPicker strict = picker(false);
    assertTrue(strict.pick("same-too-new"));
    assertFalse(strict.skipChecks());
    assertEquals(Verdict.NONE, strict.typeVerdict());

    DestinationPicker p = picker(true);
    assertTrue(p.pick("same-too-new"));
    assertTrue(p.skipChecks());
    assertEquals(Verdict.SKIPPED, p.typeVerdict());
    assertEquals(Verdict.SKIPPED, p.instanceVerdict());
    assertTrue(p.created());
    assertEquals(Phase.READY, p.phase());
    assertTrue(p.migrate());
    assertEquals(Optional.of(false), p.load());
    assertEquals(Phase.REFUSED, p.phase());
    assertFalse(p.finished());
    onlyAllowed(p, Set.of("fail"));
    assertTrue(p.fail());
    assertEquals(Phase.SELECT, p.phase());
    assertFalse(p.created());
    assertEquals(Optional.empty(), p.header());
    assertEquals(MigrationState.RUNNING, p.destinationState());
    assertEquals(MigrationState.RUNNING, p.sourceState());
    assertEquals(Vm.SRC, p.vm());
    assertEquals(Set.of("same-too-new"), p.tried());
  }

  /** A type-level "yes" lets the skip no longer happen: the checks were asked. */
  @Test
  void afterATypeCheck_theChecksCannotBeSkipped() {
    DestinationPicker p = picker(true);
    assertTrue(p.pick("same-newer"));
    assertTrue(p.typeCheck());
    assertEquals(Verdict.YES, p.typeVerdict());
    assertFalse(p.skipChecks());
    assertEquals(Phase.PICKED, p.phase());
    assertEquals(Verdict.YES, p.typeVerdict());
    assertEquals(Verdict.NONE, p.instanceVerdict());
  }

  /**
   * No target: only once every candidate was given up; it ends the picker, once. With no candidate
   * at all it ends at once.
   */
  @Test
  void noTarget_onlyWhenEveryCandidateWasGivenUp() {
    CompatProfile a = candidate("other-vendor");
    CompatProfile b = candidate("same-too-new");
    DestinationPicker p =
        new DestinationPicker(CompatPolicy.correct(), SOURCE, List.of(a, b), true);
    assertTrue(p.pick(a.name()));
    assertTrue(p.typeCheck());
    assertTrue(p.reject());
    assertFalse(p.noTarget());
    assertTrue(p.pick(b.name()));
    assertFalse(p.noTarget()); // picked, not given up yet
    assertTrue(p.typeCheck());
    assertEquals(Verdict.NO, p.typeVerdict()); // no common version
    assertTrue(p.reject());
    assertTrue(p.noTarget());
    assertEquals(Phase.NOTARGET, p.phase());
    assertTrue(p.finished());
    assertEquals(Vm.SRC, p.vm());
    onlyAllowed(p, Set.of());

    DestinationPicker none = new DestinationPicker(CompatPolicy.correct(), SOURCE, List.of(), true);
    assertTrue(none.noTarget());
    assertTrue(none.finished());
    assertFalse(none.noTarget());
    assertEquals(Phase.NOTARGET, none.phase());
  }

  /**
   * The fault that overwrites the destination's administrator settings with the source's on load,
   * and the one that does not resume the source after a refused load.
   */
  @Test
  void faults_overwriteAdmin_noSourceResume() {
    DestinationPicker over =
        new DestinationPicker(
            new CompatPolicy(Set.of(CompatPolicy.Fault.OVERWRITE_ADMIN)),
            SOURCE,
            DestinationPickerTest.CANDIDATES,
            true);
    assertTrue(over.pick("same-newer"));
    assertTrue(over.skipChecks());
    assertTrue(over.migrate());
    assertEquals(Optional.of(true), over.load());
    assertEquals(Optional.of("admin-src"), over.destinationAdmin());

    DestinationPicker stay =
        new DestinationPicker(
            new CompatPolicy(Set.of(CompatPolicy.Fault.NO_SOURCE_RESUME)),
            SOURCE,
            DestinationPickerTest.CANDIDATES,
            true);
    assertTrue(stay.pick("same-too-new"));
    assertTrue(stay.skipChecks());
    assertTrue(stay.migrate());
    assertEquals(Optional.of(false), stay.load());
    assertTrue(stay.fail());
    assertEquals(MigrationState.STOP_COPY, stay.sourceState());
    assertEquals(Vm.NONE, stay.vm());
    assertEquals(MigrationState.RUNNING, stay.destinationState());
  }
}
