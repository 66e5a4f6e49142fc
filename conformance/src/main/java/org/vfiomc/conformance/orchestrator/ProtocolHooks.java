package org.vfiomc.conformance.orchestrator;

import static java.util.Objects.requireNonNull;

import java.util.EnumSet;
import java.util.Set;

/**
 * What a {@link MigrationOrchestrator} reports to and which protocol bugs it carries: off ({@link
 * #NONE}) unless a recording or a defect study asks for it.
 *
 * @param observer told of every protocol-level event
 * @param defects injected orchestrator bugs (empty: QEMU's behaviour)
 */
public record ProtocolHooks(ProtocolObserver observer, Set<ProtocolDefect> defects) {
  /** No observer, no defect. */
  public static final ProtocolHooks NONE = new ProtocolHooks(ProtocolObserver.NONE, Set.of());

  public ProtocolHooks {
    requireNonNull(observer, "observer");
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
