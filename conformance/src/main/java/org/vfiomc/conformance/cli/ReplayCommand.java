package org.vfiomc.conformance.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.vfiomc.checker.trace.ItfCodec;
import org.vfiomc.checker.trace.Trace;
import org.vfiomc.checker.trace.TraceFormatException;
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
      "No file stops the batch: a file that cannot be read (not a regular file, too large, not"
          + " UTF-8, a symbolic link loop), parsed or bound is listed with its reason and the next"
          + " one is replayed.",
      "Exit 0: every trace behaved as expected; 1: some did not; 2: malformed, unreadable or"
          + " (with --unbound=error) unbound input; 3: internal error, or out of memory."
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
      description =
          "replay each trace N times and report the first run (throughput benchmark: each file"
              + " is parsed and decoded once, the N-1 extra runs are timed)")
  int repeat;

  /** Parses the lower-case spelling of {@link ReplayOptions.Unbound}. */
  static final class UnboundConverter implements CommandLine.ITypeConverter<ReplayOptions.Unbound> {
    @Override
    public ReplayOptions.Unbound convert(String value) {
      return switch (value) {
        case "error" -> ReplayOptions.Unbound.ERROR;
        case "skip" -> ReplayOptions.Unbound.SKIP;
        default ->
            throw new CommandLine.TypeConversionException(
                "expected 'error' or 'skip', got '" + value + "'");
      };
    }
  }

  @Option(
      names = "--unbound",
      paramLabel = "error|skip",
      defaultValue = "error",
      converter = UnboundConverter.class,
      description =
          "a trace no replay binding claims (no #meta.module, as in traces of other tools; a"
              + " module without a binding; constants its binding does not support) is listed as"
              + " unbound with the reason (summary and --json); 'error' (default) makes that fail"
              + " the run (exit 2), 'skip' does not")
  ReplayOptions.Unbound unbound;

  @Option(
      names = "--max-trace-mib",
      paramLabel = "MIB",
      defaultValue = "" + TraceFiles.DEFAULT_MAX_MIB,
      description =
          "size limit of one trace file in MiB (default ${DEFAULT-VALUE}); a larger file is"
              + " reported as unreadable and not read (decoding takes about 25 times the file's"
              + " size in memory)")
  int maxTraceMib;

  @Option(
      names = "--verbose",
      description =
          "print a line per replay and per unbound trace as it goes (default: only the replays"
              + " that are not as expected, in full, then a table per model and the unbound traces"
              + " grouped by module and reason)")
  boolean verbose;

  @Override
  public Integer call() throws IOException {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    if (repeat < 1) {
      err.println("replay: --repeat must be at least 1");
      return Main.EXIT_USAGE;
    }
    if (maxTraceMib < 1 || maxTraceMib > 1024) {
      err.println("replay: --max-trace-mib must be in 1..1024, got " + maxTraceMib);
      return Main.EXIT_USAGE;
    }
    Optional<String> notWritable = Outputs.problem(json);
    if (notWritable.isPresent()) {
      err.println("replay: --json " + json + ": " + notWritable.get());
      return Main.EXIT_USAGE;
    }
    List<Path> files = new ArrayList<>();
    List<ReplayResult.UnreadableTrace> unreadable = new ArrayList<>();
    for (Path p : paths) {
      if (Files.isDirectory(p)) {
        TraceFiles.Listing l = TraceFiles.walk(p);
        files.addAll(l.files());
        unreadable.addAll(l.unreadable());
      } else {
        // a file, or anything else: TraceFiles.read checks its type before opening it
        files.add(p);
      }
    }
    if (files.isEmpty() && unreadable.isEmpty()) {
      err.println("replay: no *.itf.json files under " + paths);
      return Main.EXIT_USAGE;
    }
    for (ReplayResult.UnreadableTrace u : unreadable) {
      err.println("unreadable: " + u.file() + ": " + u.reason());
    }
    ReplayResult result =
        replay(
            new ReplayOptions(
                files,
                Optional.ofNullable(json),
                unbound,
                repeat,
                (long) maxTraceMib << 20,
                verbose),
            unreadable,
            out,
            err);
    if (!verbose) {
      result.printTable(out);
    }
    result.printSummary(out);
    if (json != null) {
      try {
        Files.writeString(json, result.toJson(), StandardCharsets.UTF_8);
      } catch (IOException e) {
        err.println("replay: cannot write --json " + json + ": " + TraceFiles.reason(e));
        return Main.EXIT_USAGE;
      }
    }
    return result.exitCode();
  }

  /**
   * Replays every file with the {@link Bindings#standard standard bindings}, printing each replay
   * that is not as expected (with {@code --verbose} every replay and unbound trace) as it goes and
   * every malformed or unreadable trace to {@code err}. No file stops the batch: a file that cannot
   * be read, parsed or bound is listed with its reason, and even a failure inside this tool (a bug,
   * or the heap exhausted by one trace) is listed against its file before the next one is replayed.
   *
   * @param listed files already found unreadable while listing directories
   */
  static ReplayResult replay(
      ReplayOptions options,
      List<ReplayResult.UnreadableTrace> listed,
      PrintWriter out,
      PrintWriter err) {
    Replayer replayer = new Replayer(Bindings.standard());
    List<ReplayReport> reports = new ArrayList<>();
    List<String> malformed = new ArrayList<>();
    List<ReplayResult.UnboundTrace> unboundTraces = new ArrayList<>();
    List<ReplayResult.UnreadableTrace> unreadable = new ArrayList<>(listed);
    List<ReplayResult.UnreadableTrace> failed = new ArrayList<>();
    ReplayBenchmark bench = new ReplayBenchmark(options.repeat() - 1);
    for (Path f : options.files()) {
      String module = "";
      try {
        long t0 = System.nanoTime();
        String source = f.toString();
        String text = TraceFiles.read(f, options.maxTraceBytes());
        JsonNode doc = ItfCodec.parseJson(text, source);
        Trace trace = ItfCodec.fromJson(doc, source);
        Optional<String> named = TraceFile.moduleOf(doc);
        if (named.isEmpty() || !replayer.binds(named.get())) {
          String reason =
              named.isEmpty()
                  ? "no #meta.module (a trace of another tool?): no replay binding claims it"
                  : "no replay binding for module " + named.get();
          unboundTraces.add(new ReplayResult.UnboundTrace(source, named.orElse(""), reason));
          if (options.verbose()) {
            out.println("UNBOUND " + f + " (" + reason + ")");
          }
          continue;
        }
        module = named.get();
        TraceFile tf = TraceFile.of(doc, trace, source);
        long t1 = System.nanoTime();
        bench.parsed(t1 - t0);
        Replayer.Plan plan = replayer.plan(tf);
        bench.decoded(System.nanoTime() - t1);
        List<ReplayReport> rs = plan.run();
        if (options.repeat() > 1) {
          bench.repeat(plan);
        }
        for (ReplayReport r : rs) {
          if (options.verbose() || !r.asExpected()) {
            out.println(r.summary());
          }
        }
        reports.addAll(rs);
      } catch (TraceFiles.Unreadable e) {
        err.println("unreadable: " + f + ": " + e.getMessage());
        unreadable.add(new ReplayResult.UnreadableTrace(f.toString(), e.getMessage()));
      } catch (TraceFormatException e) {
        if (e.unsupported()) {
          unboundTraces.add(new ReplayResult.UnboundTrace(f.toString(), module, e.getMessage()));
          if (options.verbose()) {
            out.println("UNBOUND " + f + " (" + e.getMessage() + ")");
          }
          continue;
        }
        err.println("malformed: " + e.getMessage());
        malformed.add(e.getMessage());
      } catch (OutOfMemoryError e) {
        // the trace's data is unreachable once this frame is left: the next file has the heap
        String reason = Main.outOfMemory();
        err.println("failed: " + f + ": " + reason);
        failed.add(new ReplayResult.UnreadableTrace(f.toString(), reason));
      } catch (RuntimeException | StackOverflowError e) {
        String reason = "internal error: " + e;
        err.println("failed: " + f + ": " + reason);
        failed.add(new ReplayResult.UnreadableTrace(f.toString(), reason));
      }
    }
    Optional<ReplayBenchmark.Figures> figures =
        options.repeat() > 1
            ? Optional.of(
                bench.figures((int) reports.stream().map(ReplayReport::file).distinct().count()))
            : Optional.empty();
    return new ReplayResult(
        options.files().size() + listed.size(),
        reports,
        malformed,
        unboundTraces,
        options.unbound() == ReplayOptions.Unbound.ERROR,
        unreadable,
        failed,
        figures);
  }
}
