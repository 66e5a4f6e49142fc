package org.vfiomc.conformance.function;

import java.nio.ByteBuffer;
import java.util.Optional;
import org.vfiomc.conformance.vfio.FunctionIdentity;
import org.vfiomc.conformance.vfio.MigratableFunction;

/**
 * A minimal device function for replay: its internal state is a change counter and a fixed-size
 * payload; {@link #activity()} is one unit of device work (DMA, interrupt, state change). A
 * quiesced function does no work, unless it is configured with a {@link Misbehaviour}.
 */
public final class ActivityFunction implements MigratableFunction {
  /** How this function deviates from the quiescence contract. */
  public enum Misbehaviour {
    /** Correct: no change while quiesced. */
    NONE,
    /** Keeps changing its state while quiesced (spec defect {@code DmaInStopCopy}). */
    CHANGES_WHEN_QUIESCED,
    /**
     * Reports a new digest on every query (dirty tracking that always says "dirty"): not a spec
     * defect; used to show that replaying correct traces catches a broken implementation.
     */
    UNSTABLE_DIGEST
  }

  private static final int PAYLOAD = 16;
  private final FunctionIdentity identity;
  private final Misbehaviour misbehaviour;
  private long changes;
  private long changesWhileQuiesced;
  private long digestCalls;
  private boolean quiesced;

  public ActivityFunction(FunctionIdentity identity, Misbehaviour misbehaviour) {
    this.identity = identity;
    this.misbehaviour = misbehaviour;
  }

  /** One unit of device work; returns whether the internal state changed. */
  public boolean activity() {
    if (quiesced && misbehaviour != Misbehaviour.CHANGES_WHEN_QUIESCED) {
      return false;
    }
    changes++;
    if (quiesced) {
      changesWhileQuiesced++;
    }
    return true;
  }

  /** State changes since power-on (or the last reset). */
  public long changes() {
    return changes;
  }

  /** State changes made while quiesced (0 for a correct function). */
  public long changesWhileQuiesced() {
    return changesWhileQuiesced;
  }

  public boolean quiesced() {
    return quiesced;
  }

  @Override
  public FunctionIdentity identity() {
    return identity;
  }

  @Override
  public byte[] saveState() {
    return ByteBuffer.allocate(PAYLOAD).putLong(changes).putLong(~changes).array();
  }

  @Override
  public Optional<String> loadState(byte[] state) {
    if (state.length != PAYLOAD) {
      return Optional.of("expected " + PAYLOAD + " bytes, got " + state.length);
    }
    ByteBuffer b = ByteBuffer.wrap(state);
    long c = b.getLong();
    if (b.getLong() != ~c) {
      return Optional.of("corrupt payload");
    }
    changes = c;
    return Optional.empty();
  }

  @Override
  public void setQuiesced(boolean quiesced) {
    this.quiesced = quiesced;
  }

  @Override
  public void setOutboundP2pBlocked(boolean blocked) {
    // no P2P traffic in this function
  }

  @Override
  public long stateDigest() {
    return misbehaviour == Misbehaviour.UNSTABLE_DIGEST ? changes * 31 + ++digestCalls : changes;
  }

  @Override
  public void reset() {
    changes = 0;
  }

  @Override
  public long stateSizeEstimate() {
    return PAYLOAD;
  }
}
