package org.vfiomc.conformance.orchestrator;

import static com.google.common.base.Preconditions.checkArgument;
import static java.util.Objects.requireNonNull;

/**
 * A fault QEMU's migration channel can really have, at the {@code section}-th VFIO section the
 * source sends (counted over all devices from 1, in stream order: setup, iterations, completion,
 * config; {@link VfioSectionStream}).
 *
 * @param kind BREAK: the channel closes halfway through that section's first write, so the
 *     destination reads the end of the stream inside a section; UNKNOWN_TAG: the section opens with
 *     a tag the destination's QEMU does not know (a source QEMU of another version)
 * @param section the section, from 1
 */
public record StreamFault(Kind kind, int section) {
  /** What goes wrong. */
  public enum Kind {
    BREAK,
    UNKNOWN_TAG
  }

  /** The tag a {@link Kind#UNKNOWN_TAG} section opens with: next after QEMU's VFIO flags. */
  public static final long UNKNOWN_TAG = 0xffffffffef1000ffL;

  public StreamFault {
    requireNonNull(kind, "kind");
    checkArgument(section >= 1, "section %s: sections count from 1", section);
  }
}
