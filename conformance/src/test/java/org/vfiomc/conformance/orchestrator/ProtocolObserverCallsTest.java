package org.vfiomc.conformance.orchestrator;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.vfiomc.conformance.scenario.SyntheticVm;
import org.vfiomc.conformance.vfio.Arc;
import org.vfiomc.conformance.vfio.MigrationFeatures;
import org.vfiomc.conformance.vfio.VfioMigrationDevice;

/**
 * What the orchestrator tells a {@link ProtocolObserver} (the recorders' and {@code simulate}'s
 * input) and what it writes in the report's event log, in the order the events happen (PIT
 * survivors: removed observer calls and {@code event} calls, which only the recorders read).
 */
final class ProtocolObserverCallsTest {
  /**
   * Every callback as a line, and the bytes read from the source and written to the destination.
   */
  static final class Log implements ProtocolObserver {
    final List<String> calls = new ArrayList<>();
    final ByteArrayOutputStream read = new ByteArrayOutputStream();
    final ByteArrayOutputStream written = new ByteArrayOutputStream();
    int arcs;

    @Override
    public void migrationBegins(List<DevicePair> pairs) {
      calls.add("begins " + pairs.size());
    }

    @Override
    public void arcTaken(VfioMigrationDevice device, Arc arc) {
      arcs++;
    }

    @Override
    public void deviceReset(VfioMigrationDevice device) {
      calls.add("reset " + device.name());
    }

    @Override
    public void sourceRead(DevicePair pair, byte[] data) {
      read.writeBytes(data);
    }

    @Override
    public void destinationWritten(DevicePair pair, byte[] data) {
      written.writeBytes(data);
    }

    @Override
    public void chunkLost(DevicePair pair) {
      calls.add("lost " + pair.name());
    }

    @Override
    public void chunksReordered(DevicePair pair) {
      calls.add("reordered " + pair.name());
    }

    @Override
    public void sectionOpened(DevicePair pair, int section) {
      calls.add("section " + section + " " + pair.name());
    }

    @Override
    public void multifdPacketSent(DevicePair pair, int idx) {
      calls.add("packet " + idx + " " + pair.name());
    }

    @Override
    public void endOfStream(DevicePair pair, boolean sectionEnds) {
      calls.add("eos " + pair.name() + " " + sectionEnds);
    }

    @Override
    public void aborted(MigrationReport.Outcome outcome, String why) {
      calls.add("aborted " + outcome);
    }

    @Override
    public void recovered() {
      calls.add("recovered");
    }

    List<String> starting(String prefix) {
      return calls.stream().filter(c -> c.startsWith(prefix)).toList();
    }
  }

  private static SyntheticVm vm() {
    return MigrationOrchestratorTest.vm(1, MigrationFeatures.ALL, 20);
  }

  private static MigrationReport run(SyntheticVm vm, OrchestratorOptions o, ProtocolHooks h) {
    return new MigrationOrchestrator(vm.pairs(), vm.memory(), vm.workload(), vm.clock(), o, h)
        .migrate();
  }

  private static ProtocolHooks hooks(Log log, Set<ProtocolDefect> defects) {
    return new ProtocolHooks(log, defects);
  }

  /**
   * A completed one-device run: the observer hears the beginning first and once, every arc the
   * report counts, sections numbered 1, 2, 3, ... (setup, one per pre-copy iteration, the
   * completion, the config: rounds + 3), one end of stream that ends the section, no abort; the
   * bytes written into the resuming fd are the bytes read from the saving fd, in order, as many as
   * the report's device bytes.
   */
  @Test
  void aCompletedRun_isReportedCallByCall() {
    Log log = new Log();
    MigrationReport r = run(vm(), OrchestratorOptions.defaults(), hooks(log, Set.of()));
    assertEquals(MigrationReport.Outcome.COMPLETED, r.outcome(), r.toString());
    assertEquals("begins 1", log.calls.get(0));
    assertEquals(1, log.starting("begins").size());
    assertEquals(r.arcs(), log.arcs);
    List<String> sections = log.starting("section");
    assertEquals(r.precopyRounds() + 3, sections.size());
    for (int i = 0; i < sections.size(); i++) {
      assertEquals("section " + (i + 1) + " dev0", sections.get(i));
    }
    assertEquals(List.of("eos dev0 true"), log.starting("eos"));
    assertEquals(List.of(), log.starting("aborted"));
    assertEquals(List.of(), log.starting("reset"));
    assertEquals(List.of(), log.starting("packet"));
    assertTrue(log.read.size() > 0);
    assertEquals(r.deviceBytes(), log.read.size());
    assertArrayEquals(log.read.toByteArray(), log.written.toByteArray());
  }

  /**
   * The report's event log of the same run: each line stamped with the simulated time, times never
   * going back; setup, dirty tracking on and off, every pre-copy round, the switchover, the
   * destination running with the report's downtime, the announce.
   */
  @Test
  void aCompletedRun_eventLog() {
    MigrationReport r = vm().migrate(OrchestratorOptions.defaults());
    List<String> ev = r.events();
    long last = 0;
    List<String> what = new ArrayList<>();
    for (String e : ev) {
      int cut = e.indexOf(" ns: ");
      assertTrue(cut > 0, e);
      long t = Long.parseLong(e.substring(0, cut));
      assertTrue(t >= last, ev.toString());
      last = t;
      what.add(e.substring(cut + 5));
    }
    assertTrue(what.contains("dirty tracking on (QEMU 10.x: device DMA logging)"), what.toString());
    assertTrue(what.contains("setup done"));
    assertTrue(
        what.indexOf("dirty tracking on (QEMU 10.x: device DMA logging)")
            < what.indexOf("setup done"));
    for (int i = 1; i <= r.precopyRounds(); i++) {
      String prefix = "pre-copy round " + i + " sent: ";
      assertEquals(1, what.stream().filter(w -> w.startsWith(prefix)).count(), prefix);
    }
    assertTrue(
        what.stream()
            .anyMatch(
                w ->
                    w.startsWith("pre-copy: " + r.precopyRounds() + " iterations; exact pending ")
                        && w.endsWith(" bytes < threshold " + r.thresholdBytes())),
        what.toString());
    assertTrue(what.contains("switchover: vCPUs stopped"));
    assertTrue(what.contains("destination running; downtime " + r.downtimeNanos() + " ns"));
    assertTrue(what.contains("announce sent from the destination (qemu_announce_self)"));
    assertEquals("dirty tracking off (ram_save_cleanup)", what.get(what.size() - 1));
  }

  /**
   * A failure: the observer hears the abort with its outcome, then the destination's reset (the
   * destination QEMU exits), then the end of the recovery; the event log names the failure and ends
   * with the sources back in RUNNING.
   */
  @Test
  void aFailedRun_abortThenResetThenRecovered() {
    Log log = new Log();
    MigrationReport r =
        run(
            vm(),
            OrchestratorOptions.defaults()
                .withStreamFault(new StreamFault(StreamFault.Kind.BREAK, 1)),
            hooks(log, Set.of()));
    assertEquals(MigrationReport.Outcome.FAILED, r.outcome());
    int aborted = log.calls.indexOf("aborted FAILED");
    int reset = log.calls.indexOf("reset dev0-dst");
    int recovered = log.calls.indexOf("recovered");
    assertTrue(0 < aborted && aborted < reset && reset < recovered, log.calls.toString());
    assertEquals(recovered, log.calls.size() - 1);
    List<String> ev = r.events();
    assertTrue(ev.stream().anyMatch(e -> e.contains(": failed: " + r.detail())), ev.toString());
    assertTrue(ev.stream().anyMatch(e -> e.contains("the migration channel closes in section 1")));
    assertTrue(ev.get(ev.size() - 1).endsWith(": sources back in RUNNING"), ev.toString());
    // the downtime: the vCPUs never stopped
    assertEquals(0, r.downtimeNanos());
  }

  /** A cancel is reported as such, to the observer and in the log. */
  @Test
  void aCancelledRun_isReportedAsCancelled() {
    Log log = new Log();
    MigrationReport r =
        run(vm(), OrchestratorOptions.defaults().withCancelAfterArc(1), hooks(log, Set.of()));
    assertEquals(MigrationReport.Outcome.CANCELLED, r.outcome());
    assertTrue(log.calls.contains("aborted CANCELLED"));
    assertTrue(r.events().stream().anyMatch(e -> e.contains(": cancelled: cancelled after ")));
  }

  /**
   * The defect that waits for -ENOMSG in the stop-copy loop: the observer hears 3 reads of 0 that
   * do not end the section, and the migration fails after them.
   */
  @Test
  void waitingForEnomsg_threeEndsOfStreamThatEndNothing() {
    Log log = new Log();
    MigrationReport r =
        run(
            vm(),
            OrchestratorOptions.defaults(),
            hooks(log, Set.of(ProtocolDefect.WAIT_FOR_ENOMSG_IN_STOP_COPY)));
    assertEquals(MigrationReport.Outcome.FAILED, r.outcome());
    assertEquals(
        List.of("eos dev0 false", "eos dev0 false", "eos dev0 false"), log.starting("eos"));
    assertEquals("dev0 stop-copy read: still no -ENOMSG after 3 reads of 0", r.detail());
  }

  /**
   * Multifd: the observer hears each stop-copy packet once, indices 0.. in order, the config packet
   * last (the data packets are the stop-copy reads: device bytes / 64 rounded up, less the pre-copy
   * part, so at least one; plus the config).
   */
  @Test
  void multifd_everyPacketOnceInIndexOrder() {
    Log log = new Log();
    MigrationReport r =
        run(vm(), MultifdTransferTest.multifd(MultifdTransfer.of(2)), hooks(log, Set.of()));
    assertEquals(MigrationReport.Outcome.COMPLETED, r.outcome());
    List<String> packets = log.starting("packet");
    assertTrue(packets.size() >= 2, packets.toString());
    for (int i = 0; i < packets.size(); i++) {
      assertEquals("packet " + i + " dev0", packets.get(i));
    }
    assertArrayEquals(log.read.toByteArray(), log.written.toByteArray());
  }

  /** A chunk fault: the observer hears the loss or the swap once, and the log names it. */
  @Test
  void chunkFaults_areHeardOnce() {
    for (ChunkFault.Kind k : ChunkFault.Kind.values()) {
      Log log = new Log();
      MigrationReport r =
          run(
              vm(),
              OrchestratorOptions.defaults(),
              new ProtocolHooks(log, Set.of(), Optional.of(new ChunkFault(k, 1))));
      String heard = k == ChunkFault.Kind.LOSS ? "lost dev0" : "reordered dev0";
      String logged =
          k == ChunkFault.Kind.LOSS
              ? "dev0: a chunk is lost on the way"
              : "dev0: two chunks swap places on the way";
      assertEquals(List.of(heard), log.starting(heard.substring(0, 4)), k.name());
      assertEquals(
          1, r.events().stream().filter(e -> e.endsWith(logged)).count(), r.events().toString());
    }
  }
}
