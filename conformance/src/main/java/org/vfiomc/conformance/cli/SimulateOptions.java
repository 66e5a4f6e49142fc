package org.vfiomc.conformance.cli;

import static java.util.Objects.requireNonNull;

import com.google.common.collect.ImmutableMap;
import com.google.common.collect.ImmutableSet;
import java.nio.file.Path;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.stream.Collectors;
import org.vfiomc.conformance.orchestrator.ChunkFault;
import org.vfiomc.conformance.orchestrator.HostModel;
import org.vfiomc.conformance.orchestrator.MultifdTransfer;
import org.vfiomc.conformance.orchestrator.P2pOrdering;
import org.vfiomc.conformance.orchestrator.ProtocolDefect;
import org.vfiomc.conformance.orchestrator.StreamFault;
import org.vfiomc.conformance.scenario.BadFrames;
import org.vfiomc.conformance.scenario.EthernetSwitch;
import org.vfiomc.conformance.scenario.RxStrategy;
import org.vfiomc.conformance.vfio.ArcFault;
import org.vfiomc.conformance.vfio.MigrationFeatures;

/**
 * {@code simulate}'s options once parsed and checked ({@link SimulateCommand} builds it; every
 * report is derived from it and the run's result, never from the raw command line).
 *
 * @param strategies the chosen strategies by key, completed with the defaults of the run's kind
 *     (the four RxDma keys for the VF; {@code p2p-ordering} alone for {@code --synthetic})
 * @param host the host model ({@code --host}); a VF run's dirty tracking belongs to it
 * @param packets frames the wire offers (VF)
 * @param intervalMicros microseconds between two frames (VF)
 * @param ring Rx descriptors (VF)
 * @param ramMib guest RAM in MiB (VF)
 * @param network the announce delay and the switch's relearn time (VF)
 * @param badFrames the fraction of frames broken on the wire and the PFs' FCTRL.SBP (VF)
 * @param synthetic the number of synthetic P2P devices, or empty for the VF
 * @param pages guest pages of a synthetic run
 * @param dirtyPagesPerMs guest page writes per ms of a synthetic run
 * @param seed workload seed
 * @param features device migration features
 * @param faultAtArc the arc to fail (0-based), if any
 * @param fault how that arc fails
 * @param cancelAfterArc cancel after this many arcs, if any
 * @param defects injected orchestrator bugs
 * @param netFault a lost or reordered chunk, if any
 * @param netFaultText the {@code --net-fault} text as given (for messages and the record's meta)
 * @param streamFault a fault of QEMU's main migration channel ({@code --stream-fault}), if any
 * @param multifd the multifd device-state transfer ({@code --multifd-channels}, {@code
 *     --multifd-max-queued}, {@code --multifd-fault}), if on
 * @param jsonFile where to write the JSON report, if anywhere
 * @param recordFile where to write the VfioMigration run, if anywhere
 */
record SimulateOptions(
    ImmutableMap<String, String> strategies,
    HostModel host,
    long packets,
    long intervalMicros,
    int ring,
    int ramMib,
    EthernetSwitch.Timing network,
    BadFrames badFrames,
    OptionalInt synthetic,
    int pages,
    int dirtyPagesPerMs,
    long seed,
    MigrationFeatures features,
    OptionalInt faultAtArc,
    ArcFault fault,
    OptionalInt cancelAfterArc,
    ImmutableSet<ProtocolDefect> defects,
    Optional<ChunkFault> netFault,
    String netFaultText,
    Optional<StreamFault> streamFault,
    Optional<MultifdTransfer> multifd,
    Optional<Path> jsonFile,
    Optional<Path> recordFile) {
  SimulateOptions {
    requireNonNull(strategies, "strategies");
    requireNonNull(host, "host");
    requireNonNull(network, "network");
    requireNonNull(badFrames, "badFrames");
    requireNonNull(features, "features");
    requireNonNull(fault, "fault");
    requireNonNull(defects, "defects");
    requireNonNull(netFault, "netFault");
    requireNonNull(netFaultText, "netFaultText");
    requireNonNull(streamFault, "streamFault");
    requireNonNull(multifd, "multifd");
    requireNonNull(jsonFile, "jsonFile");
    requireNonNull(recordFile, "recordFile");
  }

  /** The chosen strategies as {@code key=value} words. */
  String strategyList() {
    return strategies.entrySet().stream()
        .map(e -> e.getKey() + "=" + e.getValue())
        .collect(Collectors.joining(" "));
  }

  /** The P2P stop ordering. */
  P2pOrdering ordering() {
    return "naive".equals(strategies.get("p2p-ordering"))
        ? P2pOrdering.NAIVE
        : P2pOrdering.PREPARE_THEN_MAIN;
  }

  /**
   * The VF's RxDma strategy (VF runs only: every RxDma key is present, with a value {@code
   * SimulateCommand} took from the enums' {@code cli()} names).
   */
  RxStrategy rxStrategy() {
    return new RxStrategy(
        byCli(RxStrategy.Tracking.values(), RxStrategy.Tracking::cli, "dirty-tracking"),
        byCli(RxStrategy.RingRestore.values(), RxStrategy.RingRestore::cli, "ring-restore"),
        byCli(RxStrategy.StopMode.values(), RxStrategy.StopMode::cli, "stop-mode"),
        ordering());
  }

  private <E> E byCli(
      E[] values, java.util.function.Function<E, Optional<String>> cli, String key) {
    String chosen = strategies.get(key);
    for (E e : values) {
      if (cli.apply(e).filter(chosen::equals).isPresent()) {
        return e;
      }
    }
    throw new IllegalStateException(key + "=" + chosen + " is no simulated strategy");
  }

  /**
   * The transport line of the text report: how the device state travels and the fault on the way,
   * e.g. {@code transport: main channel, stop-copy over multifd (2 channels, no queue bound);
   * multifd fault REORDER@0}.
   */
  String transport() {
    StringBuilder b = new StringBuilder("transport: main channel");
    streamFault.ifPresent(
        f ->
            b.append(" (stream fault ")
                .append(f.kind())
                .append('@')
                .append(f.section())
                .append(')'));
    multifd.ifPresent(
        m -> {
          b.append(", stop-copy over multifd (").append(m.channels()).append(" channel");
          b.append(m.channels() == 1 ? "" : "s").append(", ");
          b.append(
              m.maxQueuedBufferBytes() == MultifdTransfer.UNBOUNDED
                  ? "no queue bound"
                  : "queue bound " + m.maxQueuedBufferBytes() + " bytes");
          b.append(')');
          m.fault()
              .ifPresent(
                  f ->
                      b.append("; multifd fault ").append(f.kind()).append('@').append(f.packet()));
        });
    return b.toString();
  }

  /** Guest RAM in bytes. */
  long ramBytes() {
    return (long) ramMib << 20;
  }

  /** The first line's start: {@code simulate: WHAT on HOST, features F, seed S}. */
  String header(String what) {
    return "simulate: "
        + what
        + " on "
        + host.title()
        + " (--host "
        + host.cli()
        + "), features "
        + String.join(",", Inputs.featureNames(features))
        + ", seed "
        + seed;
  }
}
