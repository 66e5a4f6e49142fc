package org.vfiomc.checker.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;
import org.vfiomc.checker.run.Progress;

final class ProgressPrinterTest {
  @Test
  void log_skipsTheFirstThreeSeconds_thenPrintsAtMostEveryTenSecondsPerModel() {
    StringWriter text = new StringWriter();
    ProgressPrinter p = new ProgressPrinter(new PrintWriter(text), false);
    p.progress(new Progress("M", 3, 100, 50, 7, 2_000)); // < 3 s: silent
    p.progress(new Progress("M", 5, 20_000, 10_000, 300, 4_000)); // printed
    p.progress(new Progress("M", 6, 30_000, 15_000, 200, 9_000)); // 5 s after the last: skipped
    p.progress(new Progress("N", 2, 10, 5, 1, 9_000)); // another model: printed
    p.progress(new Progress("M", 9, 60_000, 40_000, 100, 14_000)); // 10 s after: printed
    // 10,000 distinct in 4 s = 2,500/s; 40,000 in 14 s = 2,857/s
    assertEquals(
        """
        M: 10,000 distinct states (2,500/s), 20,000 generated, 300 on queue, depth 5, 4s
        N: 5 distinct states (0/s), 10 generated, 1 on queue, depth 2, 9s
        M: 40,000 distinct states (2,857/s), 60,000 generated, 100 on queue, depth 9, 14s
        """,
        text.toString());
  }

  @Test
  void terminal_rewritesOneLine_andClearsItWhenAModelFinishes() {
    StringWriter text = new StringWriter();
    ProgressPrinter p = new ProgressPrinter(new PrintWriter(text), true);
    p.progress(new Progress("M", 5, 20, 10, 3, 5_000));
    p.finished(null);
    assertEquals(
        "\rM: 10 distinct states (2/s), 20 generated, 3 on queue, depth 5, 5s\u001b[K\r\u001b[K",
        text.toString());
  }
}
