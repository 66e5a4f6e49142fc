package org.vfiomc.checker.tlc;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Deque;

/** Keeps the last lines of the child's standard error for diagnosing a lost child. */
final class StderrTail {
  private final int limit;
  private final Deque<String> lines = new ArrayDeque<>();

  StderrTail(int limit) {
    this.limit = limit;
  }

  /** Reads the stream to its end; lines starting {@code prefix} go to {@code tagged} instead. */
  void drain(InputStream in, String prefix, java.util.function.Consumer<String> tagged) {
    try (BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
      for (String line = r.readLine(); line != null; line = r.readLine()) {
        if (line.startsWith(prefix)) {
          tagged.accept(line.substring(prefix.length()));
          continue;
        }
        synchronized (this) {
          lines.addLast(line);
          if (lines.size() > limit) {
            lines.removeFirst();
          }
        }
      }
    } catch (IOException e) {
      // the stream closes when the child is killed
    }
  }

  /** {@code "; stderr: ..."} or empty. */
  synchronized String describe() {
    return lines.isEmpty() ? "" : "; stderr: " + String.join(" | ", lines);
  }
}
