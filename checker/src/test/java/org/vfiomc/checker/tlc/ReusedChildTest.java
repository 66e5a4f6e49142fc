package org.vfiomc.checker.tlc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vfiomc.checker.result.CheckOutcome;
import org.vfiomc.checker.result.Expectation;
import org.vfiomc.checker.result.ModelResult;
import org.vfiomc.checker.run.ProgressListener;
import org.vfiomc.checker.run.TlcFlags;
import org.vfiomc.checker.spec.ModelSpec;
import org.vfiomc.checker.spec.Profile;

/**
 * A reused checking JVM runs each model in a class loader of its own, so no TLC static state
 * (parsed modules, {@code UniqueString}'s names and the definitions they locate) carries from one
 * check to the next. Two specs with the same module name and the same operator names but different
 * meanings, checked alternately in one JVM, each give the verdict and state counts of a fresh JVM.
 */
final class ReusedChildTest {
  @TempDir Path tmp;

  /** {@code Same} counts 0..Top by Step; {@code Inv} is x <= 3. */
  private ModelSpec same(String dir, int step, int top, long timeout) throws IOException {
    Path d = Files.createDirectories(tmp.resolve(dir));
    Files.writeString(
        d.resolve("Same.tla"),
        "---- MODULE Same ----\nEXTENDS Naturals\nVARIABLE x\nStep == "
            + step
            + "\nTop == "
            + top
            + "\nInit == x = 0\nNext == x' = IF x + Step <= Top THEN x + Step ELSE x\n"
            + "Inv == x <= 3\n====\n");
    Files.writeString(d.resolve("Same.cfg"), "INIT Init\nNEXT Next\nINVARIANT Inv\n");
    return new ModelSpec(
        dir,
        d.resolve("Same.tla"),
        d.resolve("Same.cfg"),
        Expectation.holds(),
        Profile.CI,
        timeout,
        "");
  }

  @Test
  void sameNamesDifferentSpecs_alternatingInOneJvm_giveTheFreshJvmVerdicts() throws IOException {
    // 0,1,2,3: 4 states, holds; 0,2,4: Inv fails at 4 after 2 steps (a 3-state trace)
    ModelSpec holds = same("a", 1, 3, 120);
    ModelSpec violated = same("b", 2, 5, 120);
    List<ModelSpec> order = List.of(holds, violated, holds, violated, holds);
    List<ModelResult> reused = new ArrayList<>();
    try (ForkedTlcRunner runner = new ForkedTlcRunner(1, List.of(), TlcFlags.DEFAULT, null, 8)) {
      for (ModelSpec m : order) {
        reused.add(runner.check(m, ProgressListener.NONE));
      }
      assertEquals(1, runner.reusedJvmsStarted(), "five models, one JVM");
    }
    try (ForkedTlcRunner fresh = new ForkedTlcRunner(1, List.of(), TlcFlags.DEFAULT, null, 1)) {
      for (int i = 0; i < order.size(); i++) {
        ModelResult alone = fresh.check(order.get(i), ProgressListener.NONE);
        assertEquals(alone.outcome(), reused.get(i).outcome(), order.get(i).name() + " #" + i);
      }
    }
    for (int i = 0; i < order.size(); i += 2) {
      CheckOutcome.Holds h = assertInstanceOf(CheckOutcome.Holds.class, reused.get(i).outcome());
      assertEquals(4, h.stats().distinctStates());
    }
    for (int i = 1; i < order.size(); i += 2) {
      CheckOutcome.Violated v =
          assertInstanceOf(CheckOutcome.Violated.class, reused.get(i).outcome());
      assertEquals("Inv", v.property());
      assertEquals(3, v.trace().steps().size());
    }
  }

  @Test
  void aJvmEndsAfterItsJobs_andATimeoutEndsIt() throws IOException {
    ModelSpec small = same("c", 1, 3, 120);
    // 5,100,000 states and no invariant: far more than 2 seconds of checking
    Path d = Files.createDirectories(tmp.resolve("forever"));
    Files.writeString(
        d.resolve("Forever.tla"),
        """
        ---- MODULE Forever ----
        EXTENDS Naturals
        VARIABLE x, y
        Init == x = 0 /\\ y = 0
        Next == x' = (x + 1) % 100000 /\\ y' \\in 0..50
        ====
        """);
    Files.writeString(d.resolve("Forever.cfg"), "INIT Init\nNEXT Next\n");
    ModelSpec forever =
        new ModelSpec(
            "forever",
            d.resolve("Forever.tla"),
            d.resolve("Forever.cfg"),
            Expectation.holds(),
            Profile.CI,
            2,
            "");
    try (ForkedTlcRunner runner = new ForkedTlcRunner(1, List.of(), TlcFlags.DEFAULT, null, 2)) {
      // jobs 1-2 in the first JVM, 3-4 in the second, 5 in the third
      for (int i = 0; i < 5; i++) {
        assertInstanceOf(
            CheckOutcome.Holds.class, runner.check(small, ProgressListener.NONE).outcome());
      }
      assertEquals(3, runner.reusedJvmsStarted());
      // the fifth left its JVM idle with one job; the timeout kills it, the next model gets a
      // new one
      CheckOutcome out = runner.check(forever, ProgressListener.NONE).outcome();
      CheckOutcome.TimedOut t = assertInstanceOf(CheckOutcome.TimedOut.class, out);
      assertEquals(2, t.limitSeconds());
      CheckOutcome after = runner.check(small, ProgressListener.NONE).outcome();
      assertEquals(4, assertInstanceOf(CheckOutcome.Holds.class, after).stats().distinctStates());
      assertEquals(4, runner.reusedJvmsStarted());
    }
  }
}
