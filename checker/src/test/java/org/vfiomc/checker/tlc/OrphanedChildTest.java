package org.vfiomc.checker.tlc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vfiomc.checker.RepoRoot;

/**
 * A forked child never outlives its checker. {@code kill -9} of the checker runs no Java code in
 * it, so the child must notice by itself (its watcher polls every 500 ms) and remove its work
 * directory; SIGTERM runs the checker's shutdown hook, which kills the child and removes the
 * directory before the checker's JVM is gone. Each case starts a real checker JVM with its own
 * {@code java.io.tmpdir}, so the directories counted are only the ones this run made.
 */
final class OrphanedChildTest {
  /** Watch period 0.5 s, plus the child's JVM noticing and halting; generous for a busy machine. */
  private static final long GONE_WITHIN_MILLIS = 8000;

  private static final Path EXAMPLES = RepoRoot.get().resolve("specs/examples");

  @TempDir Path tmp;

  @Test
  void checkChild_diesAndCleansUp_whenItsCheckerIsKilled() throws Exception {
    orphan("check", "vfiomc-tlc-");
  }

  @Test
  void exploreChild_diesAndCleansUp_whenItsCheckerIsKilled() throws Exception {
    orphan("explore", "vfiomc-explore-");
  }

  @Test
  void sigtermOfTheCli_killsTheChildAndRemovesItsDirBeforeExiting() throws Exception {
    Process cli =
        java(
            "org.vfiomc.checker.cli.Main",
            "check",
            EXAMPLES.resolve("Forever.tla").toString(),
            "--timeout",
            "120",
            "--quiet");
    ProcessHandle child = null;
    try {
      child = runningChild(cli, "vfiomc-tlc-");
      cli.destroy(); // SIGTERM
      assertTrue(cli.waitFor(GONE_WITHIN_MILLIS, TimeUnit.MILLISECONDS), "checker did not stop");
      // The hook waits for the child and deletes the directory before the JVM ends; the child's
      // own watcher would need another half second, so this checks the hook.
      assertEquals(List.of(), ours("vfiomc-tlc-"), "work dir left behind by the checker");
      assertTrue(gone(child), "TLC child still running after the checker stopped");
    } finally {
      cli.destroyForcibly();
      if (child != null) {
        child.destroyForcibly();
      }
    }
  }

  private void orphan(String mode, String prefix) throws Exception {
    Process parent =
        java(
            OrphanParent.class.getName(),
            mode,
            EXAMPLES.resolve("Forever.tla").toString(),
            EXAMPLES.resolve("Forever.cfg").toString());
    ProcessHandle child = null;
    try {
      child = runningChild(parent, prefix);
      parent.destroyForcibly(); // SIGKILL: no shutdown hook runs
      parent.waitFor();
      assertTrue(gone(child), mode + " child still running " + GONE_WITHIN_MILLIS + " ms after");
      assertTrue(
          waitUntil(() -> ours(prefix).isEmpty()),
          () -> "work dir left behind: " + contents(prefix));
    } finally {
      parent.destroyForcibly();
      if (child != null) {
        child.destroyForcibly(); // a failed run must not leave an orphan behind either
      }
    }
  }

  private Process java(String main, String... args) throws IOException {
    List<String> cmd = new ArrayList<>();
    cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    cmd.add("-Djava.io.tmpdir=" + tmp);
    cmd.add("-Dvfiomc.root=" + RepoRoot.get());
    cmd.add("-cp");
    cmd.add(ChildJvm.absolute(System.getProperty("java.class.path")));
    cmd.add(main);
    cmd.addAll(List.of(args));
    return new ProcessBuilder(cmd)
        .redirectOutput(ProcessBuilder.Redirect.DISCARD)
        .redirectError(ProcessBuilder.Redirect.DISCARD)
        .start();
  }

  /**
   * Waits until {@code parent} has forked its child, the child runs the JVM and the child's work
   * dir exists. On Linux the JDK starts a child through {@code jspawnhelper}, which reads its
   * command from the parent and only then execs {@code java}: a checker killed before that exec
   * leaves a helper that gives up, no JVM, and so no watcher to remove the directory (a window of a
   * few milliseconds that the test must not aim at; it made this test flaky on a loaded CI).
   */
  private ProcessHandle runningChild(Process parent, String prefix) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    while (System.nanoTime() < deadline) {
      assertTrue(parent.isAlive(), "the checker ended before forking its child");
      // the checker's other child is its ExitSweeper shell
      List<ProcessHandle> children = parent.children().filter(OrphanedChildTest::isJvm).toList();
      if (children.size() == 1 && ours(prefix).size() == 1) {
        return children.get(0);
      }
      Thread.sleep(50);
    }
    throw new AssertionError("no child and work dir after 30 s");
  }

  private static boolean isJvm(ProcessHandle p) {
    return p.info()
        .command()
        .map(c -> Path.of(c).getFileName().toString().equals("java"))
        .orElse(false);
  }

  private static boolean gone(ProcessHandle child) throws InterruptedException {
    return waitUntil(() -> !child.isAlive());
  }

  private static boolean waitUntil(java.util.function.BooleanSupplier done)
      throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(GONE_WITHIN_MILLIS);
    while (!done.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        return false;
      }
      Thread.sleep(50);
    }
    return true;
  }

  /** The leftover directories and every file in them, for the failure message. */
  private String contents(String prefix) {
    StringBuilder b = new StringBuilder();
    for (Path d : ours(prefix)) {
      try (Stream<Path> s = Files.walk(d)) {
        s.forEach(p -> b.append("\n  ").append(tmp.relativize(p)));
      } catch (IOException | java.io.UncheckedIOException e) {
        b.append("\n  ").append(d).append(" (").append(e.getMessage()).append(')');
      }
    }
    return b.toString();
  }

  private List<Path> ours(String prefix) {
    try (Stream<Path> s = Files.list(tmp)) {
      return s.filter(p -> p.getFileName().toString().startsWith(prefix)).toList();
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }
}
