package org.vfiomc.conformance.replay;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.vfiomc.conformance.replay.vfio.VfioFsmBinding;

/**
 * The committed VfioFsm traces of the device options {@code SaveMode.ASYNCHRONOUS} ({@code
 * AsyncSave = TRUE}), {@code SaveDefect.CONCURRENT_SAVE} (K6) and {@code ResetRace.IMMEDIATE}
 * ({@code DeferredReset = FALSE}), replayed from the repository's {@code traces/}.
 */
final class FsmConcurrencyReplayTest {
  private static final VfioFsmBinding BINDING = new VfioFsmBinding();

  @Test
  void concurrentSave_k6_reproducedByTheDefectiveDevice_correctOneWaitsAtTheFinalSave()
      throws Exception {
    // SetRequest(PRE_COPY), SetStep, ReadData (the initial image), DeviceActivity (an increment
    // pending), PrecopyInfo (starts the incremental SAVE), SetRequest(STOP_COPY), SetStep: 7 steps
    ReplayReport configured =
        CommittedCounterexamples.replay(
            BINDING, "VfioFsm_ConcurrentSave", ReplayMode.AS_CONFIGURED);
    assertTrue(configured.asExpected(), configured.summary());
    assertEquals(7, configured.stepsReplayed());
    assertTrue(configured.evidence().orElseThrow().contains("in flight in STOP_COPY"));
    // the correct device's arc into STOP_COPY waits for the SAVE in flight: step 7 cannot happen
    ReplayReport correct =
        CommittedCounterexamples.replay(BINDING, "VfioFsm_ConcurrentSave", ReplayMode.CORRECT);
    Discrepancy d =
        assertInstanceOf(Discrepancy.MissingAction.class, correct.discrepancy().orElseThrow());
    assertEquals(7, d.step());
    assertEquals("SetStep", d.action());
    assertTrue(correct.asExpected());
  }

  @Test
  void immediateReset_reproducedByTheDeviceWithoutDeferral_deferringDeviceRefusesTheRace()
      throws Exception {
    // SetRequest(PRE_COPY), ResetRacesArc: the reset lands inside RUNNING -> PRE_COPY, whose end
    // state the loop then records: PRE_COPY without a session
    ReplayReport configured =
        CommittedCounterexamples.replay(
            BINDING, "VfioFsm_ImmediateReset", ReplayMode.AS_CONFIGURED);
    assertTrue(configured.asExpected(), configured.summary());
    assertEquals(2, configured.stepsReplayed());
    assertEquals(
        "the device is in PRE_COPY with session NONE", configured.evidence().orElseThrow());
    ReplayReport correct =
        CommittedCounterexamples.replay(BINDING, "VfioFsm_ImmediateReset", ReplayMode.CORRECT);
    Discrepancy d =
        assertInstanceOf(Discrepancy.MissingAction.class, correct.discrepancy().orElseThrow());
    assertEquals(2, d.step());
    assertEquals("ResetRacesArc", d.action());
  }

  @Test
  void concurrentTours_asynchronousSave_everyTourConforms_andSomeCompleteASave() throws Exception {
    Path tours = Path.of(System.getProperty("vfiomc.root", "..")).resolve("traces/tours");
    List<Path> files;
    try (Stream<Path> s = Files.list(tours)) {
      files = s.filter(p -> p.getFileName().toString().startsWith("VfioFsm_Concurrent-")).toList();
    }
    assertFalse(files.isEmpty(), "no VfioFsm_Concurrent tour in " + tours);
    Replayer replayer = new Replayer(List.of(BINDING));
    List<String> failed = new ArrayList<>();
    int withSaveDone = 0;
    for (Path f : files) {
      TraceFile t = TraceFile.read(f);
      ReplayReport r = replayer.replay(t, ReplayMode.AS_CONFIGURED);
      if (!r.asExpected()) {
        failed.add(r.summary());
      }
      if (Files.readString(f).contains("\"SaveDone\"")) {
        withSaveDone++;
      }
    }
    assertEquals(List.of(), failed);
    // the tours cover the device's completion event, not only the synchronous-looking prefix
    assertTrue(withSaveDone > 0, "no tour completes a SAVE");
  }
}
