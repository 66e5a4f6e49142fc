package org.vfiomc.checker.run;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.vfiomc.checker.result.Search;

/**
 * What a spec author asks of TLC beyond the model's own configuration, as one value: the search
 * ({@code check --simulate N --depth D --seed S}), coverage statistics ({@code --coverage}),
 * deadlock checking ({@code --no-deadlock}) and a GraphViz dump of the state graph ({@code --dot}).
 *
 * @param search exhaustive (the default) or TLC's random simulation
 * @param coverage collect TLC's per-action coverage ({@code -coverage})
 * @param checkDeadlock check for deadlock as the model's configuration says; {@code false} turns
 *     the check off for every model, like TLC's {@code -deadlock}
 * @param dot where to write the state graph as GraphViz (TLC's {@code -dump dot,actionlabels});
 *     only for a single model
 * @param distributed serve the model to distributed TLC workers ({@code --distributed}) instead of
 *     checking it in one process
 */
public record TlcFlags(
    Search search,
    boolean coverage,
    boolean checkDeadlock,
    Optional<Path> dot,
    Optional<Distributed> distributed) {
  /** TLC's defaults: exhaustive, no coverage, deadlock checked as configured, no graph dump. */
  public static final TlcFlags DEFAULT =
      new TlcFlags(Search.Exhaustive.INSTANCE, false, true, Optional.empty(), Optional.empty());

  /**
   * Where TLC's distributed server listens: every RMI socket of the server is bound to {@code bind}
   * (loopback by default: only processes on this machine may connect; name an interface to let
   * workers on other hosts in), the registry on {@code port}.
   *
   * @param bind the address to bind to
   * @param port the RMI registry port (TLC's default 10997)
   */
  public record Distributed(String bind, int port) {
    /** TLC's default registry port. */
    public static final int DEFAULT_PORT = 10997;

    /** Loopback: workers on this machine only. */
    public static final String LOOPBACK = "127.0.0.1";

    public Distributed {
      Objects.requireNonNull(bind, "bind");
      if (port < 1 || port > 65535) {
        throw new IllegalArgumentException("--port must be 1..65535, got " + port);
      }
    }
  }

  /** These flags for a check in one process. */
  public TlcFlags local() {
    return new TlcFlags(search, coverage, checkDeadlock, dot, Optional.empty());
  }

  /**
   * Coverage is reported once, when the run ends: TLC's {@code -coverage} takes a period in
   * minutes, in milliseconds it must fit an int: 30,000 minutes (about 20 days) is longer than any
   * time limit.
   */
  static final int COVERAGE_PERIOD_MINUTES = 30_000;

  public TlcFlags {
    Objects.requireNonNull(search, "search");
    Objects.requireNonNull(dot, "dot");
    Objects.requireNonNull(distributed, "distributed");
    if (dot.isPresent() && !search.exhaustive()) {
      throw new IllegalArgumentException("--dot needs an exhaustive search, not --simulate");
    }
    if (distributed.isPresent() && (!search.exhaustive() || coverage || dot.isPresent())) {
      throw new IllegalArgumentException(
          "--distributed checks exhaustively: not with --simulate, --coverage or --dot");
    }
  }

  /**
   * The TLC command-line options these flags add, for a child whose state-graph dump goes to {@code
   * dotFile} (the runner copies it to {@link #dot} afterwards). The forked child accepts exactly
   * these options and nothing else.
   */
  public List<String> tlcOptions(Path dotFile) {
    List<String> out = new ArrayList<>();
    if (search instanceof Search.Simulation s) {
      out.addAll(
          List.of(
              "-simulate",
              "num=" + s.behaviours(),
              "-depth",
              Integer.toString(s.depth()),
              "-seed",
              Long.toString(s.seed())));
    }
    if (coverage) {
      out.addAll(List.of("-coverage", Integer.toString(COVERAGE_PERIOD_MINUTES)));
    }
    if (!checkDeadlock) {
      out.add("-deadlock");
    }
    if (dot.isPresent()) {
      out.addAll(List.of("-dump", "dot,actionlabels", dotFile.toString()));
    }
    return out;
  }
}
