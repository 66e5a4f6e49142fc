package org.vfiomc.checker.tlc.link;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.function.LongSupplier;

/**
 * Ends a forked JVM whose checker is gone, even after {@code kill -9} of the checker, which runs no
 * shutdown hook: a daemon thread compares, every {@link #PERIOD_MILLIS} ms, this process's parent
 * with the pid the checker passed ({@link ParentLink#PARENT_PID}). When the parent dies the kernel
 * re-parents the child (to init or a subreaper), so the parent pid changes for good; unlike asking
 * whether that pid is alive, this cannot be fooled by the pid being reused. The watcher then
 * removes the child's work directory ({@link ParentLink#WORK_DIR}) and halts without running TLC's
 * shutdown hooks.
 *
 * <p>Watching standard input for end-of-file was the alternative; it needs the parent to hold a
 * pipe open for the child's lifetime and the child to own its standard input, which TLC's code does
 * not promise. Polling costs one read of {@code /proc/self/stat} per period and nothing at startup
 * beyond starting the thread.
 */
public final class ParentWatch {
  static final long PERIOD_MILLIS = 500;

  private ParentWatch() {}

  /**
   * Starts the watcher if the parent passed its pid; does nothing otherwise. {@code halt} ends the
   * process (the entry points pass {@code Runtime.getRuntime()::halt}).
   */
  public static void start(java.util.function.IntConsumer halt) {
    String pid = System.getProperty(ParentLink.PARENT_PID);
    if (pid == null || pid.isBlank()) {
      return;
    }
    long expected;
    try {
      expected = Long.parseLong(pid.strip());
    } catch (NumberFormatException e) {
      return;
    }
    String work = System.getProperty(ParentLink.WORK_DIR);
    Optional<Path> dir =
        work == null || work.isBlank() ? Optional.empty() : Optional.of(Path.of(work));
    LongSupplier parent =
        () -> ProcessHandle.current().parent().map(ProcessHandle::pid).orElse(-1L);
    // If something sits between the checker and this JVM (a wrapper script), the parent pid never
    // matched: fall back to asking whether the checker's pid is alive.
    boolean direct = parent.getAsLong() == expected;
    Thread t =
        new Thread(
            () -> {
              while (direct
                  ? parent.getAsLong() == expected
                  : ProcessHandle.of(expected).map(ProcessHandle::isAlive).orElse(false)) {
                try {
                  Thread.sleep(PERIOD_MILLIS);
                } catch (InterruptedException e) {
                  Thread.currentThread().interrupt();
                  return;
                }
              }
              dir.ifPresent(ParentWatch::deleteTree);
              dir.filter(Files::exists).ifPresent(ParentWatch::deleteAfterExit);
              halt.accept(ParentLink.ORPHANED);
            },
            "vfiomc-parent-watch");
    t.setDaemon(true);
    t.start();
  }

  /**
   * Deletes {@code root} while TLC's workers may still be writing into it: rounds 50 ms apart until
   * the directory has stayed absent for two consecutive looks, for at most 3 s (a fixed number of
   * back-to-back rounds lost the race on a loaded machine: a worker created a file after the last
   * one). The caller halts right after, so nothing writes for long after the last look.
   */
  static void deleteTree(Path root) {
    int absentLooks = 0;
    for (int round = 0; round < 60 && absentLooks < 2; round++) {
      if (!Files.exists(root)) {
        absentLooks++;
      } else {
        absentLooks = 0;
        TempTrees.deleteTree(root); // a file appearing meanwhile: the next round sees it
      }
      try {
        Thread.sleep(50);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
  }

  /**
   * The last resort when TLC's workers kept re-creating files in the directory: a detached {@code
   * rm -rf} that starts once this JVM has halted (nothing writes any more then). Linux and macOS
   * only, like the VFIO hosts this tool checks; elsewhere the directory stays, as before.
   */
  private static void deleteAfterExit(Path root) {
    try {
      new ProcessBuilder(
              "/bin/sh", "-c", "sleep 1; rm -rf -- \"$0\"", root.toAbsolutePath().toString())
          .redirectErrorStream(true)
          .redirectOutput(ProcessBuilder.Redirect.DISCARD)
          .start();
    } catch (IOException e) {
      // no shell: the directory stays behind, named after the checker's temp prefix
    }
  }
}
