package org.vfiomc.checker.cli;

import java.io.PrintWriter;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import org.vfiomc.checker.result.ModelResult;
import org.vfiomc.checker.run.Progress;
import org.vfiomc.checker.run.ProgressListener;

/**
 * The live status line on standard error, shown only for models running longer than {@link
 * #QUIET_MILLIS}: rewritten in place on a terminal, one line every {@link #LOG_EVERY_MILLIS}
 * otherwise (CI logs).
 */
final class ProgressPrinter implements ProgressListener {
  static final long QUIET_MILLIS = 3000;
  static final long LOG_EVERY_MILLIS = 10_000;

  private final PrintWriter err;
  private final boolean terminal;
  private final Map<String, Long> lastPrinted = new HashMap<>();
  private boolean lineOpen;

  ProgressPrinter(PrintWriter err, boolean terminal) {
    this.err = err;
    this.terminal = terminal;
  }

  @Override
  public synchronized void progress(Progress p) {
    if (p.elapsedMillis() < QUIET_MILLIS) {
      return;
    }
    String line =
        String.format(
            Locale.ROOT,
            "%s: %,d distinct states (%,d/s), %,d generated, %,d on queue, depth %d, %ds",
            p.model(),
            p.distinct(),
            p.distinctPerSecond(),
            p.generated(),
            p.queue(),
            p.depth(),
            p.elapsedMillis() / 1000);
    if (terminal) {
      err.print("\r" + line + "\u001b[K");
      lineOpen = true;
    } else {
      Long last = lastPrinted.get(p.model());
      if (last != null && p.elapsedMillis() - last < LOG_EVERY_MILLIS) {
        return;
      }
      lastPrinted.put(p.model(), p.elapsedMillis());
      err.println(line);
    }
    err.flush();
  }

  @Override
  public synchronized void warning(String model, String message) {
    if (lineOpen) {
      err.print("\r\u001b[K");
      lineOpen = false;
    }
    err.println("warning: " + model + ": " + message);
    err.flush();
  }

  @Override
  public synchronized void finished(ModelResult result) {
    if (lineOpen) {
      err.print("\r\u001b[K");
      err.flush();
      lineOpen = false;
    }
  }
}
