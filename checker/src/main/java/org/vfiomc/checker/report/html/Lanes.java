package org.vfiomc.checker.report.html;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.vfiomc.checker.trace.TlaValue;
import org.vfiomc.checker.trace.Trace;
import org.vfiomc.checker.trace.TraceStep;

/**
 * The swimlanes of a counterexample timeline: which actor each variable (or part of one) belongs
 * to. The rule, applied to each variable of the trace in order:
 *
 * <ol>
 *   <li>{@code action} is left out: the VFIO specs keep the last step's action there, and the
 *       timeline shows every step's action and parameters on its time axis already.
 *   <li><b>Per actor instance.</b> A variable whose value is, in every state, a function over the
 *       same few ({@value #MAX_INSTANCE_LANES} at most) model values or tuples (ITF writes a tuple
 *       key as an array, read back as a sequence), such as {@code VfioP2p}'s {@code device_state}
 *       over {@code <<"SRC", 1>>}, {@code <<"DST", 2>>}, ... or the example {@code Counter}'s
 *       {@code ctr} over the processes {@code p1, p2}, is split: each key gets a lane of its own
 *       (named after the key: {@code SRC 1}, {@code p1}), showing that variable's value at the key.
 *       Functions over integers (ring slots, buffers, pages) are arrays, not actors, and stay
 *       whole.
 *   <li><b>By name</b>, the first matching row of {@link #ACTORS}: QEMU (the migration phase,
 *       pre-copy rounds, dirty sets and images, pending SET requests), the source device ({@code
 *       src_*}), the data link between them ({@code wire}), the destination device ({@code dst_*}),
 *       the device's VFIO uAPI state ({@code device_*}, {@code set_*}, {@code fd*}, {@code flags},
 *       the byte counters of {@code VfioFsm}), the guest driver and stack ({@code guest_*} and the
 *       ixgbevf model's ring indices, buffer bookkeeping and socket queue in {@code RxDma}), the Rx
 *       ring of the VF (descriptors, buffers, RDH/RDT, the DMA engine's state) and P2P traffic
 *       ({@code p2p_*}).
 *   <li>Anything else goes to the lane {@code other}.
 * </ol>
 *
 * <p>Lanes come in the order of {@link #ACTORS}, then the per-instance lanes (in key order), then
 * {@code other}; a lane without variables is not drawn.
 */
record Lanes(List<Lane> lanes) {
  static final int MAX_INSTANCE_LANES = 12;

  /** The name rules: lane name and the pattern a variable's name must match (find). */
  static final List<Map.Entry<String, Pattern>> ACTORS =
      List.of(
          Map.entry(
              "QEMU",
              Pattern.compile(
                  "^(phase|round|toSend|cpuDirty|devDirty|imgRing|imgBuf|set_pending)$")),
          Map.entry("source", Pattern.compile("^(src_|source)")),
          Map.entry("wire", Pattern.compile("^wire")),
          Map.entry("destination", Pattern.compile("^(dst_|dest)")),
          Map.entry(
              "device (VFIO uAPI)",
              Pattern.compile(
                  "^(device_|set_|fd_|returned_fd|live_fds|session|initial_bytes|dirty_bytes"
                      + "|precopy_|dirty_made|stop_copy_bytes|ioctl_|resuming_fds|path$|flags$)")),
          Map.entry(
              "guest driver",
              Pattern.compile(
                  "^(guest_.*|ntc|ntu|bufInfo|stage|rmw|curPkt|drvMode|skbQueue|delivered)$")),
          Map.entry(
              "Rx ring (VF)",
              Pattern.compile("^(ring|buf|RDH|RDT|rxEnable|inflight|qprdc|nextPkt|accepted)$")),
          Map.entry("P2P traffic", Pattern.compile("^p2p_")));

  static final String OTHER = "other";

  Lanes {
    lanes = List.copyOf(lanes);
  }

  /**
   * One lane: its name and what it shows.
   *
   * @param name the actor
   * @param slots the variables, or parts of variables, in the lane
   */
  record Lane(String name, List<Slot> slots) {
    Lane {
      slots = List.copyOf(slots);
    }
  }

  /**
   * A variable, or its value at one key.
   *
   * @param variable the variable's name
   * @param key the key of a per-instance split, or {@code null} for the whole variable
   */
  record Slot(String variable, TlaValue key) {
    /** The slot's value in {@code step}. */
    TlaValue value(TraceStep step) {
      TlaValue v = step.state().get(variable);
      if (key != null && v instanceof TlaValue.Fun f) {
        TlaValue at = f.mapping().get(key);
        return at == null ? v : at;
      }
      return v;
    }
  }

  /** The lanes of {@code trace} by the rule above. */
  static Lanes of(Trace trace) {
    Map<String, List<Slot>> byName = new LinkedHashMap<>();
    for (Map.Entry<String, Pattern> a : ACTORS) {
      byName.put(a.getKey(), new ArrayList<>());
    }
    Map<TlaValue, List<Slot>> byKey = new java.util.TreeMap<>();
    List<Slot> other = new ArrayList<>();
    for (String var : trace.vars()) {
      if (var.equals("action")) {
        continue;
      }
      List<TlaValue> keys = instanceKeys(trace, var);
      if (!keys.isEmpty()) {
        for (TlaValue k : keys) {
          byKey.computeIfAbsent(k, x -> new ArrayList<>()).add(new Slot(var, k));
        }
        continue;
      }
      String lane =
          ACTORS.stream()
              .filter(a -> a.getValue().matcher(var).find())
              .map(Map.Entry::getKey)
              .findFirst()
              .orElse(OTHER);
      (lane.equals(OTHER) ? other : byName.get(lane)).add(new Slot(var, null));
    }
    List<Lane> out = new ArrayList<>();
    byName.forEach(
        (n, s) -> {
          if (!s.isEmpty()) {
            out.add(new Lane(n, s));
          }
        });
    byKey.forEach((k, s) -> out.add(new Lane(keyName(k), s)));
    if (!other.isEmpty()) {
      out.add(new Lane(OTHER, other));
    }
    return new Lanes(out);
  }

  /** The keys splitting {@code var} into per-instance lanes, or none. */
  private static List<TlaValue> instanceKeys(Trace trace, String var) {
    List<TlaValue> keys = null;
    for (TraceStep s : trace.steps()) {
      if (!(s.state().get(var) instanceof TlaValue.Fun f)
          || f.mapping().isEmpty()
          || f.mapping().size() > MAX_INSTANCE_LANES) {
        return List.of();
      }
      List<TlaValue> ks = new ArrayList<>(f.mapping().keySet());
      if (!ks.stream()
          .allMatch(
              k ->
                  k instanceof TlaValue.ModelValue
                      || k instanceof TlaValue.Tuple
                      || (k instanceof TlaValue.Seq q && !q.elements().isEmpty()))) {
        return List.of();
      }
      if (keys != null && !keys.equals(ks)) {
        return List.of();
      }
      keys = ks;
    }
    return keys == null ? List.of() : keys;
  }

  /** {@code p1} for a model value, {@code SRC 1} for the tuple {@code <<"SRC", 1>>}. */
  static String keyName(TlaValue key) {
    if (key instanceof TlaValue.ModelValue m) {
      return m.name();
    }
    if (key instanceof TlaValue.Tuple t) {
      return t.elements().stream().map(Lanes::keyName).collect(Collectors.joining(" "));
    }
    if (key instanceof TlaValue.Seq q) {
      return q.elements().stream().map(Lanes::keyName).collect(Collectors.joining(" "));
    }
    if (key instanceof TlaValue.Str s) {
      return s.value();
    }
    return key.toTla();
  }
}
