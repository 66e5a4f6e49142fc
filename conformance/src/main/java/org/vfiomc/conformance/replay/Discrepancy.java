package org.vfiomc.conformance.replay;

import java.util.List;

/** The first point where the implementation does not behave as the trace says. */
public sealed interface Discrepancy {
  /** Index of the trace state the step leads to (0 = the initial state). */
  int step();

  /** The action of that step, as {@code Tag(param=value, ...)}. */
  String action();

  /** Kind name for reports. */
  String kind();

  /** One line describing what went wrong. */
  String detail();

  /** The step is a spec step the implementation cannot take (not enabled or not possible). */
  record MissingAction(int step, String action, String detail) implements Discrepancy {
    @Override
    public String kind() {
      return "MissingAction";
    }
  }

  /** The implementation did something the spec step does not allow. */
  record UnexpectedAction(int step, String action, String detail) implements Discrepancy {
    @Override
    public String kind() {
      return "UnexpectedAction";
    }
  }

  /** After the step the projected state differs from the trace state. */
  record StateMismatch(int step, String action, List<VarDiff> diffs) implements Discrepancy {
    public StateMismatch {
      diffs = List.copyOf(diffs);
    }

    @Override
    public String kind() {
      return "StateMismatch";
    }

    @Override
    public String detail() {
      return String.join("; ", diffs.stream().map(VarDiff::toString).toList());
    }
  }

  /** The implementation lost data (a packet, a P2P write, a stream chunk) the spec delivers. */
  record PacketLost(int step, String action, String detail, List<VarDiff> diffs)
      implements Discrepancy {
    public PacketLost {
      diffs = List.copyOf(diffs);
    }

    @Override
    public String kind() {
      return "PacketLost";
    }
  }

  /** The implementation delivered data different from what the spec delivers. */
  record PacketCorrupted(int step, String action, String detail, List<VarDiff> diffs)
      implements Discrepancy {
    public PacketCorrupted {
      diffs = List.copyOf(diffs);
    }

    @Override
    public String kind() {
      return "PacketCorrupted";
    }
  }
}
