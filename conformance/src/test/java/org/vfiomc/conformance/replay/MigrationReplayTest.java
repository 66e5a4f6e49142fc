package org.vfiomc.conformance.replay;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vfiomc.checker.trace.TraceFormatException;
import org.vfiomc.conformance.cli.Bindings;

/**
 * Replays {@code VfioMigration} traces (copied from the generated corpus {@code traces/}) against a
 * source and a destination {@code VfioMigrationDevice} driven step by step.
 */
final class MigrationReplayTest {
  private static final Replayer REPLAYER = new Replayer(Bindings.standard());

  private static TraceFile fixture(String name) throws Exception {
    return ReplayTest.fixture(name);
  }

  @Test
  void precopyTour_conforms_initialImageIsTheStateAtPreCopyEntry() throws Exception {
    // MigrationStart, GuestWork, PrecopyRead (chunk 1 carries version 0: the initial image saved
    // at RUNNING -> PRE_COPY, before the guest's change), PrecopyRead (chunk 2: version 1),
    // Switchover, StopCopyRead (chunk 3, final, version 1), StopCopyEof, 3 x Deliver, DestStart,
    // SaveCleanup, 2 x Finished: 14 actions
    ReplayReport r =
        REPLAYER.replay(
            fixture("tours/VfioMigration-PrecopySuccess.itf.json"), ReplayMode.AS_CONFIGURED);
    assertEquals(Optional.empty(), r.discrepancy(), r.summary());
    assertEquals(14, r.stepsReplayed());
    assertEquals(List.of(), r.unobservable(), "every VfioMigration variable is observable");
  }

  @Test
  void reorderedStream_isRejectedByTheCorrectDevice_andTheSourceResumes() throws Exception {
    // 15 actions; chunks 1 and 2 swap on the wire, DestStart's load fails, QEMU resets the
    // destination and ResumeSource returns the source to RUNNING
    ReplayReport r =
        REPLAYER.replay(
            fixture("tours/VfioMigration-ReorderRejected.itf.json"), ReplayMode.AS_CONFIGURED);
    assertEquals(Optional.empty(), r.discrepancy(), r.summary());
    assertEquals(15, r.stepsReplayed());
  }

  @Test
  void reordered_reproducedByALenientDevice_rejectedByTheCorrectOneAtDestStart() throws Exception {
    List<ReplayReport> rs =
        REPLAYER.replayAll(fixture("counterexamples/VfioMigration_Reordered.itf.json"));
    assertEquals(2, rs.size());
    // 13 states: all 12 actions replayed, the destination was written <<2, 1, 3>>
    assertTrue(rs.get(0).asExpected(), rs.get(0).summary());
    assertEquals(12, rs.get(0).stepsReplayed());
    assertTrue(rs.get(0).evidence().orElseThrow().startsWith("the destination was written"));
    // the correct device refuses the load at step 12 (DestStart): the migration fails instead
    Discrepancy.StateMismatch m =
        assertInstanceOf(Discrepancy.StateMismatch.class, rs.get(1).discrepancy().orElseThrow());
    assertEquals(12, m.step());
    assertEquals(
        "phase: expected \"CLEANUP\", actual \"RECOVER\"; dst_device: expected 1, actual -1",
        m.detail());
    assertTrue(rs.get(1).asExpected());
  }

  @Test
  void truncated_lostFinalChunk_loadedAsNothingByTheLenientDevice() throws Exception {
    List<ReplayReport> rs =
        REPLAYER.replayAll(fixture("counterexamples/VfioMigration_Truncated.itf.json"));
    // 8 states: MigrationStart, Switchover (RUNNING -> STOP), StopCopyStart (STOP -> STOP_COPY),
    // StopCopyRead, StopCopyEof, ChunkLost, DestStart; the empty stream is accepted and the
    // destination keeps its fresh state, version 0
    assertTrue(rs.get(0).asExpected(), rs.get(0).summary());
    assertEquals(7, rs.get(0).stepsReplayed());
    Discrepancy d = rs.get(1).discrepancy().orElseThrow();
    assertEquals(7, d.step());
    assertEquals("DestStart", d.action());
  }

  @Test
  void resetRecover_losesTheGuestsWork_correctRecoveryKeepsIt() throws Exception {
    List<ReplayReport> rs =
        REPLAYER.replayAll(fixture("counterexamples/VfioMigration_ResetRecover.itf.json"));
    assertTrue(rs.get(0).asExpected(), rs.get(0).summary());
    assertEquals(
        "the source runs again with state version 0; the guest made version 1",
        rs.get(0).evidence().orElseThrow());
    Discrepancy.StateMismatch m =
        assertInstanceOf(Discrepancy.StateMismatch.class, rs.get(1).discrepancy().orElseThrow());
    // step 4 is ResumeSource: SET RUNNING keeps version 1 where the reset made it 0
    assertEquals(4, m.step());
    assertEquals("src_device: expected 0, actual 1", m.detail());
  }

  @Test
  void enomsgWait_loopNeverEnds_correctLoopEndsOnEof() throws Exception {
    List<ReplayReport> rs =
        REPLAYER.replayAll(fixture("counterexamples/VfioMigration_EnomsgWait.itf.json"));
    assertTrue(rs.get(0).asExpected(), rs.get(0).summary());
    assertTrue(rs.get(0).evidence().orElseThrow().contains("still waiting"));
    Discrepancy.StateMismatch m =
        assertInstanceOf(Discrepancy.StateMismatch.class, rs.get(1).discrepancy().orElseThrow());
    // step 7 is StopCopyEof (after MigrationStart, GuestWork, Switchover, StopCopyStart,
    // StopCopyRead, Deliver): the correct loop ends on read() == 0
    assertEquals(7, m.step());
    assertEquals("phase: expected \"STOPCOPY\", actual \"COMPLETING\"", m.detail());
  }

  @Test
  void stopCopyDma_deviceChangesAfterStop_correctFunctionIsQuiesced() throws Exception {
    List<ReplayReport> rs =
        REPLAYER.replayAll(fixture("counterexamples/VfioMigration_StopCopyDmaFidelity.itf.json"));
    // the destination loads the state saved at the stop (version 0), the guest made version 1
    assertTrue(rs.get(0).asExpected(), rs.get(0).summary());
    assertEquals(
        "it loaded version 0, the guest made version 1", rs.get(0).evidence().orElseThrow());
    Discrepancy d = rs.get(1).discrepancy().orElseThrow();
    assertInstanceOf(Discrepancy.MissingAction.class, d);
    // step 4, after MigrationStart, Switchover and StopCopyStart: the quiesced VF does no work
    assertEquals(4, d.step());
    assertEquals("GuestWork", d.action());
  }

  @Test
  void noResume_sourceLeftInStopCopy() throws Exception {
    List<ReplayReport> rs =
        REPLAYER.replayAll(fixture("counterexamples/VfioMigration_NoResume.itf.json"));
    assertTrue(rs.get(0).asExpected(), rs.get(0).summary());
    assertEquals(
        "the migration failed and the source device is left in STOP_COPY",
        rs.get(0).evidence().orElseThrow());
    Discrepancy.StateMismatch m =
        assertInstanceOf(Discrepancy.StateMismatch.class, rs.get(1).discrepancy().orElseThrow());
    // step 5 is ResumeSource (after MigrationStart, Switchover, StopCopyStart, Cancel)
    assertEquals(5, m.step());
    // the correct QEMU resumes the device, which also ends its saving session (fd 1 no longer
    // live)
    assertEquals(
        "src_state: expected \"STOP_COPY\", actual \"RUNNING\"; src_live: expected 1, actual 0",
        m.detail());
  }

  @Test
  void unknownDefect_isAnErrorNamingTheConstant(@TempDir Path tmp) throws Exception {
    Path src =
        Path.of("src/test/resources/traces/counterexamples/VfioMigration_Reordered.itf.json");
    String text = Files.readString(src);
    assertTrue(text.contains("\"AcceptReordered\""));
    Path bad = tmp.resolve("VfioMigration_Bogus.itf.json");
    Files.writeString(bad, text.replace("\"AcceptReordered\"", "\"AcceptAnything\""));
    TraceFormatException e =
        assertThrows(TraceFormatException.class, () -> REPLAYER.replayAll(TraceFile.read(bad)));
    assertEquals("/#meta/constants/Defects", e.pointer());
    assertTrue(e.getMessage().contains("AcceptAnything"), e.getMessage());
  }
}
