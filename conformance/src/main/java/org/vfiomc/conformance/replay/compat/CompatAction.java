package org.vfiomc.conformance.replay.compat;

import static java.util.Objects.requireNonNull;

import org.vfiomc.conformance.replay.SpecAction;

/**
 * One disjunct of {@code VfioCompat}'s {@code Next}: its kind and the candidate it acts on (empty
 * for {@code NoTarget} and {@code Finished}, which name none).
 */
public record CompatAction(Kind kind, String target) implements SpecAction {
  public CompatAction {
    requireNonNull(kind, "kind");
    requireNonNull(target, "target");
  }

  /** The spec's actions, with their tags. */
  public enum Kind {
    PICK("Pick", true),
    NO_TARGET("NoTarget", false),
    REJECT("Reject", true),
    TYPE_CHECK("TypeCheck", true),
    CREATE("Create", true),
    INSTANCE_CHECK("InstanceCheck", true),
    SKIP_CHECKS("SkipChecks", true),
    MIGRATE("Migrate", true),
    LOAD_OK("LoadOk", true),
    LOAD_REFUSED("LoadRefused", true),
    COMPLETE("Complete", true),
    FAIL("Fail", true),
    FINISHED("Finished", false);

    private final String tag;
    private final boolean hasTarget;

    Kind(String tag, boolean hasTarget) {
      this.tag = tag;
      this.hasTarget = hasTarget;
    }

    /** The spec's operator name. */
    public String tag() {
      return tag;
    }

    /** Whether the spec's action record carries {@code target}. */
    public boolean hasTarget() {
      return hasTarget;
    }
  }

  @Override
  public String tag() {
    return kind.tag();
  }
}
