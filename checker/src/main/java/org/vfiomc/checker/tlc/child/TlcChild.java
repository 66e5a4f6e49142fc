package org.vfiomc.checker.tlc.child;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import org.vfiomc.checker.result.CheckOutcome;
import org.vfiomc.checker.result.ErrorInfo;
import org.vfiomc.checker.result.ErrorKind;
import org.vfiomc.checker.result.ModelSource;
import org.vfiomc.checker.result.Stats;
import org.vfiomc.checker.tlc.link.ChildExit;
import org.vfiomc.checker.tlc.link.ParentWatch;

/**
 * Main class of the forked checking JVM: {@code TlcChild SPEC CONFIG WORKERS METADIR [OPTION...]},
 * where the options are the TLC options of {@code run.TlcFlags} and nothing else. Reports on its
 * standard output through {@link ChildChannel}; everything else (TLC's and SANY's text) is kept
 * away from that stream. The process entry point is, with {@code cli.Main}, the only code that
 * touches standard streams and {@code System.exit}: TLC leaves RMI threads alive, so the JVM must
 * be ended explicitly.
 */
public final class TlcChild {
  /** The TLC options a parent may add (see {@code run.TlcFlags#tlcOptions}). */
  private static final List<String> OPTIONS =
      List.of("-simulate", "-depth", "-seed", "-coverage", "-deadlock", "-dump");

  private TlcChild() {}

  public static void main(String[] args) {
    ParentWatch.start(Runtime.getRuntime()::halt);
    PrintStream link = System.out;
    System.setOut(System.err); // stray prints must not corrupt the link
    ChildChannel channel = new ChildChannel(link, System::exit);
    List<String> options = args.length < 4 ? List.of() : List.of(args).subList(4, args.length);
    String unknown =
        options.stream()
            .filter(o -> o.startsWith("-"))
            .filter(o -> !OPTIONS.contains(o))
            .findFirst()
            .orElse(null);
    if (args.length < 4 || unknown != null) {
      channel.result(
          failed("usage: TlcChild SPEC CONFIG WORKERS METADIR [" + String.join("|", OPTIONS) + "]"),
          List.of(),
          ModelSource.UNKNOWN);
      channel.exit(2);
      return;
    }
    PrintStream debug = System.getenv("VFIOMC_TLC_DEBUG") != null ? System.err : null;
    BoundSockets sockets = null;
    try {
      sockets = BoundSockets.loopback();
    } catch (IOException e) {
      // RMI keeps its default sockets: TLC listens on every interface, and exit waits for it
    }
    CheckOutcome outcome;
    List<String> properties = List.of();
    ModelSource source = ModelSource.UNKNOWN;
    try {
      ChildRun run =
          new ChildRun(
              Path.of(args[0]),
              Path.of(args[1]),
              Integer.parseInt(args[2]),
              Path.of(args[3]),
              options,
              channel,
              debug,
              w -> System.err.println(ChildExit.WARNING_PREFIX + w));
      outcome = run.run();
      properties = run.properties();
      source = run.source();
    } catch (RuntimeException | Error e) {
      e.printStackTrace(System.err);
      outcome = failed("checker failure in the TLC process: " + e);
    }
    channel.result(outcome, properties, source);
    if (sockets != null) {
      sockets.closeListening();
    }
    channel.exit(0);
  }

  private static CheckOutcome failed(String message) {
    return new CheckOutcome.Failed(ErrorInfo.of(ErrorKind.TOOL, message), Stats.NONE);
  }
}
