package org.vfiomc.checker.tlc.link;

import static org.junit.jupiter.api.Assertions.assertFalse;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.nio.charset.StandardCharsets;
import org.vfiomc.checker.FuzzLimits;

/**
 * Coverage-guided fuzzing of the child link parser ({@link ChildLink#read}): whatever a forked
 * child writes on a line, reading it gives a message or a {@link LinkException} with a message,
 * never another exception or a hang. Seeds (real progress and result lines) and crash reproducers
 * are in {@code ChildLinkFuzzTestInputs/readLine} beside this class's package in the test
 * resources; plain {@code mvn verify} runs them (Jazzer's regression mode), the {@code fuzz}
 * profile fuzzes.
 */
final class ChildLinkFuzzTest {
  @FuzzTest(maxExecutions = FuzzLimits.EXECUTIONS, maxDuration = FuzzLimits.DURATION)
  void readLine(byte[] input) {
    String line = new String(input, StandardCharsets.UTF_8);
    try {
      ChildLink.read(line, 1);
    } catch (LinkException e) {
      assertFalse(e.getMessage() == null || e.getMessage().isBlank(), "blank message");
    }
  }
}
