package org.vfiomc.checker.run;

import org.vfiomc.checker.result.ModelResult;

/** Receives progress while models are checked; calls may come from several threads. */
public interface ProgressListener {
  ProgressListener NONE = new ProgressListener() {};

  /** TLC reported progress on a running model. */
  default void progress(Progress progress) {}

  /** A note about a running model that does not change its verdict (one line). */
  default void warning(String model, String message) {}

  /** A model finished. */
  default void finished(ModelResult result) {}
}
