package org.vfiomc.checker.run;

import org.vfiomc.checker.result.ModelResult;
import org.vfiomc.checker.spec.ModelSpec;

/** Checks one model; implementations must be safe to call from several threads at once. */
public interface ModelChecker extends AutoCloseable {
  /**
   * Checks {@code model} within its {@code timeoutSeconds}; never throws for a bad model (that is
   * an ERROR outcome) and reports progress to {@code listener}.
   */
  ModelResult check(ModelSpec model, ProgressListener listener);

  /** Ends what the checker keeps between models (idle child JVMs); nothing by default. */
  @Override
  default void close() {}
}
