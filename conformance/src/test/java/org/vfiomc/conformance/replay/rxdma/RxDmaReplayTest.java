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
import org.vfiomc.conformance.replay.Bindings;
import org.vfiomc.conformance.replay.Discrepancy;
import org.vfiomc.conformance.replay.ReplayMode;
import org.vfiomc.conformance.replay.ReplayReport;
import org.vfiomc.conformance.replay.Replayer;
import org.vfiomc.conformance.replay.TraceFile;

/**
 * RxDma traces (TLC's, N = 8: the 82599 ring granularity; models and converter beside the fixtures
 * in {@code src/test/resources/traces/rxdma/}) replayed against the real VF, guest memory migration
 * and a spec-granular ixgbevf driver.
 */
class RxDmaReplayTest {
  private static final Path DIR = Path.of("src/test/resources/traces/rxdma");

  private static TraceFile trace(String name) throws Exception {
    return TraceFile.read(DIR.resolve(name + ".itf.json"));
  }

  private static ReplayReport replay(String name, ReplayMode mode, VfConfig vf) throws Exception {
    return new Replayer(Bindings.of(List.of(new RxDmaBinding(vf)))).replay(trace(name), mode);
  }

  private static ReplayReport replay(String name, ReplayMode mode) throws Exception {
    return replay(name, mode, VfConfig.defaults());
  }

  @Test
  void iommuShiftTour_replaysClean() throws Exception {
    // 14 steps: frame 1 received and read at the source, the vCPUs pause, the device stops,
    // stop-copy, resume with the ring shifted by the saved head 1, frame 2 received and read at
    // the destination
    ReplayReport r = replay("MCRx8IommuShiftTour", ReplayMode.AS_CONFIGURED);
    assertEquals(java.util.Optional.empty(), r.discrepancy(), () -> r.discrepancy().toString());
    assertEquals(14, r.stepsReplayed());
    assertTrue(r.asExpected());
  }

  @Test
  void dummyAfterDrainTour_replaysClean() throws Exception {
    // 15 steps: as above with the cooperative stop (QuiesceRx) and dummy writes after the check
    ReplayReport r = replay("MCRx8DummyAfterShiftDrainTour", ReplayMode.AS_CONFIGURED);
    assertEquals(java.util.Optional.empty(), r.discrepancy(), () -> r.discrepancy().toString());
    assertEquals(15, r.stepsReplayed());
  }

  @Test
  void dummyBeforeCounterexample_asConfigured_ledgerReportsTheCorruption() throws Exception {
    // RxDummyRead (old byte 0), RxBuffer (frame 1), RxWriteBack, RxDummyWrite (old byte back over
    // frame 1), RxCheck, RxDeliver, StackRead: all 7 steps conform, and the ledger finds frame 1
    // corrupted at byte 22, the byte the dummy write touches
    ReplayReport r = replay("MCRx8DummyBeforeShiftDrain", ReplayMode.AS_CONFIGURED);
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
    ReplayReport r = replay("MCRx8DummyBeforeShiftDrain", ReplayMode.CORRECT);
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
    ReplayReport r = replay("MCRx8IommuHeadZeroLoss", ReplayMode.CORRECT);
    Discrepancy.StateMismatch d = (Discrepancy.StateMismatch) r.discrepancy().orElseThrow();
    assertEquals(6, d.step());
    assertEquals(5, r.stepsReplayed());
    assertTrue(d.diffs().stream().anyMatch(x -> x.variable().equals("ring")), d.toString());
    assertTrue(r.asExpected());
  }

  @Test
  void headZeroLossCounterexample_asConfigured_losesAFrame() throws Exception {
    // The spec keeps a written-back descriptor's buffer address; the 82599 overwrites bytes 0-7
    // on write-back. So at step 7 the destination VF, handed slot 0 (frame 1's done descriptor)
    // by RDH = 0, writes frame 2 to guest address 0 instead of buffer 0: replay reports that
    // difference (buf). Driven through the remaining step and drained, the real system loses a
    // frame as NoLoss says, but the other one than the spec: the driver takes slot 0 (frame 2's
    // write-back) and hands buffer 0 to the stack, which still holds frame 1 (delivered intact);
    // frame 2's bytes are at address 0 and never reach the stack.
    ReplayReport r = replay("MCRx8IommuHeadZeroLoss", ReplayMode.AS_CONFIGURED);
    Discrepancy.StateMismatch d = (Discrepancy.StateMismatch) r.discrepancy().orElseThrow();
    assertEquals(7, d.step());
    assertTrue(d.diffs().stream().anyMatch(x -> x.variable().equals("buf")), d.toString());

    RxDmaBinding binding = new RxDmaBinding();
    TraceFile file = trace("MCRx8IommuHeadZeroLoss");
    RxDmaSystem sut =
        (RxDmaSystem)
            binding.configure(file.source(), file.constants(), file.trace().steps().get(0).state());
    List<RxDmaAction> actions = Replayer.prepare(binding, file).actions();
    assertEquals(8, actions.size());
    for (RxDmaAction a : actions) {
      assertEquals(
          org.vfiomc.conformance.replay.StepOutcome.OK, sut.apply(a), "every step is taken");
    }
    String evidence = sut.violationEvidence("NoLoss").orElseThrow();
    assertEquals(
        "NoLoss: ledger [LOST packet #2 at end of run: neither delivered nor dropped and counted]",
        evidence);
  }

  @Test
  void deviceWritingTheDescriptorFirst_isCaughtByACorrectTour() throws Exception {
    // the broken VF writes back DD and length at the first micro-step: after RxBuffer (step 1)
    // the ring shows slot 0 done while the buffer is still empty
    ReplayReport r =
        replay(
            "MCRx8IommuShiftTour",
            ReplayMode.AS_CONFIGURED,
            VfConfig.defaults().withDescriptorBeforeData());
    Discrepancy.StateMismatch d = (Discrepancy.StateMismatch) r.discrepancy().orElseThrow();
    assertEquals(1, d.step());
    assertEquals(
        List.of("ring", "buf", "devDirty"),
        d.diffs().stream().map(x -> x.variable()).toList(),
        d.toString());
    assertTrue(!r.asExpected());
  }

  @Test
  void ringOfFour_isRejectedNamingTheConstant() throws Exception {
    // the suite's RxDma models use N = 4 or 2; an 82599 ring is a multiple of 8 descriptors
    TraceFile f = trace("MCRx8IommuShiftTour");
    Map<String, TlaValue> c = new LinkedHashMap<>(f.constants());
    c.put("N", TlaValue.Int.of(4));
    TraceFile four = f.withConstants(c);
    TraceFormatException e =
        assertThrows(
            TraceFormatException.class,
            () ->
                new Replayer(Bindings.of(List.of(new RxDmaBinding())))
                    .replay(four, ReplayMode.AS_CONFIGURED));
    assertTrue(e.getMessage().contains("/#meta/constants/N"), e.getMessage());
  }
}
