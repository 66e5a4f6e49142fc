package org.vfiomc.conformance.replay;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.vfiomc.conformance.replay.rxdma.RxDmaBinding;
import org.vfiomc.conformance.replay.vfio.VfioFsmBinding;
import org.vfiomc.conformance.replay.vfio.VfioMigrationBinding;
import org.vfiomc.conformance.replay.vfio.VfioP2pBinding;

/** The bindings replay knows, by spec module. */
public final class Bindings {
  private final Map<String, SpecBinding<?>> byModule;

  private Bindings(List<SpecBinding<?>> bindings) {
    Map<String, SpecBinding<?>> m = new LinkedHashMap<>();
    for (SpecBinding<?> b : bindings) {
      if (m.put(b.module(), b) != null) {
        throw new IllegalArgumentException("two bindings for module " + b.module());
      }
    }
    this.byModule = Map.copyOf(m);
  }

  /** Exactly these bindings. */
  public static Bindings of(List<SpecBinding<?>> bindings) {
    return new Bindings(bindings);
  }

  /**
   * Every binding of the project: VfioFsm, VfioMigration, VfioP2p and RxDma (in {@code
   * replay.rxdma}).
   */
  public static Bindings standard() {
    return new Bindings(
        List.of(
            new VfioFsmBinding(),
            new VfioMigrationBinding(),
            new VfioP2pBinding(),
            new RxDmaBinding()));
  }

  /** The binding of a module. */
  public Optional<SpecBinding<?>> forModule(String module) {
    return Optional.ofNullable(byModule.get(module));
  }

  /** Module names, for messages. */
  public java.util.Set<String> modules() {
    return new java.util.TreeSet<>(byModule.keySet());
  }
}
