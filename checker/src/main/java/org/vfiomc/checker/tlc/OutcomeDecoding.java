package org.vfiomc.checker.tlc;

import com.fasterxml.jackson.databind.JsonNode;
import org.vfiomc.checker.result.CheckOutcome;
import org.vfiomc.checker.result.OutcomeJson;
import org.vfiomc.checker.trace.TraceFormatException;

/** Parent side of {@link ChildChannel}: the child's result event back to a {@link CheckOutcome}. */
final class OutcomeDecoding {
  private OutcomeDecoding() {}

  static CheckOutcome decode(JsonNode outcome) throws TraceFormatException {
    return OutcomeJson.decodeOutcome(outcome);
  }
}
