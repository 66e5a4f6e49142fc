package org.vfiomc.checker.tlc.child;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.concurrent.atomic.AtomicBoolean;
import org.vfiomc.checker.result.CheckOutcome;
import org.vfiomc.checker.result.ErrorInfo;
import org.vfiomc.checker.result.ErrorKind;
import org.vfiomc.checker.result.ModelSource;
import org.vfiomc.checker.result.Stats;
import org.vfiomc.checker.result.ViolationKind;
import org.vfiomc.checker.tlc.link.ModuleSearch;
import org.vfiomc.checker.tlc.link.ParentWatch;
import org.vfiomc.checker.trace.Trace;
import tlc2.output.EC;
import tlc2.output.MP;
import tlc2.tool.ITool;
import tlc2.tool.TLCStateInfo;
import tlc2.tool.distributed.TLCApp;
import tlc2.tool.distributed.TLCServer;
import util.SimpleFilenameToStream;
import util.ToolIO;

/**
 * Main class of the forked JVM that serves one model to distributed TLC workers ({@code check
 * --distributed}): {@code DistributedServerChild SPEC CONFIG METADIR [-deadlock]}. It runs TLC's
 * own server ({@code tlc2.tool.distributed.TLCServer}) in-process, with every RMI socket bound to
 * {@link BoundSockets}' address and the port of {@code -Dtlc2.tool.distributed.TLCServer.port}, and
 * reports through the same link as {@link TlcChild}. A counterexample is passed on only when {@link
 * TraceConfirmation} confirms it; otherwise the result is a tool error starting with {@link
 * #UNCONFIRMED}, on which the parent checks the model again in one process.
 */
public final class DistributedServerChild {
  /** Start of the message of a violation whose counterexample failed confirmation. */
  public static final String UNCONFIRMED = "unconfirmed distributed counterexample: ";

  /** System property naming the address every RMI socket of the server and workers binds to. */
  public static final String BIND_PROPERTY = "vfiomc.rmi.bind";

  private DistributedServerChild() {}

  /** TLC's server, run by this thread ({@code modelCheck} is protected). */
  private static final class Server extends TLCServer {
    Server(TLCApp app) throws java.io.IOException, java.rmi.NotBoundException {
      super(app);
    }

    void check() throws Exception {
      modelCheck();
    }

    /**
     * TLC 2.18's count for its progress line, safe against its end-of-search race: a server thread
     * that has just been told the search is over holds {@code states = null} until its {@code
     * finally} block resets it, and TLC's own {@code getNewStates} then throws a {@code
     * NullPointerException} from the reporting loop, which ended the whole check as a tool error
     * although the search had finished. A thread in that window computes nothing, so the count is
     * the queue's alone. The figure feeds only the progress line (the final distinct count comes
     * from the fingerprint set, after every thread has ended).
     */
    @Override
    public synchronized long getNewStates() {
      try {
        return super.getNewStates();
      } catch (NullPointerException e) {
        return stateQueue.size();
      }
    }
  }

  public static void main(String[] args) {
    ParentWatch.start(Runtime.getRuntime()::halt);
    PrintStream link = System.out;
    System.setOut(System.err);
    ChildChannel channel = new ChildChannel(link, System::exit);
    if (args.length < 3 || args.length > 4 || (args.length == 4 && !args[3].equals("-deadlock"))) {
      channel.result(
          failed("usage: DistributedServerChild SPEC CONFIG METADIR [-deadlock]"),
          List.of(),
          ModelSource.UNKNOWN);
      channel.exit(2);
      return;
    }
    ByteArrayOutputStream text = new ByteArrayOutputStream();
    AtomicBoolean sent = new AtomicBoolean();
    try {
      PrintStream capture = new PrintStream(text, true, StandardCharsets.UTF_8);
      ToolIO.out = capture;
      ToolIO.err = capture;
      ChildRecorder recorder =
          new ChildRecorder(p -> channel.progress(p[0], p[1], p[2], p[3]), () -> {}, null);
      MP.setRecorder(recorder);
      BoundSockets.install();
      // what TLCServer.main does (no worker threads of its own: TLCGlobals counts the server's
      // threads, and its end-of-search check waits for that many), with the module search of a
      // local check instead of TLCApp.create's
      tlc2.TLCGlobals.setNumWorkers(0);
      tlc2.TLCGlobals.metaDir = args[2];
      tlc2.util.FP64.Init(0);
      Path spec = Path.of(args[0]).toAbsolutePath();
      TLCApp app =
          new TLCApp(
              strip(spec.toString(), ".tla"),
              strip(Path.of(args[1]).toAbsolutePath().toString(), ".cfg"),
              args.length != 4,
              null,
              new tlc2.tool.fp.FPSetConfiguration(),
              new SimpleFilenameToStream(ModuleSearch.folders(spec.getParent())));
      // TLC's server ends the JVM itself once the search is over (its fingerprint set's exit
      // calls System.exit): the result goes out from a shutdown hook, after TLC's summary
      Runtime.getRuntime()
          .addShutdownHook(
              new Thread(
                  () -> {
                    if (sent.compareAndSet(false, true)) {
                      report(channel, app, recorder, text);
                    }
                  },
                  "distributed-result"));
      new Server(app).check();
      if (sent.compareAndSet(false, true)) {
        report(channel, app, recorder, text);
      }
    } catch (Exception | Error e) {
      e.printStackTrace(System.err);
      if (sent.compareAndSet(false, true)) {
        channel.result(
            failed("distributed TLC server failed: " + e + tail(text)),
            List.of(),
            ModelSource.UNKNOWN);
      }
    }
    channel.exit(0);
  }

  /** Sends the run's outcome: TLC's verdict, with a counterexample only once confirmed. */
  private static void report(
      ChildChannel channel, TLCApp app, ChildRecorder recorder, ByteArrayOutputStream text) {
    CheckOutcome outcome;
    List<String> properties = new ArrayList<>();
    ModelSource source = ModelSource.UNKNOWN;
    try {
      ITool tool = app.tool;
      properties.addAll(List.of(tool.getInvNames()));
      source = provenance(tool);
      outcome = outcome(tool, recorder, text);
    } catch (RuntimeException | Error e) {
      outcome = failed("distributed TLC server failed: " + e + tail(text));
    }
    channel.result(outcome, properties, source);
  }

  private static CheckOutcome outcome(
      ITool tool, ChildRecorder recorder, ByteArrayOutputStream text) {
    Stats stats = recorder.stats();
    ViolationKind kind = recorder.kind();
    String property = recorder.property();
    if (kind == null && !recorder.trace().isEmpty()) {
      // TLC's server prints a worker's counterexample without naming what it violates: the
      // invariant its last state breaks, if any
      List<TLCStateInfo> trace = recorder.trace();
      property = new TraceConfirmation(tool).brokenInvariant(trace.get(trace.size() - 1).state);
      if (property == null) {
        return failed(UNCONFIRMED + "its last state breaks no invariant of the configuration");
      }
      kind = ViolationKind.INVARIANT;
    }
    if (kind == null) {
      // TLC's "Model checking completed. No error has been found." is the only success
      return recorder.events().stream().anyMatch(e -> e.code() == EC.TLC_SUCCESS)
          ? new CheckOutcome.Holds(stats)
          : new CheckOutcome.Failed(ErrorInfo.of(ErrorKind.TOOL, tail(text)), stats);
    }
    List<TLCStateInfo> states = recorder.trace();
    String problem = new TraceConfirmation(tool).problem(states, kind, property);
    if (problem != null) {
      return failed(UNCONFIRMED + problem);
    }
    Trace trace =
        new Trace(
            states.isEmpty() ? List.of() : ValueConverter.variableNames(states.get(0).state),
            new ActionMatcher(tool).label(states),
            recorder.loop().isPresent() ? recorder.loop() : OptionalInt.empty(),
            Map.of());
    return new CheckOutcome.Violated(property, kind, stats, trace);
  }

  private static ModelSource provenance(ITool tool) {
    try {
      return ModelProvenance.of(tool);
    } catch (RuntimeException e) {
      return ModelSource.UNKNOWN;
    }
  }

  private static String strip(String path, String suffix) {
    return path.endsWith(suffix) ? path.substring(0, path.length() - suffix.length()) : path;
  }

  private static String tail(ByteArrayOutputStream text) {
    String s = text.toString(StandardCharsets.UTF_8).strip();
    return s.length() > 2000 ? "..." + s.substring(s.length() - 2000) : s;
  }

  private static CheckOutcome failed(String message) {
    return new CheckOutcome.Failed(ErrorInfo.of(ErrorKind.TOOL, message), Stats.NONE);
  }
}
