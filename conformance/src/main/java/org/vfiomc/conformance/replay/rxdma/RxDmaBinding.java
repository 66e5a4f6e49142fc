package org.vfiomc.conformance.replay.rxdma;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.vfiomc.checker.trace.TlaValue;
import org.vfiomc.checker.trace.TraceFormatException;
import org.vfiomc.conformance.emulator.VfConfig;
import org.vfiomc.conformance.replay.ActionSource;
import org.vfiomc.conformance.replay.Constants;
import org.vfiomc.conformance.replay.Discrepancy;
import org.vfiomc.conformance.replay.SpecBinding;
import org.vfiomc.conformance.replay.SystemUnderTest;
import org.vfiomc.conformance.replay.VarDiff;
import org.vfiomc.conformance.scenario.RxStrategy;
import org.vfiomc.conformance.scenario.RxStrategy.FinalCopy;
import org.vfiomc.conformance.scenario.RxStrategy.RingRestore;
import org.vfiomc.conformance.scenario.RxStrategy.StopMode;
import org.vfiomc.conformance.scenario.RxStrategy.Tracking;

/**
 * The binding of {@code specs/RxDma/RxDma.tla} onto the real 82599 VF, guest memory with its dirty
 * logs, the VFIO migration device and a spec-granular ixgbevf driver ({@link RxDmaSystem}).
 *
 * <p>Constants: {@code N} from 2 to 64; {@code Packets} = 1..K; {@code Tracking}, {@code Restore},
 * {@code StopMode} select the strategies; the assumption constants ({@link #ASSUMPTIONS}) are
 * accepted with either value, but the implementation has only one of each: a trace that needs the
 * other is unbound for that constant and replays only against the implementation, where it must
 * diverge. Anything else is an error naming the constant.
 *
 * <p>Ring size. An 82599 ring is a multiple of 8 descriptors (RDLEN counts 128-byte units,
 * IXGBE_REQ_RX_DESCRIPTOR_MULTIPLE = 8, RDLEN mask 0x000FFF80 of ixgbevf_reg_test) and the VF takes
 * RDLEN as the datasheet says. The walk models and the {@code *Ring8} models have 8 (they start
 * with the head at 6 or 7, {@code InitHead}, which the binding reads from the initial state, see
 * {@link #initHead}); the CI models' counterexamples have rings of 2 or 4, which the binding lays
 * onto the device's 8 descriptors ({@link #deviceRing}: spec slot {@code s} is device slots {@code
 * s, s + N, ...}, armed alike, with the device's window kept as long as the spec's; {@code
 * RxDmaSystem}), and every report of such a replay carries {@link #mappedNote}. An {@code N} that
 * neither divides 8 nor is a multiple of it is an error naming {@code N}.
 */
public final class RxDmaBinding implements SpecBinding<RxDmaAction> {
  static final List<String> VARIABLES =
      List.of(
          "ring",
          "buf",
          "RDH",
          "RDT",
          "rxEnable",
          "inflight",
          "qprdc",
          "ntc",
          "ntu",
          "bufInfo",
          "stage",
          "rmw",
          "curPkt",
          "drvMode",
          "partial",
          "skbQueue",
          "delivered",
          "nextPkt",
          "accepted",
          "discarded",
          "phase",
          "round",
          "cpuDirty",
          "devDirty",
          "devLag",
          "toSend",
          "imgRing",
          "imgBuf",
          "action");

  private final VfConfig vfConfig;

  /** Hosts reused across this binding's replays (building two VFs costs more than a replay). */
  private final RxHostPool pool = new RxHostPool();

  /** The binding on a correct VF. */
  public RxDmaBinding() {
    this(VfConfig.defaults());
  }

  /** The binding on a VF with this configuration (e.g. the descriptor-before-data defect). */
  public RxDmaBinding(VfConfig vfConfig) {
    this.vfConfig = vfConfig;
  }

  /** The hosts this binding's replays reuse (tests check what a replay gives back). */
  RxHostPool pool() {
    return pool;
  }

  @Override
  public String module() {
    return "RxDma";
  }

  @Override
  public List<String> variables() {
    return VARIABLES;
  }

  /**
   * {@code CONSTANTS} of {@code specs/RxDma/RxDma.tla}. RxDma has no {@code Defects} set: its
   * broken variants are values of {@code Tracking}, {@code Restore} and {@code StopMode}, and its
   * one defect switch is the Boolean {@code NoRxReenable}.
   */
  static final Set<String> CONSTANTS =
      Set.of(
          "N",
          "Packets",
          "MaxRounds",
          "Tracking",
          "Restore",
          "StopMode",
          "FinalCopy",
          "HeadWritable",
          "NoRxReenable",
          "DisableWaits",
          "DmaAfterStop",
          "MaxInflight",
          "DescRead",
          "RefillBatch",
          "DirtyLag",
          "FrameDescs");

  /**
   * The hardware, driver and kernel assumptions of {@code RxDma.tla} (its constants after {@code
   * NoRxReenable}), each with the one value the emulator and its spec-granular ixgbevf implement
   * and why it cannot take the other. A trace with another value replays only against the
   * implementation with these values, where it must diverge (see {@link #specOnlyDefects}).
   */
  record Assumption(String constant, TlaValue implemented, String why) {}

  static final List<Assumption> ASSUMPTIONS =
      List.of(
          new Assumption(
              "DisableWaits",
              new TlaValue.Bool(true),
              "the emulated ixgbevf's Rx disable returns only once the in-flight frame is written"
                  + " back; it has no giving-up poll"),
          new Assumption(
              "DmaAfterStop",
              new TlaValue.Bool(false),
              "the emulated VFIO device's STOP completes the VF's in-flight DMA before it returns"),
          new Assumption(
              "MaxInflight",
              TlaValue.Int.of(1),
              "the emulated VF's Rx engine writes a frame's descriptor back before it starts the"
                  + " next frame's buffer DMA (no descriptor prefetch or write-back batching)"),
          new Assumption(
              "DescRead",
              new TlaValue.Str("ATOMIC"),
              "the emulated ixgbevf reads a descriptor's length and status in one step"),
          new Assumption(
              "HeadWritable",
              new TlaValue.Bool(true),
              "the emulated VF takes a VFRDH write while the queue is disabled (82599-vf.md 2,"
                  + " \"Head registers\"); the RFC's read-only head is not configurable"),
          new Assumption(
              "RefillBatch",
              new TlaValue.Bool(false),
              "the emulated ixgbevf writes RDT with every re-armed descriptor"),
          new Assumption(
              "DirtyLag",
              new TlaValue.Bool(false),
              "the emulated IOMMU sets a page's dirty bit with the DMA write itself"),
          new Assumption(
              "FrameDescs",
              TlaValue.Int.of(1),
              "the replayed frames fit one Rx buffer and the spec-granular ixgbevf has no"
                  + " rx_ring->skb for a frame continued in the next descriptor"));

  @Override
  public void checkConstants(String file, Map<String, TlaValue> constants)
      throws TraceFormatException {
    Constants c = new Constants(file, constants, CONSTANTS);
    for (String b :
        List.of(
            "NoRxReenable",
            "DisableWaits",
            "DmaAfterStop",
            "RefillBatch",
            "DirtyLag",
            "HeadWritable")) {
      if (c.has(b)) {
        c.bool(b);
      }
    }
    for (String oneOrTwo : List.of("MaxInflight", "FrameDescs")) {
      TlaValue v = constants.get(oneOrTwo);
      if (v != null && !v.equals(TlaValue.Int.of(1)) && !v.equals(TlaValue.Int.of(2))) {
        throw bad(file, oneOrTwo, "must be 1 or 2, got " + v.toTla());
      }
    }
    TlaValue read = constants.get("DescRead");
    if (read != null
        && !(read instanceof TlaValue.Str r
            && (r.value().equals("ATOMIC") || r.value().equals("LEN_THEN_STATUS")))) {
      throw bad(file, "DescRead", "must be \"ATOMIC\" or \"LEN_THEN_STATUS\", got " + read.toTla());
    }
  }

  /**
   * Fields of the spec's {@code action} records that the binding does not read, per tag: the
   * emulated driver and device choose the slot, buffer, round and restore themselves, and replay
   * compares the state they lead to. Any other parameter is rejected.
   */
  private static final Map<String, List<String>> CHOSEN_BY_THE_IMPLEMENTATION =
      Map.ofEntries(
          Map.entry("RxBuffer", List.of("buf", "slot")),
          Map.entry("RxWriteBack", List.of("slot")),
          Map.entry("RxCheck", List.of("slot")),
          Map.entry("RxCheckStatus", List.of("slot")),
          Map.entry("RxDeliver", List.of("buf", "slot")),
          Map.entry("RxDummyRead", List.of("buf", "slot")),
          Map.entry("RxDummyWrite", List.of("buf", "slot")),
          Map.entry("RxRefill", List.of("buf", "slot")),
          Map.entry("StackRead", List.of("buf")),
          Map.entry("SyncDirty", List.of("round")),
          Map.entry("Resume", List.of("restore", "savedHead")));

  @Override
  public RxDmaAction decode(ActionSource a) throws TraceFormatException {
    a.ignoring(CHOSEN_BY_THE_IMPLEMENTATION.getOrDefault(a.tag(), List.of()));
    switch (a.tag()) {
      case "RxBuffer" -> {
        return new RxDmaAction.RxBuffer(pkt(a));
      }
      case "RxWriteBack" -> {
        return new RxDmaAction.RxWriteBack(pkt(a));
      }
      case "RxDrop" -> {
        return new RxDmaAction.RxDrop(pkt(a));
      }
      case "CopyPage" -> {
        return new RxDmaAction.CopyPage(a.integer(a.name("page", "pg")));
      }
      case "IommuMark" -> {
        return new RxDmaAction.IommuMark(a.integer(a.name("page", "pg")));
      }
      default -> {
        for (RxDmaAction.Kind k : RxDmaAction.Kind.values()) {
          if (k.tag().equals(a.tag())) {
            return new RxDmaAction.Simple(k);
          }
        }
        throw a.unknownTag(module());
      }
    }
  }

  private static int pkt(ActionSource a) throws TraceFormatException {
    return a.integer(a.name("pkt", "p"));
  }

  @Override
  public SystemUnderTest<RxDmaAction> configure(
      String file, Map<String, TlaValue> constants, Map<String, TlaValue> initialState)
      throws TraceFormatException {
    int n = intConst(file, constants, "N");
    if (n < 2 || n > 64) {
      throw bad(file, "N", "N = " + n + ": the binding supports rings of 2..64 descriptors");
    }
    if (deviceRing(n) == 0) {
      throw bad(
          file,
          "N",
          "N = "
              + n
              + ": an 82599 ring is a multiple of 8 descriptors (RDLEN in 128-byte units, ixgbevf's"
              + " IXGBE_REQ_RX_DESCRIPTOR_MULTIPLE); the binding lays a smaller spec ring onto 8 only when N divides 8");
    }
    TlaValue packets = constants.get("Packets");
    int k;
    if (packets instanceof TlaValue.SetValue s) {
      k = s.elements().size();
      for (int i = 0; i < k; i++) {
        if (!s.elements().get(i).equals(TlaValue.Int.of(i + 1))) {
          throw bad(file, "Packets", "Packets must be 1..K, got " + packets.toTla());
        }
      }
    } else {
      throw bad(file, "Packets", "missing or not a set");
    }
    int rounds = intConst(file, constants, "MaxRounds");
    Tracking tracking = strategy(file, constants, "Tracking", Tracking.class);
    RingRestore restore = strategy(file, constants, "Restore", RingRestore.class);
    StopMode stop = strategy(file, constants, "StopMode", StopMode.class);
    FinalCopy finalCopy =
        constants.containsKey("FinalCopy")
            ? strategy(file, constants, "FinalCopy", FinalCopy.class)
            : FinalCopy.DIRTY;
    return new RxDmaSystem(
        pool,
        n,
        k,
        rounds,
        tracking,
        restore,
        stop,
        finalCopy,
        initHead(file, n, initialState),
        vfConfig);
  }

  /**
   * The device ring a spec ring of {@code n} replays on: {@code n} itself if it is a multiple of 8
   * (the 82599's granularity), 8 if {@code n} divides 8, else 0 (not replayable faithfully).
   */
  static int deviceRing(int n) {
    int g = VfConfig.RDLEN_GRANULARITY_82599;
    return n % g == 0 ? n : g % n == 0 ? g : 0;
  }

  /** The note on every replay of a spec ring smaller than the device's 8 descriptors. */
  static String mappedNote(int n) {
    StringBuilder replicas = new StringBuilder("s");
    for (int k = 1; k < VfConfig.RDLEN_GRANULARITY_82599 / n; k++) {
      replicas.append(", s+").append(k * n);
    }
    return "spec ring of N="
        + n
        + " on the 82599's 8-descriptor ring: spec slot s is device slots "
        + replicas
        + ", armed alike";
  }

  private static TraceFormatException bad(String file, String name, String problem) {
    return new TraceFormatException(file, -1, "/#meta/constants/" + name, problem);
  }

  /**
   * Where the ring stands when migration starts: {@code InitHead} of {@code RxDma.tla} is a
   * definition (0) that only the deep {@code *Ring8} models override, so it is not among a trace's
   * constants; {@code Init} fixes RDH to it, and the binding reads it from the initial state's
   * {@code RDH} (an RDH outside the ring is an error naming it). The rest of the initial state is
   * compared with the VF's as for any trace.
   */
  static int initHead(String file, int n, Map<String, TlaValue> initialState)
      throws TraceFormatException {
    TlaValue rdh = initialState.get("RDH");
    if (rdh == null) {
      return 0;
    }
    if (rdh instanceof TlaValue.Int i
        && i.value().signum() >= 0
        && i.value().intValue() < n
        && i.value().bitLength() < 31) {
      return i.value().intValue();
    }
    throw new TraceFormatException(
        file,
        -1,
        "/states/0/RDH",
        "RDH = " + rdh.toTla() + ": the initial head (InitHead) must be a slot 0.." + (n - 1));
  }

  private static int intConst(String file, Map<String, TlaValue> c, String name)
      throws TraceFormatException {
    if (c.get(name) instanceof TlaValue.Int i && i.value().bitLength() < 31) {
      return i.value().intValue();
    }
    throw bad(file, name, "missing or not an integer");
  }

  /**
   * A strategy constant's value: one of the spec's strings of {@code type} ({@link
   * RxStrategy#ofSpec}).
   */
  private static <E extends Enum<E>> E strategy(
      String file, Map<String, TlaValue> c, String name, Class<E> type)
      throws TraceFormatException {
    TlaValue v = c.get(name);
    String s =
        v instanceof TlaValue.Str str
            ? str.value()
            : v instanceof TlaValue.ModelValue m ? m.name() : null;
    Optional<E> e = s == null ? Optional.empty() : RxStrategy.ofSpec(type, s);
    if (e.isEmpty()) {
      throw bad(
          file,
          name,
          "must be one of "
              + Arrays.toString(type.getEnumConstants())
              + ", got "
              + (v == null ? "nothing" : v.toTla()));
    }
    return e.get();
  }

  /**
   * The same model with the broken strategy replaced by the nearest correct one: HEAD_ZERO by
   * SHIFT, DUMMY_BEFORE by DUMMY_AFTER, NONE by IOMMU, and DUMMY_AFTER under QEMU's stop by the
   * GUEST_DRAIN stop (specs/README.md, "Verdicts"); the spec-only driver defect NoRxReenable is
   * switched off.
   */
  @Override
  public Map<String, TlaValue> correctConstants(Map<String, TlaValue> constants) {
    Map<String, TlaValue> c = new LinkedHashMap<>(constants);
    if (c.containsKey("NoRxReenable")) {
      c.put("NoRxReenable", new TlaValue.Bool(false));
    }
    for (Assumption x : ASSUMPTIONS) {
      if (c.containsKey(x.constant())) {
        c.put(x.constant(), x.implemented());
      }
    }
    Optional<Tracking> t = spec(c, "Tracking", Tracking.class);
    if (spec(c, "Restore", RingRestore.class).equals(Optional.of(RingRestore.HEAD_ZERO))) {
      c.put("Restore", new TlaValue.Str(RingRestore.SHIFT.name()));
    }
    boolean drain = spec(c, "StopMode", StopMode.class).equals(Optional.of(StopMode.GUEST_DRAIN));
    if (t.equals(Optional.of(Tracking.DUMMY_BEFORE))) {
      c.put("Tracking", new TlaValue.Str(Tracking.DUMMY_AFTER.name()));
      c.put("StopMode", new TlaValue.Str(StopMode.GUEST_DRAIN.name()));
    } else if (t.equals(Optional.of(Tracking.NONE))) {
      c.put("Tracking", new TlaValue.Str(Tracking.IOMMU.name()));
    } else if ((t.equals(Optional.of(Tracking.DUMMY_AFTER))
            || t.equals(Optional.of(Tracking.UNMAP)))
        && !drain) {
      c.put("StopMode", new TlaValue.Str(StopMode.GUEST_DRAIN.name()));
    }
    return c;
  }

  /**
   * {@code NoRxReenable} (the destination driver never sets RXDCTL.ENABLE again) is a defect of the
   * spec's driver only: the spec-granular ixgbevf of {@link RxDmaSystem} has no switch for it, and
   * its trace (drain, then no re-init) is one the correct driver may also take, stopping short of
   * {@code RxReinit}. Such a counterexample is replayed against the correct implementation only.
   */
  @Override
  public java.util.Optional<String> specOnlyDefects(Map<String, TlaValue> constants) {
    List<String> why = new java.util.ArrayList<>();
    if (constants.get("NoRxReenable") instanceof TlaValue.Bool b && b.value()) {
      why.add(
          "NoRxReenable (the destination never re-enables Rx: a driver defect of"
              + " specs/RxDma/RxDma.tla that the emulated ixgbevf cannot be configured with)");
    }
    for (Assumption x : ASSUMPTIONS) {
      TlaValue v = constants.get(x.constant());
      if (v != null && !v.equals(x.implemented())) {
        why.add(
            x.constant()
                + " = "
                + v.toTla()
                + " is unbound: "
                + x.why()
                + " ("
                + x.constant()
                + " = "
                + x.implemented().toTla()
                + " only)");
      }
    }
    return why.isEmpty()
        ? java.util.Optional.empty()
        : java.util.Optional.of(String.join("; ", why));
  }

  private static <E extends Enum<E>> Optional<E> spec(
      Map<String, TlaValue> c, String name, Class<E> type) {
    return c.get(name) instanceof TlaValue.Str s
        ? RxStrategy.ofSpec(type, s.value())
        : Optional.empty();
  }

  /** A difference in what the stack read is corruption; in accepted frames, loss. */
  @Override
  public Discrepancy classify(int step, String action, List<VarDiff> diffs) {
    for (VarDiff d : diffs) {
      if (d.variable().equals("delivered")) {
        return new Discrepancy.PacketCorrupted(step, action, "the stack read other bytes", diffs);
      }
    }
    for (VarDiff d : diffs) {
      if (d.variable().equals("accepted")) {
        return new Discrepancy.PacketLost(step, action, "accepted frames differ", diffs);
      }
    }
    return new Discrepancy.StateMismatch(step, action, diffs);
  }
}
