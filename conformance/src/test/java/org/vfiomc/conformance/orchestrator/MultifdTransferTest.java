package org.vfiomc.conformance.orchestrator;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.vfiomc.conformance.scenario.SyntheticVm;
import org.vfiomc.conformance.vfio.MigrationFeatures;
import org.vfiomc.conformance.vfio.MigrationState;

/**
 * Issue 20: the stop-copy state over multifd channels as QEMU sends it ({@code
 * hw/vfio/migration-multifd.c}): indexed packets, a destination reorder buffer that writes them in
 * index order, the config packet last. Per fault kind: what QEMU's destination makes of it, and a
 * broken reorder buffer ({@link MultifdLoadBuffers.Flaw}) the test catches.
 */
final class MultifdTransferTest {
  /** Bytes per device read, so that the device's stop-copy state takes several packets. */
  static final int CHUNK = 64;

  /** A run's report, arcs, and the device bytes as read from the source and written. */
  // the byte arrays are compared with assertArrayEquals, never through the record's equality
  @SuppressWarnings("ArrayRecordComponent")
  record Run(MigrationReport report, Map<String, List<String>> arcs, byte[] read, byte[] written) {}

  static Run run(OrchestratorOptions options, Set<MultifdLoadBuffers.Flaw> flaws) {
    SyntheticVm vm = MigrationOrchestratorTest.vm(1, MigrationFeatures.ALL, 20);
    Map<String, List<String>> arcs = QemuTransportTest.watch(vm);
    ProtocolObserverCallsTest.Log observer = new ProtocolObserverCallsTest.Log();
    MigrationReport r =
        new MigrationOrchestrator(
                vm.pairs(),
                vm.memory(),
                vm.workload(),
                vm.clock(),
                options,
                new ProtocolHooks(observer, Set.of()),
                flaws)
            .migrate();
    return new Run(r, arcs, observer.read.toByteArray(), observer.written.toByteArray());
  }

  static OrchestratorOptions multifd(MultifdTransfer m) {
    return OrchestratorOptions.defaults().withReadChunk(CHUNK).withMultifd(m);
  }

  private static OrchestratorOptions fault(MultifdFault.Kind kind, int packet) {
    return multifd(MultifdTransfer.of(2).withFault(new MultifdFault(kind, packet)));
  }

  /** The failed load's arcs: the destination exits before RESUMING → STOP, the source resumes. */
  private static void assertLoadFailed(Run r, String why) {
    assertEquals(MigrationReport.Outcome.FAILED, r.report().outcome(), r.report().toString());
    assertTrue(r.report().detail().startsWith("dev0 destination failed the load ("), why);
    assertTrue(r.report().detail().contains(why), r.report().detail());
    List<String> dst = new ArrayList<>(QemuTransportTest.DST_SETUP);
    dst.add("reset");
    assertEquals(dst, r.arcs().get("dst"));
    assertEquals(QemuTransportTest.SRC_RESUMED, r.arcs().get("src"));
    assertEquals(Map.of("dev0", MigrationState.RUNNING), r.report().sourceStates());
  }

  /**
   * Without a fault, multifd changes no arc and no byte the device sees: the same arcs as over the
   * main channel, and the bytes written equal the bytes read, in order.
   */
  @Test
  void soundChannels_sameArcsAsTheMainChannel_bytesInOrder() {
    Run main = run(OrchestratorOptions.defaults().withReadChunk(CHUNK), Set.of());
    Run r = run(multifd(MultifdTransfer.of(2)), Set.of());
    assertEquals(MigrationReport.Outcome.COMPLETED, r.report().outcome(), r.report().toString());
    assertEquals(main.arcs(), r.arcs());
    assertEquals(main.report().deviceBytes(), r.report().deviceBytes());
    assertArrayEquals(r.read(), r.written());
    assertTrue(r.read().length > 0);
  }

  /**
   * Packet 0 arrives after packet 1 (two channels): the reorder buffer holds packet 1 until 0 is
   * there and the device gets the bytes in order; the migration completes. A buffer that writes in
   * arrival order hands the device packet 1's bytes before packet 0's.
   */
  @Test
  void reorder_absorbedByTheReorderBuffer_brokenBufferWritesOutOfOrder() {
    Run r = run(fault(MultifdFault.Kind.REORDER, 0), Set.of());
    assertEquals(MigrationReport.Outcome.COMPLETED, r.report().outcome(), r.report().toString());
    assertTrue(r.report().events().stream().anyMatch(e -> e.contains("arrives after packet 1")));
    assertArrayEquals(r.read(), r.written());
    assertEquals(List.of(), r.arcs().get("dst").stream().filter("reset"::equals).toList());

    Run broken =
        run(fault(MultifdFault.Kind.REORDER, 0), Set.of(MultifdLoadBuffers.Flaw.ARRIVAL_ORDER));
    assertEquals(r.read().length, broken.written().length);
    assertFalse(java.util.Arrays.equals(broken.read(), broken.written()));
  }

  /**
   * Packet 1 arrives twice: {@code vfio_load_state_buffer_insert} finds buffer 1 filled and the
   * load fails; the destination exits before RESUMING → STOP and the source VM runs on. A buffer
   * that stores duplicates lets the migration complete.
   */
  @Test
  void duplicate_failsTheLoad_brokenBufferAcceptsIt() {
    assertLoadFailed(
        run(fault(MultifdFault.Kind.DUPLICATE, 1), Set.of()), "state buffer 1 already filled");
    Run broken =
        run(
            fault(MultifdFault.Kind.DUPLICATE, 1),
            Set.of(MultifdLoadBuffers.Flaw.ACCEPT_DUPLICATE));
    assertEquals(MigrationReport.Outcome.COMPLETED, broken.report().outcome());
  }

  /**
   * The channel of packet 1 closes halfway through it: the receive side reads the channel's end
   * inside a packet ({@code 4 + 12 + 64 = 80} frame bytes, half of them read) and the load fails. A
   * destination that takes the end for the end of the state completes the migration without packet
   * 1: the device got fewer bytes than were read.
   */
  @Test
  void channelBreak_failsTheLoad_brokenReceiverMissesIt() {
    assertLoadFailed(
        run(fault(MultifdFault.Kind.BREAK, 1), Set.of()),
        "multifd channel 1 closed inside a packet (40 bytes of it read)");
    Run broken =
        run(fault(MultifdFault.Kind.BREAK, 1), Set.of(MultifdLoadBuffers.Flaw.IGNORE_CHANNEL_END));
    assertNotEquals(MigrationReport.Outcome.FAILED, broken.report().outcome());
    assertTrue(broken.written().length < broken.read().length);
  }

  /**
   * Channel 0 stalls from packet 0 on: packets 1, 3, ... queue while the load thread waits for 0.
   * Unbounded (QEMU's default) that is absorbed; with a bound of two packets ({@value #CHUNK} x 2 =
   * 128 bytes, enough for the sound run, where at most one packet waits) the queue passes it and
   * the load fails. A buffer that ignores the bound completes.
   */
  @Test
  void stall_absorbedUnbounded_failsPastTheBound_brokenBufferIgnoresIt() {
    Run unbounded = run(fault(MultifdFault.Kind.STALL, 0), Set.of());
    assertEquals(MigrationReport.Outcome.COMPLETED, unbounded.report().outcome());
    assertArrayEquals(unbounded.read(), unbounded.written());

    MultifdTransfer bounded = MultifdTransfer.of(2).withMaxQueuedBufferBytes(2 * CHUNK);
    Run sound = run(multifd(bounded), Set.of());
    assertEquals(MigrationReport.Outcome.COMPLETED, sound.report().outcome());

    MultifdTransfer stalled = bounded.withFault(new MultifdFault(MultifdFault.Kind.STALL, 0));
    assertLoadFailed(run(multifd(stalled), Set.of()), "would exceed the size max of 128");
    Run broken = run(multifd(stalled), Set.of(MultifdLoadBuffers.Flaw.IGNORE_BOUND));
    assertEquals(MigrationReport.Outcome.COMPLETED, broken.report().outcome());
  }

  /** A packet of another version: {@code vfio_multifd_load_state_buffer} fails the load. */
  @Test
  void unknownVersion_failsTheLoad() {
    assertLoadFailed(
        run(fault(MultifdFault.Kind.VERSION, 0), Set.of()), "packet has unknown version 1");
  }

  /** One channel is one TCP stream: it cannot reorder or stall one packet behind another. */
  @Test
  void reorderOnOneChannel_isRefused() {
    assertThrows(
        IllegalArgumentException.class,
        () -> MultifdTransfer.of(1).withFault(new MultifdFault(MultifdFault.Kind.REORDER, 0)));
  }
}
