package org.vfiomc.conformance.cli;

import java.util.List;
import org.vfiomc.conformance.replay.SpecBinding;
import org.vfiomc.conformance.replay.compat.VfioCompatBinding;
import org.vfiomc.conformance.replay.rxdma.RxDmaBinding;
import org.vfiomc.conformance.replay.vfio.VfioFsmBinding;
import org.vfiomc.conformance.replay.vfio.VfioMigrationBinding;
import org.vfiomc.conformance.replay.vfio.VfioP2pBinding;
import org.vfiomc.conformance.replay.vfio.VfioPathCheckBinding;

/**
 * The replay bindings this tool ships, one per spec module. The command line owns the list so that
 * {@code replay} knows only the {@link SpecBinding} interface and the bindings ({@code
 * replay.vfio}, {@code replay.rxdma}) depend on {@code replay}, never the other way round.
 */
public final class Bindings {
  private Bindings() {}

  /**
   * Every binding of the project: {@code VfioFsm}, {@code VfioMigration}, {@code VfioP2p}, {@code
   * VfioPathCheck} (in {@code replay.vfio}) {@code RxDma} (in {@code replay.rxdma}) and {@code
   * VfioCompat} (in {@code replay.compat}), each with its default configuration.
   */
  public static List<SpecBinding<?>> standard() {
    return List.of(
        new VfioFsmBinding(),
        new VfioMigrationBinding(),
        new VfioP2pBinding(),
        new VfioPathCheckBinding(),
        new RxDmaBinding(),
        new VfioCompatBinding());
  }
}
