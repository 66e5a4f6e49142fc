package org.vfiomc.checker.tlc;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.vfiomc.checker.run.TlcFlags;
import org.vfiomc.checker.tlc.child.DistributedWorkerChild;

/**
 * One distributed TLC worker ({@code checker worker HOST[:PORT]}) in its own JVM: it connects to
 * the server a {@code check --distributed} started, computes successor states until the server is
 * done, and exits. Its output lines go to a consumer; its temp dir is removed afterwards.
 */
public final class ForkedWorker {
  /** How TLC's worker reports that it could not start (it then waits forever). */
  private static final String FAILED_TO_START = "Error: Failed to start worker";

  private final ChildJvm jvm = ChildJvm.ofThisProcess();
  private final ChildProcesses children = new ChildProcesses();

  /**
   * Runs a worker until the server is done or {@code timeoutSeconds} pass.
   *
   * @param host the server's host name or address
   * @param server the server's port, and the address this worker's own RMI objects bind to
   * @param threads worker threads
   * @return 0 when the server finished, 3 when the worker failed or timed out
   */
  public int run(
      String host,
      TlcFlags.Distributed server,
      int threads,
      long timeoutSeconds,
      Consumer<String> lines)
      throws IOException, InterruptedException {
    try (ChildProcesses.Lease lease = children.leaseNew(null, "vfiomc-worker-")) {
      Path work = lease.work();
      Path tmp = Files.createDirectory(work.resolve("tmp"));
      List<String> options = new ArrayList<>(ForkedTlcRunner.distributedOptions(server));
      options.add("-Dtlc2.tool.distributed.TLCWorker.threadCount=" + threads);
      options.addAll(org.vfiomc.checker.tlc.link.ParentLink.jvmOptions(work));
      List<String> command =
          jvm.command(tmp, options, DistributedWorkerChild.class.getName(), List.of(host));
      Process p =
          new ProcessBuilder(command).directory(work.toFile()).redirectErrorStream(true).start();
      lease.started(p);
      p.getOutputStream().close();
      Thread pump =
          new Thread(
              () -> {
                try (BufferedReader r =
                    new BufferedReader(
                        new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
                  for (String line = r.readLine(); line != null; line = r.readLine()) {
                    lines.accept(line);
                    if (line.startsWith(FAILED_TO_START)) {
                      ChildProcesses.killTree(p); // TLC's worker would wait forever
                    }
                  }
                } catch (IOException e) {
                  // the worker died mid-line; its exit status tells
                }
              },
              "worker-out");
      pump.setDaemon(true);
      pump.start();
      if (!p.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
        ChildProcesses.killTree(p);
        pump.join();
        lines.accept("worker: no server finished within " + timeoutSeconds + " s; stopped");
        return 3;
      }
      pump.join();
      return p.exitValue() == 0 ? 0 : 3;
    }
  }
}
