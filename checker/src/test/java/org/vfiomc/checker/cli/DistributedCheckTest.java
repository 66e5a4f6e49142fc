package org.vfiomc.checker.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vfiomc.checker.RepoRoot;
import org.vfiomc.checker.result.CheckOutcome;
import org.vfiomc.checker.result.ModelResult;
import org.vfiomc.checker.result.OutcomeReader;
import org.vfiomc.checker.trace.TlaValue;

/**
 * {@code check --distributed} with two {@code checker worker} processes on loopback: a HOLDS model
 * finds the 16 states the one-process check finds; on a violation, the counterexample printed is a
 * behaviour of the spec (TLC 2.18's distributed server reports one that starts in a state that is
 * not initial: the checker re-derives it and prints the shortest one, 6 states).
 */
final class DistributedCheckTest {
  private static final long LIMIT_SECONDS = 150;

  private static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      return s.getLocalPort();
    }
  }

  private static Process worker(int port) throws IOException {
    return new ProcessBuilder(
            Path.of(System.getProperty("java.home"), "bin", "java").toString(),
            "-cp",
            System.getProperty("java.class.path"),
            Main.class.getName(),
            "worker",
            "127.0.0.1:" + port,
            "--timeout",
            Long.toString(LIMIT_SECONDS))
        .redirectErrorStream(true)
        .redirectOutput(ProcessBuilder.Redirect.DISCARD)
        .start();
  }

  private static ModelResult check(String cfg, Path json) throws Exception {
    int port = freePort();
    Path examples = RepoRoot.examples();
    CompletableFuture<CliRun> server =
        CompletableFuture.supplyAsync(
            () ->
                CliRun.of(
                    "check",
                    examples.resolve("Counter.tla").toString(),
                    "--config",
                    examples.resolve(cfg).toString(),
                    "--distributed",
                    "--port",
                    Integer.toString(port),
                    "--timeout",
                    Long.toString(LIMIT_SECONDS),
                    "--json",
                    json.toString()));
    List<Process> workers = new ArrayList<>();
    try {
      workers.add(worker(port));
      workers.add(worker(port));
      CliRun run = server.get(LIMIT_SECONDS + 30, TimeUnit.SECONDS);
      for (Process w : workers) {
        assertTrue(w.waitFor(60, TimeUnit.SECONDS), "a worker ends when the server is done");
      }
      assertFalse(run.err().contains("Exception"), run.err());
      return OutcomeReader.readResults(json).get(0);
    } finally {
      for (Process w : workers) {
        w.destroyForcibly();
      }
    }
  }

  @Test
  void holdsWithTheStateCountOfTheOneProcessCheck(@TempDir Path dir) throws Exception {
    ModelResult r = check("CounterOK.cfg", dir.resolve("ok.json"));
    assertTrue(r.outcome() instanceof CheckOutcome.Holds, r.toString());
    // two counters in 0..3: 16 states, as ExampleModelsTest counts them in one process
    assertEquals(16, r.outcome().stats().distinctStates());
  }

  @Test
  void aViolationIsReportedWithARealShortestCounterexample(@TempDir Path dir) throws Exception {
    ModelResult r = check("CounterSum.cfg", dir.resolve("sum.json"));
    CheckOutcome.Violated v = (CheckOutcome.Violated) r.outcome();
    assertEquals("SumBelow5", v.property());
    // five Inc steps from the initial state, where both counters are 0
    assertEquals(6, v.trace().steps().size());
    TlaValue first = v.trace().steps().get(0).state().get("ctr");
    assertTrue(
        first.toTla().contains("p1 :> 0") && first.toTla().contains("p2 :> 0"), first.toTla());
  }

  @Test
  void portAndBindNeedDistributed() {
    assertEquals(
        2,
        CliRun.of("check", RepoRoot.examples().resolve("Counter.tla").toString(), "--port", "1")
            .code());
    assertEquals(2, CliRun.of("check", RepoRoot.examples().toString(), "--distributed").code());
    assertEquals(2, CliRun.of("worker", "127.0.0.1:notaport").code());
  }
}
