package org.vfiomc.conformance.orchestrator;

import static com.google.common.base.Preconditions.checkArgument;
import static java.util.Objects.requireNonNull;

/**
 * A fault on the way from the source's saving fd to the destination's resuming fd, in units of the
 * spec's chunks (a pre-copy image, or the final state with the END section; the stream header goes
 * with the first chunk): {@code specs/VfioMigration/VfioMigration.tla}'s {@code NetFaults}.
 *
 * <p>This is the spec's un-framed wire, not QEMU: the chunks go straight into the resuming fd, so
 * only the device's own load check stands between a lost or reordered chunk and the device. QEMU
 * never does that: its main channel neither loses nor reorders ({@link StreamFault} has the faults
 * it can have), and its multifd packets pass a reorder buffer that writes them in index order
 * ({@link MultifdTransfer}, {@link MultifdFault}). The fault stays for recorded runs that the
 * spec's NetFaults models check (single device, no multifd).
 *
 * @param kind LOSS: chunk {@code chunk} never arrives; REORDER: it arrives after the next one (as
 *     multifd would deliver it without its reorder buffer; when no next chunk comes, it arrives at
 *     the end of the stream, in order)
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
