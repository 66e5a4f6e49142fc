package org.vfiomc.checker.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.util.Optional;

/**
 * The reports of one command, written exactly once: by the command when its work is done ({@link
 * #complete}), or by a shutdown hook when the checker is stopped (SIGINT, SIGTERM) first, with what
 * had finished by then. {@code check}, {@code mutate} and {@code traces} use it; each says what its
 * partial reports hold.
 */
final class ReportsOnce implements AutoCloseable {
  /** Writes reports. */
  @FunctionalInterface
  interface Write {
    void run() throws IOException;
  }

  /** Writes reports and says something about them (an exit code). */
  @FunctionalInterface
  interface Result<T> {
    T run() throws IOException;
  }

  private final Write partial;
  private final PrintWriter err;
  private final Thread hook;
  private boolean written;

  /**
   * Registers the hook; {@code partial} runs in it, under this object's lock, when the command has
   * not completed.
   */
  ReportsOnce(String name, Write partial, PrintWriter err) {
    this.partial = partial;
    this.err = err;
    this.hook = new Thread(this::stopped, "vfiomc-partial-" + name);
    Runtime.getRuntime().addShutdownHook(hook);
  }

  /**
   * Writes the complete reports unless the hook has written partial ones already; {@code false}
   * when it had (the checker is being stopped).
   */
  boolean complete(Write full) throws IOException {
    return completeWith(
            () -> {
              full.run();
              return Boolean.TRUE;
            })
        .isPresent();
  }

  /**
   * {@link #complete} for a write that yields a value: that value, or empty when the hook had
   * written partial reports already.
   */
  synchronized <T> Optional<T> completeWith(Result<T> full) throws IOException {
    if (written) {
      return Optional.empty();
    }
    written = true;
    return Optional.of(full.run());
  }

  private synchronized void stopped() {
    if (written) {
      return; // the complete reports are written (the lock waited for them)
    }
    written = true;
    try {
      partial.run();
    } catch (IOException e) {
      err.println("error: checker stopped; cannot write report: " + e.getMessage());
    }
    err.flush();
  }

  /** Removes the hook once the command is done. */
  @Override
  public void close() {
    try {
      Runtime.getRuntime().removeShutdownHook(hook);
    } catch (IllegalStateException e) {
      // the JVM is shutting down: the hook runs and finds the reports written
    }
  }

  /** The JVM has begun its shutdown (a hook can no longer be added). */
  static boolean shuttingDown() {
    Thread probe = new Thread(() -> {}, "vfiomc-shutdown-probe");
    try {
      Runtime.getRuntime().addShutdownHook(probe);
    } catch (IllegalStateException e) {
      return true;
    }
    Runtime.getRuntime().removeShutdownHook(probe);
    return false;
  }
}
