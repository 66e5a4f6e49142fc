package org.vfiomc.checker.run;

import org.vfiomc.checker.result.ModelResult;

/** Receives progress while models are checked; calls may come from several threads. */
public interface ProgressListener {
  ProgressListener NONE = new ProgressListener() {};

  /** TLC reported progress on a running model. */
  default void progress(Progress progress) {}

  /** A model finished. */
  default void finished(ModelResult result) {}
}
