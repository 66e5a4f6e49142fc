package org.vfiomc.checker.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import org.vfiomc.checker.run.TlcFlags;
import org.vfiomc.checker.tlc.ForkedWorker;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code worker HOST[:PORT]}: one distributed TLC worker for the server a {@code check
 * --distributed} runs on HOST; it retries while the server is not up yet and ends when the server
 * is done.
 */
@Command(
    name = "worker",
    mixinStandardHelpOptions = true,
    exitCodeOnInvalidInput = 2,
    exitCodeOnExecutionException = 3,
    description = {
      "Compute states for a 'checker check --distributed' server (TLC's distributed worker).",
      "Exit codes: 0 the server finished, 2 usage error, 3 the worker failed or timed out."
    })
final class WorkerCommand implements Callable<Integer> {
  @Parameters(arity = "1", paramLabel = "HOST[:PORT]", description = "The server (port 10997).")
  String server;

  @Option(names = "--threads", paramLabel = "N", description = "Worker threads (default 1).")
  int threads = 1;

  @Option(
      names = "--bind",
      paramLabel = "ADDR",
      description =
          "The address this worker's RMI objects listen on for the server's calls (default"
              + " 127.0.0.1; name this host's interface when the server is on another host).")
  String bind = TlcFlags.Distributed.LOOPBACK;

  @Option(
      names = "--timeout",
      paramLabel = "SECONDS",
      description = "Give up after this long (default 3600).")
  long timeout = 3600;

  private final PrintWriter err;

  WorkerCommand(PrintWriter err) {
    this.err = err;
  }

  @Override
  public Integer call() throws InterruptedException {
    String host = server;
    int port = TlcFlags.Distributed.DEFAULT_PORT;
    int colon = server.lastIndexOf(':');
    if (colon > 0 && server.indexOf(':') == colon) {
      host = server.substring(0, colon);
      try {
        port = Integer.parseInt(server.substring(colon + 1));
      } catch (NumberFormatException e) {
        err.println("error: HOST[:PORT]: '" + server.substring(colon + 1) + "' is not a port");
        return ExitCodes.INPUT;
      }
    }
    if (threads < 1 || timeout < 1) {
      err.println("error: --threads and --timeout must be at least 1");
      return ExitCodes.INPUT;
    }
    TlcFlags.Distributed at;
    try {
      at = new TlcFlags.Distributed(bind, port);
    } catch (IllegalArgumentException e) {
      err.println("error: " + e.getMessage());
      return ExitCodes.INPUT;
    }
    try {
      return new ForkedWorker().run(host, at, threads, timeout, err::println);
    } catch (IOException e) {
      err.println("error: cannot start the worker: " + e.getMessage());
      return ExitCodes.TOOL;
    }
  }
}
