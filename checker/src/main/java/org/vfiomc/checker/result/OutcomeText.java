package org.vfiomc.checker.result;

import org.vfiomc.checker.trace.ItfText;
import org.vfiomc.checker.trace.Trace;
import org.vfiomc.checker.trace.TraceStep;

/**
 * The internal form of {@link OutcomeJson#encodeOutcome(CheckOutcome, boolean)} (with error kinds
 * and tagged model values) written as compact JSON text without Jackson, for the forked TLC
 * process. Field order and content are the same; a test compares the two.
 */
public final class OutcomeText {
  private OutcomeText() {}

  public static String encode(CheckOutcome outcome) {
    StringBuilder b = new StringBuilder(256);
    b.append("{\"verdict\":\"").append(outcome.verdict().name()).append('"');
    String property = null;
    String kind = null;
    if (outcome instanceof CheckOutcome.Violated v) {
      property = v.property();
      kind = v.kind().id();
    }
    b.append(",\"property\":");
    nullable(b, property);
    b.append(",\"violationKind\":");
    nullable(b, kind);
    Stats s = outcome.stats();
    if (s.equals(Stats.NONE)) {
      b.append(",\"distinctStates\":null,\"generatedStates\":null,\"depth\":null");
    } else {
      b.append(",\"distinctStates\":").append(s.distinctStates());
      b.append(",\"generatedStates\":").append(s.generatedStates());
      b.append(",\"depth\":").append(s.depth() > 0 ? Integer.toString(s.depth()) : "null");
    }
    b.append(",\"trace\":");
    if (outcome instanceof CheckOutcome.Violated v) {
      trace(b, v.trace());
    } else {
      b.append("null");
    }
    b.append(",\"error\":");
    if (outcome instanceof CheckOutcome.Failed f) {
      ErrorInfo e = f.error();
      b.append("{\"kind\":\"").append(e.kind().id()).append("\",\"message\":");
      ItfText.string(b, e.message());
      b.append(",\"file\":");
      nullable(b, e.file());
      b.append(",\"line\":").append(e.line());
      b.append(",\"column\":").append(e.column());
      b.append('}');
    } else if (outcome instanceof CheckOutcome.TimedOut t) {
      b.append("{\"kind\":\"tool\",\"message\":");
      ItfText.string(b, "timed out after " + t.limitSeconds() + " s");
      b.append(",\"file\":null,\"line\":null,\"column\":null}");
    } else {
      b.append("null");
    }
    return b.append('}').toString();
  }

  private static void trace(StringBuilder b, Trace trace) {
    b.append('[');
    for (int i = 0; i < trace.steps().size(); i++) {
      TraceStep step = trace.steps().get(i);
      if (i > 0) {
        b.append(',');
      }
      b.append("{\"action\":");
      ItfText.string(b, step.action());
      b.append(",\"params\":");
      if (step.params() == null) {
        b.append("null");
      } else {
        ItfText.object(b, step.params(), true);
      }
      b.append(",\"state\":{\"#meta\":{\"index\":").append(i);
      if (i == trace.steps().size() - 1 && trace.loop().isPresent()) {
        b.append(",\"loop\":").append(trace.loop().getAsInt());
      }
      b.append('}');
      for (String var : trace.vars()) {
        b.append(',');
        ItfText.string(b, var);
        b.append(':');
        ItfText.append(b, step.state().get(var), true);
      }
      b.append("}}");
    }
    b.append(']');
  }

  private static void nullable(StringBuilder b, String s) {
    if (s == null) {
      b.append("null");
    } else {
      ItfText.string(b, s);
    }
  }
}
