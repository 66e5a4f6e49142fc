package org.vfiomc.conformance.record;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.vfiomc.checker.trace.ItfCodec;
import org.vfiomc.checker.trace.ObservedTrace;
import org.vfiomc.checker.trace.TlaValue;
import org.vfiomc.checker.trace.TraceFormatException;
import org.vfiomc.checker.trace.TraceStep;
import org.vfiomc.checker.validate.ModelGraphs;
import org.vfiomc.checker.validate.TraceValidator;
import org.vfiomc.checker.validate.ValidationOutcome;
import org.vfiomc.conformance.replay.rxdma.RxDmaRun;
import org.vfiomc.conformance.scenario.RxStrategy.RingRestore;
import org.vfiomc.conformance.scenario.RxStrategy.StopMode;
import org.vfiomc.conformance.scenario.RxStrategy.Tracking;

/**
 * Emulator-driven RxDma runs ({@link RxDmaRecorder}) validated against {@code
 * specs/RxDma/MC_RxDmaIommuShift_Record.tla}, explored once by TLC in a forked JVM: every seed of
 * the correct strategy is a behaviour of the spec; the broken strategy without dirty tracking is
 * rejected at its first DMA write; a corrupted recording is refused or rejected where it was
 * corrupted.
 */
final class RxDmaRecordedRunTest {
  /**
   * The distinct states of {@code MC_RxDmaIommuShift_Record.cfg} as TLC counts them (VIEW
   * StateView, the two action constraints): 5,748. Without the page-order constraint the same
   * constants reach tens of thousands (the copy order of nine pages).
   */
  static final int RECORD_MODEL_STATES = 5748;

  /** Seeds of the correct strategy validated; each run takes milliseconds. */
  static final int SEEDS = 12;

  private static TraceValidator validator;

  @BeforeAll
  static void explore() {
    Path root = Path.of(System.getProperty("vfiomc.root", ".."));
    Path spec = root.resolve(RxDmaRecorder.MODEL);
    validator =
        ModelGraphs.explore(spec, spec.resolveSibling("MC_RxDmaIommuShift_Record.cfg"), 600);
    assertEquals(RECORD_MODEL_STATES, validator.states());
  }

  private static ObservedTrace observed(RxDmaRecorder.Recording r) throws TraceFormatException {
    return ItfCodec.readObserved(r.itf(Map.of()), "recording");
  }

  private static RxDmaRecorder.Recording record(Tracking t, long seed) {
    return RxDmaRecorder.record(RxDmaRecorder.Config.of(t, RingRestore.SHIFT, StopMode.QEMU, seed));
  }

  @Test
  void correctStrategy_everySeedIsABehaviourOfTheSpec() throws Exception {
    int wrapped = 0;
    for (long seed = 1; seed <= SEEDS; seed++) {
      RxDmaRecorder.Recording r = record(Tracking.IOMMU, seed);
      String what = r.summary();
      assertTrue(r.problem().isEmpty(), what);
      assertTrue(!r.cut(), what);
      // each of the two frames leaves the wire once: written by the VF or dropped
      assertEquals(2, r.count("RxBuffer") + r.count("RxDrop"), what);
      assertEquals(r.count("RxBuffer"), r.count("RxWriteBack"), what);
      // the guest stops only in the last of the two rounds, and a round ends with a sync only
      // once its pages are sent: exactly one SyncDirty per run
      assertEquals(1, r.count("SyncDirty"), what);
      // one migration: one stop, one final copy, one resume
      assertEquals(1, r.count("Resume"), what);
      // round 1 sends all 9 pages (8 buffers and the ring) before the sync; round 2 at most 9
      long copies = r.count("CopyPage");
      assertTrue(copies >= 9 && copies <= 18, what);
      // the run ends quiet: every accepted frame read by the stack, and the ledger agrees
      assertEquals(r.count("RxBuffer"), r.count("StackRead"), what);
      assertTrue(r.ledger().isEmpty(), what);
      ValidationOutcome v = validator.validate(observed(r));
      ValidationOutcome.Accepted a = assertInstanceOf(ValidationOutcome.Accepted.class, v, what);
      assertEquals(r.steps().size(), a.steps(), what);
      if (r.wrapped()) {
        wrapped++;
      }
    }
    // frame 1 goes into slot 7: whenever the source's VF writes it back the ring wraps (a frame
    // that arrives only at the destination finds the shifted ring at head 0)
    assertTrue(wrapped > 0, "no seed wrapped the ring");
  }

  @Test
  void brokenStrategy_isRejectedAtItsFirstDmaWriteWhileLogging() throws Exception {
    // the same seed schedules the same events for both strategies until they differ: the VF's
    // buffer write reaches the device dirty log with IOMMU tracking, no log at all without
    RxDmaRecorder.Recording good = record(Tracking.IOMMU, 1);
    RxDmaRecorder.Recording bad = record(Tracking.NONE, 1);
    int first = -1;
    for (int i = 1; i < bad.steps().size(); i++) {
      if (bad.steps().get(i).action().equals("RxBuffer")) {
        first = i;
        break;
      }
    }
    assertTrue(first > 0, bad.summary());
    assertEquals(
        good.steps().subList(0, first).stream().map(TraceStep::action).toList(),
        bad.steps().subList(0, first).stream().map(TraceStep::action).toList());
    List<String> differ = new ArrayList<>();
    Map<String, TlaValue> g = good.steps().get(first).state();
    Map<String, TlaValue> b = bad.steps().get(first).state();
    g.forEach(
        (k, v) -> {
          if (!v.equals(b.get(k))) {
            differ.add(k);
          }
        });
    assertEquals(List.of("devDirty"), differ);
    assertEquals(new TlaValue.SetValue(List.of()), b.get("devDirty"));
    ValidationOutcome v = validator.validate(observed(bad));
    ValidationOutcome.Rejected rej = assertInstanceOf(ValidationOutcome.Rejected.class, v);
    assertEquals(first, rej.step());
    assertEquals("RxBuffer", rej.action());
    assertTrue(
        rej.reason().startsWith("no RxBuffer step leads to a state with the observed values"),
        rej.reason());
  }

  @Test
  void corruptedRecording_isRefusedOrRejectedWhereItWasCorrupted() throws Exception {
    RxDmaRecorder.Recording r = record(Tracking.IOMMU, 1);
    // a value of the wrong type: refused before validation (checker validate: exit 2)
    List<TraceStep> steps = new ArrayList<>(observed(r).steps());
    Map<String, TlaValue> s = new java.util.LinkedHashMap<>(steps.get(3).state());
    s.put("RDH", new TlaValue.Str("seven"));
    steps.set(3, new TraceStep(steps.get(3).action(), null, s));
    List<String> problems = validator.typeMismatches(new ObservedTrace(RxDmaRun.VARIABLES, steps));
    assertEquals(1, problems.size(), problems.toString());
    assertTrue(
        problems.get(0).startsWith("step 3: RDH is a string (\"seven\") but the spec's RDH is"),
        problems.get(0));
    // a step left out: the state after it is no spec step away from the one before
    steps = new ArrayList<>(observed(r).steps());
    steps.remove(2);
    ValidationOutcome v = validator.validate(new ObservedTrace(RxDmaRun.VARIABLES, steps));
    ValidationOutcome.Rejected rej = assertInstanceOf(ValidationOutcome.Rejected.class, v);
    assertEquals(2, rej.step());
    // a truncated file: a format error naming the file
    String text = r.itf(Map.of());
    TraceFormatException e =
        assertThrows(
            TraceFormatException.class,
            () -> ItfCodec.readObserved(text.substring(0, text.length() / 2), "cut.itf.json"));
    assertTrue(e.getMessage().contains("cut.itf.json"), e.getMessage());
  }
}
