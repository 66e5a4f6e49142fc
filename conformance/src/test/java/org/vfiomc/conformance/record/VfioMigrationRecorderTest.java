package org.vfiomc.conformance.record;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.vfiomc.checker.trace.TlaValue;
import org.vfiomc.checker.trace.TraceStep;
import org.vfiomc.conformance.orchestrator.DevicePair;
import org.vfiomc.conformance.orchestrator.ProtocolDefect;
import org.vfiomc.conformance.orchestrator.ProtocolHooks;
import org.vfiomc.conformance.orchestrator.ProtocolObserver;
import org.vfiomc.conformance.orchestrator.SectionFramer;
import org.vfiomc.conformance.scenario.RxStrategy;
import org.vfiomc.conformance.scenario.VfVm;
import org.vfiomc.conformance.vfio.MigrationFeatures;
import org.vfiomc.conformance.vfio.StreamFormat;

/** The recorder's mapping of orchestrator events to VfioMigration actions (no TLC here). */
final class VfioMigrationRecorderTest {
  @Test
  void defaultRun_isRecordedActionByAction() {
    RecordedRuns.Run r = RecordedRuns.standard("default", null, Set.of());
    // One pre-copy iteration: it sends every guest page and makes one device read (QEMU's
    // vfio_save_iterate), the initial image; the exact pass (dirty pages plus the VF's stop-copy
    // size) is far below the 300 ms x 10 Gbit/s threshold, so QEMU switches over. The final state
    // follows; the read of 0 ends the section.
    assertEquals(
        List.of(
            "Init",
            "MigrationStart",
            "PrecopyRead",
            "Deliver",
            "Switchover",
            "StopCopyRead",
            "Deliver",
            "StopCopyEof",
            "DestStart",
            "SaveCleanup"),
        r.actions());
    TraceStep last = r.recorder().steps().get(9);
    assertEquals(new TlaValue.Str("SUCCEEDED"), last.state().get("phase"));
    // the destination loaded the final chunk, whose version is 0: no GuestWork step was recorded
    // (a change after the only pre-copy read goes into the final chunk unrecorded)
    assertEquals(TlaValue.Int.of(0), last.state().get("dst_device"));
    // every recorded state omits exactly the two ghosts
    assertEquals(VfioMigrationRecorder.VARS, List.copyOf(last.state().keySet()));
  }

  @Test
  void sameSeed_sameBytes() {
    String a = RecordedRuns.standard("a", null, Set.of()).recorder().itf(Map.of("seed", "1"));
    String b = RecordedRuns.standard("b", null, Set.of()).recorder().itf(Map.of("seed", "1"));
    assertEquals(a, b);
    assertTrue(a.contains("\"module\" : \"VfioMigration\""), a);
  }

  @Test
  void withoutPrecopy_theStreamIsReadAfterTheSwitchoverOnly() {
    VfVm.Config cfg =
        new VfVm.Config(
            200,
            20_000L,
            1_000_000L,
            4L << 20,
            512,
            RxStrategy.defaults(),
            MigrationFeatures.STOP_COPY_P2P);
    RecordedRuns.Run r =
        RecordedRuns.run(
            "p2p only", cfg, 1, RecordedRuns.recordingOptions(), Set.of(), Optional.empty());
    // No PRE_COPY: no saving fd before the vCPUs stop (RUNNING -> RUNNING_P2P -> STOP in the
    // switchover, then STOP -> STOP_COPY, the spec's StopCopyStart, opens the fd), so the one
    // chunk is the final state.
    assertEquals(
        List.of(
            "Init",
            "MigrationStart",
            "Switchover",
            "StopCopyStart",
            "StopCopyRead",
            "Deliver",
            "StopCopyEof",
            "DestStart",
            "SaveCleanup"),
        r.actions());
    assertEquals(TlaValue.Int.of(3), r.recorder().steps().get(0).state().get("flags"));
  }

  @Test
  void cancel_leavesTheSourceUnobserved_andTheRecoveryShowsTheDestinationReset() {
    // 6 arcs: destination RUNNING -> RUNNING_P2P -> STOP -> RESUMING (3), source RUNNING ->
    // PRE_COPY (1), switchover PRE_COPY -> PRE_COPY_P2P -> STOP_COPY (2): QEMU sees the cancel
    // after the stop-copy (the switchover and stop-copy hold the big lock).
    RecordedRuns.Run r = RecordedRuns.standard("cancel 6", 6, Set.of());
    List<String> a = r.actions();
    assertEquals(List.of("StopCopyEof", "Cancel", "ResumeSource"), a.subList(7, 10));
    assertEquals(10, a.size());
    Map<String, TlaValue> cancel = r.recorder().steps().get(8).state();
    assertFalse(cancel.containsKey("src_state"));
    assertEquals(new TlaValue.Str("RESUMING"), cancel.get("dst_state"));
    Map<String, TlaValue> resumed = r.recorder().steps().get(9).state();
    assertEquals(new TlaValue.Str("RUNNING"), resumed.get("src_state"));
    // the recovery reset the destination: RUNNING, as the spec's ResumeSource says
    assertEquals(new TlaValue.Str("RUNNING"), resumed.get("dst_state"));
  }

  @Test
  void defects_changeWhatTheRecordShows() {
    Map<String, TlaValue> noResume =
        last(RecordedRuns.standard("no resume", 6, Set.of(ProtocolDefect.NO_RESUME_ON_FAILURE)));
    assertEquals(new TlaValue.Str("STOP_COPY"), noResume.get("src_state"));
    RecordedRuns.Run tight = RecordedRuns.tight("reset", Set.of(ProtocolDefect.RECOVER_BY_RESET));
    assertTrue(tight.actions().contains("GuestWork"), tight.actions()::toString);
    // the reset device has lost its state: version 0 again (it was at least 1)
    assertEquals(TlaValue.Int.of(0), last(tight).get("src_device"));
    RecordedRuns.Run enomsg =
        RecordedRuns.standard("enomsg", null, Set.of(ProtocolDefect.WAIT_FOR_ENOMSG_IN_STOP_COPY));
    // three reads of 0 that do not end the section, then the loop gives up: a failed migration
    assertEquals(
        List.of("StopCopyEof", "StopCopyEof", "StopCopyEof", "Cancel", "ResumeSource"),
        enomsg.actions().subList(7, 12));
    assertEquals(
        new TlaValue.Str("STOPCOPY"), enomsg.recorder().steps().get(7).state().get("phase"));
  }

  @Test
  void twoDevices_areNotRecordable() {
    VfVm vm = new VfVm(RecordedRuns.simulateDefaults(RxStrategy.defaults()), 1);
    DevicePair p = new DevicePair("vf0", vm.sourceDevice(), vm.destinationDevice());
    VfioMigrationRecorder rec = new VfioMigrationRecorder();
    rec.migrationBegins(List.of(p, p));
    assertEquals("VfioMigration has one device; this migration has 2", rec.problem().get());
    IllegalStateException e = assertThrows(IllegalStateException.class, () -> rec.itf(Map.of()));
    assertTrue(e.getMessage().startsWith("run not recordable"));
  }

  @Test
  void framer_findsTheSameSectionsWhateverTheReadSizes() {
    ByteArrayOutputStream stream = new ByteArrayOutputStream();
    ProtocolObserver tap =
        new ProtocolObserver() {
          @Override
          public void sourceRead(DevicePair pair, byte[] data) {
            stream.writeBytes(data);
          }
        };
    new VfVm(RecordedRuns.simulateDefaults(RxStrategy.defaults()), 1)
        .run(RecordedRuns.recordingOptions(), new ProtocolHooks(tap, Set.of()));
    byte[] bytes = stream.toByteArray();
    List<SectionFramer.Section> whole = new SectionFramer().feed(bytes);
    // one pre-copy image (one iteration), the final state, END: sequence numbers 0..2, all the
    // bytes
    assertEquals(
        List.of(
            StreamFormat.SectionType.PRECOPY_IMAGE.code(),
            StreamFormat.SectionType.FINAL_STATE.code(),
            StreamFormat.SectionType.END.code()),
        whole.stream().map(SectionFramer.Section::type).toList());
    assertEquals(List.of(0L, 1L, 2L), whole.stream().map(SectionFramer.Section::seq).toList());
    assertEquals(bytes.length, whole.stream().mapToInt(x -> x.bytes().length).sum());
    SectionFramer f = new SectionFramer();
    List<SectionFramer.Section> byteByByte = new ArrayList<>();
    for (byte b : bytes) {
      byteByByte.addAll(f.feed(new byte[] {b}));
    }
    assertEquals(whole, byteByByte);
    // chunks 1 and 2 swapped on the way: the header now comes second, with section 0
    ByteArrayOutputStream swapped = new ByteArrayOutputStream();
    swapped.writeBytes(whole.get(1).bytes());
    swapped.writeBytes(whole.get(0).bytes());
    assertEquals(
        List.of(1L, 0L),
        new SectionFramer()
            .feed(swapped.toByteArray()).stream().map(SectionFramer.Section::seq).toList());
  }

  private static Map<String, TlaValue> last(RecordedRuns.Run r) {
    List<TraceStep> s = r.recorder().steps();
    return s.get(s.size() - 1).state();
  }
}
