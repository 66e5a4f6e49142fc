package org.vfiomc.checker.spec;

import java.util.Locale;

/** Which runs include a model: {@code ci} models always, {@code deep} ones only on request. */
public enum Profile {
  /** Checked by {@code mvn verify} and by default. */
  CI,
  /** Long-running; checked only with {@code --profile deep} (which also runs the CI models). */
  DEEP;

  public String id() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** Whether a model of profile {@code model} runs when this profile is selected. */
  public boolean includes(Profile model) {
    return this == DEEP || model == CI;
  }

  public static Profile fromId(String id) {
    for (Profile p : values()) {
      if (p.id().equals(id)) {
        return p;
      }
    }
    throw new IllegalArgumentException("unknown profile '" + id + "' (expected ci or deep)");
  }
}
