package org.vfiomc.checker.spec;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.vfiomc.checker.result.Expectation;

/**
 * One model to check: a spec, its configuration and what it should yield.
 *
 * @param name unique name used in reports
 * @param spec the {@code .tla} file TLC runs (absolute)
 * @param config the {@code .cfg} file (absolute)
 * @param expected the expected outcome
 * @param profile which runs include it
 * @param timeoutSeconds wall-clock limit
 * @param description one line, may be empty
 * @param libraries further folders (absolute) where the spec's EXTENDS and INSTANCE modules are
 *     looked up after the spec's own folder: a suite's shared modules, in the order given
 */
public record ModelSpec(
    String name,
    Path spec,
    Path config,
    Expectation expected,
    Profile profile,
    long timeoutSeconds,
    String description,
    List<Path> libraries) {
  /** Default wall-clock limit of a model that does not set one. */
  public static final long DEFAULT_TIMEOUT_SECONDS = 600;

  public ModelSpec {
    Objects.requireNonNull(name, "name");
    spec = spec.toAbsolutePath().normalize();
    config = config.toAbsolutePath().normalize();
    Objects.requireNonNull(expected, "expected");
    Objects.requireNonNull(profile, "profile");
    if (timeoutSeconds <= 0) {
      throw new IllegalArgumentException("timeoutSeconds must be positive: " + timeoutSeconds);
    }
    description = description == null ? "" : description;
    libraries = libraries.stream().map(p -> p.toAbsolutePath().normalize()).toList();
  }

  /** A model whose modules all sit beside its spec. */
  public ModelSpec(
      String name,
      Path spec,
      Path config,
      Expectation expected,
      Profile profile,
      long timeoutSeconds,
      String description) {
    this(name, spec, config, expected, profile, timeoutSeconds, description, List.of());
  }

  /**
   * Where TLC looks for the modules the spec names, in order: the spec's own folder, then {@link
   * #libraries()} (TLC's standard modules come from its jar after these).
   */
  public List<Path> modulePath() {
    List<Path> out = new ArrayList<>();
    out.add(spec.getParent());
    libraries.stream().filter(p -> !out.contains(p)).forEach(out::add);
    return List.copyOf(out);
  }

  /** The same model with another wall-clock limit. */
  public ModelSpec withTimeout(long seconds) {
    return new ModelSpec(name, spec, config, expected, profile, seconds, description, libraries);
  }

  /** TLC's module name: the spec's file name without {@code .tla}. */
  public String moduleName() {
    String f = spec.getFileName().toString();
    return f.endsWith(".tla") ? f.substring(0, f.length() - 4) : f;
  }
}
