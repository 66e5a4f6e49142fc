package org.vfiomc.checker.tlc.child;

import org.vfiomc.checker.tlc.link.ParentWatch;
import tlc2.tool.distributed.TLCWorker;

/**
 * Main class of the forked JVM of one distributed TLC worker ({@code checker worker HOST[:PORT]}):
 * {@code DistributedWorkerChild HOST}, with the server's port in {@code
 * -Dtlc2.tool.distributed.TLCServer.port} and its threads in {@code
 * -Dtlc2.tool.distributed.TLCWorker.threadCount}. TLC's worker looks the server up (retrying while
 * it is not there yet), computes successor states until the server is done, and exports its own RMI
 * objects on {@link BoundSockets}' address. Exits 0 when the server finished, 3 on a failure.
 */
public final class DistributedWorkerChild {
  private DistributedWorkerChild() {}

  public static void main(String[] args) {
    ParentWatch.start(Runtime.getRuntime()::halt);
    if (args.length != 1) {
      System.err.println("usage: DistributedWorkerChild HOST");
      System.exit(2);
      return;
    }
    try {
      BoundSockets.install();
      TLCWorker.main(new String[] {args[0]});
      TLCWorker.awaitTermination();
    } catch (Exception | Error e) {
      System.err.println("distributed TLC worker failed: " + e);
      System.exit(3);
      return;
    }
    System.exit(0);
  }
}
