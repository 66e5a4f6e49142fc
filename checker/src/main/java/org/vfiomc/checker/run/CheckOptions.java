package org.vfiomc.checker.run;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.vfiomc.checker.spec.Profile;

/**
 * Everything a {@code check} run needs, as one immutable value (filled by the CLI or built in
 * tests).
 *
 * @param paths directories with a manifest, manifest files, or {@code .tla} files
 * @param config the {@code .cfg} for a single {@code .tla} path
 * @param workers TLC worker threads per model
 * @param parallel models checked at the same time
 * @param timeoutSeconds overrides every model's own limit when present
 * @param profile which manifest models to include
 * @param json where to write the results JSON
 * @param junitXml where to write the JUnit XML report
 * @param quiet print only the summary table and failures
 * @param jit how the forked TLC JVMs compile ({@code --jit})
 * @param jobsPerJvm models one forked TLC JVM checks in turn, each in a class loader of its own
 *     ({@code --reuse-jvm}; 1: a JVM per model)
 * @param tlc search, coverage, deadlock and graph-dump options passed to TLC for every model
 * @param traceOut where to write each counterexample as ITF ({@code --trace-out})
 * @param watch re-check when a spec, config or manifest changes ({@code --watch})
 * @param shard the one slice of the selection to check ({@code --shard K/N})
 * @param earlierMillis per-model durations of an earlier run that balance the shards ({@code
 *     --balance}); empty: shards by model name
 */
public record CheckOptions(
    List<Path> paths,
    Optional<Path> config,
    int workers,
    int parallel,
    Optional<Long> timeoutSeconds,
    Profile profile,
    Optional<Path> json,
    Optional<Path> junitXml,
    boolean quiet,
    JitMode jit,
    int jobsPerJvm,
    TlcFlags tlc,
    Optional<Path> traceOut,
    boolean watch,
    Optional<Shard> shard,
    Map<String, Long> earlierMillis) {
  /** Default TLC workers per model: 1 (deterministic counts and counterexamples). */
  public static final int DEFAULT_WORKERS = 1;

  /**
   * Default models per forked TLC JVM: 8 (the checker's {@code tlc.ForkedTlcRunner} says why; the
   * run package may not depend on it).
   */
  public static final int DEFAULT_JOBS_PER_JVM = 8;

  /** Default parallel models: 1. */
  public static final int DEFAULT_PARALLEL = 1;

  public CheckOptions {
    paths = List.copyOf(paths);
    Objects.requireNonNull(config, "config");
    if (workers < 1 || parallel < 1) {
      throw new IllegalArgumentException("workers and parallel must be at least 1");
    }
    if (jobsPerJvm < 1) {
      throw new IllegalArgumentException("--reuse-jvm must be at least 1");
    }
    timeoutSeconds.ifPresent(
        t -> {
          if (t < 1) {
            throw new IllegalArgumentException("timeout must be at least 1 second");
          }
        });
    Objects.requireNonNull(profile, "profile");
    Objects.requireNonNull(jit, "jit");
    Objects.requireNonNull(tlc, "tlc");
    Objects.requireNonNull(traceOut, "traceOut");
    Objects.requireNonNull(shard, "shard");
    earlierMillis = Map.copyOf(earlierMillis);
  }

  /** Options for checking {@code paths} with every default. */
  public static CheckOptions of(List<Path> paths) {
    return of(paths, Profile.CI);
  }

  /** Options for checking the models of {@code profile} in {@code paths}, else every default. */
  public static CheckOptions of(List<Path> paths, Profile profile) {
    return new CheckOptions(
        paths,
        Optional.empty(),
        DEFAULT_WORKERS,
        DEFAULT_PARALLEL,
        Optional.empty(),
        profile,
        Optional.empty(),
        Optional.empty(),
        false,
        JitMode.FULL,
        DEFAULT_JOBS_PER_JVM,
        TlcFlags.DEFAULT,
        Optional.empty(),
        false,
        Optional.empty(),
        Map.of());
  }
}
