package org.vfiomc.conformance.replay.vfio;

import org.vfiomc.conformance.replay.SpecAction;

/** The one action of {@code VfioPathCheck}'s {@code Next}: nothing happens. */
public enum PathCheckAction implements SpecAction {
  Stay;

  @Override
  public String tag() {
    return name();
  }
}
