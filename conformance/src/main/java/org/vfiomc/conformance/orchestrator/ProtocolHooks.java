package org.vfiomc.conformance.orchestrator;

import static java.util.Objects.requireNonNull;

import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;

/**
 * What a {@link MigrationOrchestrator} reports to and which protocol bugs it carries: off ({@link
 * #NONE}) unless a recording or a defect study asks for it.
 *
 * @param observer told of every protocol-level event
 * @param defects injected orchestrator bugs (empty: QEMU's behaviour)
 * @param chunkFault a lost or reordered chunk on the way (single device migrations only)
 */
public record ProtocolHooks(
    ProtocolObserver observer, Set<ProtocolDefect> defects, Optional<ChunkFault> chunkFault) {
  /** No observer, no defect, no fault. */
  public static final ProtocolHooks NONE = new ProtocolHooks(ProtocolObserver.NONE, Set.of());

  /** An observer and defects, no chunk fault. */
  public ProtocolHooks(ProtocolObserver observer, Set<ProtocolDefect> defects) {
    this(observer, defects, Optional.empty());
  }

  public ProtocolHooks {
    requireNonNull(observer, "observer");
    requireNonNull(chunkFault, "chunkFault");
    defects =
        defects.isEmpty()
            ? Set.of()
            : java.util.Collections.unmodifiableSet(EnumSet.copyOf(defects));
  }

  /** Whether {@code d} is injected. */
  public boolean has(ProtocolDefect d) {
    return defects.contains(d);
  }
}
