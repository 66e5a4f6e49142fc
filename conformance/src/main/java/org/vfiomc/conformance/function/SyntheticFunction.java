package org.vfiomc.conformance.function;

import static com.google.common.base.Preconditions.checkArgument;

import com.google.common.hash.Hashing;
import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Optional;
import org.vfiomc.conformance.vfio.FunctionIdentity;

/**
 * A synthetic migratable function with outbound peer-to-peer writes, which the 82599 VF does not
 * have: {@code SyntheticVm} migrates several of them to study the multi-device stop ordering
 * ({@code simulate --synthetic N}), and the migration device's tests use it as a small function
 * with a versioned state. Each {@link #tick} while running does a unit of work (changes a counter
 * and a scratch area, raises an interrupt) and issues one outbound P2P write to its peer; writes
 * stay in flight until the next tick or until P2P is blocked. A write that reaches a quiesced peer
 * is dropped and counted there: that is the loss the uAPI's *_P2P states exist to prevent.
 *
 * <p>Saved state: magic, version, counters, in-flight writes, scratch bytes. The quiesced and
 * blocked flags, the peer and the drop counter are not state (they belong to this instance).
 */
public final class SyntheticFunction extends AbstractMigratableFunction {
  /** PCI ids 1b36:00ff (the QEMU emulated-device vendor, an unused device id). */
  public static final FunctionIdentity IDENTITY =
      new FunctionIdentity(0x1b36, 0x00ff, "synthetic-fn", 1, 1);

  private static final int MAGIC = 0x53594E46; // "SYNF"
  private static final int HEADER_BYTES = 4 + 4 + 8 * 5 + 4 + 4;

  private final byte[] scratch;
  private final Deque<Long> inFlight = new ArrayDeque<>();
  private long work;
  private long interrupts;
  private long p2pIssued;
  private long p2pReceived;
  private long p2pReceivedSum;
  private SyntheticFunction peer;
  private long p2pDroppedHere;

  public SyntheticFunction(int scratchBytes) {
    this(IDENTITY, scratchBytes);
  }

  public SyntheticFunction(FunctionIdentity identity, int scratchBytes) {
    super(identity);
    checkArgument(scratchBytes >= 0 && scratchBytes <= 1 << 20, "scratch size %s", scratchBytes);
    this.scratch = new byte[scratchBytes];
  }

  public void setPeer(SyntheticFunction peer) {
    this.peer = peer;
  }

  /** One unit of device activity (nothing happens while quiesced). */
  public void tick() {
    if (quiesced()) {
      return;
    }
    work++;
    interrupts++;
    if (scratch.length > 0) {
      int i = (int) Math.floorMod(work * 31, (long) scratch.length);
      scratch[i] = (byte) (scratch[i] + 1);
    }
    completeInFlight();
    if (!outboundP2pBlocked() && peer != null) {
      inFlight.add(work);
      p2pIssued++;
    }
  }

  private void completeInFlight() {
    while (!inFlight.isEmpty()) {
      long v = inFlight.poll();
      if (peer != null) {
        peer.receiveP2p(v);
      }
    }
  }

  /** An incoming P2P write; dropped and counted if this function is quiesced. */
  void receiveP2p(long value) {
    if (quiesced()) {
      p2pDroppedHere++;
      return;
    }
    p2pReceived++;
    p2pReceivedSum += value;
  }

  public long work() {
    return work;
  }

  public long interrupts() {
    return interrupts;
  }

  public long p2pIssued() {
    return p2pIssued;
  }

  public long p2pReceived() {
    return p2pReceived;
  }

  public long p2pInFlight() {
    return inFlight.size();
  }

  /** Incoming P2P writes this instance dropped because it was quiesced (lost writes). */
  public long p2pDroppedHere() {
    return p2pDroppedHere;
  }

  @Override
  public byte[] saveState() {
    ByteBuffer b = ByteBuffer.allocate(HEADER_BYTES + 8 * inFlight.size() + scratch.length);
    b.putInt(MAGIC).putInt(identity().stateVersion());
    b.putLong(work).putLong(interrupts).putLong(p2pIssued).putLong(p2pReceived);
    b.putLong(p2pReceivedSum);
    b.putInt(inFlight.size());
    for (long v : inFlight) {
      b.putLong(v);
    }
    b.putInt(scratch.length).put(scratch);
    return b.array();
  }

  @Override
  public Optional<String> loadState(byte[] state) {
    ByteBuffer b = ByteBuffer.wrap(state);
    try {
      if (b.getInt() != MAGIC) {
        return Optional.of("bad magic");
      }
      int version = b.getInt();
      if (version < identity().minLoadableStateVersion() || version > identity().stateVersion()) {
        return Optional.of("state version " + version + " not loadable");
      }
      long[] counters = {b.getLong(), b.getLong(), b.getLong(), b.getLong(), b.getLong()};
      int n = b.getInt();
      if (n < 0 || n > b.remaining() / 8) {
        return Optional.of("in-flight count " + n + " exceeds the payload");
      }
      Deque<Long> flights = new ArrayDeque<>();
      for (int i = 0; i < n; i++) {
        flights.add(b.getLong());
      }
      int len = b.getInt();
      if (len != scratch.length || b.remaining() != len) {
        return Optional.of("scratch of " + len + " bytes, this function has " + scratch.length);
      }
      b.get(scratch);
      work = counters[0];
      interrupts = counters[1];
      p2pIssued = counters[2];
      p2pReceived = counters[3];
      p2pReceivedSum = counters[4];
      inFlight.clear();
      inFlight.addAll(flights);
      return Optional.empty();
    } catch (BufferUnderflowException e) {
      return Optional.of("state payload of " + state.length + " bytes is too short");
    }
  }

  @Override
  protected void outboundP2pBlockedChanging(boolean blocked) {
    if (blocked && !outboundP2pBlocked()) {
      completeInFlight();
    }
  }

  @Override
  public long stateDigest() {
    return Hashing.murmur3_128().hashBytes(saveState()).asLong();
  }

  @Override
  public void reset() {
    work = 0;
    interrupts = 0;
    p2pIssued = 0;
    p2pReceived = 0;
    p2pReceivedSum = 0;
    inFlight.clear();
    java.util.Arrays.fill(scratch, (byte) 0);
  }

  @Override
  public long stateSizeEstimate() {
    return HEADER_BYTES + 8L * inFlight.size() + scratch.length;
  }
}
