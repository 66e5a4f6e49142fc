package org.vfiomc.conformance.replay;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.vfiomc.conformance.cli.Bindings;
import org.vfiomc.conformance.function.ActivityFunction;
import org.vfiomc.conformance.replay.vfio.VfioFsmBinding;

/**
 * Replays the fixtures under {@code src/test/resources/traces}: behaviours of the correct VfioFsm
 * spec (TLC counterexamples of witness invariants on MC_VfioFsm's constants, so each is a real path
 * of the correct model) and TLC's counterexamples of broken-variant models.
 */
final class ReplayTest {
  private static final Replayer REPLAYER = new Replayer(Bindings.standard());

  static TraceFile fixture(String name) throws Exception {
    return TraceFile.read(Path.of("src/test/resources/traces", name));
  }

  @Test
  void everyTourConforms_stepCountIsStatesMinusOne() throws Exception {
    // states in each fixture (TLC's BFS counterexample of the witness invariant); a tour of n
    // states has n - 1 actions, all of which must be replayed
    String[][] tours = {
      {"DirtyRead", "7"},
      {"DirtySwitchover", "6"},
      {"FailStay", "3"},
      {"FailToError", "3"},
      {"Info", "5"},
      {"P2pPath", "5"},
      {"PrecopyEnomsg", "5"},
      {"Reject", "5"},
      {"ResetEnodev", "5"},
      {"ResumingRead", "5"},
      {"SwitchoverEof", "8"},
      // issue 12: a read while a SET is in progress (ReadsDuringSet), a reset during a SET
      // recorded and applied at the SET's unlock (DeferredReset)
      {"ReadBetweenArcs", "5"},
      {"DeferredReset", "5"}
    };
    for (String[] t : tours) {
      TraceFile f = fixture("tours/VfioFsm-" + t[0] + ".itf.json");
      ReplayReport r = REPLAYER.replay(f, ReplayMode.AS_CONFIGURED);
      assertEquals(Optional.empty(), r.discrepancy(), r.summary());
      assertEquals(Integer.parseInt(t[1]) - 1, r.stepsReplayed(), r.summary());
      assertTrue(r.asExpected());
      assertEquals(List.of(), r.unobservable(), "VfioFsm declares every variable observable");
    }
  }

  @Test
  void readBetweenArcs_isRefused_whenTheDriverSerialisesReads() throws Exception {
    // the same behaviour with ReadsDuringSet = FALSE (mtty_save_read takes the state mutex): the
    // binding must refuse the read while the SET is pending, so the trace's step 4 is missing
    String text =
        java.nio.file.Files.readString(
            Path.of("src/test/resources/traces/tours/VfioFsm-ReadBetweenArcs.itf.json"));
    String serialised = text.replace("\"ReadsDuringSet\": true", "\"ReadsDuringSet\": false");
    assertFalse(serialised.equals(text), "the fixture sets ReadsDuringSet to TRUE");
    ReplayReport r =
        REPLAYER.replay(TraceFile.parse(serialised, "serialised"), ReplayMode.AS_CONFIGURED);
    Discrepancy d = r.discrepancy().orElseThrow();
    assertInstanceOf(Discrepancy.MissingAction.class, d);
    assertEquals(4, d.step());
    assertEquals("ReadData(fd=1)", d.action());
  }

  @Test
  void everyFixtureTour_conforms() throws Exception {
    try (var files = java.nio.file.Files.list(Path.of("src/test/resources/traces/tours"))) {
      List<Path> tours = files.filter(p -> p.toString().endsWith(".itf.json")).sorted().toList();
      assertEquals(32, tours.size(), "26 VfioFsm, 2 VfioMigration and 4 VfioP2p tour fixtures");
      for (Path p : tours) {
        ReplayReport r = REPLAYER.replay(TraceFile.read(p), ReplayMode.AS_CONFIGURED);
        assertTrue(r.asExpected(), r.summary());
        assertEquals(TraceFile.read(p).trace().length() - 1, r.stepsReplayed(), r.summary());
      }
    }
  }

  @Test
  void switchoverTour_readsTheStopCopyStreamInSpecUnits() throws Exception {
    // RUNNING -SET PRE_COPY-> PRE_COPY, SET STOP_COPY: stop_copy_bytes = initial (1) + dirty (0)
    // + final (1) = 2 units, then DATA, DATA, EOF: 7 actions, the last read at EOF
    ReplayReport r =
        REPLAYER.replay(fixture("tours/VfioFsm-SwitchoverEof.itf.json"), ReplayMode.AS_CONFIGURED);
    assertEquals(7, r.stepsReplayed());
    assertTrue(r.asExpected(), r.summary());
  }

  @Test
  void k1Counterexample_reproducedWithThePreFixLoop_rejectedByTheFixedOne() throws Exception {
    List<ReplayReport> rs = REPLAYER.replayAll(fixture("counterexamples/VfioFsm_K1Bound.itf.json"));
    assertEquals(2, rs.size());
    ReplayReport configured = rs.get(0);
    // 5 states: SetRequest(PRE_COPY), SetStep, SetRequest(STOP_COPY), SetStep..., the final
    // SetRequest(PRE_COPY) from STOP_COPY leaves a request whose pre-fix skip loop spins
    assertEquals(4, configured.stepsReplayed());
    assertTrue(configured.asExpected(), configured.summary());
    assertTrue(configured.evidence().orElseThrow().contains("spins"));
    ReplayReport correct = rs.get(1);
    assertEquals(ReplayMode.CORRECT, correct.mode());
    Discrepancy d = correct.discrepancy().orElseThrow();
    assertInstanceOf(Discrepancy.MissingAction.class, d);
    // the divergence is the request that the fixed loop answers (it does not spin): step 4
    assertEquals(4, d.step());
    assertEquals(3, correct.stepsReplayed());
    assertTrue(correct.asExpected());
  }

  @Test
  void dmaInStopCopy_reproducedByAFunctionThatIgnoresQuiesce_missingOnTheCorrectOne()
      throws Exception {
    List<ReplayReport> rs =
        REPLAYER.replayAll(fixture("counterexamples/VfioFsm_DmaInStopCopy.itf.json"));
    assertTrue(rs.get(0).asExpected(), rs.get(0).summary());
    assertEquals(4, rs.get(0).stepsReplayed());
    assertTrue(rs.get(0).evidence().orElseThrow().contains("1 time(s) while quiesced"));
    Discrepancy d = rs.get(1).discrepancy().orElseThrow();
    // step 4 is DeviceActivity in STOP_COPY: a correct (quiesced) function cannot do it
    assertInstanceOf(Discrepancy.MissingAction.class, d);
    assertEquals(4, d.step());
    assertEquals("DeviceActivity", d.action());
  }

  @Test
  void specOnlyDefect_newFdInGroup_correctDeviceDivergesAtTheInGroupArc() throws Exception {
    List<ReplayReport> rs =
        REPLAYER.replayAll(fixture("counterexamples/VfioFsm_NewFdInGroup.itf.json"));
    // the device cannot be configured with the defect: one replay, against the correct device
    assertEquals(1, rs.size());
    ReplayReport r = rs.get(0);
    assertTrue(r.note().orElseThrow().contains("NewFdInsideSavingGroup"));
    Discrepancy.StateMismatch m =
        assertInstanceOf(Discrepancy.StateMismatch.class, r.discrepancy().orElseThrow());
    // step 4 is the SetStep PRE_COPY -> STOP_COPY: the spec's defect returns fd 2
    assertEquals(4, m.step());
    assertEquals(
        List.of("returned_fd", "fd_count", "live_fds"),
        m.diffs().stream().map(VarDiff::variable).toList());
    assertEquals("2", m.diffs().get(0).expected().toTla());
    assertEquals("-1", m.diffs().get(0).actual().toTla());
    assertTrue(r.asExpected());
  }

  @Test
  void specOnlyDefect_mttyEof_correctDeviceAnswersEnomsg() throws Exception {
    ReplayReport r = REPLAYER.replayAll(fixture("counterexamples/VfioFsm_MttyEof.itf.json")).get(0);
    Discrepancy.StateMismatch m =
        assertInstanceOf(Discrepancy.StateMismatch.class, r.discrepancy().orElseThrow());
    assertEquals(4, m.step());
    assertEquals("fd_result: expected \"EOF\", actual \"ENOMSG\"", m.detail());
  }

  @Test
  void brokenDevice_alwaysDirty_isCaughtByACorrectTour() throws Exception {
    // a function whose dirty tracking always reports a change: right after SET PRE_COPY (step 2)
    // the precopy info shows dirty data the spec does not have
    Replayer broken =
        new Replayer(List.of(new VfioFsmBinding(ActivityFunction.Misbehaviour.UNSTABLE_DIGEST)));
    ReplayReport r =
        broken.replay(fixture("tours/VfioFsm-PrecopyEnomsg.itf.json"), ReplayMode.AS_CONFIGURED);
    assertFalse(r.asExpected());
    Discrepancy.StateMismatch m =
        assertInstanceOf(Discrepancy.StateMismatch.class, r.discrepancy().orElseThrow());
    assertEquals(2, m.step());
    assertEquals("dirty_bytes", m.diffs().get(0).variable());
    assertEquals(1, r.stepsReplayed());
  }

  @Test
  void reportJson_carriesTheDiff() throws Exception {
    ReplayReport r = REPLAYER.replayAll(fixture("counterexamples/VfioFsm_MttyEof.itf.json")).get(0);
    var json = r.toJson();
    assertEquals("StateMismatch", json.get("discrepancy").get("kind").asText());
    assertEquals(4, json.get("discrepancy").get("step").asInt());
    assertEquals("fd_result", json.get("discrepancy").get("diff").get(0).get("variable").asText());
    assertTrue(json.get("asExpected").asBoolean());
  }

  @Test
  void k1Live_lassoOfSpins_reproduced_andTheFixedLoopRejectsTheSpin() throws Exception {
    // TLC's lasso for SetReturns: 7 states, the last steps SkipLoopSpin forever
    List<ReplayReport> rs = REPLAYER.replayAll(fixture("counterexamples/VfioFsm_K1Live.itf.json"));
    assertEquals(6, rs.get(0).stepsReplayed());
    assertTrue(rs.get(0).asExpected(), rs.get(0).summary());
    Discrepancy d = rs.get(1).discrepancy().orElseThrow();
    assertInstanceOf(Discrepancy.MissingAction.class, d);
    assertEquals(6, d.step());
    assertEquals("SkipLoopSpin", d.action());
  }

  @Test
  void k1ResetStarved_theSpinningSetNeverAppliesTheRecordedReset() throws Exception {
    // TLC's lasso for ResetReleasesMutex: 8 states (SET STOP_COPY, 2 arcs, a read, SET PRE_COPY,
    // the reset recorded, then the loop spins while the ioctl is answered): the device's loop
    // spins too, with the reset still recorded; the fixed loop has no spin to offer
    List<ReplayReport> rs =
        REPLAYER.replayAll(fixture("counterexamples/VfioFsm_K1ResetStarved.itf.json"));
    assertEquals(7, rs.get(0).stepsReplayed());
    assertTrue(rs.get(0).asExpected(), rs.get(0).summary());
    assertTrue(rs.get(0).summary().contains("is never applied"), rs.get(0).summary());
    assertTrue(rs.get(1).asExpected(), rs.get(1).summary());
    assertInstanceOf(Discrepancy.MissingAction.class, rs.get(1).discrepancy().orElseThrow());
  }

  @Test
  void dirtyUnderreport_usesMaxDirty2_whichTheDeviceCannotExpress() throws Exception {
    // the device coalesces two changes into one dirty image: the constant is refused, not passed
    var e =
        org.junit.jupiter.api.Assertions.assertThrows(
            org.vfiomc.checker.trace.TraceFormatException.class,
            () -> REPLAYER.replayAll(fixture("counterexamples/VfioFsm_DirtyUnderreport.itf.json")));
    assertEquals("/#meta/constants/MaxDirty", e.pointer());
  }

  @Test
  void readOnAnEndedResumingFd_isEbadf_asTheVfsAnswersForAWriteOnlyFd() throws Exception {
    // regression of a replay finding: SET RESUMING (fd 1), SET STOP (the session ends, after the
    // binding wrote a valid peer stream), read(fd 1). The spec said ENODEV, the device EBADF; the
    // kernel opens a resuming fd O_WRONLY, so read() fails in the VFS with EBADF before the driver
    // is asked, and the spec was fixed (resuming_fds). All 6 steps now conform.
    TraceFile f = fixture("tours/VfioFsm-DeadResumingRead.itf.json");
    ReplayReport r = REPLAYER.replay(f, ReplayMode.AS_CONFIGURED);
    assertEquals(Optional.empty(), r.discrepancy(), r.summary());
    assertEquals(6, r.stepsReplayed());
    var last = f.trace().steps().get(6).state();
    assertEquals(new org.vfiomc.checker.trace.TlaValue.Str("EBADF"), last.get("fd_result"));
  }
}
