package org.vfiomc.checker.tlc;

import java.io.PrintStream;
import java.util.function.IntConsumer;
import org.vfiomc.checker.result.CheckOutcome;
import org.vfiomc.checker.result.ModelSource;
import org.vfiomc.checker.result.OutcomeJson;
import org.vfiomc.checker.result.OutcomeText;

/**
 * The child's side of the link to the parent: one JSON object per line on the process's original
 * standard output. {@code {"event":"progress","depth":..,"generated":..,"distinct":..,"queue":..}}
 * any number of times, then exactly one {@code {"event":"result","properties":[names of the checked
 * invariants and properties],"module":"..","constants":{ITF values},"outcome":{...}}} (the internal
 * {@link OutcomeJson} form, written by {@link OutcomeText} so the child never loads Jackson).
 */
final class ChildChannel {
  static final String EVENT = "event";
  static final String PROGRESS = "progress";
  static final String RESULT = "result";

  private final PrintStream out;
  private final IntConsumer exit;

  ChildChannel(PrintStream out, IntConsumer exit) {
    this.out = out;
    this.exit = exit;
  }

  synchronized void progress(long depth, long generated, long distinct, long queue) {
    send(
        "{\""
            + EVENT
            + "\":\""
            + PROGRESS
            + "\",\"depth\":"
            + depth
            + ",\"generated\":"
            + generated
            + ",\"distinct\":"
            + distinct
            + ",\"queue\":"
            + queue
            + "}");
  }

  synchronized void result(
      CheckOutcome outcome, java.util.List<String> properties, ModelSource source) {
    StringBuilder b = new StringBuilder("{\"" + EVENT + "\":\"" + RESULT + "\",\"properties\":[");
    for (int i = 0; i < properties.size(); i++) {
      if (i > 0) {
        b.append(',');
      }
      org.vfiomc.checker.trace.ItfText.string(b, properties.get(i));
    }
    b.append("],\"module\":");
    org.vfiomc.checker.trace.ItfText.string(b, source.module());
    b.append(",\"constants\":");
    org.vfiomc.checker.trace.ItfText.object(b, source.constants(), true);
    send(b.append(",\"outcome\":").append(OutcomeText.encode(outcome)).append('}').toString());
  }

  /** Ends the child process (TLC leaves RMI threads that would keep the JVM alive). */
  void exit(int status) {
    out.flush();
    exit.accept(status);
  }

  private void send(String line) {
    out.println(line);
    out.flush();
  }
}
