package org.vfiomc.conformance.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import org.vfiomc.checker.trace.TraceFormatException;
import org.vfiomc.conformance.replay.Bindings;
import org.vfiomc.conformance.replay.ReplayReport;
import org.vfiomc.conformance.replay.Replayer;
import org.vfiomc.conformance.replay.TraceFile;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code replay}: replays ITF traces against the implementation. */
@Command(
    name = "replay",
    mixinStandardHelpOptions = true,
    description = {
      "Replay ITF traces (files, or directories searched for *.itf.json) against the"
          + " implementation, comparing the projected state with the trace after every step.",
      "A tour must conform; a counterexample must conform and reproduce the violation with the"
          + " trace's defects, and diverge against the correct implementation.",
      "Exit 0: every trace behaved as expected; 1: some did not; 2: malformed input; 3: internal"
          + " error."
    })
final class ReplayCommand implements Callable<Integer> {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Parameters(arity = "1..*", paramLabel = "PATH", description = "trace files or directories")
  List<Path> paths;

  @Option(names = "--json", paramLabel = "FILE", description = "write the reports as JSON")
  Path json;

  @Option(
      names = "--repeat",
      paramLabel = "N",
      defaultValue = "1",
      description = "replay each trace N times and report the last run (throughput benchmark)")
  int repeat;

  @Override
  public Integer call() throws IOException {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    List<Path> files = new ArrayList<>();
    for (Path p : paths) {
      if (Files.isDirectory(p)) {
        try (Stream<Path> s = Files.walk(p)) {
          s.filter(f -> f.getFileName().toString().endsWith(".itf.json"))
              .sorted()
              .forEach(files::add);
        }
      } else if (Files.isRegularFile(p)) {
        files.add(p);
      } else {
        err.println("replay: " + p + ": no such file or directory");
        return Main.EXIT_USAGE;
      }
    }
    if (files.isEmpty()) {
      err.println("replay: no *.itf.json files under " + paths);
      return Main.EXIT_USAGE;
    }
    if (repeat < 1) {
      err.println("replay: --repeat must be at least 1");
      return Main.EXIT_USAGE;
    }
    Replayer replayer = new Replayer(Bindings.standard());
    List<ReplayReport> reports = new ArrayList<>();
    List<String> malformed = new ArrayList<>();
    long benchSteps = 0;
    long benchNanos = 0;
    for (Path f : files) {
      try {
        TraceFile tf = TraceFile.read(f);
        List<ReplayReport> rs = replayer.replayAll(tf);
        long steps = 0;
        long nanos = 0;
        for (int i = 1; i < repeat; i++) {
          for (ReplayReport r : replayer.replayAll(tf)) {
            steps += r.stepsReplayed();
            nanos += r.nanos();
          }
        }
        benchSteps += steps;
        benchNanos += nanos;
        if (repeat > 1) {
          out.printf(
              "%s: %d extra runs, %d steps in %.3f ms (%.0f steps/s)%n",
              f, repeat - 1, steps, nanos / 1e6, nanos == 0 ? 0.0 : steps * 1e9 / nanos);
        }
        for (ReplayReport r : rs) {
          out.println(r.summary());
        }
        reports.addAll(rs);
      } catch (TraceFormatException e) {
        err.println("malformed: " + e.getMessage());
        malformed.add(e.getMessage());
      }
    }
    long steps = reports.stream().mapToLong(ReplayReport::stepsReplayed).sum();
    long nanos = reports.stream().mapToLong(ReplayReport::nanos).sum();
    long bad = reports.stream().filter(r -> !r.asExpected()).count();
    out.printf(
        "replay: %d files, %d replays, %d not as expected, %d malformed; %d steps in %.3f ms"
            + " (%.0f steps/s)%n",
        files.size(),
        reports.size(),
        bad,
        malformed.size(),
        steps,
        nanos / 1e6,
        nanos == 0 ? 0.0 : steps * 1e9 / nanos);
    if (repeat > 1) {
      out.printf(
          "benchmark: %d steps in %.3f ms on one thread (%.0f steps/s)%n",
          benchSteps, benchNanos / 1e6, benchNanos == 0 ? 0.0 : benchSteps * 1e9 / benchNanos);
    }
    if (json != null) {
      ObjectMapper m = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
      ObjectNode root = m.createObjectNode();
      root.put("files", files.size());
      root.put("stepsReplayed", steps);
      root.put("nanos", nanos);
      root.put("stepsPerSecond", nanos == 0 ? 0 : Math.round(steps * 1e9 / nanos));
      ArrayNode rs = root.putArray("reports");
      reports.forEach(r -> rs.add(r.toJson()));
      ArrayNode mf = root.putArray("malformed");
      malformed.forEach(mf::add);
      Files.writeString(json, m.writeValueAsString(root) + "\n", StandardCharsets.UTF_8);
    }
    if (!malformed.isEmpty()) {
      return Main.EXIT_USAGE;
    }
    return bad == 0 ? 0 : Main.EXIT_NEGATIVE;
  }
}
