package org.vfiomc.checker.explore;

import static org.junit.jupiter.api.Assertions.assertFalse;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.io.IOException;
import org.vfiomc.checker.FuzzLimits;

/**
 * Coverage-guided fuzzing of the state-graph reader ({@link GraphCodec#read(byte[], String)}): any
 * bytes give a graph or an {@link IOException} with a message, never another exception or a hang.
 * Seeds (a graph the explorer wrote) and crash reproducers: {@code
 * GraphCodecFuzzTestInputs/readGraph} in the test resources.
 */
final class GraphCodecFuzzTest {
  @FuzzTest(maxExecutions = FuzzLimits.EXECUTIONS, maxDuration = FuzzLimits.DURATION)
  void readGraph(byte[] input) {
    try {
      GraphCodec.read(input, "fuzz.json");
    } catch (IOException e) {
      assertFalse(e.getMessage() == null || e.getMessage().isBlank(), "blank message");
    }
  }
}
