package org.vfiomc.conformance.replay;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vfiomc.conformance.cli.Bindings;
import org.vfiomc.conformance.replay.vfio.VfioMigrationBinding;

/**
 * The committed traces of the two defects a device with incremental images and its saving side make
 * configurable: {@code VfioMigration_StaleDirtyChunk} (DeltaImages = TRUE) and {@code
 * VfioFsm_DirtyUnderreport} (K2), read from the repository's {@code traces/} (root from the system
 * property {@code vfiomc.root}).
 */
final class DeltaImagesReplayTest {
  private static final Path TRACES =
      Path.of(System.getProperty("vfiomc.root", "..")).resolve("traces");
  private static final Replayer REPLAYER = new Replayer(Bindings.standard());

  @Test
  void staleDirtyChunk_reproducedWithIncrementalImages_correctDeviceDivergesAtTheStaleRead()
      throws Exception {
    // 12 states: MigrationStart, GuestWork, PrecopyRead (the initial image, version 0), PrecopyRead
    // (stale: base 0, version 0, while the device counts version 1 as sent), Switchover,
    // StopCopyRead (the final increment over version 1), StopCopyEof, 3 x Deliver, DestStart
    ReplayReport configured =
        CommittedCounterexamples.replay(
            new VfioMigrationBinding(), "VfioMigration_StaleDirtyChunk", ReplayMode.AS_CONFIGURED);
    assertTrue(configured.asExpected(), configured.summary());
    assertEquals(11, configured.stepsReplayed());
    // the destination applied the final increment to version 0, which it was not made for
    assertTrue(
        configured.evidence().orElseThrow().startsWith("it applied 1 increment(s) to an image"),
        configured.evidence().orElseThrow());
    // the correct device's dirty read carries version 1: the trace's second chunk (version 0) is
    // not what it reads
    ReplayReport correct =
        CommittedCounterexamples.replay(
            new VfioMigrationBinding(), "VfioMigration_StaleDirtyChunk", ReplayMode.CORRECT);
    assertTrue(correct.asExpected(), correct.summary());
    Discrepancy.StateMismatch m =
        assertInstanceOf(Discrepancy.StateMismatch.class, correct.discrepancy().orElseThrow());
    assertEquals(4, m.step());
    assertEquals("PrecopyRead", m.action());
    assertTrue(m.detail().contains("seq |-> 2, ver |-> 1]"), m.detail());
  }

  @Test
  void staleDirtyChunk_isReplayedInBothModes_notAsASpecOnlyDefect() throws Exception {
    TraceFile f =
        TraceFile.read(TRACES.resolve("counterexamples/VfioMigration_StaleDirtyChunk.itf.json"));
    List<ReplayReport> rs = REPLAYER.replayAll(f);
    assertEquals(2, rs.size());
    assertTrue(rs.stream().allMatch(ReplayReport::asExpected));
    assertEquals(java.util.Optional.empty(), rs.get(0).note());
  }

  private static List<Path> dirtyUnderreportTours() throws Exception {
    try (Stream<Path> s = Files.list(TRACES.resolve("tours"))) {
      return s.filter(p -> p.getFileName().toString().startsWith("VfioFsm_DirtyUnderreport-"))
          .sorted()
          .toList();
    }
  }

  @Test
  void dirtyUnderreportTours_onAnAsynchronousSaveDeviceWithK2_eachConforms() throws Exception {
    // the model saves asynchronously (AsyncSave = TRUE: SaveMode.ASYNCHRONOUS) with the K2 defect
    // configured on the device (SaveDefect.DIRTY_BYTES_UNDERREPORT): each tour is bound and every
    // step of it conforms
    List<Path> tours = dirtyUnderreportTours();
    assertEquals(63, tours.size());
    int replayed = 0;
    for (Path p : tours) {
      for (ReplayReport r : REPLAYER.replayAll(TraceFile.read(p))) {
        assertTrue(r.asExpected(), r.summary());
        replayed++;
      }
    }
    assertEquals(63, replayed);
  }

  @Test
  void synchronousToursWithK2Configured_stillConform_theReportIsNonZeroExactlyWhenDirty(
      @TempDir Path dir) throws Exception {
    // with changes captured as they happen (AsyncSave = FALSE) and at most one change (MaxDirty 1),
    // the spec's ReportedDirty under DirtyBytesUnderreport (one chunk when any is queued) is
    // non-zero exactly when the correct report is: the K2 device must follow these tours, each of
    // which asks the precopy ioctl after the device changed in PRE_COPY
    int replayed = 0;
    for (String name : List.of("VfioFsm-308", "VfioFsm-309", "VfioFsm-311", "VfioFsm-368")) {
      String text =
          Files.readString(TRACES.resolve("tours/" + name + ".itf.json"), StandardCharsets.UTF_8);
      String k2 =
          text.replace(
              "\"Defects\": {\"#set\":[]}", "\"Defects\": {\"#set\":[\"DirtyBytesUnderreport\"]}");
      assertFalse(k2.equals(text), name + " has no empty Defects to replace");
      assertTrue(text.contains("\"AsyncSave\": false"), name);
      Path f = dir.resolve(name + "-k2.itf.json");
      Files.writeString(f, k2, StandardCharsets.UTF_8);
      for (ReplayReport r : REPLAYER.replayAll(TraceFile.read(f))) {
        assertTrue(r.asExpected(), r.summary());
        replayed++;
      }
    }
    assertEquals(4, replayed);
  }
}
