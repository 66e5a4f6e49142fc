package org.vfiomc.checker.result;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import org.vfiomc.checker.trace.ItfText;
import org.vfiomc.checker.trace.JsonLite;
import org.vfiomc.checker.trace.TlaValue;
import org.vfiomc.checker.trace.Trace;
import org.vfiomc.checker.trace.TraceStep;

/**
 * The internal form of {@link OutcomeJson#encodeOutcome(CheckOutcome, boolean)} (with error kinds
 * and tagged model values) written and read without Jackson, for the link between the checker and
 * its forked TLC processes. Field order and content are the same; tests compare the two.
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

  /**
   * Decodes the internal outcome form from a {@link JsonLite} tree; throws {@link
   * IllegalArgumentException} (or a {@link ClassCastException}) on a malformed tree.
   */
  public static CheckOutcome decode(Object tree) {
    Map<?, ?> node = (Map<?, ?>) tree;
    Verdict verdict = Verdict.valueOf((String) node.get("verdict"));
    Stats stats =
        node.get("distinctStates") == null
            ? Stats.NONE
            : new Stats(
                num(node.get("distinctStates")),
                num(node.get("generatedStates")),
                node.get("depth") == null ? 0 : (int) num(node.get("depth")));
    switch (verdict) {
      case HOLDS:
        return new CheckOutcome.Holds(stats);
      case VIOLATED:
        return new CheckOutcome.Violated(
            (String) node.get("property"),
            ViolationKind.fromId((String) node.get("violationKind")),
            stats,
            trace((List<?>) node.get("trace")));
      case ERROR:
        Map<?, ?> e = (Map<?, ?>) node.get("error");
        return new CheckOutcome.Failed(
            new ErrorInfo(
                ErrorKind.fromId((String) e.get("kind")),
                (String) e.get("message"),
                (String) e.get("file"),
                e.get("line") == null ? null : (int) num(e.get("line")),
                e.get("column") == null ? null : (int) num(e.get("column"))),
            stats);
      case TIMEOUT:
        break;
    }
    throw new IllegalArgumentException("cannot decode verdict " + verdict);
  }

  private static Trace trace(List<?> steps) {
    List<String> vars = new ArrayList<>();
    List<TraceStep> out = new ArrayList<>();
    OptionalInt loop = OptionalInt.empty();
    for (int i = 0; i < steps.size(); i++) {
      Map<?, ?> step = (Map<?, ?>) steps.get(i);
      Map<String, TlaValue> state = new LinkedHashMap<>();
      for (Map.Entry<?, ?> e : ((Map<?, ?>) step.get("state")).entrySet()) {
        String name = (String) e.getKey();
        if (name.equals("#meta")) {
          Object l = ((Map<?, ?>) e.getValue()).get("loop");
          if (l != null) {
            loop = OptionalInt.of((int) num(l));
          }
          continue;
        }
        if (i == 0) {
          vars.add(name);
        }
        state.put(name, ItfText.decode(e.getValue()));
      }
      Map<String, TlaValue> params = null;
      if (step.get("params") != null) {
        params = new LinkedHashMap<>();
        for (Map.Entry<?, ?> e : ((Map<?, ?>) step.get("params")).entrySet()) {
          params.put((String) e.getKey(), ItfText.decode(e.getValue()));
        }
      }
      out.add(new TraceStep((String) step.get("action"), params, state));
    }
    return new Trace(vars, out, loop, Map.of());
  }

  private static long num(Object n) {
    return ((BigInteger) n).longValueExact();
  }
}
