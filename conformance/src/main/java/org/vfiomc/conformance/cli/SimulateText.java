package org.vfiomc.conformance.cli;

import java.io.PrintWriter;
import java.util.Locale;
import java.util.stream.Collectors;
import org.vfiomc.conformance.ledger.Violation;
import org.vfiomc.conformance.orchestrator.MigrationReport;
import org.vfiomc.conformance.orchestrator.ProtocolDefect;
import org.vfiomc.conformance.scenario.VfRunReport;

/** {@code simulate}'s text report, derived from a {@link SimulateResult} alone. */
final class SimulateText {
  /** Violations listed before "... N more". */
  static final int SHOWN_VIOLATIONS = 10;

  private SimulateText() {}

  /** Writes the report of {@code r} to {@code out}. */
  static void write(SimulateResult r, PrintWriter out) {
    if (r instanceof SimulateResult.Vf vf) {
      vf(vf, out);
    } else {
      synthetic((SimulateResult.Synthetic) r, out);
    }
  }

  private static void vf(SimulateResult.Vf r, PrintWriter out) {
    SimulateOptions o = r.options();
    VfRunReport run = r.run();
    VfRunReport.Ledger l = run.ledger();
    MigrationReport m = r.migration();
    out.println(
        o.header("one 82599 VF")
            + ", "
            + o.ring()
            + "-entry Rx ring, "
            + o.ramMib()
            + " MiB guest RAM, a frame every "
            + o.intervalMicros()
            + " us");
    out.println(
        "strategy "
            + o.strategyList()
            + (r.strategy().correct()
                ? " (specs/RxDma/RxDma.tla: correct)"
                : " (specs/RxDma/RxDma.tla: broken, loss or corruption expected)"));
    out.printf(
        Locale.ROOT,
        "packets sent %d, delivered %d, droppedByDevice %d, lostOnWire %d, droppedByDriver %d,"
            + " lostAfterAcceptance %d, corrupted %d, duplicated %d%n",
        l.sent(),
        l.delivered(),
        l.droppedByDevice(),
        l.lostOnWire(),
        l.droppedByDriver(),
        l.lostAfterAcceptance(),
        l.corrupted(),
        l.duplicated());
    out.println(
        "(droppedByDevice, lostOnWire and droppedByDriver are what hardware does too;"
            + " lostAfterAcceptance, corrupted and duplicated are always a bug)");
    if (run.rxStalled()) {
      out.println(
          "Rx stalled: frames sat in the ring with no interrupt to take them (a lost or never"
              + " re-armed interrupt); they count as lostAfterAcceptance");
    }
    out.println(o.transport());
    migration(m, out);
    out.printf(
        Locale.ROOT,
        "vCPU downtime %.3f ms simulated = %d SET arcs x %.3f ms + %.3f ms final copy at"
            + " %.1f Gbit/s%n",
        m.downtimeNanos() / 1e6,
        run.downtimeArcs(),
        r.orchestrator().arcLatencyNanos() / 1e6,
        Math.max(0, m.downtimeNanos() - r.arcNanos()) / 1e6,
        r.orchestrator().bandwidthBytesPerSecond() * 8 / 1e9);
    out.printf(
        Locale.ROOT,
        "service downtime %.3f ms simulated (serviceDowntimeMicros %d: longest gap between frames"
            + " reaching the guest stack; includes the ring restore and the switch's relearn)%n",
        run.serviceDowntimeNanos() / 1e6,
        run.serviceDowntimeNanos() / 1000);
    out.printf(
        Locale.ROOT,
        "network: announce %d us after the destination runs, switch relearns %d us later;"
            + " announces %d%n",
        o.network().announceDelayNanos() / 1000,
        o.network().relearnNanos() / 1000,
        run.announces());
    if (o.badFrames().ratio() > 0 || o.badFrames().storeBadPackets()) {
      out.printf(
          Locale.ROOT,
          "bad frames: %s of the frames arrive with a CRC error; the PFs %s (FCTRL.SBP %s)%n",
          o.badFrames().ratio(),
          o.badFrames().storeBadPackets()
              ? "store them, the driver drops them (droppedByDriver)"
              : "discard them at the MAC (droppedByDevice)",
          o.badFrames().storeBadPackets() ? "on" : "off");
    }
    out.println("dummy writes " + run.dummyWrites() + ", arcs " + m.arcs());
    int shown = 0;
    for (Violation v : run.violations()) {
      if (shown++ == SHOWN_VIOLATIONS) {
        out.println("... " + (run.violations().size() - SHOWN_VIOLATIONS) + " more violations");
        break;
      }
      out.println("violation: " + v);
    }
    o.netFault().ifPresent(f -> out.println("net fault " + f.kind() + " at chunk " + f.chunk()));
    if (!o.defects().isEmpty()) {
      out.println(
          "protocol defects "
              + o.defects().stream()
                  .map(ProtocolDefect::specName)
                  .collect(Collectors.joining(",")));
    }
    out.println(r.clean() ? "verdict: CLEAN" : "verdict: NOT CLEAN");
    r.recordedStates()
        .ifPresent(
            n ->
                out.println(
                    "recorded "
                        + n
                        + " states of VfioMigration to "
                        + o.recordFile().map(Object::toString).orElse("")));
  }

  private static void synthetic(SimulateResult.Synthetic r, PrintWriter out) {
    SimulateOptions o = r.options();
    MigrationReport m = r.migration();
    out.println(
        o.header(r.devices() + " synthetic device(s)")
            + " (synthetic devices carry P2P writes, not packets)");
    o.strategies().forEach((k, v) -> out.println("strategy " + k + "=" + v));
    out.println(o.transport());
    migration(m, out);
    out.printf(
        Locale.ROOT,
        "downtime %.3f ms simulated%s; total %.3f ms simulated%n",
        m.downtimeNanos() / 1e6,
        r.completed() ? "" : " (guest paused until recovery)",
        m.totalNanos() / 1e6);
    out.println(
        "arcs "
            + m.arcs()
            + ", P2P ordering violations "
            + m.p2pOrderingViolations()
            + ", devices reset "
            + m.devicesReset());
    out.println(
        "synthetic P2P writes: issued "
            + r.p2p().issued()
            + ", received "
            + r.p2p().received()
            + ", in flight "
            + r.p2p().inFlight()
            + ", dropped at a stopped device "
            + r.p2p().dropped()
            + (m.devicesReset() > 0
                ? " (not comparable: a device reset cleared its counters)"
                : r.p2p().conserved() ? " (all accounted for)" : " (NOT accounted for)"));
    if (r.completed()) {
      out.println("guest pages differing after migration " + r.mismatchedPages());
    }
  }

  /** The migration's outcome, pre-copy rounds and bytes moved, a line each. */
  private static void migration(MigrationReport m, PrintWriter out) {
    out.println("outcome " + m.outcome() + (m.detail().isEmpty() ? "" : ": " + m.detail()));
    out.println("pre-copy rounds " + m.precopyRounds());
    out.println(
        "switchover decision: pending "
            + m.pendingBytes()
            + " bytes, threshold "
            + m.thresholdBytes()
            + " bytes (measured bandwidth x downtime limit)");
    out.printf(
        Locale.ROOT,
        "bytes moved %d (guest pages %d = %d bytes, device data %d bytes)%n",
        m.bytesMoved(),
        m.pagesCopied(),
        m.memoryBytes(),
        m.deviceBytes());
  }
}
