package org.vfiomc.checker.tlc;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintStream;
import java.util.function.IntConsumer;
import org.vfiomc.checker.result.CheckOutcome;
import org.vfiomc.checker.result.OutcomeJson;

/**
 * The child's side of the link to the parent: one JSON object per line on the process's original
 * standard output. {@code {"event":"progress","depth":..,"generated":..,"distinct":..,"queue":..}}
 * any number of times, then exactly one {@code {"event":"result","outcome":{...}}} (the {@link
 * OutcomeJson} form with error kinds).
 */
final class ChildChannel {
  static final String EVENT = "event";
  static final String PROGRESS = "progress";
  static final String RESULT = "result";

  private ObjectMapper mapper; // created on first use: Jackson's start-up is off the TLC path

  private final PrintStream out;
  private final IntConsumer exit;

  ChildChannel(PrintStream out, IntConsumer exit) {
    this.out = out;
    this.exit = exit;
  }

  /** Initialises the JSON classes the link uses (called early on a spare thread). */
  static void warmUp() {
    OutcomeJson.encodeOutcome(
        new CheckOutcome.Holds(org.vfiomc.checker.result.Stats.NONE), true);
    new ObjectMapper().createObjectNode().put(EVENT, PROGRESS).toString();
  }

  synchronized void progress(long depth, long generated, long distinct, long queue) {
    ObjectNode n = mapper().createObjectNode();
    n.put(EVENT, PROGRESS);
    n.put("depth", depth);
    n.put("generated", generated);
    n.put("distinct", distinct);
    n.put("queue", queue);
    send(n);
  }

  synchronized void result(CheckOutcome outcome) {
    ObjectNode n = mapper().createObjectNode();
    n.put(EVENT, RESULT);
    n.set("outcome", OutcomeJson.encodeOutcome(outcome, true));
    send(n);
  }

  /** Ends the child process (TLC leaves RMI threads that would keep the JVM alive). */
  void exit(int status) {
    out.flush();
    exit.accept(status);
  }

  private ObjectMapper mapper() {
    if (mapper == null) {
      mapper = new ObjectMapper();
    }
    return mapper;
  }

  private void send(ObjectNode n) {
    try {
      out.println(mapper.writeValueAsString(n));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot serialise a JSON tree", e);
    }
    out.flush();
  }
}
