package org.vfiomc.conformance.replay;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.vfiomc.conformance.cli.Bindings;

/**
 * VfioP2p: tours of the correct model, TLC's counterexamples of the broken policies, and a finding
 * (a counterexample of QEMU's real behaviour).
 */
final class P2pReplayTest {
  private static final Replayer REPLAYER = new Replayer(Bindings.standard());

  private static List<ReplayReport> replay(String name) throws Exception {
    return REPLAYER.replayAll(ReplayTest.fixture(name));
  }

  /**
   * A trace with no defect in its constants (a witness or a finding): replayed once, as expected,
   * in exactly {@code steps} steps; returns that one report.
   */
  private static ReplayReport replayedOnce(String name, int steps) throws Exception {
    List<ReplayReport> rs = replay(name);
    assertEquals(1, rs.size());
    ReplayReport r = rs.get(0);
    assertTrue(r.asExpected(), r.summary());
    assertEquals(steps, r.stepsReplayed());
    return r;
  }

  @Test
  void tours_conform_includingTheStreamLoadedOnTheDestination() throws Exception {
    // states - 1 actions each. A whole migration of two P2P devices (device 1 with PRE_COPY) is
    // 35 QEMU and kernel steps: StartMigration, SaveSetup + 1 arc, Switchover, 2 x (StopPrepare +
    // 1 arc), EndStopPrepare, 2 x (StopMain + 1 arc), EndStopMain, 2 x (SaveComplete + at most 1
    // arc; device 1 is already in STOP_COPY), EndSaveComplete, LoadComplete, 2 x (StartPrepare + 2
    // arcs via STOP), EndStartPrepare, 2 x (StartMain + 1 arc), EndStartMain, 2 x (SaveCleanup + 1
    // arc), EndCleanup = 34, plus Finished; the Migrate tour adds one P2P write on the
    // destination (issue + land = 37), DstTraffic one more issue (38). Cancel: a migration
    // cancelled in pre-copy whose devices the PRECOPY_FAILED notifier sets RUNNING again (11); a
    // blocked VM whose migration is refused, then finished (2).
    String[][] tours = {
      {"Migrate", "37"}, {"DstTraffic", "38"}, {"Cancel", "11"}, {"Blocked", "2"}
    };
    for (String[] t : tours) {
      List<ReplayReport> rs = replay("tours/VfioP2p-" + t[0] + ".itf.json");
      assertEquals(1, rs.size());
      assertEquals(Optional.empty(), rs.get(0).discrepancy(), rs.get(0).summary());
      assertEquals(Integer.parseInt(t[1]), rs.get(0).stepsReplayed());
    }
  }

  @Test
  void noPrepare_naiveOrderLosesTheWrite_preparePolicyDivergesAtSwitchover() throws Exception {
    List<ReplayReport> rs = replay("counterexamples/VfioP2p_NoPrepare.itf.json");
    // as configured (NAIVE ordering): 7 actions (the stop SET is issued, then its one arc),
    // device 1 stops while device 2's write is in flight, the write lands on a quiesced device:
    // the function drops it
    assertTrue(rs.get(0).asExpected(), rs.get(0).summary());
    assertEquals(7, rs.get(0).stepsReplayed());
    assertEquals("1 P2P write(s) dropped by a quiesced device", rs.get(0).evidence().orElseThrow());
    // PREPARE_THEN_MAIN: the switchover (step 3) enters the prepare phase, not the main one
    Discrepancy.StateMismatch m =
        assertInstanceOf(Discrepancy.StateMismatch.class, rs.get(1).discrepancy().orElseThrow());
    assertEquals(3, m.step());
    assertEquals("phase", m.diffs().get(0).variable());
    assertEquals("\"STOP_PREPARE\"", m.diffs().get(0).actual().toTla());
  }

  @Test
  void noBlocker_startIsRefusedByTheBlocker() throws Exception {
    List<ReplayReport> rs = replay("counterexamples/VfioP2p_NoBlocker.itf.json");
    assertTrue(rs.get(0).asExpected(), rs.get(0).summary());
    assertEquals(9, rs.get(0).stepsReplayed());
    Discrepancy d = rs.get(1).discrepancy().orElseThrow();
    assertInstanceOf(Discrepancy.MissingAction.class, d);
    // step 1 is a P2P write; step 2 the StartMigration the blocker refuses
    assertEquals(2, d.step());
    assertTrue(d.detail().contains("only if all of them support P2P"), d.detail());
  }

  @Test
  void witnessRefused_theBlockerRefusesMigrate_onTheCorrectStack() throws Exception {
    // a witness, not a defect: one replay, as configured, whose one step is the refusal
    ReplayReport r = replayedOnce("counterexamples/VfioP2p_WitnessRefused.itf.json", 1);
    assertTrue(r.evidence().orElseThrow().contains("refused"), r.summary());
  }

  @Test
  void noDrain_theArcWaitsForOutstandingWrites() throws Exception {
    List<ReplayReport> rs = replay("counterexamples/VfioP2p_NoDrain.itf.json");
    assertTrue(rs.get(0).evidence().orElseThrow().contains("with P2P writes in flight"));
    Discrepancy d = rs.get(1).discrepancy().orElseThrow();
    assertInstanceOf(Discrepancy.MissingAction.class, d);
    // the arc out of RUNNING (step 5) waits for the write device 2 issued at step 1
    assertEquals(5, d.step());
    assertEquals("ArcStep(device=2, host=\"SRC\", to=\"RUNNING_P2P\")", d.action());
  }

  @Test
  void everyP2pCounterexample_behavesAsExpectedBothWays() throws Exception {
    for (String m : List.of("EarlyStart", "NoBlocker", "NoDrain", "NoPrepare")) {
      List<ReplayReport> rs = replay("counterexamples/VfioP2p_" + m + ".itf.json");
      assertEquals(2, rs.size(), m);
      for (ReplayReport r : rs) {
        assertTrue(r.asExpected(), r.summary());
      }
    }
  }

  @Test
  void findingPausedFail_isReplayedOnceAndTheRealDeviceLosesTheWrite() throws Exception {
    // no defect in the constants: QEMU's real behaviour is the model, there is no correct
    // implementation to diverge; the cancelled migration of a paused VM sets device 1 RUNNING
    // (STOP -> RUNNING_P2P -> RUNNING) while device 2 is still STOP: 10 actions
    ReplayReport r = replayedOnce("counterexamples/VfioP2p_FindingPausedFail.itf.json", 10);
    assertEquals("1 P2P write(s) dropped by a quiesced device", r.evidence().orElseThrow());
  }

  @Test
  void findingPauseFd_theResumeEndsTheSessionWhileQemuKeepsItsFd() throws Exception {
    // QMP stop and cont during pre-copy, no defect: 17 actions (StartMigration, SaveSetup + 1
    // arc, UserStop, 2 x (PausePrepare + 1 arc), EndPausePrepare, 2 x (PauseMain + 1 arc),
    // EndPauseMain, UserCont, ContPrepare(1) and its first arc STOP_COPY -> STOP); the emulated
    // device disables the saving fd on that arc, the fd QEMU holds is its first one
    ReplayReport r = replayedOnce("counterexamples/VfioP2p_FindingPauseFd.itf.json", 17);
    assertTrue(
        r.evidence().orElseThrow().startsWith("QEMU still holds fd "), r.evidence().orElseThrow());
  }

  @Test
  void pauseAdoptFd_theCorrectQemuFailsWithDataFdOutOfSync() throws Exception {
    List<ReplayReport> rs = replay("counterexamples/VfioP2p_PauseAdoptFd.itf.json");
    assertTrue(rs.get(0).asExpected(), rs.get(0).summary());
    assertEquals(
        "device 1's final data came from its saving session 2", rs.get(0).evidence().orElseThrow());
    // without AdoptNewFd the STOP -> STOP_COPY arc of SaveComplete(1) returns a second fd while
    // QEMU holds the first: it is closed and the migration fails (mig_error), the spec's defective
    // QEMU took it (qemu_fd[1] = 2)
    Discrepancy.StateMismatch m =
        assertInstanceOf(Discrepancy.StateMismatch.class, rs.get(1).discrepancy().orElseThrow());
    assertEquals("ArcStep(device=1, host=\"SRC\", to=\"STOP_COPY\")", m.action());
    assertTrue(
        m.diffs().stream().anyMatch(d -> d.variable().equals("mig_error")), m.diffs().toString());
  }

  @Test
  void aLostWriteTheSpecDelivers_isClassifiedAsPacketLost() throws Exception {
    // the NoPrepare counterexample with p2p_lost edited to 0 in the last state: the spec (as
    // edited) delivers the write, the naive implementation drops it
    String text =
        java.nio.file.Files.readString(
            java.nio.file.Path.of(
                "src/test/resources/traces/counterexamples/VfioP2p_NoPrepare.itf.json"));
    int last = text.lastIndexOf("\"p2p_lost\": {\"#bigint\":\"1\"}");
    String edited =
        text.substring(0, last)
            + text.substring(last).replaceFirst("\"#bigint\":\"1\"", "\"#bigint\":\"0\"");
    ReplayReport r =
        REPLAYER.replay(TraceFile.parse(edited, "edited.itf.json"), ReplayMode.AS_CONFIGURED);
    Discrepancy.PacketLost p =
        assertInstanceOf(Discrepancy.PacketLost.class, r.discrepancy().orElseThrow());
    assertEquals(7, p.step());
    assertEquals("the implementation dropped 1 P2P write(s) the spec delivers", p.detail());
  }
}
