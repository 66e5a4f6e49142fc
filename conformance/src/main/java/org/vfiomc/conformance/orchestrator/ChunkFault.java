package org.vfiomc.conformance.orchestrator;

import static com.google.common.base.Preconditions.checkArgument;
import static java.util.Objects.requireNonNull;

/**
 * A fault on the way from the source's saving fd to the destination's resuming fd, in units of the
 * spec's chunks (a pre-copy image, or the final state with the END section; the stream header goes
 * with the first chunk): {@code specs/VfioMigration/VfioMigration.tla}'s {@code NetFaults}.
 *
 * @param kind LOSS: chunk {@code chunk} never arrives; REORDER: it arrives after the next one
 *     (multifd without its reorder buffer; when no next chunk comes, it arrives at the end of the
 *     stream, in order)
 * @param chunk the chunk, 1 for the first one read
 */
public record ChunkFault(Kind kind, int chunk) {
  /** The spec's names: {@code "LOSS"}, {@code "REORDER"}. */
  public enum Kind {
    LOSS,
    REORDER
  }

  public ChunkFault {
    requireNonNull(kind, "kind");
    checkArgument(chunk >= 1, "chunk %s: chunks count from 1", chunk);
  }
}
