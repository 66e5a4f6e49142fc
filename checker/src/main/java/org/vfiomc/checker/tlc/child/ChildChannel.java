package org.vfiomc.checker.tlc.child;

import java.io.PrintStream;
import java.util.List;
import java.util.function.IntConsumer;
import org.vfiomc.checker.result.ActionCoverage;
import org.vfiomc.checker.result.CheckOutcome;
import org.vfiomc.checker.result.ModelSource;
import org.vfiomc.checker.tlc.link.ChildMessage;
import org.vfiomc.checker.tlc.link.LinkWriter;

/**
 * The child's side of the link to the parent: one {@link ChildMessage} per line on the process's
 * original standard output, written by {@link LinkWriter}: any number of progress messages, then
 * exactly one result.
 */
final class ChildChannel {
  private final PrintStream out;
  private final IntConsumer exit;

  ChildChannel(PrintStream out, IntConsumer exit) {
    this.out = out;
    this.exit = exit;
  }

  synchronized void progress(long depth, long generated, long distinct, long queue) {
    send(new ChildMessage.Progress(depth, generated, distinct, queue));
  }

  synchronized void coverage(List<ActionCoverage> actions) {
    send(new ChildMessage.Coverage(actions));
  }

  synchronized void result(CheckOutcome outcome, List<String> properties, ModelSource source) {
    send(new ChildMessage.Result(properties, source, outcome));
  }

  /** Ends the child process (TLC leaves RMI threads that would keep the JVM alive). */
  void exit(int status) {
    out.flush();
    exit.accept(status);
  }

  private void send(ChildMessage message) {
    out.println(LinkWriter.encode(message));
    out.flush();
  }
}
