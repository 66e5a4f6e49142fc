package org.vfiomc.conformance.orchestrator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.vfiomc.conformance.scenario.SyntheticVm;
import org.vfiomc.conformance.vfio.ArcFault;
import org.vfiomc.conformance.vfio.MigrationFeatures;
import org.vfiomc.conformance.vfio.MigrationState;

/**
 * The orchestrator's value types at their boundaries: each argument check refuses the first value
 * outside its range and takes the last inside it (PIT survivors: no test exercised a refusal, so a
 * removed check or a moved boundary went unseen), the link's transfer-time arithmetic, and the
 * small tables ({@link HostModel}, {@link DmaTracking}, {@link ProtocolDefect}, {@link P2pSafety}).
 */
final class OrchestratorValuesTest {
  private static OrchestratorOptions options(
      int rounds, long bandwidth, long downtime, int chunk, long latency) {
    OrchestratorOptions d = OrchestratorOptions.defaults();
    return new OrchestratorOptions(
        d.ordering(),
        rounds,
        bandwidth,
        downtime,
        chunk,
        latency,
        d.fault(),
        d.cancelAfterArc(),
        d.switchoverAck(),
        d.host(),
        d.streamFault(),
        d.multifd(),
        d.enableMigration());
  }

  @Test
  void orchestratorOptions_refuseOutOfRangeSettings_acceptTheirBoundaries() {
    assertThrows(IllegalArgumentException.class, () -> options(0, 1, 0, 1, 0));
    assertThrows(IllegalArgumentException.class, () -> options(1, 0, 0, 1, 0));
    assertThrows(IllegalArgumentException.class, () -> options(1, 1, -1, 1, 0));
    assertThrows(IllegalArgumentException.class, () -> options(1, 1, 0, 0, 0));
    assertThrows(IllegalArgumentException.class, () -> options(1, 1, 0, 1, -1));
    OrchestratorOptions o = options(1, 1, 0, 1, 0);
    assertEquals(1, o.maxPrecopyRounds());
    assertEquals(1, o.bandwidthBytesPerSecond());
    assertEquals(0, o.downtimeLimitNanos());
    assertEquals(1, o.readChunk());
    assertEquals(0, o.arcLatencyNanos());
  }

  /**
   * Defaults as the Javadoc gives them (QEMU's): 30 rounds before management cancels, 10 Gbit/s,
   * 300 ms downtime limit, 1 MiB reads, 50 µs per arc; each {@code with} changes its field only.
   */
  @Test
  void orchestratorOptions_defaultsAndWithers() {
    OrchestratorOptions d = OrchestratorOptions.defaults();
    assertEquals(P2pOrdering.PREPARE_THEN_MAIN, d.ordering());
    assertEquals(30, d.maxPrecopyRounds());
    assertEquals(1_250_000_000L, d.bandwidthBytesPerSecond());
    assertEquals(300_000_000L, d.downtimeLimitNanos());
    assertEquals(1 << 20, d.readChunk());
    assertEquals(50_000L, d.arcLatencyNanos());
    assertFalse(d.switchoverAck());
    assertEquals(HostModel.QEMU_10, d.host());
    assertEquals(EnableMigration.AUTO, d.enableMigration());
    OrchestratorOptions w =
        d.withReadChunk(7)
            .withSwitchoverAck(true)
            .withOrdering(P2pOrdering.NAIVE)
            .withFault(new FaultPlan(3, ArcFault.FAIL_STAY))
            .withCancelAfterArc(4)
            .withDowntimeLimitNanos(5)
            .withMaxPrecopyRounds(6)
            .withHost(HostModel.RFC_2015)
            .withStreamFault(new StreamFault(StreamFault.Kind.BREAK, 2))
            .withMultifd(MultifdTransfer.of(3))
            .withEnableMigration(EnableMigration.ON);
    assertEquals(
        new OrchestratorOptions(
            P2pOrdering.NAIVE,
            6,
            1_250_000_000L,
            5,
            7,
            50_000L,
            Optional.of(new FaultPlan(3, ArcFault.FAIL_STAY)),
            Optional.of(4),
            true,
            HostModel.RFC_2015,
            Optional.of(new StreamFault(StreamFault.Kind.BREAK, 2)),
            Optional.of(MultifdTransfer.of(3)),
            EnableMigration.ON),
        w);
  }

  /**
   * Time on the link: {@code ceil(bytes * 1e9 / bandwidth)} ns. At 1.25e9 B/s a byte takes 0.8 ns
   * (1 ns rounded up), 5 bytes exactly 4 ns; a product past 2^63 saturates at Long.MAX_VALUE / 4.
   */
  @Test
  void transferNanos_roundsUp_andSaturates() {
    OrchestratorOptions d = OrchestratorOptions.defaults();
    assertEquals(0, d.transferNanos(0));
    assertEquals(1, d.transferNanos(1));
    assertEquals(4, d.transferNanos(5));
    assertEquals(5, d.transferNanos(6)); // 4.8 -> 5
    assertEquals(800_000, d.transferNanos(1_000_000));
    // 9_223_372_036 * 1e9 = 9.223372036e18 < 2^63: exact, 7_378_697_628.8 -> ...629
    assertEquals(7_378_697_629L, d.transferNanos(9_223_372_036L));
    // one byte more: the product passes 2^63 (the low word goes negative)
    assertEquals(Long.MAX_VALUE / 4, d.transferNanos(9_223_372_037L));
    // far beyond: the high word is not 0
    assertEquals(Long.MAX_VALUE / 4, d.transferNanos(1L << 62));
    // 3 B/s: a byte takes 333,333,333.3 ns (rounded up), three bytes exactly a second
    assertEquals(333_333_334L, options(1, 3, 0, 1, 0).transferNanos(1));
    assertEquals(1_000_000_000L, options(1, 3, 0, 1, 0).transferNanos(3));
  }

  @Test
  void multifdTransfer_channelsBoundAndFaults() {
    assertThrows(IllegalArgumentException.class, () -> MultifdTransfer.of(0));
    assertEquals(1, MultifdTransfer.of(1).channels());
    assertEquals(255, MultifdTransfer.of(MultifdTransfer.MAX_CHANNELS).channels());
    assertThrows(IllegalArgumentException.class, () -> MultifdTransfer.of(256));
    assertEquals(2, MultifdTransfer.DEFAULT_CHANNELS);
    assertEquals(Long.MAX_VALUE, MultifdTransfer.of(2).maxQueuedBufferBytes());
    assertThrows(
        IllegalArgumentException.class, () -> MultifdTransfer.of(2).withMaxQueuedBufferBytes(0));
    assertEquals(1, MultifdTransfer.of(2).withMaxQueuedBufferBytes(1).maxQueuedBufferBytes());
    // reordering and stalls need packets on two channels; one channel is one ordered TCP stream
    for (MultifdFault.Kind k : MultifdFault.Kind.values()) {
      MultifdFault f = new MultifdFault(k, 0);
      boolean two = k == MultifdFault.Kind.REORDER || k == MultifdFault.Kind.STALL;
      assertEquals(two, f.needsTwoChannels(), k.name());
      assertEquals(Optional.of(f), MultifdTransfer.of(2).withFault(f).fault());
      if (two) {
        assertThrows(IllegalArgumentException.class, () -> MultifdTransfer.of(1).withFault(f));
      } else {
        assertEquals(Optional.of(f), MultifdTransfer.of(1).withFault(f).fault());
      }
    }
    assertThrows(
        IllegalArgumentException.class, () -> new MultifdFault(MultifdFault.Kind.BREAK, -1));
  }

  @Test
  void faultPositions_countFromTheirFirstValue() {
    assertThrows(IllegalArgumentException.class, () -> new FaultPlan(-1, ArcFault.FAIL_STAY));
    assertEquals(0, new FaultPlan(0, ArcFault.FAIL_STAY).arcIndex());
    assertThrows(IllegalArgumentException.class, () -> new StreamFault(StreamFault.Kind.BREAK, 0));
    assertEquals(1, new StreamFault(StreamFault.Kind.UNKNOWN_TAG, 1).section());
    assertThrows(IllegalArgumentException.class, () -> new ChunkFault(ChunkFault.Kind.LOSS, 0));
    assertEquals(1, new ChunkFault(ChunkFault.Kind.REORDER, 1).chunk());
  }

  @Test
  void manualClock_onlyMovesForward() {
    ManualClock c = new ManualClock();
    assertEquals(0, c.nanos());
    c.advance(0);
    c.advance(5);
    c.advance(7);
    assertEquals(12, c.nanos());
    assertThrows(IllegalArgumentException.class, () -> c.advance(-1));
    assertEquals(12, c.nanos());
    assertThrows(ArithmeticException.class, () -> c.advance(Long.MAX_VALUE));
  }

  /**
   * A chunk fault is the spec's un-framed single-device wire: refused with two devices, and with
   * multifd (which has QEMU's framing); an empty migration is refused by QEMU and by management.
   */
  @Test
  void orchestratorAndManagement_refuseImpossibleMigrations() {
    SyntheticVm one = MigrationOrchestratorTest.vm(1, MigrationFeatures.ALL, 0);
    SyntheticVm two = MigrationOrchestratorTest.vm(2, MigrationFeatures.ALL, 0);
    ProtocolHooks chunk =
        new ProtocolHooks(
            ProtocolObserver.NONE, Set.of(), Optional.of(new ChunkFault(ChunkFault.Kind.LOSS, 1)));
    OrchestratorOptions d = OrchestratorOptions.defaults();
    assertThrows(
        IllegalArgumentException.class,
        () ->
            new MigrationOrchestrator(
                two.pairs(), two.memory(), two.workload(), two.clock(), d, chunk));
    assertThrows(
        IllegalArgumentException.class,
        () ->
            new MigrationOrchestrator(
                one.pairs(),
                one.memory(),
                one.workload(),
                one.clock(),
                d.withMultifd(MultifdTransfer.of(2)),
                chunk));
    // the same single device without multifd is a valid chunk-fault run
    MigrationReport r =
        new MigrationOrchestrator(one.pairs(), one.memory(), one.workload(), one.clock(), d, chunk)
            .migrate();
    assertTrue(r.events().stream().anyMatch(e -> e.contains("a chunk is lost on the way")));
    assertThrows(
        IllegalArgumentException.class,
        () -> new MigrationOrchestrator(List.of(), one.memory(), one.workload(), one.clock(), d));
    assertThrows(
        IllegalArgumentException.class,
        () -> new MigrationManagement(List.of(), one.memory(), one.workload(), one.clock(), d));
  }

  /**
   * Which host blocks what: QEMU 10.x blocks a device with neither a device log nor the IOMMU's
   * under {@code enable-migration=auto} only; the 2015 RFC host blocks nothing (which tracker each
   * host takes: {@code QemuDirtyTrackingTest.hostModels_pickTheirTracker}).
   */
  @Test
  void hostModels_blockersAndNames() {
    for (DmaDirtySupport s : DmaDirtySupport.values()) {
      for (EnableMigration e : EnableMigration.values()) {
        assertEquals(Optional.empty(), HostModel.RFC_2015.migrationBlocker(s, e));
        boolean blocked = s == DmaDirtySupport.NONE && e == EnableMigration.AUTO;
        assertEquals(
            blocked ? Optional.of(HostModel.NO_DIRTY_TRACKING_BLOCKER) : Optional.empty(),
            HostModel.QEMU_10.migrationBlocker(s, e),
            s + " " + e);
      }
    }
    assertEquals(Optional.of(HostModel.QEMU_10), HostModel.ofCli("qemu-10"));
    assertEquals(Optional.of(HostModel.RFC_2015), HostModel.ofCli("rfc-2015"));
    assertEquals(Optional.empty(), HostModel.ofCli("QEMU 10.x"));
    assertEquals("QEMU 10.x", HostModel.QEMU_10.title());
    assertEquals("2015 RFC host", HostModel.RFC_2015.title());
    assertEquals("rfc-2015", HostModel.RFC_2015.cli());
    assertTrue(DmaTracking.DEVICE_DMA_LOGGING.readsDmaLog());
    assertTrue(DmaTracking.IOMMU_DIRTY_TRACKING.readsDmaLog());
    assertFalse(DmaTracking.ALL_MAPPED_DIRTY.readsDmaLog());
    assertFalse(DmaTracking.CPU_ONLY.readsDmaLog());
    assertEquals("device DMA logging", DmaTracking.DEVICE_DMA_LOGGING.toString());
  }

  @Test
  void protocolDefects_byTheSpecsNames() {
    for (ProtocolDefect d : ProtocolDefect.values()) {
      assertEquals(Optional.of(d), ProtocolDefect.bySpecName(d.specName()));
    }
    assertEquals("NoResumeOnFailure", ProtocolDefect.NO_RESUME_ON_FAILURE.specName());
    // a device-side defect of VfioMigration's DefectNames is not the orchestrator's
    assertEquals(Optional.empty(), ProtocolDefect.bySpecName("AcceptTruncated"));
    ProtocolHooks h =
        new ProtocolHooks(ProtocolObserver.NONE, Set.of(ProtocolDefect.RECOVER_BY_RESET));
    assertTrue(h.has(ProtocolDefect.RECOVER_BY_RESET));
    assertFalse(h.has(ProtocolDefect.NO_RESUME_ON_FAILURE));
    assertFalse(ProtocolHooks.NONE.has(ProtocolDefect.RECOVER_BY_RESET));
  }

  /** An initiator (RUNNING, PRE_COPY) beside a stopped device (STOP, STOP_COPY, RESUMING). */
  @Test
  void p2pSafety_initiatorBesideAStoppedDevice() {
    MigrationState[] initiators = {MigrationState.RUNNING, MigrationState.PRE_COPY};
    MigrationState[] stopped = {
      MigrationState.STOP, MigrationState.STOP_COPY, MigrationState.RESUMING
    };
    for (MigrationState i : initiators) {
      for (MigrationState s : stopped) {
        assertTrue(P2pSafety.violated(List.of(i, s)), i + " " + s);
        assertTrue(P2pSafety.violated(List.of(s, i)), s + " " + i);
      }
      assertFalse(P2pSafety.violated(List.of(i, MigrationState.RUNNING_P2P)));
      assertFalse(P2pSafety.violated(List.of(i, i)));
    }
    for (MigrationState s : stopped) {
      assertFalse(P2pSafety.violated(List.of(s, MigrationState.PRE_COPY_P2P)));
    }
    assertFalse(P2pSafety.violated(List.of()));
  }

  @Test
  void report_bytesMoved_isMemoryPlusDevice() {
    MigrationReport r =
        new MigrationReport(
            MigrationReport.Outcome.COMPLETED,
            "",
            1,
            2,
            8192,
            300,
            0,
            0,
            0,
            0,
            0,
            0,
            0,
            Map.of(),
            Map.of(),
            List.of());
    assertEquals(8492, r.bytesMoved());
  }
}
