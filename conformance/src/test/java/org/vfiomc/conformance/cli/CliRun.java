package org.vfiomc.conformance.cli;

import java.io.PrintWriter;
import java.io.StringWriter;

/** One run of the command line as the CLI tests see it: exit code, standard output and error. */
record CliRun(int code, String out, String err) {
  /** Runs {@code args} through {@link Main#execute} and keeps what it printed. */
  static CliRun of(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code = Main.execute(args, new PrintWriter(out, true), new PrintWriter(err, true));
    return new CliRun(code, out.toString(), err.toString());
  }
}
