package org.vfiomc.checker.tlc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.vfiomc.checker.RepoRoot;
import org.vfiomc.checker.result.CheckOutcome;
import org.vfiomc.checker.result.Stats;
import org.vfiomc.checker.run.ProgressListener;
import org.vfiomc.checker.run.TlcFlags;
import org.vfiomc.checker.spec.Manifest;
import org.vfiomc.checker.spec.ModelSpec;

/**
 * A TLC child started before its job ({@link StandbyChild}): the first model of a runner runs in it
 * with the verdict a forked child gives, a model needing JVM options of its own discards it, and an
 * unused one leaves neither a process nor a directory.
 */
final class StandbyChildTest {
  /**
   * CounterOK: 4 x 4 = 16 states, 1 initial + 16 x 2 successors = 33 generated (ExampleModelsTest).
   */
  private static final Stats COUNTER_OK = new Stats(16, 33, 7);

  private static ModelSpec model(String name) throws Exception {
    return Manifest.resolve(RepoRoot.examples(), Optional.empty()).stream()
        .filter(m -> m.name().equals(name))
        .findFirst()
        .orElseThrow();
  }

  @Test
  void firstModelRunsInTheStandby_withTheForkedChildsVerdict() throws Exception {
    StandbyChild standby = StandbyChild.start().orElseThrow();
    Path work = standby.work();
    ForkedTlcRunner runner = new ForkedTlcRunner(1, List.of(), TlcFlags.DEFAULT, standby);

    CheckOutcome first = runner.check(model("CounterOK"), ProgressListener.NONE).outcome();
    // the standby ran the model to its end (a killed standby would not exit 0)
    assertTrue(standby.process().waitFor(30, TimeUnit.SECONDS));
    assertEquals(0, standby.process().exitValue());
    assertFalse(standby.take(), "taken once");
    assertFalse(Files.exists(work), "work dir deleted");
    assertEquals(COUNTER_OK, assertInstanceOf(CheckOutcome.Holds.class, first).stats());

    // the next model forks its own child, as without a standby
    CheckOutcome second = runner.check(model("CounterSum"), ProgressListener.NONE).outcome();
    assertInstanceOf(CheckOutcome.Violated.class, second);
  }

  @Test
  void modelWithJvmOptions_discardsTheStandby_andForksItsOwnChild() throws Exception {
    StandbyChild standby = StandbyChild.start().orElseThrow();
    Path work = standby.work();
    ForkedTlcRunner runner =
        new ForkedTlcRunner(1, List.of("-XX:TieredStopAtLevel=1"), TlcFlags.DEFAULT, standby);

    CheckOutcome outcome = runner.check(model("CounterOK"), ProgressListener.NONE).outcome();
    assertEquals(COUNTER_OK, assertInstanceOf(CheckOutcome.Holds.class, outcome).stats());
    assertFalse(standby.process().isAlive());
    assertNotEquals(0, standby.process().exitValue(), "killed, not run");
    assertFalse(Files.exists(work));
  }

  @Test
  void closingAnUnusedStandby_killsItAndDeletesItsWorkDir() throws Exception {
    StandbyChild standby = StandbyChild.start().orElseThrow();
    assertTrue(Files.isDirectory(standby.work()));
    standby.close();
    assertFalse(standby.process().isAlive());
    assertFalse(Files.exists(standby.work()));
    assertFalse(standby.take(), "a closed standby cannot be taken");
  }

  @Test
  void standbyWhoseInputEndsWithoutAJob_exitsAtOnceWithoutAResult() throws Exception {
    StandbyChild standby = StandbyChild.start().orElseThrow();
    assertTrue(standby.take());
    try {
      standby.process().getOutputStream().close();
      assertTrue(standby.process().waitFor(30, TimeUnit.SECONDS));
      assertEquals(0, standby.process().exitValue());
      String link =
          new String(standby.process().getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      assertEquals("", link, "no result line");
    } finally {
      ChildProcesses.killQuietly(standby.process());
      ChildProcesses.deleteTree(standby.work());
    }
  }
}
