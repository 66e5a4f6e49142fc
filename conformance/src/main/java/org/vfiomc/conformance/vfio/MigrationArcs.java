package org.vfiomc.conformance.vfio;

import static com.google.common.base.Preconditions.checkNotNull;
import static org.vfiomc.conformance.vfio.MigrationState.ERROR;
import static org.vfiomc.conformance.vfio.MigrationState.PRE_COPY;
import static org.vfiomc.conformance.vfio.MigrationState.PRE_COPY_P2P;
import static org.vfiomc.conformance.vfio.MigrationState.RESUMING;
import static org.vfiomc.conformance.vfio.MigrationState.RUNNING;
import static org.vfiomc.conformance.vfio.MigrationState.RUNNING_P2P;
import static org.vfiomc.conformance.vfio.MigrationState.STOP;
import static org.vfiomc.conformance.vfio.MigrationState.STOP_COPY;

import com.google.common.base.Verify;
import com.google.common.collect.ImmutableList;
import com.google.common.collect.ImmutableMap;
import com.google.common.collect.ImmutableSet;
import com.google.common.collect.ImmutableTable;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The VFIO v2 combination-arc resolution as data: the kernel's {@code vfio_from_fsm_table}, the
 * direct arcs a driver implements per feature set, and the next-step algorithm of {@code
 * vfio_mig_get_next_state()} with the 2026 fix (a blocked arc, encoded as the ERROR sentinel,
 * terminates the skip loop instead of spinning on it).
 *
 * <p>Rules the table encodes and {@link #resolve} verifies on every path: shortest path;
 * saving-group states (PRE_COPY, PRE_COPY_P2P, STOP_COPY) only at the ends of a path, unless the
 * path stays inside the group (PRE_COPY→PRE_COPY_P2P→STOP_COPY keeps one session); every step a
 * direct arc of the feature set; a new data fd only on the last arc; at most 4 arcs.
 */
public final class MigrationArcs {
  /** The longest path of any SET request (PRE_COPY to RESUMING and back). */
  public static final int MAX_ARCS = 4;

  private static final ImmutableList<MigrationState> ABI_ORDER =
      ImmutableList.of(
          ERROR, STOP, RUNNING, STOP_COPY, RESUMING, RUNNING_P2P, PRE_COPY, PRE_COPY_P2P);

  private static final ImmutableTable<MigrationState, MigrationState, MigrationState> KERNEL_TABLE =
      buildKernelTable();

  private static final ImmutableSet<Arc> ARCS_STOP_COPY =
      ImmutableSet.of(
          Arc.of(RESUMING, STOP),
          Arc.of(STOP, RESUMING),
          Arc.of(STOP, STOP_COPY),
          Arc.of(STOP_COPY, STOP),
          Arc.of(RUNNING, STOP),
          Arc.of(STOP, RUNNING));

  private static final ImmutableSet<Arc> ARCS_P2P =
      ImmutableSet.of(
          Arc.of(RESUMING, STOP),
          Arc.of(STOP, RESUMING),
          Arc.of(STOP, STOP_COPY),
          Arc.of(STOP_COPY, STOP),
          Arc.of(RUNNING, RUNNING_P2P),
          Arc.of(RUNNING_P2P, RUNNING),
          Arc.of(RUNNING_P2P, STOP),
          Arc.of(STOP, RUNNING_P2P));

  private static final ImmutableSet<Arc> ARCS_PRE_COPY =
      ImmutableSet.<Arc>builder()
          .addAll(ARCS_STOP_COPY)
          .add(Arc.of(RUNNING, PRE_COPY), Arc.of(PRE_COPY, RUNNING), Arc.of(PRE_COPY, STOP_COPY))
          .build();

  private static final ImmutableSet<Arc> ARCS_ALL =
      ImmutableSet.<Arc>builder()
          .addAll(ARCS_P2P)
          .add(
              Arc.of(RUNNING, PRE_COPY),
              Arc.of(PRE_COPY, RUNNING),
              Arc.of(PRE_COPY, PRE_COPY_P2P),
              Arc.of(PRE_COPY_P2P, PRE_COPY),
              Arc.of(PRE_COPY_P2P, RUNNING_P2P),
              Arc.of(PRE_COPY_P2P, STOP_COPY),
              Arc.of(RUNNING_P2P, PRE_COPY_P2P))
          .build();

  /** The direct arcs a driver must implement, per feature set (uAPI header, counts 6/8/9/15). */
  private static final ImmutableMap<MigrationFeatures, ImmutableSet<Arc>> DIRECT_ARCS =
      ImmutableMap.of(
          MigrationFeatures.STOP_COPY, ARCS_STOP_COPY,
          MigrationFeatures.STOP_COPY_P2P, ARCS_P2P,
          MigrationFeatures.STOP_COPY_PRE_COPY, ARCS_PRE_COPY,
          MigrationFeatures.ALL, ARCS_ALL);

  private MigrationArcs() {}

  private static ImmutableTable<MigrationState, MigrationState, MigrationState> buildKernelTable() {
    // vfio_from_fsm_table[cur][target]: rows are the current state, columns the target, both in
    // ABI order (ERROR, STOP, RUNNING, STOP_COPY, RESUMING, RUNNING_P2P, PRE_COPY, PRE_COPY_P2P).
    // ERROR in a cell means "blocked" (-EINVAL).
    MigrationState[][] rows = {
      /* ERROR        */ {ERROR, ERROR, ERROR, ERROR, ERROR, ERROR, ERROR, ERROR},
      /* STOP         */ {
        ERROR, STOP, RUNNING_P2P, STOP_COPY, RESUMING, RUNNING_P2P, RUNNING_P2P, RUNNING_P2P
      },
      /* RUNNING      */ {
        ERROR, RUNNING_P2P, RUNNING, RUNNING_P2P, RUNNING_P2P, RUNNING_P2P, PRE_COPY, RUNNING_P2P
      },
      /* STOP_COPY    */ {ERROR, STOP, STOP, STOP_COPY, STOP, STOP, ERROR, ERROR},
      /* RESUMING     */ {ERROR, STOP, STOP, STOP, RESUMING, STOP, STOP, STOP},
      /* RUNNING_P2P  */ {ERROR, STOP, RUNNING, STOP, STOP, RUNNING_P2P, RUNNING, PRE_COPY_P2P},
      /* PRE_COPY     */ {
        ERROR, RUNNING, RUNNING, PRE_COPY_P2P, RUNNING, RUNNING, PRE_COPY, PRE_COPY_P2P
      },
      /* PRE_COPY_P2P */ {
        ERROR, RUNNING_P2P, RUNNING_P2P, STOP_COPY, RUNNING_P2P, RUNNING_P2P, PRE_COPY, PRE_COPY_P2P
      },
    };
    ImmutableTable.Builder<MigrationState, MigrationState, MigrationState> b =
        ImmutableTable.builder();
    Verify.verify(rows.length == ABI_ORDER.size(), "kernel table needs 8 rows");
    for (int r = 0; r < rows.length; r++) {
      Verify.verify(rows[r].length == ABI_ORDER.size(), "row %s needs 8 cells", r);
      for (int c = 0; c < rows[r].length; c++) {
        b.put(ABI_ORDER.get(r), ABI_ORDER.get(c), rows[r][c]);
      }
    }
    return b.build();
  }

  /** The raw kernel table cell {@code vfio_from_fsm_table[cur][target]} (no skipping). */
  public static MigrationState kernelTableCell(MigrationState cur, MigrationState target) {
    return checkNotNull(KERNEL_TABLE.get(cur, target));
  }

  /** The direct arcs of this feature set. */
  public static ImmutableSet<Arc> directArcs(MigrationFeatures features) {
    return checkNotNull(DIRECT_ARCS.get(features));
  }

  /**
   * The fixed {@code vfio_mig_get_next_state()}: the state to step to from {@code cur} towards
   * {@code target}, or why the request is invalid. For {@code cur == target} it returns {@code cur}
   * (drivers never ask).
   */
  public static NextStep nextStep(
      MigrationState cur, MigrationState target, MigrationFeatures features) {
    if (!features.supports(cur)) {
      return new NextStep.Invalid("the current state " + cur + " " + unsupported(cur), true);
    }
    if (!features.supports(target)) {
      return new NextStep.Invalid("the target state " + target + " " + unsupported(target), false);
    }
    MigrationState n = kernelTableCell(cur, target);
    while (n != ERROR && !features.supports(n)) {
      n = kernelTableCell(n, target);
    }
    if (n == ERROR) {
      return new NextStep.Invalid("the arc " + cur + "->" + target + " is blocked", false);
    }
    return new NextStep.Next(n);
  }

  /**
   * The next-step function as it was from 6.2 until the 2026 fix: the skip loop lacks the {@code n
   * != ERROR} test, so a blocked cell (STOP_COPY to PRE_COPY or PRE_COPY_P2P) makes it spin on
   * ERROR forever on a PRE_COPY-capable device. Instead of hanging, this model reports {@link
   * NextStep.Hangs} with the revisited states.
   */
  public static NextStep nextStepBeforeFix(
      MigrationState cur, MigrationState target, MigrationFeatures features) {
    if (!features.supports(cur)) {
      return new NextStep.Invalid("the current state " + cur + " " + unsupported(cur), true);
    }
    if (!features.supports(target)) {
      return new NextStep.Invalid("the target state " + target + " " + unsupported(target), false);
    }
    MigrationState n = kernelTableCell(cur, target);
    Set<MigrationState> seen = new LinkedHashSet<>();
    while (!features.supports(n)) {
      if (!seen.add(n)) {
        List<MigrationState> cycle = new ArrayList<>(seen);
        return new NextStep.Hangs(cycle.subList(cycle.indexOf(n), cycle.size()));
      }
      n = kernelTableCell(n, target);
    }
    if (n == ERROR) {
      return new NextStep.Invalid("the arc " + cur + "->" + target + " is blocked", false);
    }
    return new NextStep.Next(n);
  }

  private static String unsupported(MigrationState s) {
    return s == ERROR ? "can never be used in a SET" : "is not supported by this feature set";
  }

  /**
   * Resolves a SET request the way a driver does: {@code while (cur != target) cur = nextStep(cur,
   * target)}. A SET to the current state is a successful no-op; a SET in or to ERROR is invalid.
   */
  public static SetPath resolve(
      MigrationState from, MigrationState to, MigrationFeatures features) {
    checkNotNull(from, "from");
    checkNotNull(to, "to");
    checkNotNull(features, "features");
    if (from == to) {
      if (!features.supports(from)) {
        return SetPath.invalid(from, to, features, "the state " + from + " " + unsupported(from));
      }
      return SetPath.valid(from, to, features, List.of(from), false);
    }
    List<MigrationState> states = new ArrayList<>();
    states.add(from);
    MigrationState cur = from;
    while (cur != to) {
      NextStep step = nextStep(cur, to, features);
      if (step instanceof NextStep.Invalid invalid) {
        return SetPath.invalid(from, to, features, invalid.reason());
      }
      MigrationState next = ((NextStep.Next) step).state();
      Verify.verify(
          directArcs(features).contains(Arc.of(cur, next)),
          "%s->%s is not a direct arc of %s",
          cur,
          next,
          features);
      Verify.verify(
          next == to || !next.inSavingGroup() || (from.inSavingGroup() && to.inSavingGroup()),
          "saving-group state %s inside the path %s->%s, which leaves the saving group",
          next,
          from,
          to);
      states.add(next);
      Verify.verify(states.size() <= MAX_ARCS + 1, "path %s is longer than 4 arcs", states);
      cur = next;
    }
    boolean newFd = false;
    for (int i = 1; i < states.size(); i++) {
      boolean starts = Arc.of(states.get(i - 1), states.get(i)).startsSession().isPresent();
      Verify.verify(!starts || i == states.size() - 1, "session started before the last arc");
      newFd |= starts;
    }
    return SetPath.valid(from, to, features, states, newFd);
  }

  /** All states in ABI order (the kernel's row order). */
  public static ImmutableList<MigrationState> abiOrder() {
    return ABI_ORDER;
  }
}
