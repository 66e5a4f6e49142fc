package org.vfiomc.checker.tlc.link;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/**
 * Removes a checker's temp directories (its TLC children's work directories, a mutation run's
 * copies) when the run's JVM dies without running Java code ({@code kill -9}, the OOM killer),
 * which no shutdown hook sees. A {@code /bin/sh} child reads one directory per line from a pipe;
 * when the pipe reaches end-of-file, which the kernel causes by closing the dead JVM's descriptors,
 * it waits for the TLC children (their own parent watch halts them within about half a second,
 * {@link ParentWatch}) and removes every directory it was told of, twice, a second apart, in case a
 * dying child wrote once more.
 *
 * <p>The JDK closes every other descriptor in the children it starts, so only this JVM holds the
 * pipe's write end. A normal end deletes the directories first and then closes the pipe: the
 * sweeper's {@code rm -rf} then finds nothing. A directory name holding a newline (a {@code
 * java.io.tmpdir} chosen that way) is not sent; it relies on the shutdown hook alone, as before.
 * Linux and macOS only, like the hosts this tool checks; without {@code /bin/sh} nothing is swept.
 */
public final class ExitSweeper implements AutoCloseable {
  /** Seconds the sweeper waits after end-of-file before its first removal. */
  static final int GRACE_SECONDS = 2;

  private static final String SCRIPT =
      "set --; while IFS= read -r d; do set -- \"$@\" \"$d\"; done; "
          + "[ $# -gt 0 ] || exit 0; sleep "
          + GRACE_SECONDS
          + "; rm -rf -- \"$@\"; sleep 1; rm -rf -- \"$@\"";

  private final Process sh;
  private final OutputStream pipe;

  private ExitSweeper(Process sh) {
    this.sh = sh;
    this.pipe = sh.getOutputStream();
  }

  /** Starts the sweeper, or returns {@code null} when no shell can be started. */
  public static ExitSweeper start() {
    try {
      Process p =
          new ProcessBuilder("/bin/sh", "-c", SCRIPT)
              .redirectOutput(ProcessBuilder.Redirect.DISCARD)
              .redirectError(ProcessBuilder.Redirect.DISCARD)
              .start();
      return new ExitSweeper(p);
    } catch (IOException e) {
      return null;
    }
  }

  /** Tells the sweeper about one more directory to remove if this JVM dies. */
  public synchronized void watch(Path dir) {
    String name = dir.toAbsolutePath().toString();
    if (name.indexOf('\n') >= 0) {
      return;
    }
    try {
      pipe.write((name + "\n").getBytes(StandardCharsets.UTF_8));
      pipe.flush();
    } catch (IOException e) {
      // the sweeper is gone (killed by the shutdown hook, or no shell): the hook still sweeps
    }
  }

  /** Ends the sweeper after the run removed its directories itself. */
  @Override
  public synchronized void close() {
    try {
      pipe.close();
    } catch (IOException e) {
      // already closed
    }
    sh.destroy();
    try {
      // reaped before returning: a caller that counts its child processes next sees none
      sh.waitFor(2, java.util.concurrent.TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
