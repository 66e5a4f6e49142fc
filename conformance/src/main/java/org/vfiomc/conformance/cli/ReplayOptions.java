package org.vfiomc.conformance.cli;

import static com.google.common.base.Preconditions.checkArgument;
import static java.util.Objects.requireNonNull;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * What {@code replay} was asked to do. picocli's fields only fill this value; the run reads nothing
 * else.
 *
 * @param files the trace files, in the order they are replayed (directories already expanded)
 * @param json where to write the JSON document, if anywhere
 * @param unbound what to do with a trace no binding can replay
 * @param repeat how many times each trace is replayed: 1 is an ordinary run, more is the {@code
 *     --repeat} throughput benchmark ({@link ReplayBenchmark})
 * @param maxTraceBytes the size limit of one trace file ({@code --max-trace-mib})
 * @param verbose a console line per replay and per unbound trace ({@code --verbose}), instead of
 *     the failures alone and then a table per model
 */
record ReplayOptions(
    List<Path> files,
    Optional<Path> json,
    Unbound unbound,
    int repeat,
    long maxTraceBytes,
    boolean verbose) {
  ReplayOptions {
    checkArgument(maxTraceBytes > 0, "maxTraceBytes must be positive, got %s", maxTraceBytes);
    files = List.copyOf(files);
    requireNonNull(json, "json");
    requireNonNull(unbound, "unbound");
    checkArgument(repeat >= 1, "repeat must be at least 1, got %s", repeat);
  }

  /**
   * What to do with a trace no binding can replay: its spec module has none, or the binding does
   * not support its constants (a model the implementation does not claim to implement).
   */
  enum Unbound {
    /** List it as unbound and fail the run (exit 2). */
    ERROR,
    /** List it as unbound in the summary and the JSON report; it does not fail the run. */
    SKIP
  }
}
