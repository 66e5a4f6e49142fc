package org.vfiomc.checker.tlc.child;

import java.io.BufferedOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import org.vfiomc.checker.explore.GraphCodec;
import org.vfiomc.checker.explore.StateGraph;
import org.vfiomc.checker.result.ErrorInfo;
import org.vfiomc.checker.tlc.link.ChildExit;
import org.vfiomc.checker.tlc.link.ParentWatch;
import util.ToolIO;

/**
 * Main class of the forked exploring JVM: {@code ExploreChild SPEC CONFIG OUT MAXEDGES} writes the
 * reachable graph ({@link GraphCodec}) to {@code OUT}. Exit status ({@link ChildExit}) 0 written, 4
 * more than {@code MAXEDGES} edges (0: no limit), 2 any other failure (message on standard error).
 * With {@link TlcChild} and {@code cli.Main} the only code touching standard streams and exit.
 */
public final class ExploreChild {
  private ExploreChild() {}

  public static void main(String[] args) {
    ParentWatch.start(Runtime.getRuntime()::halt);
    PrintStream err = System.err;
    java.io.ByteArrayOutputStream chatter = new java.io.ByteArrayOutputStream();
    PrintStream capture = new PrintStream(chatter, true, java.nio.charset.StandardCharsets.UTF_8);
    System.setOut(capture); // TLC's and SANY's chatter is kept for the diagnosis
    boolean debug = System.getenv("VFIOMC_TLC_DEBUG") != null;
    int status;
    try {
      if (args.length != 4) {
        throw new IllegalArgumentException("usage: ExploreChild SPEC CONFIG OUT MAXEDGES");
      }
      ToolIO.out = capture;
      ToolIO.err = capture;
      StateGraph graph;
      try {
        graph = new Explorer(Path.of(args[0]), Path.of(args[1])).explore(Long.parseLong(args[3]));
      } catch (Explorer.TooLarge e) {
        throw e;
      } catch (RuntimeException | Error e) {
        String text = chatter.toString(java.nio.charset.StandardCharsets.UTF_8);
        if (debug) {
          err.print(text);
          e.printStackTrace(err);
        }
        ErrorInfo info = ErrorDiagnosis.exploreFailure(Path.of(args[0]), Path.of(args[1]), text, e);
        err.println(ChildExit.ERROR_PREFIX + info.kind().id() + " error: " + info.describe());
        err.flush();
        System.exit(ChildExit.FAILED);
        return;
      }
      try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(Path.of(args[2])))) {
        GraphCodec.write(graph, out);
      }
      status = ChildExit.OK;
    } catch (Explorer.TooLarge e) {
      err.println(e.getMessage());
      status = ChildExit.TOO_LARGE;
    } catch (Exception | Error e) {
      if (debug) {
        e.printStackTrace(err);
      }
      err.println(ChildExit.ERROR_PREFIX + "tool error: " + ErrorDiagnosis.oneLine(e.toString()));
      status = ChildExit.FAILED;
    }
    err.flush();
    System.exit(status);
  }
}
