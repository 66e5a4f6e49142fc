package org.vfiomc.conformance.orchestrator;

import static java.util.Objects.requireNonNull;

import com.google.common.collect.ImmutableList;
import com.google.common.collect.ImmutableSortedSet;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;
import org.vfiomc.conformance.vfio.CompatPolicy;
import org.vfiomc.conformance.vfio.CompatProfile;
import org.vfiomc.conformance.vfio.MigrationState;

/**
 * How management picks a destination device for one source device and what it concludes ({@code
 * specs/VfioCompat/VfioCompat.tla}): pick a candidate not given up on, ask the type-level check
 * where it applies (a "no" is final: no device is created), create the device, ask the
 * instance-level check (a "no" gives the candidate up), migrate, and let the destination's RESUMING
 * → STOP check the stream header: a refused load fails the migration, the destination is reset and
 * the source resumes. The destination's administrator settings stay its own.
 *
 * <p>Each step returns whether it was possible in the current phase; the answers (verdicts, load
 * accepted or refused) are the {@link CompatPolicy}'s.
 */
public final class DestinationPicker {
  /** Management's phase (the spec's {@code Phases}). */
  public enum Phase {
    SELECT,
    PICKED,
    CREATED,
    READY,
    RESUMING,
    LOADED,
    REFUSED,
    DONE,
    NOTARGET
  }

  /** A check's answer as management recorded it. */
  public enum Verdict {
    NONE,
    YES,
    NO,
    NA,
    SKIPPED
  }

  /** Where the guest runs. */
  public enum Vm {
    SRC,
    DST,
    NONE
  }

  private final CompatPolicy policy;
  private final CompatProfile source;
  private final ImmutableList<CompatProfile> candidates;
  private final boolean maySkipChecks;

  private Phase phase = Phase.SELECT;
  private CompatProfile dst;
  private final TreeSet<String> tried = new TreeSet<>();
  private Verdict typeVerdict = Verdict.NONE;
  private Verdict instVerdict = Verdict.NONE;
  private boolean created;
  private MigrationState srcState = MigrationState.RUNNING;
  private MigrationState dstState = MigrationState.RUNNING;
  private Vm vm = Vm.SRC;
  private CompatPolicy.StreamHeader header;
  private String dstAdmin;

  /**
   * Management for {@code source} over {@code candidates}; {@code maySkipChecks}: a management
   * layer that may migrate without asking either check.
   */
  public DestinationPicker(
      CompatPolicy policy,
      CompatProfile source,
      List<CompatProfile> candidates,
      boolean maySkipChecks) {
    this.policy = requireNonNull(policy, "policy");
    this.source = requireNonNull(source, "source");
    this.candidates = ImmutableList.copyOf(candidates);
    this.maySkipChecks = maySkipChecks;
  }

  /** Picks the candidate named {@code name}, unless it was given up on. */
  public boolean pick(String name) {
    Optional<CompatProfile> t = candidates.stream().filter(c -> c.name().equals(name)).findFirst();
    if (phase != Phase.SELECT || t.isEmpty() || tried.contains(name)) {
      return false;
    }
    phase = Phase.PICKED;
    dst = t.get();
    dstAdmin = dst.admin();
    typeVerdict = Verdict.NONE;
    instVerdict = Verdict.NONE;
    created = false;
    return true;
  }

  /** No candidate is left: the VM stays on the source. */
  public boolean noTarget() {
    if (phase != Phase.SELECT || !candidates.stream().allMatch(c -> tried.contains(c.name()))) {
      return false;
    }
    phase = Phase.NOTARGET;
    return true;
  }

  /** Gives the picked candidate up after a "no"; a device created for it is removed. */
  public boolean reject() {
    if ((phase != Phase.PICKED && phase != Phase.CREATED)
        || (typeVerdict != Verdict.NO && instVerdict != Verdict.NO)) {
      return false;
    }
    tried.add(dst.name());
    created = false;
    phase = Phase.SELECT;
    return true;
  }

  /** The type-level check, before the device exists ({@link Verdict#NA} across types). */
  public boolean typeCheck() {
    if (phase != Phase.PICKED || typeVerdict != Verdict.NONE) {
      return false;
    }
    typeVerdict =
        !CompatPolicy.typeApplies(source, dst)
            ? Verdict.NA
            : policy.typeCheck(source, dst) ? Verdict.YES : Verdict.NO;
    return true;
  }

  /** Creates the destination device: never after a type-level "no". */
  public boolean create() {
    if (phase != Phase.PICKED || (typeVerdict != Verdict.YES && typeVerdict != Verdict.NA)) {
      return false;
    }
    created = true;
    phase = Phase.CREATED;
    return true;
  }

  /** The instance-level check on the created device; a "yes" makes the pair ready. */
  public boolean instanceCheck() {
    if (phase != Phase.CREATED || instVerdict != Verdict.NONE) {
      return false;
    }
    boolean ok = policy.instanceCheck(source, dst);
    instVerdict = ok ? Verdict.YES : Verdict.NO;
    if (ok) {
      phase = Phase.READY;
    }
    return true;
  }

  /** Migrates without asking (only when this management layer may). */
  public boolean skipChecks() {
    if (!maySkipChecks || phase != Phase.PICKED || typeVerdict != Verdict.NONE) {
      return false;
    }
    typeVerdict = Verdict.SKIPPED;
    instVerdict = Verdict.SKIPPED;
    created = true;
    phase = Phase.READY;
    return true;
  }

  /** Destination to RESUMING, source saved in STOP_COPY, the stream written. */
  public boolean migrate() {
    if (phase != Phase.READY) {
      return false;
    }
    dstState = MigrationState.RESUMING;
    srcState = MigrationState.STOP_COPY;
    vm = Vm.NONE;
    header = policy.header(source, dst);
    phase = Phase.RESUMING;
    return true;
  }

  /**
   * RESUMING → STOP: the destination checks the header. Returns empty when not in RESUMING, else
   * whether the load was accepted.
   */
  public Optional<Boolean> load() {
    if (phase != Phase.RESUMING) {
      return Optional.empty();
    }
    if (policy.loadAccepts(dst, header)) {
      dstState = MigrationState.STOP;
      if (policy.has(CompatPolicy.Fault.OVERWRITE_ADMIN)) {
        dstAdmin = header.admin();
      }
      phase = Phase.LOADED;
      return Optional.of(true);
    }
    phase = Phase.REFUSED;
    return Optional.of(false);
  }

  /** The destination resumes the VM; the source device stops. */
  public boolean complete() {
    if (phase != Phase.LOADED) {
      return false;
    }
    dstState = MigrationState.RUNNING;
    srcState = MigrationState.STOP;
    vm = Vm.DST;
    phase = Phase.DONE;
    return true;
  }

  /**
   * After a refused load: the destination is reset, the source resumes the VM, and the candidate is
   * given up (management may pick the next one).
   */
  public boolean fail() {
    if (phase != Phase.REFUSED) {
      return false;
    }
    dstState = MigrationState.RUNNING;
    header = null;
    if (!policy.has(CompatPolicy.Fault.NO_SOURCE_RESUME)) {
      srcState = MigrationState.RUNNING;
      vm = Vm.SRC;
    }
    tried.add(dst.name());
    created = false;
    phase = Phase.SELECT;
    return true;
  }

  /** Whether the picker reached an end (done, or no target left). */
  public boolean finished() {
    return phase == Phase.DONE || phase == Phase.NOTARGET;
  }

  public Phase phase() {
    return phase;
  }

  /** The picked destination, if any. */
  public Optional<CompatProfile> destination() {
    return Optional.ofNullable(dst);
  }

  /** Names of the candidates given up on. */
  public ImmutableSortedSet<String> tried() {
    return ImmutableSortedSet.copyOf(tried);
  }

  public Verdict typeVerdict() {
    return typeVerdict;
  }

  public Verdict instanceVerdict() {
    return instVerdict;
  }

  /** Whether the destination device exists. */
  public boolean created() {
    return created;
  }

  public MigrationState sourceState() {
    return srcState;
  }

  public MigrationState destinationState() {
    return dstState;
  }

  public Vm vm() {
    return vm;
  }

  /** The stream header written, once migrating. */
  public Optional<CompatPolicy.StreamHeader> header() {
    return Optional.ofNullable(header);
  }

  /** The destination's administrator settings now (empty before a pick). */
  public Optional<String> destinationAdmin() {
    return Optional.ofNullable(dstAdmin);
  }

  /** The source device. */
  public CompatProfile source() {
    return source;
  }
}
