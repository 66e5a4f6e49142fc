package org.vfiomc.conformance.replay.rxdma;

import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import org.vfiomc.checker.trace.TlaValue;
import org.vfiomc.conformance.emulator.VfConfig;
import org.vfiomc.conformance.ledger.Violation;
import org.vfiomc.conformance.replay.StepOutcome;
import org.vfiomc.conformance.scenario.RxStrategy.FinalCopy;
import org.vfiomc.conformance.scenario.RxStrategy.RingRestore;
import org.vfiomc.conformance.scenario.RxStrategy.StopMode;
import org.vfiomc.conformance.scenario.RxStrategy.Tracking;

/**
 * RxDma's world ({@link RxDmaSystem}: two hosts with an 82599 VF each, the host migration, ixgbevf
 * at the spec's granularity, the wire) driven by a caller that picks the next real event itself,
 * for the emulator-to-spec direction ({@code conformance.record.RxDmaRecorder}). Each event is one
 * of {@code RxDma.tla}'s steps as the replay binding implements it; {@link #arrive} lets the VF
 * decide between taking and dropping a frame. {@link #project} is the replay's own projection
 * ({@link RxProjection}) onto every variable of the spec ({@link #VARIABLES}, in that order).
 *
 * <p>The VF is a correct one ({@link VfConfig#defaults}) on its datasheet ring: a spec ring of
 * {@code n} must be a multiple of 8 (RDLEN counts 128-byte units, ixgbevf's
 * IXGBE_REQ_RX_DESCRIPTOR_MULTIPLE = 8), so no spec slot is laid onto several device slots. Not
 * thread-safe; close it when done.
 */
public final class RxDmaRun implements AutoCloseable {
  /** The variables {@link #project} fills, in order: every variable of {@code RxDma.tla}. */
  public static final List<String> VARIABLES = RxDmaBinding.VARIABLES;

  private final RxDmaSystem sys;
  private final int packets;

  /**
   * A run of {@code packets} frames on a ring of {@code n} descriptors standing at head {@code
   * initHead} when migration starts ({@code RxDma.tla}'s {@code InitHead}), with {@code maxRounds}
   * pre-copy rounds and the strategies given (final copy: the dirty pages, QEMU's).
   *
   * @throws IllegalArgumentException if {@code n} is not a multiple of 8 in 8..64, {@code initHead}
   *     not a slot, or {@code packets} or {@code maxRounds} below 1
   */
  public RxDmaRun(
      int n,
      int packets,
      int maxRounds,
      int initHead,
      Tracking tracking,
      RingRestore restore,
      StopMode stopMode) {
    if (n < 8 || n > 64 || n % 8 != 0) {
      throw new IllegalArgumentException(
          "ring of " + n + " descriptors: an 82599 ring here is a multiple of 8 in 8..64");
    }
    if (initHead < 0 || initHead >= n) {
      throw new IllegalArgumentException("head " + initHead + " is no slot of a ring of " + n);
    }
    if (packets < 1 || maxRounds < 1) {
      throw new IllegalArgumentException("packets and rounds must be at least 1");
    }
    this.packets = packets;
    this.sys =
        new RxDmaSystem(
            new RxHostPool(),
            n,
            packets,
            maxRounds,
            tracking,
            restore,
            stopMode,
            FinalCopy.DIRTY,
            initHead,
            VfConfig.defaults());
  }

  /** Frames the wire has offered so far. */
  public int offered() {
    return sys.nextPkt - 1;
  }

  /** Whether the wire has a frame left to offer. */
  public boolean wireHasFrames() {
    return sys.nextPkt <= packets;
  }

  /** The frame whose buffer the VF wrote and whose descriptor it has not written back, or 0. */
  public int inflight() {
    return sys.inflightPkt;
  }

  /** The host migration's phase ({@code RxDma.tla}'s {@code phase}). */
  public String phase() {
    return sys.migration.phase;
  }

  /** The current pre-copy round, from 1. */
  public int round() {
    return sys.migration.round;
  }

  /**
   * The lowest page of this round not sent yet (buffer b is page b, the ring page is N), if any:
   * the page a host that scans its dirty bitmap in address order sends next.
   */
  public OptionalInt nextPageToSend() {
    return sys.migration.toSend.isEmpty()
        ? OptionalInt.empty()
        : OptionalInt.of(sys.migration.toSend.first());
  }

  /** The next frame reaches the VF, which writes it ({@code RxBuffer}) or drops it. */
  public StepOutcome arrive() {
    if (!wireHasFrames()) {
      return new StepOutcome.NotPossible("the wire has offered all " + packets + " frames");
    }
    return sys.arrival();
  }

  /** Takes one step of the spec's vocabulary, if the system can take it now. */
  public StepOutcome apply(RxDmaAction a) {
    if (a instanceof RxDmaAction.RxBuffer || a instanceof RxDmaAction.RxDrop) {
      return new StepOutcome.NotPossible(
          "a frame's arrival is arrive(): the VF decides whether it takes or drops it");
    }
    return sys.apply(a);
  }

  /** The state as {@code RxDma.tla}'s variables, in {@link #VARIABLES} order. */
  public TlaValue[] project() {
    TlaValue[] out = new TlaValue[VARIABLES.size()];
    sys.project(out);
    return out;
  }

  /** The packet ledger's findings about the frames so far (lost, duplicated, corrupted). */
  public List<Violation> ledgerViolations() {
    return sys.ledgerCheck();
  }

  /** Why the replay world describes the ring differently from the device, if it does. */
  public Optional<String> note() {
    return sys.note();
  }

  @Override
  public void close() {
    sys.close();
  }
}
