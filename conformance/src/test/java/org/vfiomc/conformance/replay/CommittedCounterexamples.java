package org.vfiomc.conformance.replay;

import java.nio.file.Path;
import java.util.List;

/**
 * The committed counterexamples of the repository ({@code traces/counterexamples/MODEL.itf.json},
 * root from the system property {@code vfiomc.root}), replayed with one binding: the corpus tests
 * of each binding read them through here.
 */
public final class CommittedCounterexamples {
  private CommittedCounterexamples() {}

  /** Replays {@code model}'s committed counterexample with {@code binding} in {@code mode}. */
  public static ReplayReport replay(SpecBinding<?> binding, String model, ReplayMode mode)
      throws Exception {
    TraceFile f =
        TraceFile.read(
            Path.of(System.getProperty("vfiomc.root", ".."))
                .resolve("traces/counterexamples")
                .resolve(model + ".itf.json"));
    return new Replayer(List.of(binding)).replay(f, mode);
  }
}
