package org.vfiomc.conformance.record;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.vfiomc.checker.trace.TlaValue;
import org.vfiomc.checker.trace.TraceStep;
import org.vfiomc.conformance.orchestrator.DevicePair;
import org.vfiomc.conformance.orchestrator.MigrationReport;
import org.vfiomc.conformance.orchestrator.ProtocolObserver;
import org.vfiomc.conformance.orchestrator.SectionFramer;
import org.vfiomc.conformance.vfio.Arc;
import org.vfiomc.conformance.vfio.MigrationState;
import org.vfiomc.conformance.vfio.StreamFormat;
import org.vfiomc.conformance.vfio.VfioMigrationDevice;

/**
 * Records the migration of one device pair as a run of {@code
 * specs/VfioMigration/VfioMigration.tla}: one state per spec action the orchestrator's events
 * amount to, holding the spec variables the orchestrator knows. See the package documentation for
 * the mapping and what is left unobserved.
 */
public final class VfioMigrationRecorder implements ProtocolObserver {
  /** The spec variables a recorded run declares (VfioMigration's, without its two ghosts). */
  public static final List<String> VARS =
      List.of(
          "action",
          "flags",
          "phase",
          "src_state",
          "dst_state",
          "src_device",
          "src_sent_ver",
          "src_eof",
          "src_read",
          "wire",
          "dst_written",
          "dst_device");

  private record Chunk(int seq, int ver, boolean fin) {
    TlaValue value() {
      TreeMap<String, TlaValue> f = new TreeMap<>();
      f.put("seq", TlaValue.Int.of(seq));
      // the emulator's VF saves whole snapshots: every chunk is a full image (VfioMigration's
      // DeltaImages = FALSE)
      f.put("base", TlaValue.Int.of(-1));
      f.put("ver", TlaValue.Int.of(ver));
      f.put("final", new TlaValue.Bool(fin));
      return new TlaValue.Record(f);
    }
  }

  private final List<TraceStep> steps = new ArrayList<>();
  private final List<Chunk> srcRead = new ArrayList<>();
  private final List<Chunk> wire = new ArrayList<>();
  private final List<Chunk> dstWritten = new ArrayList<>();
  private final SectionFramer readFramer = new SectionFramer();
  private final SectionFramer writeFramer = new SectionFramer();
  private DevicePair pair;
  private Optional<String> problem = Optional.empty();
  private long flags;
  private String phase = "IDLE";
  private int version;
  private int sentVer = -1;
  private boolean eof;
  private int dstDevice = -1;
  private int imagesRead;

  @Override
  public void migrationBegins(List<DevicePair> pairs) {
    if (pair != null) {
      fail("the recorder was given a second migration");
      return;
    }
    if (pairs.size() != 1) {
      fail("VfioMigration has one device; this migration has " + pairs.size());
      return;
    }
    pair = pairs.get(0);
    flags = pair.source().features().flags();
    step("Init", true);
  }

  @Override
  public void arcTaken(VfioMigrationDevice device, Arc arc) {
    if (!recording()) {
      return;
    }
    boolean source = device == pair.source();
    if (phase.equals("IDLE")) {
      // save_setup and load_setup: one atomic MigrationStart in the spec
      if (pair.destination().state() == MigrationState.RESUMING
          && (pair.source().state() == MigrationState.PRE_COPY
              || !pair.source().features().preCopy())) {
        phase = "PRECOPY";
        // RUNNING -> PRE_COPY saves the initial image (no image without PRE_COPY)
        sentVer = pair.source().features().preCopy() ? version : -1;
        eof = false;
        step("MigrationStart", true);
      }
    } else if (source
        && phase.equals("PRECOPY")
        && (arc.to() == MigrationState.STOP_COPY || arc.to() == MigrationState.STOP)) {
      // the device stops: PRE_COPY(_P2P) -> STOP_COPY, or without PRE_COPY (RUNNING_P2P or
      // RUNNING) -> STOP, whose STOP -> STOP_COPY is the spec's StopCopyStart
      phase = "STOPCOPY";
      step("Switchover", true);
    } else if (source
        && phase.equals("STOPCOPY")
        && arc.from() == MigrationState.STOP
        && arc.to() == MigrationState.STOP_COPY) {
      step("StopCopyStart", true);
    } else if (source && phase.equals("CLEANUP") && arc.to() == MigrationState.STOP) {
      phase = "SUCCEEDED";
      step("SaveCleanup", true);
    } else if (!source && phase.equals("COMPLETING") && arc.to() == MigrationState.RUNNING) {
      dstDevice = dstWritten.isEmpty() ? 0 : dstWritten.get(dstWritten.size() - 1).ver();
      phase = "CLEANUP";
      step("DestStart", true);
    }
  }

  @Override
  public void deviceReset(VfioMigrationDevice device) {
    if (!recording()) {
      return;
    }
    if (device == pair.source()) {
      version = 0; // the function's state is lost: the device is as new
    } else if (phase.equals("COMPLETING")) {
      // QEMU's destination start found the load rejected (RESUMING -> STOP failed) and reset the
      // device (vfio_migration_set_state_or_reset); the destination runs on with nothing loaded
      // and the migration completes: QEMU's DestStart of a rejected load (issue 20; today's spec
      // fails the migration there instead)
      phase = "CLEANUP";
      step("DestStart", true);
    }
  }

  @Override
  public void sourceRead(DevicePair p, byte[] data) {
    if (!recording()) {
      return;
    }
    for (SectionFramer.Section s : readFramer.feed(data)) {
      if (s.is(StreamFormat.SectionType.END)) {
        continue; // QEMU reads it with the final state; then read() returns 0
      }
      boolean fin = s.is(StreamFormat.SectionType.FINAL_STATE);
      if (!fin && imagesRead++ > 0) {
        // a new pre-copy image exists only because the running device changed since the last one
        version++;
        step("GuestWork", true);
      }
      Chunk c = new Chunk(srcRead.size() + 1, version, fin);
      srcRead.add(c);
      wire.add(c);
      sentVer = version;
      eof |= fin;
      step(fin ? "StopCopyRead" : "PrecopyRead", true);
    }
    readFramer.problem().ifPresent(why -> fail("source stream: " + why));
  }

  @Override
  public void destinationWritten(DevicePair p, byte[] data) {
    if (!recording()) {
      return;
    }
    for (SectionFramer.Section s : writeFramer.feed(data)) {
      if (s.is(StreamFormat.SectionType.END)) {
        continue;
      }
      if (wire.isEmpty() || wire.get(0).seq() != s.seq() + 1) {
        fail("section " + s.seq() + " written to the destination is not the next one sent");
        return;
      }
      dstWritten.add(wire.remove(0));
      step("Deliver", true);
    }
    writeFramer.problem().ifPresent(why -> fail("destination stream: " + why));
  }

  @Override
  public void chunkLost(DevicePair p) {
    if (!recording()) {
      return;
    }
    if (wire.isEmpty()) {
      fail("a chunk was lost, but none was on the way");
      return;
    }
    wire.remove(0);
    step("ChunkLost", true);
  }

  @Override
  public void chunksReordered(DevicePair p) {
    if (!recording()) {
      return;
    }
    if (wire.size() < 2) {
      fail("two chunks swapped places, but " + wire.size() + " were on the way");
      return;
    }
    wire.add(0, wire.remove(1));
    step("ChunksReordered", true);
  }

  @Override
  public void endOfStream(DevicePair p, boolean sectionEnds) {
    if (!recording()) {
      return;
    }
    if (sectionEnds) {
      phase = "COMPLETING";
    }
    step("StopCopyEof", true);
  }

  @Override
  public void aborted(MigrationReport.Outcome outcome, String why) {
    if (!recording()) {
      return;
    }
    phase = "RECOVER";
    // the source may be between two arcs of an atomic spec step: not observed here
    step("Cancel", false);
  }

  @Override
  public void recovered() {
    if (!recording()) {
      return;
    }
    wire.clear();
    phase = "FAILED";
    step("ResumeSource", true);
  }

  /** Why the run cannot be recorded, if it cannot. */
  public Optional<String> problem() {
    return problem;
  }

  /** The recorded steps so far (step 0 is the initial state). */
  public List<TraceStep> steps() {
    return List.copyOf(steps);
  }

  /**
   * The ITF text of the run (pretty-printed JSON, keys in a fixed order); {@code meta} entries are
   * added to the document's {@code #meta}.
   *
   * @throws IllegalStateException if the run could not be recorded ({@link #problem()})
   */
  public String itf(Map<String, String> meta) {
    if (problem.isPresent()) {
      throw new IllegalStateException("run not recordable: " + problem.get());
    }
    if (steps.isEmpty()) {
      throw new IllegalStateException("nothing recorded: the migration did not run");
    }
    return RunDocument.write(
        "VfioMigration", "vfiomc simulate --record", Map.of(), meta, VARS, steps);
  }

  private boolean recording() {
    return pair != null && problem.isEmpty();
  }

  private void fail(String why) {
    if (problem.isEmpty()) {
      problem = Optional.of(why);
    }
  }

  private void step(String action, boolean sourceObserved) {
    Map<String, TlaValue> s = new LinkedHashMap<>();
    s.put("action", TlaValue.Record.of(Map.of("tag", new TlaValue.Str(action))));
    s.put("flags", TlaValue.Int.of(flags));
    s.put("phase", new TlaValue.Str(phase));
    if (sourceObserved) {
      s.put("src_state", new TlaValue.Str(pair.source().state().name()));
    }
    s.put("dst_state", new TlaValue.Str(pair.destination().state().name()));
    s.put("src_device", TlaValue.Int.of(version));
    s.put("src_sent_ver", TlaValue.Int.of(sentVer));
    s.put("src_eof", new TlaValue.Bool(eof));
    s.put("src_read", seq(srcRead));
    s.put("wire", seq(wire));
    s.put("dst_written", seq(dstWritten));
    s.put("dst_device", TlaValue.Int.of(dstDevice));
    steps.add(new TraceStep(action, Map.of(), s));
  }

  private static TlaValue seq(List<Chunk> chunks) {
    return new TlaValue.Seq(chunks.stream().map(Chunk::value).toList());
  }
}
