package org.vfiomc.conformance.replay.rxdma;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.vfiomc.checker.trace.TlaValue;
import org.vfiomc.checker.trace.TraceFormatException;
import org.vfiomc.conformance.emulator.VfConfig;
import org.vfiomc.conformance.replay.Discrepancy;
import org.vfiomc.conformance.replay.ReplayMode;
import org.vfiomc.conformance.replay.ReplayReport;
import org.vfiomc.conformance.replay.Replayer;
import org.vfiomc.conformance.replay.TraceFile;

/**
 * RxDma traces of the committed corpus replayed against the real VF, guest memory migration and a
 * spec-granular ixgbevf driver: walks of the 8-descriptor walk models (N = 8, the 82599's smallest
 * ring, starting at head 6) and counterexamples of the suite's models (N = 4, laid onto the VF's 8
 * descriptors, {@link RxDmaBinding#deviceRing}).
 */
class RxDmaReplayTest {
  /** A committed trace: {@code tours/NAME} or {@code counterexamples/NAME} without the suffix. */
  private static TraceFile trace(String name) throws Exception {
    return TraceFile.read(
        Path.of(System.getProperty("vfiomc.root", ".."))
            .resolve("traces")
            .resolve(name + ".itf.json"));
  }

  private static final String WALK = "tours/RxDmaIommuShift-001";
  private static final String DUMMY_BEFORE = "counterexamples/RxDmaDummyBeforeShiftDrain";
  private static final String HEAD_ZERO_LOSS = "counterexamples/RxDmaIommuHeadZeroLoss";

  private static ReplayReport replay(String name, ReplayMode mode, VfConfig vf) throws Exception {
    return new Replayer(List.of(new RxDmaBinding(vf))).replay(trace(name), mode);
  }

  private static ReplayReport replay(String name, ReplayMode mode) throws Exception {
    return replay(name, mode, VfConfig.defaults());
  }

  @Test
  void walkStartingMidLap_replaysCleanOnTheDatasheetRing() throws Exception {
    // the walk model starts with the ring at head 6 (InitHead): the binding takes the head from
    // the initial state (a VF started at head 0 would differ from state 0 on ring, RDH, RDT, ntc
    // and ntu); N = 8 is an 82599 ring, so the replay has no note
    TraceFile f = trace(WALK);
    assertEquals(TlaValue.Int.of(8), f.constants().get("N"));
    int head = RxDmaBinding.initHead(f.source(), 8, f.trace().steps().get(0).state());
    assertEquals(f.trace().steps().get(0).state().get("RDH"), TlaValue.Int.of(head));
    assertTrue(head != 0, "the walk starts mid-lap");
    ReplayReport r = replay(WALK, ReplayMode.AS_CONFIGURED);
    assertEquals(java.util.Optional.empty(), r.discrepancy(), () -> r.discrepancy().toString());
    assertEquals(f.trace().length() - 1, r.stepsReplayed());
    assertEquals(java.util.Optional.empty(), r.note());
    assertTrue(r.asExpected());
  }

  @Test
  void initialHeadOutsideTheRing_isRejectedNamingTheInitialState() {
    TraceFormatException e =
        assertThrows(
            TraceFormatException.class,
            () -> RxDmaBinding.initHead("t.itf.json", 8, Map.of("RDH", TlaValue.Int.of(8))));
    assertTrue(e.getMessage().contains("/states/0/RDH"), e.getMessage());
  }

  @Test
  void dummyAfterDrainWalk_replaysClean() throws Exception {
    // as above with the cooperative stop (QuiesceRx) and dummy writes after the check
    TraceFile f = trace("tours/RxDmaDummyAfterShiftDrain-001");
    ReplayReport r = replay("tours/RxDmaDummyAfterShiftDrain-001", ReplayMode.AS_CONFIGURED);
    assertEquals(java.util.Optional.empty(), r.discrepancy(), () -> r.discrepancy().toString());
    assertEquals(f.trace().length() - 1, r.stepsReplayed());
  }

  @Test
  void dummyBeforeCounterexample_asConfigured_ledgerReportsTheCorruption() throws Exception {
    // RxDummyRead (old byte 0), RxBuffer (frame 1), RxWriteBack, RxDummyWrite (old byte back over
    // frame 1), RxCheck, RxDeliver, StackRead: all 7 steps conform, and the ledger finds frame 1
    // corrupted at byte 22, the byte the dummy write touches
    ReplayReport r = replay(DUMMY_BEFORE, ReplayMode.AS_CONFIGURED);
    assertEquals(java.util.Optional.empty(), r.discrepancy(), () -> r.discrepancy().toString());
    assertEquals(7, r.stepsReplayed());
    String evidence = r.evidence().orElseThrow();
    assertTrue(
        evidence.contains("CORRUPTED packet #1")
            && evidence.contains("first difference at byte 22"),
        evidence);
    assertTrue(r.asExpected());
  }

  @Test
  void dummyBeforeCounterexample_againstTheCorrectStrategy_divergesAtTheDummyRead()
      throws Exception {
    // correct constants: DUMMY_AFTER; the driver never reads a buffer before its descriptor is
    // done, so the first step (the broken read) is one it cannot take
    ReplayReport r = replay(DUMMY_BEFORE, ReplayMode.CORRECT);
    Discrepancy d = r.discrepancy().orElseThrow();
    assertTrue(d instanceof Discrepancy.MissingAction, d.toString());
    assertEquals(1, d.step());
    assertEquals(0, r.stepsReplayed());
    assertTrue(r.asExpected());
  }

  @Test
  void headZeroLossCounterexample_againstTheCorrectStrategy_divergesAtResume() throws Exception {
    // Init, RxBuffer(1), RxWriteBack(1), PauseVcpus, StopDevice, StopCopy conform (5 steps);
    // at Resume (step 6) SHIFT rotates the ring by the saved head 1 where HEAD_ZERO does not
    ReplayReport r = replay(HEAD_ZERO_LOSS, ReplayMode.CORRECT);
    Discrepancy.StateMismatch d = (Discrepancy.StateMismatch) r.discrepancy().orElseThrow();
    assertEquals(6, d.step());
    assertEquals(5, r.stepsReplayed());
    assertTrue(d.diffs().stream().anyMatch(x -> x.variable().equals("ring")), d.toString());
    assertTrue(r.asExpected());
  }

  @Test
  void headZeroLossCounterexample_asConfigured_losesAFrame() throws Exception {
    // All 8 steps conform: at Resume RDH = 0 hands the destination VF slot 0, frame 1's written-
    // back descriptor, whose bytes 0-7 the write-back overwrote (zeros from this VF; the spec's
    // WbAddr = N + 2 = 10). RxBuffer(2) at step 7 DMAs frame 2 there, outside every buffer, and
    // RxWriteBack(2) marks slot 0 done again. Drained, the driver hands buffer 0 (frame 1,
    // intact) to the stack for slot 0; frame 2's bytes never reach a buffer: the ledger finds it
    // lost (the spec's ghost says frame 1, whose done descriptor was overwritten: either way one
    // accepted frame of two is gone)
    ReplayReport r = replay(HEAD_ZERO_LOSS, ReplayMode.AS_CONFIGURED);
    assertEquals(java.util.Optional.empty(), r.discrepancy(), () -> r.discrepancy().toString());
    assertEquals(8, r.stepsReplayed());
    assertEquals(
        "NoLoss: ledger [LOST packet #2 at end of run: neither delivered nor dropped and counted]",
        r.evidence().orElseThrow());
    // N = 4 is laid onto the VF's 8 descriptors, and the report says so
    assertEquals(RxDmaBinding.mappedNote(4), r.note().orElseThrow());
    assertTrue(r.asExpected());
  }

  @Test
  void committedRingOfFour_replaysOnTheEightDescriptorRing_andSaysSo() throws Exception {
    // the suite's RxDmaIommuHeadZero (N = 4): Init, RxBuffer(1), RxWriteBack(1), PauseVcpus,
    // StopDevice, StopCopy, Resume with RDH = 0: 6 steps, and the destination VF then owns slot 0
    // (RDH 0, RDT 3), frame 1's write-back: bytes 0-7 zero, length 64, status DD | EOP = 0x3
    TraceFile f = trace("counterexamples/RxDmaIommuHeadZero");
    assertEquals(TlaValue.Int.of(4), f.constants().get("N"));
    ReplayReport r = new Replayer(List.of(new RxDmaBinding())).replay(f, ReplayMode.AS_CONFIGURED);
    assertEquals(java.util.Optional.empty(), r.discrepancy(), () -> r.discrepancy().toString());
    assertEquals(6, r.stepsReplayed());
    assertEquals(
        "RingOwnership: the destination VF owns slot 0 (RDH 0, RDT 3), which holds bytes 0-7 0x0,"
            + " length 64, status 0x3: not a descriptor the driver armed",
        r.evidence().orElseThrow());
    assertEquals(
        "spec ring of N=4 on the 82599's 8-descriptor ring: spec slot s is device slots s, s+4,"
            + " armed alike",
        r.note().orElseThrow());
    assertTrue(r.summary().contains("spec ring of N=4"), r.summary());
    assertTrue(r.asExpected());
  }

  @Test
  void deviceWritingTheDescriptorFirst_isCaughtByACorrectTour() throws Exception {
    // the broken VF writes back DD and length at the first micro-step: after the walk's first
    // RxBuffer the ring shows the slot done while the buffer is still empty
    TraceFile f = trace(WALK);
    int first = 1;
    while (!f.trace().steps().get(first).action().equals("RxBuffer")) {
      first++;
    }
    ReplayReport r =
        replay(WALK, ReplayMode.AS_CONFIGURED, VfConfig.defaults().withDescriptorBeforeData());
    Discrepancy.StateMismatch d = (Discrepancy.StateMismatch) r.discrepancy().orElseThrow();
    assertEquals(first, d.step());
    assertEquals(
        List.of("ring", "buf", "devDirty"),
        d.diffs().stream().map(x -> x.variable()).toList(),
        d.toString());
    assertTrue(!r.asExpected());
  }

  @Test
  void ringOfOne_isRejectedNamingTheConstant() throws Exception {
    // the spec assumes N >= 2 (one slot always stays empty); the binding supports 2..64
    TraceFormatException e = withRing(1);
    assertTrue(e.getMessage().contains("/#meta/constants/N"), e.getMessage());
  }

  @Test
  void ringThatNeitherDividesNorIsAMultipleOfEight_isRejectedNamingTheConstant() throws Exception {
    // a ring of 3 cannot be laid onto the 82599's 8 descriptors slot for slot
    assertEquals(8, RxDmaBinding.deviceRing(2));
    assertEquals(8, RxDmaBinding.deviceRing(4));
    assertEquals(16, RxDmaBinding.deviceRing(16));
    TraceFormatException e = withRing(3);
    assertTrue(e.getMessage().contains("/#meta/constants/N"), e.getMessage());
    assertTrue(e.getMessage().contains("multiple of 8"), e.getMessage());
  }

  private static TraceFormatException withRing(int n) throws Exception {
    TraceFile f = trace(HEAD_ZERO_LOSS);
    Map<String, TlaValue> c = new LinkedHashMap<>(f.constants());
    c.put("N", TlaValue.Int.of(n));
    TraceFile changed = f.withConstants(c);
    return assertThrows(
        TraceFormatException.class,
        () -> new Replayer(List.of(new RxDmaBinding())).replay(changed, ReplayMode.AS_CONFIGURED));
  }
}
