package org.vfiomc.conformance.orchestrator;

import static com.google.common.base.Preconditions.checkArgument;
import static java.util.Objects.requireNonNull;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.vfiomc.conformance.vfio.Compatibility;
import org.vfiomc.conformance.vfio.MigrationState;

/**
 * The management layer above QEMU (libvirt or an orchestration service: the seed's item 003), which
 * asks the compatibility pre-check before it tells QEMU to migrate: the instance-level check of
 * {@code specs/VfioCompat/VfioCompat.tla} ({@code InstanceCheck}: the destination driver's answer
 * for the source's migration version, {@link
 * org.vfiomc.conformance.vfio.VfioMigrationDevice#checkCompatibility}, and management's own
 * comparison of the host-side configuration, {@code InstanceAnswer}). A "no" for any pair refuses
 * the migration before QEMU is asked, so no device takes an arc and the source never stops.
 *
 * <p>QEMU itself ({@link MigrationOrchestrator}) has no such check: {@code qmp_migrate} looks only
 * at migration blockers, and an incompatible stream surfaces at the destination as a rejected load
 * (RESUMING → STOP fails in {@code vfio_load_state}/{@code vfio_vmstate_change}), which QEMU
 * handles by resetting the destination device and completing (the orchestrator's Javadoc). Running
 * QEMU without this layer is how that path is reached.
 */
public final class MigrationManagement {
  private final List<DevicePair> pairs;
  private final MigrationOrchestrator qemu;
  private final ManualClock clock;

  /** Management over QEMU's migration of {@code pairs} ({@link MigrationOrchestrator}'s inputs). */
  public MigrationManagement(
      List<DevicePair> pairs,
      GuestMemoryMigration memory,
      MigrationWorkload workload,
      ManualClock clock,
      OrchestratorOptions options,
      ProtocolHooks hooks) {
    this.pairs = List.copyOf(pairs);
    checkArgument(!this.pairs.isEmpty(), "a migration needs at least one device");
    this.clock = requireNonNull(clock, "clock");
    this.qemu = new MigrationOrchestrator(pairs, memory, workload, clock, options, hooks);
  }

  public MigrationManagement(
      List<DevicePair> pairs,
      GuestMemoryMigration memory,
      MigrationWorkload workload,
      ManualClock clock,
      OrchestratorOptions options) {
    this(pairs, memory, workload, clock, options, ProtocolHooks.NONE);
  }

  /**
   * Why management will not migrate these pairs, if it will not: the first pair whose destination
   * cannot load the source's version, or whose host-side configuration differs.
   */
  public Optional<String> precheck() {
    for (DevicePair p : pairs) {
      Compatibility c = p.destination().checkCompatibility(p.source().migrationVersion());
      if (!c.compatible()) {
        return Optional.of("target of " + p.name() + " is not compatible: " + c.reason());
      }
      String srcHost = p.source().function().hostConfiguration();
      String dstHost = p.destination().function().hostConfiguration();
      if (!srcHost.equals(dstHost)) {
        return Optional.of(
            "target of "
                + p.name()
                + " has another host-side configuration: source "
                + srcHost
                + ", target "
                + dstHost);
      }
    }
    return Optional.empty();
  }

  /**
   * The pre-check, then QEMU's migration if it passed; a refusal is reported as {@link
   * MigrationReport.Outcome#REFUSED} with no arc, no time spent and every device where it was.
   */
  public MigrationReport migrate() {
    Optional<String> refusal = precheck();
    if (refusal.isEmpty()) {
      return qemu.migrate();
    }
    Map<String, MigrationState> src = new LinkedHashMap<>();
    Map<String, MigrationState> dst = new LinkedHashMap<>();
    for (DevicePair p : pairs) {
      src.put(p.name(), p.source().state());
      dst.put(p.name(), p.destination().state());
    }
    String why = "management pre-check: " + refusal.get();
    return new MigrationReport(
        MigrationReport.Outcome.REFUSED,
        why,
        0,
        0,
        0,
        0,
        0,
        0,
        0,
        0,
        0,
        0,
        0,
        src,
        dst,
        List.of(clock.nanos() + " ns: refused: " + why));
  }
}
