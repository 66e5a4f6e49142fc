package org.vfiomc.conformance.replay.rxdma;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.vfiomc.conformance.emulator.VfConfig;
import org.vfiomc.conformance.replay.CommittedCounterexamples;
import org.vfiomc.conformance.replay.Discrepancy;
import org.vfiomc.conformance.replay.ReplayMode;
import org.vfiomc.conformance.replay.ReplayReport;
import org.vfiomc.conformance.replay.Replayer;
import org.vfiomc.conformance.replay.TraceFile;

/**
 * Every committed RxDma counterexample ({@code traces/counterexamples/RxDma*}, spec rings of 2 or 4
 * laid onto the VF's 8-descriptor ring, {@link RxDmaBinding#deviceRing}): with its broken strategy
 * every step conforms and the implementation shows the violation (ledger or ring), and with the
 * nearest correct strategy ({@link RxDmaBinding#correctConstants}) it diverges at the step where
 * the broken behaviour starts.
 */
class RxDmaCorpusTest {
  private static ReplayReport replay(String model, ReplayMode mode) throws Exception {
    return CommittedCounterexamples.replay(new RxDmaBinding(), model, mode);
  }

  /**
   * Columns: model, steps (TLC's trace length - 1), what the implementation shows as configured,
   * the correct strategy's divergence (kind, step, action). Why each divergence step is right:
   * DUMMY_AFTER under QEMU's stop is replaced by the cooperative stop, which cannot pause the vCPUs
   * while the driver has not cleaned the ring (the trace's PauseVcpus); DUMMY_BEFORE by
   * DUMMY_AFTER, which never reads a buffer before its descriptor is done (step 1); NONE by IOMMU,
   * whose first buffer DMA marks the page dirty (the first RxBuffer); HEAD_ZERO by SHIFT, which
   * rotates the ring at Resume.
   */
  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "RxDmaDummyAfterReinit | 7 | LOST packet #1 | MissingAction | 4 | PauseVcpus",
        "RxDmaDummyAfterShift | 7 | LOST packet #1 | MissingAction | 4 | PauseVcpus",
        "RxDmaDummyAfterDropRingCost | 6 | LOST packet #1 | MissingAction | 3 | PauseVcpus",
        "RxDmaDummyAfterShiftDup | 26 | DUPLICATED packet #1 | MissingAction | 20 | PauseVcpus",
        "RxDmaDummyAfterShiftStale | 8 | LOST packet #1 | MissingAction | 4 | PauseVcpus",
        "RxDmaDummyBeforeShiftDrain | 7 | CORRUPTED packet #1 | MissingAction | 1 | RxDummyRead",
        "RxDmaIommuHeadZero | 6 | owns slot 0 | StateMismatch | 6 | Resume",
        "RxDmaIommuHeadZeroLoss | 8 | LOST packet #2 | StateMismatch | 6 | Resume",
        "RxDmaNoneShift | 7 | LOST packet #1 | StateMismatch | 1 | RxBuffer",
        "RxDmaNoneShiftDrain | 11 | LOST packet #1 | StateMismatch | 2 | RxBuffer",
        "RxDmaUnmapRestoreHead | 7 | LOST packet #1 | MissingAction | 4 | PauseVcpus",
      })
  void reproducesWithItsStrategy_andDivergesOnTheCorrectOne(
      String model, int steps, String shown, String kind, int step, String action)
      throws Exception {
    ReplayReport broken = replay(model, ReplayMode.AS_CONFIGURED);
    assertEquals(java.util.Optional.empty(), broken.discrepancy(), broken::summary);
    assertEquals(steps, broken.stepsReplayed());
    assertTrue(broken.evidence().orElseThrow().contains(shown), broken::summary);
    assertTrue(broken.note().orElseThrow().contains("on the 82599's 8-descriptor ring"));
    assertTrue(broken.asExpected(), broken::summary);

    ReplayReport correct = replay(model, ReplayMode.CORRECT);
    Discrepancy d = correct.discrepancy().orElseThrow();
    assertEquals(kind, d.getClass().getSimpleName(), correct::summary);
    assertEquals(step, d.step(), correct::summary);
    assertTrue(d.action().startsWith(action), correct::summary);
    assertEquals(step - 1, correct.stepsReplayed());
    assertTrue(correct.asExpected(), correct::summary);
  }

  /**
   * Counterexamples that need an assumption value the implementation does not have ({@link
   * RxDmaBinding#ASSUMPTIONS}): replayed only against the implementation, with a note naming the
   * unbound constant, and the implementation diverges at the first step that needs the other value:
   * the Rx disable that returns with a frame in flight (step 3), the STOP that returns with one
   * (step 3), the buffer DMA whose dirty bit the emulated IOMMU sets at once (step 1), the
   * descriptor read the emulated driver does in one step (step 4, the first RxCheck), the head
   * write the emulated VF takes (step 6, Resume: RDH is the saved head, not 0); without tracking
   * the correct strategy is IOMMU, whose first buffer DMA marks the page (step 1).
   */
  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "RxDmaDummyAfterShiftDrainGiveUp | DisableWaits | MissingAction | 3 | QuiesceRx",
        "RxDmaIommuShiftDmaAfterStop | DmaAfterStop | MissingAction | 3 | StopDevice",
        "RxDmaIommuShiftDirtyLag | DirtyLag | StateMismatch | 1 | RxBuffer",
        "RxDmaDummyAfterShiftTorn | DescRead | StateMismatch | 4 | RxCheck",
        "RxDmaIommuRestoreHeadReadOnly | HeadWritable | StateMismatch | 6 | Resume",
        "RxDmaNoneRestoreHeadOrderedLate | DmaAfterStop | StateMismatch | 1 | RxBuffer",
      })
  void anUnboundAssumption_replaysOnlyAgainstTheImplementation_whichDiverges(
      String model, String constant, String kind, int step, String action) throws Exception {
    TraceFile f =
        TraceFile.read(
            Path.of(System.getProperty("vfiomc.root", ".."))
                .resolve("traces/counterexamples")
                .resolve(model + ".itf.json"));
    List<ReplayReport> reports = new Replayer(List.of(new RxDmaBinding())).replayAll(f);
    assertEquals(1, reports.size());
    ReplayReport r = reports.get(0);
    String note = r.note().orElseThrow();
    assertTrue(note.contains(constant + " = ") && note.contains("is unbound"), note);
    Discrepancy d = r.discrepancy().orElseThrow(() -> new AssertionError(r.summary()));
    assertEquals(kind, d.getClass().getSimpleName(), r::summary);
    assertEquals(step, d.step(), r::summary);
    assertTrue(d.action().startsWith(action), r::summary);
    assertTrue(r.asExpected(), r::summary);
  }

  @Test
  void aVfWritingTheDescriptorFirst_isCaughtByEveryTourWhereTheDeviceWritesAFrame()
      throws Exception {
    List<Path> tours;
    try (Stream<Path> s =
        Files.list(Path.of(System.getProperty("vfiomc.root", "..")).resolve("traces/tours"))) {
      tours = s.filter(p -> p.getFileName().toString().startsWith("RxDma")).sorted().toList();
    }
    Replayer broken =
        new Replayer(List.of(new RxDmaBinding(VfConfig.defaults().withDescriptorBeforeData())));
    int writing = 0;
    int caught = 0;
    int withRxBuffer = 0;
    for (Path p : tours) {
      TraceFile f = TraceFile.read(p);
      ReplayReport r = broken.replay(f, ReplayMode.AS_CONFIGURED);
      int first =
          Replayer.prepare(new RxDmaBinding(), f).actions().stream()
              .map(a -> a.tag())
              .toList()
              .indexOf("RxBuffer");
      withRxBuffer +=
          f.trace().steps().stream().anyMatch(s -> "RxBuffer".equals(s.action())) ? 1 : 0;
      if (first >= 0) {
        writing++;
        // the broken VF makes the descriptor look done at the buffer write: the ring differs at
        // the tour's first RxBuffer step
        Discrepancy d = r.discrepancy().orElseThrow(() -> new AssertionError(r.summary()));
        assertEquals(first + 1, d.step(), r::summary);
        caught++;
      } else {
        assertEquals(java.util.Optional.empty(), r.discrepancy(), r::summary);
      }
    }
    // every RxDma tour or walk file (traces/README.md); those with an RxBuffer step counted from
    // the ITF files' action names (the others cover steps before the device writes a frame)
    assertTrue(!tours.isEmpty(), "no RxDma tours");
    assertEquals(withRxBuffer, writing);
    assertTrue(writing > 0, "no RxDma tour has the device write a frame");
    assertEquals(writing, caught);
  }
}
