package org.vfiomc.conformance.function;

import java.nio.ByteBuffer;
import java.util.Optional;
import org.vfiomc.conformance.vfio.FunctionIdentity;

/**
 * A minimal device function for replay: its internal state is a change counter and a fixed-size
 * payload; {@link #activity()} is one unit of device work (DMA, interrupt, state change). A
 * quiesced function does no work, unless it is configured with a {@link Misbehaviour}.
 */
public final class ActivityFunction extends AbstractMigratableFunction {
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
  private final Misbehaviour misbehaviour;
  private long changes;
  private long digestCalls;

  public ActivityFunction(FunctionIdentity identity, Misbehaviour misbehaviour) {
    super(identity);
    this.misbehaviour = misbehaviour;
  }

  /** One unit of device work; returns whether the internal state changed. */
  public boolean activity() {
    if (quiesced() && misbehaviour != Misbehaviour.CHANGES_WHEN_QUIESCED) {
      return false;
    }
    changes++;
    changed();
    return true;
  }

  /** State changes since power-on (or the last reset). */
  public long changes() {
    return changes;
  }

  @Override
  public byte[] saveState() {
    return ByteBuffer.allocate(PAYLOAD).putLong(changes).putLong(~changes).array();
  }

  @Override
  public Optional<String> loadState(byte[] state) {
    Optional<String> wrong = wrongLength(state, PAYLOAD);
    if (wrong.isPresent()) {
      return wrong;
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
