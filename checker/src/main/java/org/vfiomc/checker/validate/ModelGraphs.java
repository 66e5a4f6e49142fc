package org.vfiomc.checker.validate;

import java.nio.file.Path;
import org.vfiomc.checker.run.Exploration;
import org.vfiomc.checker.run.StateGraphExplorer;
import org.vfiomc.checker.tlc.ForkedExplorer;

/**
 * The entry point for code outside the checker (the conformance tests) that validates recorded runs
 * against a spec: explores the model once, in a forked JVM, and gives the validator over its
 * reachable graph. Callers need neither the TLC adapter nor the graph's representation.
 */
public final class ModelGraphs {
  private ModelGraphs() {}

  /**
   * A validator over the reachable graph of {@code spec} with {@code config}, explored by TLC in a
   * forked JVM within {@code timeoutSeconds}; throws {@link IllegalStateException} naming the spec
   * and the cause when the exploration fails.
   */
  public static TraceValidator explore(Path spec, Path config, long timeoutSeconds) {
    return explore(new ForkedExplorer(), spec, config, timeoutSeconds);
  }

  /** As {@link #explore(Path, Path, long)}, with the given explorer. */
  public static TraceValidator explore(
      StateGraphExplorer explorer, Path spec, Path config, long timeoutSeconds) {
    java.util.List<Path> libraries;
    try {
      libraries = org.vfiomc.checker.spec.Manifest.librariesFor(spec);
    } catch (org.vfiomc.checker.spec.ManifestException e) {
      throw new IllegalStateException(e.getMessage(), e);
    }
    Exploration r = explorer.explore(spec, config, libraries, 0, timeoutSeconds);
    if (r instanceof Exploration.Explored e) {
      return new TraceValidator(e.graph());
    } else if (r instanceof Exploration.Failed f) {
      throw new IllegalStateException(f.message());
    }
    throw new IllegalStateException(spec + ": exploration gave " + r);
  }
}
