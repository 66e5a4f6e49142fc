package org.vfiomc.conformance.replay;

/**
 * One decoded spec action. Each binding declares its own sealed sub-interface whose records are the
 * spec's {@code Next} disjuncts with typed parameters.
 */
public interface SpecAction {
  /** The spec's action tag (operator name). */
  String tag();
}
