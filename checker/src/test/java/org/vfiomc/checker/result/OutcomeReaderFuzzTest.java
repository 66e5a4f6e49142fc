package org.vfiomc.checker.result;

import static org.junit.jupiter.api.Assertions.assertFalse;

import com.code_intelligence.jazzer.junit.FuzzTest;
import org.vfiomc.checker.FuzzLimits;
import org.vfiomc.checker.trace.TraceFormatException;

/**
 * Coverage-guided fuzzing of the results-JSON reader ({@link OutcomeReader#readResults(byte[],
 * String)}, what {@code checker report} and {@code traces --results} read): any bytes give results
 * or a {@link TraceFormatException} with a message, never another exception or a hang. Seeds (a
 * results file of every verdict) and crash reproducers: {@code
 * OutcomeReaderFuzzTestInputs/readResults} in the test resources.
 */
final class OutcomeReaderFuzzTest {
  @FuzzTest(maxExecutions = FuzzLimits.EXECUTIONS, maxDuration = FuzzLimits.DURATION)
  void readResults(byte[] input) {
    try {
      OutcomeReader.readResults(input, "fuzz.json");
    } catch (TraceFormatException e) {
      assertFalse(e.getMessage() == null || e.getMessage().isBlank(), "blank message");
    }
  }
}
