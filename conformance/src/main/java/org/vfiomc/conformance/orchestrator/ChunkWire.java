package org.vfiomc.conformance.orchestrator;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.vfiomc.conformance.vfio.StreamFormat;

/**
 * The migration stream of one device with a {@link ChunkFault} on the way: bytes read from the
 * source go in, whole chunks come out in the order they reach the destination. A chunk is a
 * pre-copy image, or the final state together with the END section. The spec's un-framed wire
 * ({@link ChunkFault}), not QEMU's transport: QEMU's is {@link VfioSectionStream} over the main
 * channel and, with multifd, {@link MultifdChannels} into {@link MultifdLoadBuffers}.
 */
final class ChunkWire {
  /** What happens on the way, in order: a chunk written, or the fault hitting. */
  sealed interface Step {
    /** This chunk reaches the destination. */
    // a chunk in transit, handed on and never compared: the record's equality is not used
    @SuppressWarnings("ArrayRecordComponent")
    record Write(byte[] chunk) implements Step {}

    /** The fault hits (LOSS: the chunk just read is gone; REORDER: the next two swap). */
    record Hit(ChunkFault.Kind kind) implements Step {}
  }

  private final ChunkFault fault;
  private final SectionFramer framer = new SectionFramer();
  private final ByteArrayOutputStream pending = new ByteArrayOutputStream();
  private int chunks;
  private byte[] held;

  ChunkWire(ChunkFault fault) {
    this.fault = fault;
  }

  /** Takes the bytes of one read; the fault hits when the chunk it names is complete. */
  List<Step> take(byte[] data) {
    List<Step> steps = new ArrayList<>();
    for (SectionFramer.Section s : framer.feed(data)) {
      pending.writeBytes(s.bytes());
      if (s.is(StreamFormat.SectionType.FINAL_STATE)) {
        continue; // its END section completes the chunk
      }
      byte[] chunk = pending.toByteArray();
      pending.reset();
      chunks++;
      if (chunks == fault.chunk() && fault.kind() == ChunkFault.Kind.LOSS) {
        steps.add(new Step.Hit(ChunkFault.Kind.LOSS));
      } else if (chunks == fault.chunk() && fault.kind() == ChunkFault.Kind.REORDER) {
        held = chunk;
      } else if (held != null) {
        steps.add(new Step.Hit(ChunkFault.Kind.REORDER));
        steps.add(new Step.Write(chunk));
        steps.add(new Step.Write(held));
        held = null;
      } else {
        steps.add(new Step.Write(chunk));
      }
    }
    return steps;
  }

  /** At the end of the stream: a chunk still held for reordering goes out, in order after all. */
  Optional<byte[]> flush() {
    Optional<byte[]> out = Optional.ofNullable(held);
    held = null;
    return out;
  }
}
