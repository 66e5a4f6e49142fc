package org.vfiomc.conformance.record;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.SplittableRandom;
import org.vfiomc.checker.trace.TlaValue;
import org.vfiomc.checker.trace.TraceStep;
import org.vfiomc.conformance.ledger.Violation;
import org.vfiomc.conformance.replay.StepOutcome;
import org.vfiomc.conformance.replay.rxdma.RxDmaAction;
import org.vfiomc.conformance.replay.rxdma.RxDmaAction.Kind;
import org.vfiomc.conformance.replay.rxdma.RxDmaRun;
import org.vfiomc.conformance.scenario.RxStrategy.RingRestore;
import org.vfiomc.conformance.scenario.RxStrategy.StopMode;
import org.vfiomc.conformance.scenario.RxStrategy.Tracking;

/**
 * Records an emulator-driven RxDma run as a run of {@code specs/RxDma/RxDma.tla}: a seeded
 * scheduler picks the next real event among those the emulator, the driver and the host can take
 * now, takes it on an {@link RxDmaRun} (an 82599 VF on its datasheet ring of 8 descriptors, guest
 * memory with its dirty logs, the VFIO migration device, ixgbevf at the spec's granularity) and
 * records the replay's own projection onto every spec variable after it, with the event's spec
 * action as the step's action. No spec is consulted while recording: whether the run is a behaviour
 * of the spec is {@code checker validate}'s question ({@link #MODEL}). See the package
 * documentation for the events, the scheduler's two host policies and what a step maps to.
 */
public final class RxDmaRecorder {
  /** The model a recorded run is validated against, relative to the repository root. */
  public static final String MODEL = "specs/RxDma/MC_RxDmaIommuShift_Record.tla";

  /**
   * Most steps recorded. A run of a correct strategy ends by itself (every process has finitely
   * many steps, about 50 here); DUMMY_BEFORE's dummy read repeats on every poll of a descriptor
   * that is not done (ixgbevf's NAPI poll finds nothing and polls again), so its run is cut here.
   */
  public static final int MAX_STEPS = 400;

  /**
   * One run: the constants of {@link #MODEL} (ring, frames, rounds, head) and the strategies.
   *
   * @param ring descriptors (N); the 82599's smallest ring, 8
   * @param packets frames the wire offers (Packets = 1..packets)
   * @param maxRounds pre-copy rounds, the first full pass included
   * @param initHead the head the ring stands at when migration starts
   * @param seed the scheduler's seed
   */
  public record Config(
      int ring,
      int packets,
      int maxRounds,
      int initHead,
      Tracking tracking,
      RingRestore restore,
      StopMode stopMode,
      long seed) {
    /**
     * The constants of {@link #MODEL} (N = 8, two frames, two rounds, head 7: frame 1 goes into
     * slot 7, frame 2 into slot 0, the ring wraps) with these strategies. QEMU's stop with a
     * restore that runs guest code at the destination (SHIFT, REINIT) is the spec's QEMU_NOTIFY,
     * which takes the same steps (specs/README.md, "SHIFT, REINIT and DROP_RING need guest code").
     */
    public static Config of(Tracking t, RingRestore r, StopMode m, long seed) {
      StopMode stop =
          m == StopMode.QEMU && (r == RingRestore.SHIFT || r == RingRestore.REINIT)
              ? StopMode.QEMU_NOTIFY
              : m;
      return new Config(8, 2, 2, 7, t, r, stop, seed);
    }

    /** The strategies as the spec's constants: {@code Tracking / Restore / StopMode}. */
    public String strategy() {
      return tracking + "/" + restore + "/" + stopMode;
    }
  }

  /**
   * The events the scheduler picks from, each one step of {@code RxDma.tla} as the emulator takes
   * it (the sources are those the spec cites for the action).
   */
  enum Event {
    /**
     * A frame reaches the VF, which DMAs it into the buffer at RDH or drops it (SRRCTL.DROP_EN;
     * stopped VF): {@code RxBuffer} or {@code RxDrop}, the VF decides.
     */
    ARRIVE,
    /** The VF writes the in-flight frame's descriptor back and advances RDH: RxWriteBack. */
    WRITE_BACK,
    /** DUMMY_BEFORE's read half (the 2015 RFC's dummy write before the status check). */
    DUMMY_READ,
    /** DUMMY_BEFORE's write half. */
    DUMMY_WRITE,
    /** ixgbevf_clean_rx_irq: the descriptor at next_to_clean is done (ixgbevf_test_staterr). */
    CHECK,
    /** ixgbevf_clean_rx_irq: the skb goes to the stack, next_to_clean advances. */
    DELIVER,
    /** ixgbevf_alloc_rx_buffers: re-arm next_to_use and write RDT (ixgbevf_write_tail). */
    REFILL,
    /** The stack reads its oldest skb (napi_gro_receive's consumer). */
    STACK_READ,
    /** REINIT at the destination: ixgbevf_configure_rx_ring once the old ring is drained. */
    REINIT,
    /**
     * QEMU's migration_bitmap_sync: KVM's dirty log and, with IOMMU tracking, the device's
     * (vfio_sync_dirty_bitmap) are read and cleared; a new round begins.
     */
    SYNC_DIRTY,
    /** ram_save_iterate -> ram_find_and_save_block: the lowest page of the round not sent yet. */
    COPY_PAGE,
    /** GUEST_DRAIN: the driver disables Rx (ixgbevf_disable_rx_queue) when told to stop. */
    QUIESCE_RX,
    /** migration_completion -> vm_stop_force_state: the vCPUs stop. */
    PAUSE_VCPUS,
    /** vfio_vmstate_change: the source VF goes to STOP_COPY (vfio_migration_set_state). */
    STOP_DEVICE,
    /** The final copy: pages still dirty, then the VF's state (vfio_save_complete_precopy). */
    STOP_COPY,
    /** The destination VF goes to RUNNING on the image and the ring is restored. */
    RESUME
  }

  /**
   * What one recording gave: the steps (step 0 the initial state), why it could not be recorded to
   * the end (if so), and the packet ledger's findings at its end.
   */
  public record Recording(
      Config config,
      List<TraceStep> steps,
      Optional<String> problem,
      boolean cut,
      List<Violation> ledger) {
    public Recording {
      steps = List.copyOf(steps);
      ledger = List.copyOf(ledger);
    }

    /** Recorded steps whose action is {@code tag}. */
    public long count(String tag) {
      return steps.stream().skip(1).filter(s -> s.action().equals(tag)).count();
    }

    /**
     * Whether the ring wrapped while recording: the VF wrote back the descriptor of the last slot,
     * so RDH went from N - 1 to 0.
     */
    public boolean wrapped() {
      TlaValue last = TlaValue.Int.of(config.ring() - 1);
      return steps.stream()
          .skip(1)
          .filter(s -> s.action().equals("RxWriteBack"))
          .map(s -> s.state().get("action"))
          .anyMatch(a -> a instanceof TlaValue.Record r && last.equals(r.fields().get("slot")));
    }

    /** One line: steps, frames, syncs, wrap, ledger. */
    public String summary() {
      return String.format(
          "RxDma run (%s, ring %d, head %d, %d frames, %d rounds, seed %d): %d steps; frames: %d"
              + " written by the VF, %d dropped, %d read by the stack; %d SyncDirty; ring %s;"
              + " ledger: %s%s",
          config.strategy(),
          config.ring(),
          config.initHead(),
          config.packets(),
          config.maxRounds(),
          config.seed(),
          steps.size() - 1,
          count("RxBuffer"),
          count("RxDrop"),
          count("StackRead"),
          count("SyncDirty"),
          wrapped() ? "wrapped" : "did not wrap",
          ledger.isEmpty() ? "clean" : ledger.size() + " violation(s) " + ledger,
          cut ? "; cut at " + MAX_STEPS + " steps" : "");
    }

    /**
     * The ITF text of the run (pretty-printed JSON); {@code meta} entries are added to the
     * document's {@code #meta}.
     *
     * @throws IllegalStateException if the run could not be recorded ({@link #problem()})
     */
    public String itf(Map<String, String> meta) {
      if (problem.isPresent()) {
        throw new IllegalStateException("run not recordable: " + problem.get());
      }
      Map<String, String> own = new LinkedHashMap<>();
      own.put("validate", "checker validate " + MODEL + " --trace FILE");
      own.put("device", "82599-vf");
      own.put("ring", Integer.toString(config.ring()));
      own.put("packets", Integer.toString(config.packets()));
      own.put("maxRounds", Integer.toString(config.maxRounds()));
      own.put("initHead", Integer.toString(config.initHead()));
      own.put("strategy", config.strategy());
      own.put("seed", Long.toString(config.seed()));
      return RunDocument.write(
          "RxDma", "vfiomc simulate --record-rx", own, meta, RxDmaRun.VARIABLES, steps);
    }
  }

  private RxDmaRecorder() {}

  /** Runs and records one RxDma migration. */
  public static Recording record(Config c) {
    List<TraceStep> steps = new ArrayList<>();
    SplittableRandom rnd = new SplittableRandom(c.seed());
    try (RxDmaRun run =
        new RxDmaRun(
            c.ring(),
            c.packets(),
            c.maxRounds(),
            c.initHead(),
            c.tracking(),
            c.restore(),
            c.stopMode())) {
      steps.add(state("Init", run));
      List<Event> events = new ArrayList<>(List.of(Event.values()));
      while (steps.size() <= MAX_STEPS) {
        shuffle(events, rnd);
        boolean taken = false;
        for (Event e : events) {
          StepOutcome o = take(e, run, c.maxRounds());
          if (o instanceof StepOutcome.Unexpected u) {
            return new Recording(
                c,
                steps,
                Optional.of("step " + steps.size() + " (" + e + "): " + u.reason()),
                false,
                run.ledgerViolations());
          }
          if (o == StepOutcome.OK) {
            steps.add(state(tag(run), run));
            taken = true;
            break;
          }
        }
        if (!taken) {
          return new Recording(c, steps, Optional.empty(), false, run.ledgerViolations());
        }
      }
      return new Recording(c, steps, Optional.empty(), true, run.ledgerViolations());
    }
  }

  /** Fisher-Yates with the scheduler's generator: every enabled event is equally likely first. */
  private static void shuffle(List<Event> events, SplittableRandom rnd) {
    for (int i = events.size() - 1; i > 0; i--) {
      int j = rnd.nextInt(i + 1);
      Event x = events.get(i);
      events.set(i, events.get(j));
      events.set(j, x);
    }
  }

  /**
   * Takes {@code e} if the system can take it now. Two host policies (those of {@link #MODEL}'s
   * action constraints): a round's pages go in ascending address order (QEMU's RAM iteration, a
   * find_next_bit over the dirty bitmap in migration_bitmap_find_dirty), and the guest is stopped
   * only in the last round (a management layer that forces the switchover after {@code maxRounds}
   * rounds; QEMU alone has no cap).
   */
  private static StepOutcome take(Event e, RxDmaRun run, int maxRounds) {
    StepOutcome notNow = new StepOutcome.NotPossible("not now");
    return switch (e) {
      case ARRIVE -> run.arrive();
      case WRITE_BACK ->
          run.inflight() == 0 ? notNow : run.apply(new RxDmaAction.RxWriteBack(run.inflight()));
      case DUMMY_READ -> run.apply(new RxDmaAction.Simple(Kind.RXDUMMYREAD));
      case DUMMY_WRITE -> run.apply(new RxDmaAction.Simple(Kind.RXDUMMYWRITE));
      case CHECK -> run.apply(new RxDmaAction.Simple(Kind.RXCHECK));
      case DELIVER -> run.apply(new RxDmaAction.Simple(Kind.RXDELIVER));
      case REFILL -> run.apply(new RxDmaAction.Simple(Kind.RXREFILL));
      case STACK_READ -> run.apply(new RxDmaAction.Simple(Kind.STACKREAD));
      case REINIT -> run.apply(new RxDmaAction.Simple(Kind.RXREINIT));
      case SYNC_DIRTY -> run.apply(new RxDmaAction.Simple(Kind.SYNCDIRTY));
      case COPY_PAGE -> {
        OptionalInt page = run.nextPageToSend();
        yield page.isEmpty() ? notNow : run.apply(new RxDmaAction.CopyPage(page.getAsInt()));
      }
      case QUIESCE_RX ->
          run.round() < maxRounds ? notNow : run.apply(new RxDmaAction.Simple(Kind.QUIESCERX));
      case PAUSE_VCPUS ->
          run.round() < maxRounds ? notNow : run.apply(new RxDmaAction.Simple(Kind.PAUSEVCPUS));
      case STOP_DEVICE -> run.apply(new RxDmaAction.Simple(Kind.STOPDEVICE));
      case STOP_COPY -> run.apply(new RxDmaAction.Simple(Kind.STOPCOPY));
      case RESUME -> run.apply(new RxDmaAction.Simple(Kind.RESUME));
    };
  }

  /** The spec action the last step was: the tag of the projected {@code action} variable. */
  private static String tag(RxDmaRun run) {
    TlaValue a = run.project()[RxDmaRun.VARIABLES.indexOf("action")];
    if (a instanceof TlaValue.Record r && r.fields().get("tag") instanceof TlaValue.Str s) {
      return s.value();
    }
    throw new IllegalStateException("the projection's action has no tag: " + a.toTla());
  }

  private static TraceStep state(String action, RxDmaRun run) {
    TlaValue[] values = run.project();
    Map<String, TlaValue> s = new LinkedHashMap<>();
    for (int i = 0; i < values.length; i++) {
      s.put(RxDmaRun.VARIABLES.get(i), values[i]);
    }
    return new TraceStep(action, null, s);
  }
}
