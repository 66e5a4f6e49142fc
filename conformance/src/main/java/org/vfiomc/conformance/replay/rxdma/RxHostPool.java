package org.vfiomc.conformance.replay.rxdma;

import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.Map;
import org.vfiomc.conformance.emulator.VfConfig;
import org.vfiomc.conformance.ledger.PacketLedger;

/**
 * Source and destination hosts kept for the next replay of the same ring size and VF configuration:
 * a replay leases a pair, started as freshly built hosts ({@link RxHost#start}), and gives it back
 * when it is closed. Thread-safe; a pair is used by one replay at a time, and a replay that is
 * never closed only costs the pool its pair.
 */
final class RxHostPool {
  /** Pairs kept per key: enough for a replay and the one it is compared with. */
  private static final int KEEP = 2;

  private record Key(int n, VfConfig cfg) {}

  /** A source and a destination host. */
  record Pair(RxHost src, RxHost dst) {}

  private final Map<Key, ArrayDeque<Pair>> free = new HashMap<>();
  private int built;

  /** A pair of hosts as freshly built, for a run that reports drops to {@code ledger}. */
  Pair lease(RxLayout layout, VfConfig cfg, PacketLedger ledger) {
    Pair p;
    synchronized (this) {
      ArrayDeque<Pair> q = free.get(new Key(layout.n, cfg));
      p = q == null ? null : q.poll();
    }
    if (p == null) {
      p = new Pair(new RxHost("source", layout, cfg), new RxHost("destination", layout, cfg));
      synchronized (this) {
        built++;
      }
    }
    p.src().start(ledger);
    p.dst().start(ledger);
    return p;
  }

  /** Pairs built so far (the rest of the leases reused one). */
  synchronized int built() {
    return built;
  }

  /** Gives a pair back once its replay is over. */
  synchronized void release(RxLayout layout, VfConfig cfg, Pair p) {
    ArrayDeque<Pair> q = free.computeIfAbsent(new Key(layout.n, cfg), k -> new ArrayDeque<>());
    if (q.size() < KEEP) {
      q.push(p);
    }
  }
}
