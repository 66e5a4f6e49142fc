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
import org.vfiomc.conformance.replay.vfio.VfioMigrationBinding;

/**
 * The committed {@code VfioMigration} traces of models with {@code ArcSteps = TRUE}: each SET QEMU
 * issues is walked one arc per step ({@code SrcArc}/{@code DstArc}, a single-arc SET of the
 * emulated device), an arc may fail ({@code ArcFails}, an injected {@code ArcFault}), the
 * destination may refuse the stream at RESUMING -> STOP ({@code LoadRejected}) and QEMU answers a
 * failed SET ({@code QemuRecover}); with {@code SwitchoverAck} the destination acks ({@code
 * DestAck}).
 */
final class MigrationArcStepsReplayTest {
  private static final VfioMigrationBinding BINDING = new VfioMigrationBinding();

  private static ReplayReport replay(String model, ReplayMode mode) throws Exception {
    return CommittedCounterexamples.replay(BINDING, model, mode);
  }

  @Test
  void ackTours_conform_andInterleaveArcsOfBothDevicesWithTheAck() throws Exception {
    Path tours = Path.of(System.getProperty("vfiomc.root", "..")).resolve("traces/tours");
    List<Path> files;
    try (Stream<Path> s = Files.list(tours)) {
      files = s.filter(p -> p.getFileName().toString().startsWith("VfioMigration_Ack-")).toList();
    }
    assertFalse(files.isEmpty(), "no VfioMigration_Ack tour in " + tours);
    Replayer replayer = new Replayer(List.of(BINDING));
    List<String> failed = new ArrayList<>();
    boolean arcsAndAck = false;
    for (Path f : files) {
      ReplayReport r = replayer.replay(TraceFile.read(f), ReplayMode.AS_CONFIGURED);
      if (!r.asExpected()) {
        failed.add(r.summary());
      }
      String text = Files.readString(f);
      arcsAndAck |=
          text.contains("\"SrcArc\"")
              && text.contains("\"DstArc\"")
              && text.contains("\"DestAck\"");
    }
    assertEquals(List.of(), failed);
    assertTrue(arcsAndAck, "no tour has arcs of both devices and the ack");
  }

  @Test
  void ackSkipped_reproducedWithoutTheWait_correctQemuWaitsForTheAck() throws Exception {
    // MigrationStart, SrcArc (RUNNING -> PRE_COPY), Switchover before the destination acked
    ReplayReport configured = replay("VfioMigration_AckSkipped", ReplayMode.AS_CONFIGURED);
    assertTrue(configured.asExpected(), configured.summary());
    assertEquals(3, configured.stepsReplayed());
    ReplayReport correct = replay("VfioMigration_AckSkipped", ReplayMode.CORRECT);
    Discrepancy d =
        assertInstanceOf(Discrepancy.MissingAction.class, correct.discrepancy().orElseThrow());
    assertEquals(3, d.step());
    assertEquals("Switchover", d.action());
  }

  @Test
  void findingLoadRejected_theLoadArcFailsIntoError_theResetDestinationRunsWithNothing()
      throws Exception {
    // 14 states; the destination's RESUMING -> STOP arc fails into ERROR, QEMU resets it and
    // (RejectedLoad = COMPLETE) the migration stays successful: nothing loaded, version -1
    ReplayReport r = replay("VfioMigration_FindingLoadRejected", ReplayMode.AS_CONFIGURED);
    assertTrue(r.asExpected(), r.summary());
    assertEquals(13, r.stepsReplayed());
    assertTrue(r.evidence().orElseThrow().contains("holds version -1"), r.summary());
  }

  @Test
  void findingResetLoss_theSourceArcFailsIntoError_theResetLosesTheGuestsWork() throws Exception {
    // GuestWork (version 1), MigrationStart, Switchover, ArcFails(SRC, ERROR), QemuRecover(SRC):
    // the reset source runs again with its fresh state, version 0
    ReplayReport r = replay("VfioMigration_FindingResetLoss", ReplayMode.AS_CONFIGURED);
    assertTrue(r.asExpected(), r.summary());
    assertEquals(6, r.stepsReplayed());
    assertEquals(
        "the source runs again with state version 0; the guest made version 1",
        r.evidence().orElseThrow());
  }

  @Test
  void noResetOnError_reproducedByQemuWithoutTheReset_correctQemuResetsAtStep3() throws Exception {
    ReplayReport configured = replay("VfioMigration_NoResetOnError", ReplayMode.AS_CONFIGURED);
    assertTrue(configured.asExpected(), configured.summary());
    assertEquals(5, configured.stepsReplayed());
    assertTrue(configured.evidence().orElseThrow().contains("source in ERROR"));
    // step 3 is QemuRecover(SRC): the correct QEMU resets the device in ERROR to RUNNING
    ReplayReport correct = replay("VfioMigration_NoResetOnError", ReplayMode.CORRECT);
    Discrepancy.StateMismatch m =
        assertInstanceOf(Discrepancy.StateMismatch.class, correct.discrepancy().orElseThrow());
    assertEquals(3, m.step());
    assertEquals("src_state: expected \"ERROR\", actual \"RUNNING\"", m.detail());
  }

  @Test
  void failedDestinationArc_stays_qemuWalksItsRecoverStateBack() throws Exception {
    // MigrationStart, DstArc (RUNNING -> STOP), ArcFails(DST, STAY) on STOP -> RESUMING,
    // QemuRecover(DST) (load_setup's recover state RUNNING), DstArc (STOP -> RUNNING)
    ReplayReport r =
        new Replayer(List.of(BINDING))
            .replay(
                ReplayTest.fixture("arcsteps/VfioMigration-ArcDstRecover.itf.json"),
                ReplayMode.AS_CONFIGURED);
    assertTrue(r.asExpected(), r.summary());
    assertEquals(5, r.stepsReplayed());
  }

  @Test
  void lostChunks_loadRejectedAtResumingToStop_qemuResetsTheDestination() throws Exception {
    // 15 states: MigrationStart, SrcArc, PrecopyRead, Switchover, ChunkLost, SrcArc, StopCopyRead,
    // StopCopyEof, ChunkLost, two DstArcs (RUNNING -> STOP -> RESUMING), DestStart; both chunks
    // lost on the wire, DestStart's RESUMING -> STOP refused by the device's
    // stream check (LoadRejected), QemuRecover(DST) resets it (RejectedLoad = COMPLETE)
    ReplayReport r =
        new Replayer(List.of(BINDING))
            .replay(
                ReplayTest.fixture("arcsteps/VfioMigration-ArcLoadRejected.itf.json"),
                ReplayMode.AS_CONFIGURED);
    assertTrue(r.asExpected(), r.summary());
    assertEquals(14, r.stepsReplayed());
  }

  @Test
  void newFdInGroup_specOnly_theDeviceKeepsOneSessionAcrossTheSavingGroup() throws Exception {
    List<ReplayReport> rs =
        new Replayer(List.of(BINDING))
            .replayAll(
                TraceFile.read(
                    Path.of(System.getProperty("vfiomc.root", ".."))
                        .resolve("traces/counterexamples/VfioMigration_NewFdInGroup.itf.json")));
    assertEquals(1, rs.size(), "a spec-only defect replays on the correct device only");
    Discrepancy.StateMismatch m =
        assertInstanceOf(Discrepancy.StateMismatch.class, rs.get(0).discrepancy().orElseThrow());
    // step 4 is the SrcArc PRE_COPY -> STOP_COPY: the spec's defective driver opens fd 2
    assertEquals(4, m.step());
    assertEquals("src_live: expected 2, actual 1; src_nfd: expected 2, actual 1", m.detail());
  }
}
