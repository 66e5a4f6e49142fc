package org.vfiomc.checker.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vfiomc.checker.RepoRoot;
import org.vfiomc.checker.result.ModelResult;
import org.vfiomc.checker.result.Verdict;
import org.vfiomc.checker.run.CheckOptions;
import org.vfiomc.checker.run.SuiteWatch;
import org.vfiomc.checker.tlc.ForkedTlcRunner;

/**
 * {@code check --watch} on a copy of the {@code Counter} example: an edit of the configuration that
 * adds the too-strong invariant flips the verdict and is the one line printed; an edit of an
 * unrelated file in the same folder re-checks nothing.
 */
final class WatchTest {
  private static final long WAIT_SECONDS = 120;

  /** Forwards to the printer and hands each round to the test. */
  private record Recorder(WatchPrinter printer, BlockingQueue<Object> events)
      implements SuiteWatch.Listener {
    @Override
    public void initial(List<ModelResult> results) {
      printer.initial(results);
      events.add(results);
    }

    @Override
    public void round(List<SuiteWatch.Change> changed, int rechecked) {
      printer.round(changed, rechecked);
      events.add(new Round(changed, rechecked));
    }

    @Override
    public void problem(String message) {
      printer.problem(message);
      events.add(message);
    }
  }

  private record Round(List<SuiteWatch.Change> changed, int rechecked) {}

  @Test
  void reportsOnlyTheVerdictThatChanged(@TempDir Path dir) throws Exception {
    Path examples = RepoRoot.examples();
    Files.copy(examples.resolve("Counter.tla"), dir.resolve("Counter.tla"));
    Files.copy(examples.resolve("CounterOK.cfg"), dir.resolve("Counter.cfg"));
    CheckOptions options =
        new CheckOptions(
            List.of(dir.resolve("Counter.tla")),
            java.util.Optional.empty(),
            1,
            1,
            java.util.Optional.empty(),
            org.vfiomc.checker.spec.Profile.CI,
            java.util.Optional.empty(),
            java.util.Optional.empty(),
            true,
            org.vfiomc.checker.run.JitMode.QUICK,
            CheckOptions.DEFAULT_JOBS_PER_JVM,
            org.vfiomc.checker.run.TlcFlags.DEFAULT,
            java.util.Optional.empty(),
            true,
            java.util.Optional.empty(),
            java.util.Map.of());
    StringWriter text = new StringWriter();
    BlockingQueue<Object> events = new LinkedBlockingQueue<>();
    Recorder recorder = new Recorder(new WatchPrinter(new PrintWriter(text, true), true), events);
    SuiteWatch watch = new SuiteWatch(options, new ForkedTlcRunner(1, options.jit().jvmOptions()));
    Thread t =
        new Thread(
            () -> {
              try {
                watch.run(recorder);
              } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
              } catch (java.io.IOException e) {
                events.add("io: " + e);
              }
            },
            "watch");
    t.start();
    try {
      Object first = events.poll(WAIT_SECONDS, TimeUnit.SECONDS);
      assertTrue(first instanceof List<?> l && l.size() == 1, String.valueOf(first));

      // the too-strong invariant: the verdict flips to VIOLATED after 5 Inc steps (6 states)
      // written beside it and moved over it in one step, as editors save
      Path staged = Files.copy(examples.resolve("CounterSum.cfg"), dir.resolve(".Counter.cfg.new"));
      Files.move(
          staged,
          dir.resolve("Counter.cfg"),
          java.nio.file.StandardCopyOption.REPLACE_EXISTING,
          java.nio.file.StandardCopyOption.ATOMIC_MOVE);
      Round flipped = (Round) events.poll(WAIT_SECONDS, TimeUnit.SECONDS);
      assertNotNull(flipped, text.toString());
      assertEquals(1, flipped.rechecked());
      assertEquals(1, flipped.changed().size());
      SuiteWatch.Change c = flipped.changed().get(0);
      assertEquals(Verdict.HOLDS, c.before().outcome().verdict());
      assertEquals(Verdict.VIOLATED, c.after().outcome().verdict());
      assertTrue(
          text.toString()
              .contains("Counter: HOLDS -> VIOLATED invariant SumBelow5 (6 states) [MISMATCH]"),
          text.toString());

      // a file the model does not read: nothing to re-check, nothing printed but the round
      Files.writeString(dir.resolve("notes.txt"), "not a spec");
      Round quiet = (Round) events.poll(WAIT_SECONDS, TimeUnit.SECONDS);
      assertNotNull(quiet, text.toString());
      assertEquals(0, quiet.rechecked());
      assertTrue(quiet.changed().isEmpty());
    } finally {
      t.interrupt();
      t.join(TimeUnit.SECONDS.toMillis(WAIT_SECONDS));
    }
    assertFalse(t.isAlive(), "the watch ends when interrupted");
  }
}
