package org.vfiomc.conformance.emulator.state;

import static com.google.common.base.Preconditions.checkArgument;

import com.google.common.collect.ImmutableList;
import java.util.List;
import org.vfiomc.conformance.emulator.packet.DropReason;
import org.vfiomc.conformance.emulator.packet.Frame;

/**
 * Receive engine internals that are not in registers: the packet buffer (frames received from the
 * wire and not yet placed), the frame being placed, and per-reason drop counters.
 *
 * @param fifo frames waiting in the packet buffer, oldest first
 * @param current the frame being written to guest memory, or null
 * @param queue the queue {@code current} goes to
 * @param offset bytes of {@code current} already written back in earlier descriptors
 * @param chunk bytes written into the current descriptor's buffer, not yet written back
 * @param dataWritten true between the buffer write and the descriptor write-back
 * @param drops counter per {@link DropReason}, indexed by ordinal
 */
public record RxEngineState(
    ImmutableList<Frame> fifo,
    Frame current,
    int queue,
    int offset,
    int chunk,
    boolean dataWritten,
    ImmutableList<Long> drops) {
  public RxEngineState {
    fifo = ImmutableList.copyOf(fifo);
    drops = ImmutableList.copyOf(drops);
    checkArgument(drops.size() == DropReason.values().length, "need one counter per reason");
    checkArgument(current != null || !dataWritten, "data written without a current frame");
  }

  /** Convenience constructor from plain lists. */
  public static RxEngineState of(
      List<Frame> fifo,
      Frame current,
      int queue,
      int offset,
      int chunk,
      boolean dataWritten,
      List<Long> drops) {
    return new RxEngineState(
        ImmutableList.copyOf(fifo),
        current,
        queue,
        offset,
        chunk,
        dataWritten,
        ImmutableList.copyOf(drops));
  }
}
