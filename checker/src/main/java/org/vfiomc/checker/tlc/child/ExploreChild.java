package org.vfiomc.checker.tlc.child;

import java.io.BufferedOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import org.vfiomc.checker.explore.GraphCodec;
import org.vfiomc.checker.explore.StateGraph;
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
    System.setOut(err); // TLC's and SANY's chatter goes to stderr
    int status;
    try {
      if (args.length != 4) {
        throw new IllegalArgumentException("usage: ExploreChild SPEC CONFIG OUT MAXEDGES");
      }
      java.io.ByteArrayOutputStream chatter = new java.io.ByteArrayOutputStream();
      PrintStream capture = new PrintStream(chatter, true, java.nio.charset.StandardCharsets.UTF_8);
      ToolIO.out = capture;
      ToolIO.err = capture;
      StateGraph graph;
      try {
        graph = new Explorer(Path.of(args[0]), Path.of(args[1])).explore(Long.parseLong(args[3]));
      } catch (RuntimeException | Error e) {
        err.print(chatter.toString(java.nio.charset.StandardCharsets.UTF_8));
        throw e;
      }
      try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(Path.of(args[2])))) {
        GraphCodec.write(graph, out);
      }
      status = ChildExit.OK;
    } catch (Explorer.TooLarge e) {
      err.println(e.getMessage());
      status = ChildExit.TOO_LARGE;
    } catch (Exception | Error e) {
      e.printStackTrace(err);
      status = ChildExit.FAILED;
    }
    err.flush();
    System.exit(status);
  }
}
