package org.vfiomc.checker.cli;

import java.io.PrintWriter;
import java.io.StringWriter;

/** One run of the command line in this JVM: its exit code and what it printed. */
record CliRun(int code, String out, String err) {
  /** Runs {@code checker ARGS...} without a terminal and captures both streams. */
  static CliRun of(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code = Main.run(args, new PrintWriter(out, true), new PrintWriter(err, true), false);
    return new CliRun(code, out.toString(), err.toString());
  }
}
