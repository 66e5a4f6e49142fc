package org.vfiomc.conformance.function;

import java.nio.ByteBuffer;
import java.util.Optional;
import java.util.TreeSet;
import org.vfiomc.conformance.vfio.FunctionIdentity;

/**
 * A device function with explicit peer-to-peer writes for replay: {@link #issue} starts a write
 * into a peer's BAR, {@link #land} completes it; a peer that is quiesced drops the write and counts
 * it. New writes are refused while outbound P2P is blocked, while quiesced, and from the moment a
 * SET ioctl has begun on the device ({@link #beginArc}). Blocking outbound P2P completes nothing by
 * itself: the uAPI's blocking waits for the outstanding writes, and replay checks that they drained
 * before it lets the arc return ({@code StopArcReturns}).
 */
public final class P2pFunction extends AbstractMigratableFunction {
  private final TreeSet<Integer> inflight = new TreeSet<>();
  private boolean arcBegun;
  private long received;
  private long dropped;

  public P2pFunction(FunctionIdentity identity) {
    super(identity);
  }

  /** Starts a write into peer {@code target}; false if this function may not initiate now. */
  public boolean issue(int target) {
    if (quiesced() || outboundP2pBlocked() || arcBegun || inflight.contains(target)) {
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
    if (peer.quiesced()) {
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
  public java.util.SortedSet<Integer> inflight() {
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
  public byte[] saveState() {
    return ByteBuffer.allocate(Long.BYTES).putLong(received).array();
  }

  @Override
  public Optional<String> loadState(byte[] state) {
    Optional<String> wrong = wrongLength(state, Long.BYTES);
    if (wrong.isEmpty()) {
      received = ByteBuffer.wrap(state).getLong();
    }
    return wrong;
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
