package org.vfiomc.conformance.function;

import java.util.Optional;
import java.util.TreeSet;
import org.vfiomc.conformance.vfio.FunctionIdentity;
import org.vfiomc.conformance.vfio.MigratableFunction;

/**
 * A device function with explicit peer-to-peer writes for replay: {@link #issue} starts a write
 * into a peer's BAR, {@link #land} completes it; a peer that is quiesced drops the write and counts
 * it. New writes are refused while outbound P2P is blocked, while quiesced, and from the moment a
 * SET ioctl has begun on the device ({@link #beginArc}).
 */
public final class P2pFunction implements MigratableFunction {
  private final FunctionIdentity identity;
  private final TreeSet<Integer> inflight = new TreeSet<>();
  private boolean quiesced;
  private boolean blocked;
  private boolean arcBegun;
  private long received;
  private long dropped;

  public P2pFunction(FunctionIdentity identity) {
    this.identity = identity;
  }

  /** Starts a write into peer {@code target}; false if this function may not initiate now. */
  public boolean issue(int target) {
    if (quiesced || blocked || arcBegun || inflight.contains(target)) {
      return false;
    }
    inflight.add(target);
    return true;
  }

  /** Completes the write into {@code peer} (id {@code target}); false if none is in flight. */
  public boolean land(int target, P2pFunction peer) {
    if (!inflight.remove(target)) {
      return false;
    }
    if (peer.quiesced) {
      peer.dropped++;
    } else {
      peer.received++;
    }
    return true;
  }

  /** A SET ioctl has begun (the driver stops new outbound DMA) or returned. */
  public void beginArc(boolean begun) {
    this.arcBegun = begun;
  }

  /** Peers with a write of this function in flight, ascending. */
  public TreeSet<Integer> inflight() {
    return new TreeSet<>(inflight);
  }

  public boolean hasOutstanding() {
    return !inflight.isEmpty();
  }

  /** Incoming writes dropped because this function was quiesced (lost writes). */
  public long dropped() {
    return dropped;
  }

  public long received() {
    return received;
  }

  @Override
  public FunctionIdentity identity() {
    return identity;
  }

  @Override
  public byte[] saveState() {
    return java.nio.ByteBuffer.allocate(8).putLong(received).array();
  }

  @Override
  public Optional<String> loadState(byte[] state) {
    if (state.length != 8) {
      return Optional.of("expected 8 bytes, got " + state.length);
    }
    received = java.nio.ByteBuffer.wrap(state).getLong();
    return Optional.empty();
  }

  @Override
  public void setQuiesced(boolean quiesced) {
    this.quiesced = quiesced;
  }

  @Override
  public void setOutboundP2pBlocked(boolean blocked) {
    // the uAPI has blocking wait for outstanding writes; replay checks that they drained before it
    // lets the arc return (StopArcReturns), so nothing is completed implicitly here
    this.blocked = blocked;
  }

  @Override
  public long stateDigest() {
    return received;
  }

  @Override
  public void reset() {
    received = 0;
    inflight.clear();
  }
}
