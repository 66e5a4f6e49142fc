package org.vfiomc.conformance.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.vfiomc.conformance.ledger.Violation;
import org.vfiomc.conformance.orchestrator.MigrationReport;
import org.vfiomc.conformance.orchestrator.MultifdTransfer;
import org.vfiomc.conformance.scenario.DeliverySeries;
import org.vfiomc.conformance.scenario.VfRunReport;

/**
 * {@code simulate --json}'s document, derived from a {@link SimulateResult} alone.
 *
 * <p>A VF run's document carries the ledger's classes as top-level integers ({@code sent}, {@code
 * delivered}, {@code droppedByDevice}, {@code lostOnWire}, {@code droppedByDriver}, {@code
 * lostAfterAcceptance}, {@code corrupted}, {@code duplicated}), {@code rxStalled}, {@code
 * serviceDowntimeMicros} and {@code outcome}, the wire's {@code badFrameRatio} and {@code pfRxAll}
 * ({@code --bad-frame-ratio}, {@code --pf-rx-all}), and keeps the fields older readers use ({@code
 * checker report}'s HTML page): {@code droppedAndCounted} (= droppedByDevice + lostOnWire, every
 * drop a device counted), {@code lost} (= lostAfterAcceptance), {@code serviceDowntimeNanos},
 * {@code clean} and {@code timeline}.
 */
final class SimulateJson {
  /** An orchestrator event line: {@code "<ns> ns: <what>"}. */
  private static final Pattern EVENT = Pattern.compile("(\\d+) ns: (.*)");

  private SimulateJson() {}

  /** The document of {@code r}: indented, one trailing newline. */
  static String write(SimulateResult r, long migrateAfterNanos) throws JsonProcessingException {
    Map<String, Object> j =
        r instanceof SimulateResult.Vf vf
            ? vf(vf, migrateAfterNanos)
            : synthetic((SimulateResult.Synthetic) r);
    return new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(j)
        + "\n";
  }

  private static Map<String, Object> vf(SimulateResult.Vf r, long migrateAfterNanos) {
    SimulateOptions o = r.options();
    VfRunReport run = r.run();
    VfRunReport.Ledger l = run.ledger();
    MigrationReport m = r.migration();
    Map<String, Object> j = new LinkedHashMap<>();
    j.put("device", "82599-vf");
    run(j, o);
    j.put("specCorrect", r.strategy().correct());
    j.put("ring", o.ring());
    j.put("ramBytes", o.ramBytes());
    j.put("intervalNanos", o.intervalMicros() * 1000);
    j.put("announceDelayNanos", o.network().announceDelayNanos());
    j.put("relearnNanos", o.network().relearnNanos());
    j.put("badFrameRatio", o.badFrames().ratio());
    j.put("pfRxAll", o.badFrames().storeBadPackets());
    j.put("sent", l.sent());
    j.put("delivered", l.delivered());
    j.put("droppedByDevice", l.droppedByDevice());
    j.put("lostOnWire", l.lostOnWire());
    j.put("droppedByDriver", l.droppedByDriver());
    j.put("lostAfterAcceptance", l.lostAfterAcceptance());
    j.put("corrupted", l.corrupted());
    j.put("duplicated", l.duplicated());
    j.put("rxStalled", run.rxStalled());
    j.put("serviceDowntimeMicros", run.serviceDowntimeNanos() / 1000);
    j.put("droppedAndCounted", l.droppedByDevice() + l.lostOnWire());
    j.put("lost", l.lostAfterAcceptance());
    migration(j, m);
    j.put("downtimeArcs", run.downtimeArcs());
    j.put("arcLatencyNanos", r.orchestrator().arcLatencyNanos());
    j.put("serviceDowntimeNanos", run.serviceDowntimeNanos());
    j.put("totalNanos", m.totalNanos());
    j.put("arcs", m.arcs());
    j.put("announces", run.announces());
    j.put("dummyWrites", run.dummyWrites());
    j.put("violations", run.violations().stream().map(Violation::toString).toList());
    j.put("clean", r.clean());
    j.put("events", m.events());
    j.put("timeline", timeline(run.series(), m.events(), migrateAfterNanos));
    return j;
  }

  private static Map<String, Object> synthetic(SimulateResult.Synthetic r) {
    MigrationReport m = r.migration();
    Map<String, Object> j = new LinkedHashMap<>();
    j.put("devices", "synthetic");
    j.put("deviceCount", r.devices());
    run(j, r.options());
    migration(j, m);
    j.put("totalNanos", m.totalNanos());
    j.put("arcs", m.arcs());
    j.put("p2pOrderingViolations", m.p2pOrderingViolations());
    j.put("devicesReset", m.devicesReset());
    Map<String, Object> w = new LinkedHashMap<>();
    w.put("issued", r.p2p().issued());
    w.put("received", r.p2p().received());
    w.put("inFlight", r.p2p().inFlight());
    w.put("dropped", r.p2p().dropped());
    w.put("conserved", r.p2p().conserved());
    j.put("p2pWrites", w);
    j.put("mismatchedPages", r.mismatchedPages());
    j.put("events", m.events());
    return j;
  }

  /** The run's features, seed and strategies. */
  private static void run(Map<String, Object> j, SimulateOptions o) {
    j.put("features", Inputs.featureNames(o.features()));
    j.put("seed", o.seed());
    j.put("host", o.host().cli());
    j.put("strategies", o.strategies());
    Map<String, Object> t = new LinkedHashMap<>();
    t.put("streamFault", o.streamFault().map(f -> f.kind() + "@" + f.section()).orElse(null));
    t.put(
        "multifd",
        o.multifd()
            .map(
                m -> {
                  Map<String, Object> mj = new LinkedHashMap<>();
                  mj.put("channels", m.channels());
                  mj.put(
                      "maxQueuedBufferBytes",
                      m.maxQueuedBufferBytes() == MultifdTransfer.UNBOUNDED
                          ? null
                          : m.maxQueuedBufferBytes());
                  mj.put("fault", m.fault().map(f -> f.kind() + "@" + f.packet()).orElse(null));
                  return mj;
                })
            .orElse(null));
    j.put("transport", t);
  }

  /** The migration's outcome up to its vCPU downtime. */
  private static void migration(Map<String, Object> j, MigrationReport m) {
    j.put("outcome", m.outcome().name());
    j.put("detail", m.detail());
    j.put("precopyRounds", m.precopyRounds());
    j.put("pendingBytes", m.pendingBytes());
    j.put("thresholdBytes", m.thresholdBytes());
    j.put("pagesCopied", m.pagesCopied());
    j.put("memoryBytes", m.memoryBytes());
    j.put("deviceBytes", m.deviceBytes());
    j.put("bytesMoved", m.bytesMoved());
    j.put("downtimeNanos", m.downtimeNanos());
  }

  /**
   * The {@code timeline} field of the VF's JSON document, for plots: {@code bucketNanos} and, per
   * bucket of that width from time 0, the frames {@code delivered}, {@code dropped} (counted by a
   * device: droppedByDevice and lostOnWire), {@code lost} (lost after acceptance, at the frame's
   * arrival time) and {@code corrupted} (at the delivery of the wrong bytes); {@code marks}, the
   * migration's milestones in time order, each {@code {atNanos, kind, label}} with kind {@code
   * start} (migration begins), {@code round} (a pre-copy round sent), {@code stop} (vCPUs stopped),
   * {@code resume} (destination running, or the sources back in RUNNING) or {@code other}. Marks
   * are on the series' clock, the VM's: the orchestrator's clock starts at 0 when the migration
   * starts, at VM time {@code migrateAfterNanos}, and the VM only moves on once the orchestrator's
   * clock has passed its own ({@code VfVm}), so an event at orchestrator time t happens at VM time
   * max(t, migrateAfterNanos).
   */
  private static Map<String, Object> timeline(
      DeliverySeries.Snapshot s, List<String> events, long migrateAfterNanos) {
    Map<String, Object> t = new LinkedHashMap<>();
    t.put("bucketNanos", s.bucketNanos());
    for (DeliverySeries.Kind k : DeliverySeries.Kind.values()) {
      t.put(k.name().toLowerCase(Locale.ROOT), s.counts().get(k));
    }
    List<Map<String, Object>> marks = new ArrayList<>();
    marks.add(mark(migrateAfterNanos, "start", "migration starts"));
    for (String e : events) {
      Matcher x = EVENT.matcher(e);
      if (x.matches()) {
        String what = x.group(2);
        String kind =
            what.startsWith("pre-copy round ")
                ? "round"
                : what.startsWith("switchover: vCPUs stopped")
                    ? "stop"
                    : what.startsWith("destination running") || what.startsWith("sources back in")
                        ? "resume"
                        : "other";
        marks.add(mark(Math.max(migrateAfterNanos, Long.parseLong(x.group(1))), kind, what));
      }
    }
    t.put("marks", marks);
    return t;
  }

  private static Map<String, Object> mark(long atNanos, String kind, String label) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("atNanos", atNanos);
    m.put("kind", kind);
    m.put("label", label);
    return m;
  }
}
